"""Rectification integrity: no 基本符合/不符合 answer, single or bulk, escapes a complete problem."""

from __future__ import annotations

import datetime as dt

import pytest

from app.commands.export_service import export_inspection
from app.core.errors import ValidationError
from app.core.model import InspectionStatus, Verdict
from app.core.rectification import CONTRADICTION, INCOMPLETE, NO_PROBLEM, RectificationIncomplete

GROUP = {"platform": "钉钉", "creator_unit": "西湖区数据资源管理局"}


def _groups(store, inspection, n: int, **extra) -> list[int]:
    rows = [{**GROUP, "name": f"西湖区第{k}网格工作群", **extra} for k in range(n)]
    return store.add_entities(inspection.id, "group", rows)


def test_a_bulk_noncompliance_records_one_problem_listing_every_entity(store, inspection):
    ids = _groups(store, inspection, 100)
    store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    problems = store.problems(inspection.id)
    assert len(problems) == 100
    assert {p.group for p in problems} == {problems[0].id}


def test_a_bulk_over_two_items_records_one_problem_per_item(store, inspection):
    ids = _groups(store, inspection, 3)
    pairs = [(e, i) for e in ids for i in ("A08-03", "A09-02")]
    store.set_answers_many(inspection.id, pairs, Verdict.PARTIAL)
    assert len({p.group for p in store.problems(inspection.id)}) == 2


def test_editing_a_shared_problem_changes_it_for_every_entity(store, inspection):
    ids = _groups(store, inspection, 5)
    store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    group = store.problems(inspection.id)[0].group
    store.save_problem_group(inspection.id, group, description="工作群要求即时回复", measure="取消即时回复要求",
                             owner="李强", deadline="2026-03-31")
    assert all(not p.missing for p in store.problems(inspection.id))
    assert store.rectification_gaps(inspection.id) == []


def test_a_split_answer_keeps_its_fields_and_is_edited_alone(store, inspection):
    ids = _groups(store, inspection, 3)
    store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    first = store.problems(inspection.id)[0]
    store.split_problem(inspection.id, first.id)
    store.save_problem_group(inspection.id, first.id, measure="单独整改")
    others = [p for p in store.problems(inspection.id) if p.id != first.id]
    assert len({p.group for p in others}) == 1 and all(p.measure == "" for p in others)


def test_export_is_refused_listing_each_gap_by_name(store, inspection, tmp_path):
    ids = _groups(store, inspection, 2)
    store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    with pytest.raises(RectificationIncomplete) as err:
        export_inspection(store, inspection.id, tmp_path / "out")
    assert [g.kind for g in err.value.gaps] == [INCOMPLETE]
    assert "西湖区第0网格工作群”等 2 个对象的检查项 A08-03:问题缺少问题描述、整改措施、责任人、整改时限" in str(err.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_answer_written_without_a_problem_is_a_gap(store, inspection):
    [e] = _groups(store, inspection, 1)
    store.write_answers(inspection.id, [(e, "A08-03", Verdict.NONCOMPLIANT, "")])
    [gap] = store.rectification_gaps(inspection.id)
    assert (gap.kind, gap.entity_id, gap.item_id) == (NO_PROBLEM, e, "A08-03")


def test_compliance_contradicting_a_pending_suggestion_blocks_until_dismissed_with_a_reason(store, inspection):
    [e] = _groups(store, inspection, 1, permanence="临时", task_end=dt.date(2025, 6, 30))
    store.set_answer(inspection.id, e, "A11-02", Verdict.COMPLIANT)
    [gap] = store.rectification_gaps(inspection.id)
    assert gap.kind == CONTRADICTION and "临时工作群" in gap.message
    [finding] = store.findings(inspection.id)
    with pytest.raises(ValidationError, match="说明理由"):
        store.dismiss_findings(inspection.id, [finding], "  ")
    store.dismiss_findings(inspection.id, [finding], "该群已于2025年7月解散,台账未及时更新")
    assert store.rectification_gaps(inspection.id) == []
    assert store.finding_reasons(inspection.id) == {finding.key: "该群已于2025年7月解散,台账未及时更新"}


def test_accepting_suggestions_in_bulk_records_one_problem_per_rule(store, inspection):
    _groups(store, inspection, 4, permanence="临时", task_end=dt.date(2025, 6, 30))
    findings = [f for f in store.findings(inspection.id) if f.rule == "group_not_dissolved"]
    store.accept_findings(inspection.id, findings)
    problems = store.problems(inspection.id)
    assert len(problems) == 4 and len({p.group for p in problems}) == 1
    assert problems[0].description.startswith("任务结束后仍未解散的临时工作群组：西湖区第0网格工作群")
    assert store.findings(inspection.id) == []


def test_undoing_a_bulk_change_restores_answers_and_drops_its_empty_problems(store, inspection):
    ids = _groups(store, inspection, 3)
    store.set_answer(inspection.id, ids[0], "A08-03", Verdict.COMPLIANT)
    change = store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    store.undo_bulk(inspection.id, change)
    assert store.answer(inspection.id, ids[0], "A08-03").verdict == Verdict.COMPLIANT
    assert store.answer(inspection.id, ids[1], "A08-03") is None
    assert store.problems(inspection.id, active_only=False) == []


def test_undo_keeps_a_problem_someone_filled_in_since(store, inspection):
    ids = _groups(store, inspection, 2)
    change = store.set_answers_many(inspection.id, [(e, "A08-03") for e in ids], Verdict.NONCOMPLIANT)
    group = store.problems(inspection.id)[0].group
    store.save_problem_group(inspection.id, group, measure="取消即时回复要求")
    store.undo_bulk(inspection.id, change)
    assert len(store.problems(inspection.id, active_only=False)) == 2


def test_finishing_is_refused_while_a_gap_remains(store, inspection):
    [e] = _groups(store, inspection, 1)
    store.set_answer(inspection.id, e, "A08-03", Verdict.PARTIAL)
    with pytest.raises(ValidationError, match="整改信息不完整"):
        store.set_status(inspection.id, InspectionStatus.FINISHED)
