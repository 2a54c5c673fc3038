"""A case handled by an agent: the 代办委托协议 carries the agent, the scope and the period."""

import subprocess
from datetime import date
from pathlib import Path

from clerk_app.documents.from_case import issue_for_case
from clerk_app.domain.applicants import ApplicantKind, Delegation
from clerk_app.services import cases as svc


def test_delegation_notice_names_agent_scope_and_period(ctx, users, new_applicant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    applicant = new_applicant()
    agent = svc.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="李代办", id_number="440524188001010014")
    delegation = Delegation(agent_id=agent.id, scope="代为提交个体工商户设立登记材料", valid_to=date(2026, 4, 30),
                            liabilities_acknowledged=True)
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id, agent_id=agent.id,
                         delegation=delegation)
    _notice, pdf, _path = issue_for_case(ctx, clerk, case.number, "delegation")
    (tmp_path / "d.pdf").write_bytes(pdf)
    text = "".join(subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "李代办" in text and "代为提交个体工商户设立登记材料" in text and "2026年4月30日" in text
    assert "440524********0014" in text and "440524188001010014" not in text
