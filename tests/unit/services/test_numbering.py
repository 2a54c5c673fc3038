"""Two counters allocating case numbers offline, on the same day, never collide."""

from pathlib import Path

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.paths import ProfilePaths
from clerk_app.services import cases as svc
from clerk_app.services.auth import create_user
from clerk_app.services.bootstrap import open_context


def _counter(root: Path, window: str, clock) -> tuple:  # type: ignore[no-untyped-def]
    paths = ProfilePaths(root).ensure()
    (paths.root / "settings.toml").write_text(f'center_code = "HD01"\nwindow = "{window}"\n', encoding="utf-8")
    ctx = open_context(paths, clock=clock)
    clerk = create_user(ctx, None, username="c", display_name="窗口" + window, role=Role.CLERK, password="clerk1234")
    applicant = svc.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                       id_number="11010519491231002X")
    return ctx, clerk, applicant


def test_two_counters_never_collide(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    a = _counter(tmp_path / "a", "03", clock)
    b = _counter(tmp_path / "b", "07", clock)
    numbers: list[str] = []
    for _ in range(60):
        for ctx, clerk, applicant in (a, b):
            numbers.append(svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id).number)
    assert len(set(numbers)) == 120
    assert {n.split("-")[1] for n in numbers} == {"03", "07"}
    assert numbers[0] == "HD01-03-20260302-0001" and numbers[-1] == "HD01-07-20260302-0060"
