"""The UI's translation tables for domain labels and messages stay in step with the domain."""

from __future__ import annotations

from pathlib import Path

from clerk_app.domain.cases import CaseState
from clerk_app.ui import labels

ROOT = Path(__file__).parents[2] / "clerk_app"

def test_every_member_has_its_domain_label_as_source() -> None:
    for enum_type, (_context, table) in labels.TABLES.items():
        assert set(table) == set(enum_type), enum_type
        for member, source in table.items():
            domain = getattr(member, "label", None)
            if domain is not None:
                assert source == domain, (member, source, domain)


def test_chinese_ui_leaves_labels_and_messages_untouched(qapp) -> None:  # type: ignore[no-untyped-def]
    assert labels.label(CaseState.ACCEPTED) == "已受理"
    text = "办件 DEMO-01-20260302-0001 当前状态为“已接件”，不能执行“归档”。"
    assert labels.message(text) == text
    assert labels.message("某个未登记的提示。") == "某个未登记的提示。"
