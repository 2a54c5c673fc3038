"""Joint cases (联办件): the pure rules — which matters may be bundled, and the joint checklist."""

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from clerk_app.domain.cases import (
    Case,
    MaterialStatus,
    check_bundle,
    require_same_bundle,
    shared_materials,
)
from clerk_app.domain.matters import Necessity, parse_catalogue
from clerk_app.errors import DomainError

_DEMO = Path(__file__).parents[3] / "resources/catalogue/demo.toml"
CATALOGUE = parse_catalogue(tomllib.loads(_DEMO.read_text("utf-8")), _DEMO.name)
DIBAO, JIUZHU = CATALOGUE.by_code("000119001000"), CATALOGUE.by_code("000119004000")  # 低保, 临时救助


def _case(matter, number: str, bundle: str | None = "b1") -> Case:  # type: ignore[no-untyped-def]
    return Case.receive(id=number, number=number, matter=matter, applicant_id="a", at=datetime(2026, 3, 2, 9),
                        window="01", clerk_id="u", bundle_id=bundle)


def test_a_bundle_needs_two_distinct_authorised_matters() -> None:
    check_bundle([DIBAO, JIUZHU])
    with pytest.raises(DomainError, match="至少两个事项"):
        check_bundle([DIBAO])
    with pytest.raises(DomainError, match="选了两次"):
        check_bundle([DIBAO, JIUZHU, DIBAO])
    unauthorised = next(m for m in CATALOGUE.matters if not m.window_authorised)
    with pytest.raises(DomainError, match="未授权综合窗口"):
        check_bundle([DIBAO, unauthorised])


def test_a_material_both_matters_ask_for_is_one_line() -> None:
    a, b = _case(DIBAO, "N-1"), _case(JIUZHU, "N-2")
    rows = shared_materials([a, b])
    assert len(rows) == len(a.materials) + len(b.materials) - 1
    shared = [r for r in rows if r.shared]
    assert [r.name for r in shared] == ["家庭经济状况核对授权书"]
    assert shared[0].lines == (("N-1", 3), ("N-2", 4)) and shared[0].necessity is Necessity.REQUIRED
    assert [r.name for r in rows][:5] == [m.name for m in a.materials]  # first appearance keeps the order


def test_the_strictest_necessity_wins_and_status_follows_the_lines() -> None:
    a, b = _case(DIBAO, "N-1"), _case(JIUZHU, "N-2")
    a.materials[4].name = "导致困难的 相关证明"  # optional here, 容缺 in 临时救助; spacing does not matter
    row = next(r for r in shared_materials([a, b]) if r.shared and "困难" in r.name)
    assert row.necessity is Necessity.RONGQUE
    a.check_material(3, MaterialStatus.SUBMITTED)
    assert next(r for r in shared_materials([a, b]) if r.name == "家庭经济状况核对授权书").status is MaterialStatus.SUBMITTED


def test_lines_of_different_applications_are_never_mixed() -> None:
    require_same_bundle(["b1", "b1"])
    require_same_bundle([None])  # one ordinary case
    for ids in (["b1", "b2"], ["b1", None]):
        with pytest.raises(DomainError, match="同一联办申请"):
            require_same_bundle(ids)


def test_check_material_refuses_defective_without_a_note_and_after_intake() -> None:
    a = _case(DIBAO, "N-1")
    with pytest.raises(DomainError, match="哪里不符合要求"):
        a.check_material(1, MaterialStatus.DEFECTIVE)
    with pytest.raises(DomainError, match="没有序号为 9"):
        a.check_material(9, MaterialStatus.SUBMITTED)
    a.state = a.state.__class__.ACCEPTED
    with pytest.raises(DomainError, match="不能再核验材料"):
        a.check_material(1, MaterialStatus.SUBMITTED)
