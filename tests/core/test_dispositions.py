"""成效 counts: only dispositions the ledger records as carried out count as done; a plan is only planned."""

import datetime as dt

from app.core.dispositions import count_dispositions
from app.core.model import Entity

DAY = dt.date(2025, 11, 20)


def _app(i: int, **fields) -> Entity:
    return Entity(i, "app", {"name": f"应用{i}", **fields})


def test_a_planned_shutdown_is_planned_not_done():
    counts = count_dispositions([_app(1, disposition="关停注销")], DAY)
    assert counts.planned[("app", "关停注销")] == 1
    assert counts.total_done() == 0


def test_a_completed_shutdown_counts_as_done():
    e = _app(1, disposition="关停注销", disposal_status="已完成", disposal_date=dt.date(2025, 6, 30))
    assert count_dispositions([e], DAY).done[("app", "关停注销")] == 1


def test_a_completion_dated_after_the_inspection_is_not_yet_done():
    e = _app(1, disposition="整合", disposal_status="已完成", disposal_date=dt.date(2026, 1, 5))
    counts = count_dispositions([e], DAY)
    assert counts.total_done() == 0 and counts.planned[("app", "整合")] == 1


def test_the_old_word_for_shutdown_counts_as_the_same_action():
    assert count_dispositions([_app(1, disposition="关停")], DAY).planned[("app", "关停注销")] == 1


def test_kept_entities_and_actions_of_another_kind_are_not_counted():
    group = Entity(2, "group", {"name": "临时群", "disposition": "关停注销"})
    counts = count_dispositions([_app(1, disposition="保留"), group], DAY)
    assert not counts.done and not counts.planned
