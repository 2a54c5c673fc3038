"""Loading a profile's calendar and importing year schedules: real files in a temporary profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clerk_app.domain.deadlines import compute_due
from clerk_app.domain.matters import LimitUnit, TimeLimit
from clerk_app.errors import DomainError
from clerk_app.paths import ProfilePaths
from clerk_app.services.calendar import import_schedule, load_calendar, read_schedule_file

GOOD_2027 = """\
year = 2027
source = "测试用 2027 年安排"
official = true
makeup_workdays = [2027-02-06]

[[holiday]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03

[[holiday]]
name = "春节"
start = 2027-02-07
end = 2027-02-13
"""


def write(tmp_path: Path, text: str, name: str = "2027.toml") -> Path:
    f = tmp_path / "in" / name
    f.parent.mkdir(exist_ok=True)
    f.write_text(text, encoding="utf-8")
    return f


def stored(paths: ProfilePaths) -> list[str]:
    return sorted(p.name for p in paths.calendar_dir.iterdir()) if paths.calendar_dir.exists() else []


def test_fresh_profile_knows_2026_from_the_shipped_file(profile: ProfilePaths) -> None:
    cal = load_calendar(profile)
    s = cal.schedule(2026)
    assert s is not None and s.official and "国务院办公厅" in s.source
    assert cal.known_year(2025) and not cal.known_year(2027)


def test_import_makes_2027_deadlines_official(profile: ProfilePaths, tmp_path: Path) -> None:
    limit = TimeLimit(20, LimitUnit.WORKING_DAYS)
    before = compute_due(load_calendar(profile), date(2026, 12, 10), limit)
    assert before is not None and before.provisional and before.date == date(2027, 1, 8)  # estimated 元旦
    s = import_schedule(profile, write(tmp_path, GOOD_2027))
    assert s.year == 2027 and len(s.holidays) == 10
    assert stored(profile) == ["2027.toml"]
    assert (profile.calendar_dir / "2027.toml").read_text(encoding="utf-8") == GOOD_2027
    after = compute_due(load_calendar(profile), date(2026, 12, 10), limit)
    assert after is not None and not after.provisional and after.date == date(2027, 1, 8)


def test_reimport_replaces_the_year(profile: ProfilePaths, tmp_path: Path) -> None:
    import_schedule(profile, write(tmp_path, GOOD_2027))
    draft = GOOD_2027.replace("official = true", "official = false")
    import_schedule(profile, write(tmp_path, draft, "草稿.toml"))
    assert stored(profile) == ["2027.toml"]
    cal = load_calendar(profile)
    assert cal.schedule(2027) is not None and not cal.known_year(2027)


def test_imported_file_overrides_the_shipped_and_builtin_year(profile: ProfilePaths, tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[3] / "resources" / "calendar" / "2026.toml").read_text(encoding="utf-8")
    typhoon = text + '\n[[holiday]]\nname = "台风停工"\nstart = 2026-08-03\nend = 2026-08-03\n'
    import_schedule(profile, write(tmp_path, typhoon, "2026.toml"))
    cal = load_calendar(profile)
    assert not cal.is_working_day(date(2026, 8, 3)) and cal.is_working_day(date(2026, 8, 4))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('year = 2027\nsource = "x"\nofficial = true\n[[holiday]]\nname = "元旦"\nstart = 2027-01-01\nend =\n',
         ["第 7 行", "格式错误"]),
        (GOOD_2027.replace("makeup_workdays = [2027-02-06]", "makeup_workdays = [2027-02-08]"),
         ["makeup_workdays", "星期一"]),
        (GOOD_2027.replace("end = 2027-02-13", "end = 2028-02-13"), ["（春节）", "“end”", "不在 2027 年内"]),
        (GOOD_2027.replace('source = "测试用 2027 年安排"\n', ""), ["source"]),
    ],
)
def test_bad_file_names_the_problem_and_leaves_nothing(profile: ProfilePaths, tmp_path: Path, content: str,
                                                       words: list[str]) -> None:
    bad = write(tmp_path, content)
    with pytest.raises(DomainError) as err:
        import_schedule(profile, bad)
    assert str(bad) in err.value.message
    for w in words:
        assert w in err.value.message, err.value.message
    assert stored(profile) == []


def test_bad_reimport_keeps_the_previous_file(profile: ProfilePaths, tmp_path: Path) -> None:
    import_schedule(profile, write(tmp_path, GOOD_2027))
    with pytest.raises(DomainError):
        import_schedule(profile, write(tmp_path, GOOD_2027.replace("2027-01-03", "2027-13-03"), "bad.toml"))
    assert stored(profile) == ["2027.toml"]
    assert (profile.calendar_dir / "2027.toml").read_text(encoding="utf-8") == GOOD_2027


def test_not_utf8_names_the_line(profile: ProfilePaths, tmp_path: Path) -> None:
    bad = tmp_path / "gbk.toml"
    bad.write_bytes(GOOD_2027.replace("测试用", "国务院").encode("gbk"))
    with pytest.raises(DomainError, match="第 2 行不是 UTF-8"):
        import_schedule(profile, bad)
    assert stored(profile) == []


def test_missing_folder_and_oversized_files(profile: ProfilePaths, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="找不到日历文件"):
        read_schedule_file(tmp_path / "none.toml")
    with pytest.raises(DomainError, match="是文件夹"):
        read_schedule_file(tmp_path)
    big = write(tmp_path, GOOD_2027 + "# " + "x" * 300_000 + "\n", "big.toml")
    with pytest.raises(DomainError, match="过大"):
        import_schedule(profile, big)
    assert stored(profile) == []


def test_write_failure_leaves_no_temporary_file(profile: ProfilePaths, tmp_path: Path) -> None:
    (profile.calendar_dir / "2027.toml").mkdir(parents=True)  # os.replace cannot overwrite a folder
    with pytest.raises(DomainError, match="无法把 2027 年节假日安排写入"):
        import_schedule(profile, write(tmp_path, GOOD_2027))
    assert stored(profile) == ["2027.toml"] and (profile.calendar_dir / "2027.toml").is_dir()


def test_broken_file_in_profile_is_reported_at_load(profile: ProfilePaths) -> None:
    profile.calendar_dir.mkdir(parents=True, exist_ok=True)
    (profile.calendar_dir / "2027.toml").write_text("year = 2027\n", encoding="utf-8")
    with pytest.raises(DomainError) as err:
        load_calendar(profile)
    assert "2027.toml" in err.value.message and "请修正或删除" in err.value.message


def test_resources_dir_can_be_replaced(profile: ProfilePaths, tmp_path: Path) -> None:
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "2027.toml").write_text(GOOD_2027, encoding="utf-8")
    assert load_calendar(profile, resources_dir=folder).known_year(2027)
    assert not load_calendar(profile, resources_dir=tmp_path / "absent").known_year(2027)
