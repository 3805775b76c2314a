"""Moving an inspection from checklist 2024.1 to 2025.1: unchanged wording carries, changed wording is marked
for re-answering with the previous answer beside it, and no answer is ever deleted."""

import pytest

from app.core.model import UNIT_ENTITY, Verdict
from tests.conftest import INSPECTION_DAY, shipped_checklist


@pytest.fixture
def v1_inspection(store, unit):
    store.save_unit(unit)
    insp = store.start_inspection(2025, shipped_checklist("2024.1"), inspection_date=INSPECTION_DAY)
    app = store.add_entity(insp.id, "app", {"name": "西湖掌上办", "app_type": "小程序", "sponsor": unit.name})
    group = store.add_entity(insp.id, "group", {"name": "疫情防控临时群", "platform": "微信", "creator_unit": unit.name,
                                                "permanence": "临时"})
    store.set_answer(insp.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "党组会议传达")
    store.set_answer(insp.id, app.id, "A03-01", Verdict.PARTIAL, "规划笼统提及")
    store.save_problem(insp.id, app.id, "A03-01", description="“西湖掌上办”未在规划中单列")
    store.set_answer(insp.id, app.id, "A05-01", Verdict.NONCOMPLIANT, "未接入统一身份认证")
    store.set_answer(insp.id, group.id, "A11-02", Verdict.NONCOMPLIANT, "任务结束未解散")
    return insp, app, group


def test_every_answer_survives_the_upgrade(store, v1_inspection):
    insp, _, _ = v1_inspection
    upgrade = store.upgrade_checklist(insp.id, shipped_checklist("2025.1"))
    assert upgrade.answers_before == upgrade.answers_after == 4


def test_an_answer_whose_wording_is_unchanged_is_carried(store, v1_inspection):
    insp, app, _ = v1_inspection
    store.upgrade_checklist(insp.id, shipped_checklist("2025.1"))
    assert store.answer(insp.id, app.id, "A03-01").verdict == Verdict.PARTIAL
    assert store.problem(insp.id, app.id, "A03-01").description == "“西湖掌上办”未在规划中单列"


def test_a_reworded_item_is_marked_for_re_answering_with_the_previous_answer(store, v1_inspection):
    insp, _, group = v1_inspection
    upgrade = store.upgrade_checklist(insp.id, shipped_checklist("2025.1"))
    review = store.answer_reviews(insp.id)[(group.id, "A11-02")]
    assert (review.previous_verdict, review.previous_note) == ("不符合", "任务结束未解散")
    assert store.answer(insp.id, group.id, "A11-02").verdict == Verdict.UNANSWERED
    assert upgrade.review >= 1


def test_a_split_item_keeps_the_old_answer_readable_and_asks_each_successor(store, v1_inspection):
    insp, app, _ = v1_inspection
    store.upgrade_checklist(insp.id, shipped_checklist("2025.1"))
    checklist = store.checklist_for(insp.id)
    assert store.answer(insp.id, app.id, "A05-01").note == "未接入统一身份认证"
    reviews = store.answer_reviews(insp.id)
    assert (app.id, "A05-06") in reviews and reviews[(app.id, "A05-06")].previous_item_id == "A05-01"
    assert not checklist.item("A05-06").retired


def test_answering_again_clears_the_review_mark(store, v1_inspection):
    insp, _, group = v1_inspection
    store.upgrade_checklist(insp.id, shipped_checklist("2025.1"))
    store.set_answer(insp.id, group.id, "A11-02", Verdict.PARTIAL)
    assert (group.id, "A11-02") not in store.answer_reviews(insp.id)
