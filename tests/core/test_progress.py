"""Progress per entity, per article and overall; retired items are kept but not counted."""

from app.core.checklist import loads_checklist
from app.core.model import UNIT_ENTITY, Verdict
from app.core.progress import compute_progress


def test_an_empty_inspection_counts_every_applicable_pair(checklist):
    p = compute_progress(checklist, [(1, "app"), (2, "group")], [])
    expected = sum(len(checklist.items_for(s)) for s in ("unit", "app", "group"))
    assert p.overall.total == expected and p.overall.answered == 0


def test_answers_are_tallied_by_verdict_entity_and_article(checklist):
    item = checklist.items_for("group")[0]
    p = compute_progress(checklist, [(5, "group")], [(5, item.id, Verdict.NONCOMPLIANT),
                                                     (UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)])
    assert p.by_entity[5].noncompliant == 1 and p.by_entity[UNIT_ENTITY].compliant == 1
    assert p.by_article[item.article].noncompliant == 1
    assert p.overall.answered == 2


def test_unanswered_marks_do_not_count_as_answered(checklist):
    p = compute_progress(checklist, [], [(UNIT_ENTITY, "A01-01", Verdict.UNANSWERED)])
    assert p.overall.answered == 0


def test_upgrading_the_checklist_keeps_answers_to_retired_items(store, inspection, checklist):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已纳入党组会议议题")
    newer_text = checklist.source_text.replace(f'version = "{checklist.version}"', 'version = "2099.1"')
    start = newer_text.index('id = "A01-01"')
    newer_text = newer_text[:start] + 'id = "A01-09"' + newer_text[start + len('id = "A01-01"'):]
    newer_text = newer_text.replace('replaces = ["A01-01"]', "")  # a new item, not a successor
    newer = loads_checklist(newer_text, "newer.toml")
    upgrade = store.upgrade_checklist(inspection.id, newer)
    assert upgrade.retired == {"A01-01"} and upgrade.answers_after == upgrade.answers_before == 1
    current = store.checklist_for(inspection.id)
    assert current.version == "2099.1" and current.item("A01-01").retired
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").note == "已纳入党组会议议题"
    assert store.progress(inspection.id).by_item.get("A01-01") is None
