"""Round trips through the unit database, and its refusals."""

import datetime as dt
import sqlite3

import pytest

from app.core.errors import StoreError, ValidationError
from app.core.model import UNIT_ENTITY, InspectionStatus, ProblemStatus, Unit, Verdict
from app.storage import Store
from app.storage.migrations import SCHEMA_VERSION

APP = {"name": "西湖掌上办事", "app_type": "小程序", "sponsor": "西湖区数据资源管理局", "users": "12,000",
       "launch_date": "2023年3月5日", "forced_features": "否"}
ACCOUNT = {"platform": "微信公众号", "name": "西湖发布", "sponsor": "西湖区委宣传部",
           "last_update": dt.date(2025, 11, 18)}
GROUP = {"name": "西溪街道网格员工作群", "platform": "钉钉", "creator_unit": "西溪街道办事处", "permanence": "常设"}


def test_unit_round_trip(store, unit):
    store.save_unit(unit)
    assert store.get_unit() == unit


def test_a_bad_credit_code_is_refused_and_nothing_saved(store, unit):
    unit.credit_code = unit.credit_code[:-1] + ("0" if unit.credit_code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as err:
        store.save_unit(unit)
    assert err.value.field == "credit_code"
    assert store.get_unit() is None


def test_a_legacy_code_can_be_kept_when_asked(store, unit):
    unit.credit_code = "91110000600037341X"
    assert store.save_unit(unit, strict_code=False).credit_code == "91110000600037341X"


def test_entities_are_validated_and_typed(store, inspection):
    app = store.add_entity(inspection.id, "app", APP)
    again = store.entity(app.id)
    assert again.fields["users"] == 12000
    assert again.fields["launch_date"] == dt.date(2023, 3, 5)
    assert again.fields["forced_features"] is False


def test_a_bad_field_names_the_field(store, inspection):
    with pytest.raises(ValidationError) as err:
        store.add_entity(inspection.id, "app", {**APP, "app_type": "网页"})
    assert err.value.field == "app_type" and "网页" in str(err.value)
    assert store.entities(inspection.id) == []


def test_control_and_direction_override_characters_are_removed(store, inspection):
    e = store.add_entity(inspection.id, "account", {**ACCOUNT, "name": "西湖\u202e发布\x07"})
    assert e.name == "西湖发布"


def test_answer_round_trip_and_undo(store, inspection):
    g = store.add_entity(inspection.id, "group", GROUP)
    assert store.set_answer(inspection.id, g.id, "A11-02", Verdict.COMPLIANT) is None
    previous = store.set_answer(inspection.id, g.id, "A11-02", Verdict.NONCOMPLIANT, "任务结束未解散")
    assert previous.verdict == Verdict.COMPLIANT
    assert store.answer(inspection.id, g.id, "A11-02").note == "任务结束未解散"
    store.restore_answer(inspection.id, g.id, "A11-02", previous)
    assert store.answer(inspection.id, g.id, "A11-02").verdict == Verdict.COMPLIANT


def test_an_item_that_does_not_apply_is_refused(store, inspection):
    g = store.add_entity(inspection.id, "group", GROUP)
    with pytest.raises(ValidationError, match="不适用"):
        store.set_answer(inspection.id, g.id, "A07-02", Verdict.COMPLIANT)


def test_unit_level_answers_use_entity_zero(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.COMPLIANT


def test_bulk_answer_applies_one_verdict_to_many(store, inspection):
    ids = [store.add_entity(inspection.id, "group", {**GROUP, "name": f"第{i}网格群"}).id for i in range(5)]
    store.set_answers_bulk(inspection.id, ids, "A11-03", Verdict.COMPLIANT)
    assert all(store.answer(inspection.id, i, "A11-03").verdict == Verdict.COMPLIANT for i in ids)


def test_problem_with_rectification_round_trip(store, inspection):
    a = store.add_entity(inspection.id, "app", APP)
    store.set_answer(inspection.id, a.id, "A06-01", Verdict.NONCOMPLIANT)
    p = store.save_problem(inspection.id, a.id, "A06-01", description="设有积分排名功能", measure="下线积分排名",
                           owner="李明", deadline="2026-03-31", status="整改中")
    assert (p.description, p.measure, p.owner, p.deadline, p.status) == (
        "设有积分排名功能", "下线积分排名", "李明", dt.date(2026, 3, 31), ProblemStatus.IN_PROGRESS)
    assert store.problems(inspection.id) == [p]


def test_a_problem_is_kept_when_the_verdict_changes_back(store, inspection):
    a = store.add_entity(inspection.id, "app", APP)
    store.set_answer(inspection.id, a.id, "A06-01", Verdict.NONCOMPLIANT)
    store.save_problem(inspection.id, a.id, "A06-01", description="设有积分排名功能")
    store.set_answer(inspection.id, a.id, "A06-01", Verdict.COMPLIANT)
    assert store.problems(inspection.id) == []
    store.set_answer(inspection.id, a.id, "A06-01", Verdict.PARTIAL)
    assert store.problems(inspection.id)[0].description == "设有积分排名功能"


def test_finishing_needs_complete_rectification(store, inspection):
    a = store.add_entity(inspection.id, "app", APP)
    store.set_answer(inspection.id, a.id, "A06-01", Verdict.NONCOMPLIANT)
    store.save_problem(inspection.id, a.id, "A06-01", description="设有积分排名功能")
    with pytest.raises(ValidationError, match="整改措施、责任人、整改时限"):
        store.set_status(inspection.id, InspectionStatus.FINISHED)
    store.save_problem(inspection.id, a.id, "A06-01", measure="下线", owner="李明", deadline=dt.date(2026, 1, 1))
    store.set_status(inspection.id, InspectionStatus.FINISHED)
    assert store.inspection(inspection.id).status == InspectionStatus.FINISHED


def test_a_new_year_can_start_from_last_years_ledger(store, inspection, checklist):
    store.add_entity(inspection.id, "app", APP)
    store.add_entity(inspection.id, "group", GROUP)
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    nxt = store.start_inspection(2026, checklist, copy_ledger_from=inspection.id)
    assert [e.name for e in store.entities(nxt.id)] == ["西湖掌上办事", "西溪街道网格员工作群"]
    assert store.answers(nxt.id) == {}
    assert store.current_inspection().year == 2026


def test_the_same_year_cannot_start_twice(store, inspection, checklist):
    with pytest.raises(ValidationError, match="2025"):
        store.start_inspection(2025, checklist)


def test_ui_state_and_texts_persist(store, inspection, tmp_path):
    store.set_ui_state(inspection.id, {"page": 3, "item": "A07-02"})
    store.set_text(inspection.id, "opening", "根据上级要求……")
    store.close()
    again = Store(tmp_path / "unit.db")
    assert again.ui_state(inspection.id) == {"page": 3, "item": "A07-02"}
    assert again.get_text(inspection.id, "opening") == "根据上级要求……"
    again.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("CREATE TABLE keep (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="更新版本"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 10, encoding="utf-8")
    with pytest.raises(StoreError, match="不是 selfcheck 数据库"):
        Store(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库" * 10


def test_a_missing_database_is_reported_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="找不到数据库"):
        Store(tmp_path / "none.db", create=False)


def test_a_failed_write_leaves_earlier_data_intact(store, inspection, monkeypatch):
    store.add_entity(inspection.id, "app", APP)

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    rows = [{**APP, "name": f"应用{i}"} for i in range(3)]
    original = store.conn
    class FullConn:
        def __getattr__(self, name):
            return getattr(original, name)
        def executemany(self, *a, **k):
            disk_full()
    monkeypatch.setattr(store, "conn", FullConn())
    with pytest.raises(StoreError, match="磁盘空间已满"):
        store.add_entities(inspection.id, "app", rows)
    monkeypatch.setattr(store, "conn", original)
    assert [e.name for e in store.entities(inspection.id)] == ["西湖掌上办事"]


def test_units_are_immutable_across_reopen(tmp_path, unit):
    s = Store(tmp_path / "u.db")
    s.save_unit(unit)
    s.close()
    assert Store(tmp_path / "u.db").get_unit() == Unit(**vars(unit))


def test_not_applicable_needs_a_reason(store, inspection):
    g = store.add_entity(inspection.id, "group", GROUP)
    with pytest.raises(ValidationError, match="不适用理由"):
        store.set_answer(inspection.id, g.id, "A11-02", Verdict.NOT_APPLICABLE)
    assert store.answer(inspection.id, g.id, "A11-02") is None


def test_not_applicable_keeps_its_one_line_reason(store, inspection):
    g = store.add_entity(inspection.id, "group", GROUP)
    store.set_answer(inspection.id, g.id, "A11-02", Verdict.NOT_APPLICABLE, na_reason="常设群,\n不涉及任务结束")
    assert store.answer(inspection.id, g.id, "A11-02").na_reason == "常设群, 不涉及任务结束"
    store.set_answer(inspection.id, g.id, "A11-02", Verdict.NOT_APPLICABLE, "已核实")
    assert store.answers(inspection.id)[(g.id, "A11-02")].na_reason == "常设群, 不涉及任务结束"


def test_a_bulk_not_applicable_without_a_reason_is_refused_whole(store, inspection):
    ids = [store.add_entity(inspection.id, "group", {**GROUP, "name": f"工作群{n}"}).id for n in range(3)]
    with pytest.raises(ValidationError, match="不适用理由"):
        store.set_answers_bulk(inspection.id, ids, "A11-02", Verdict.NOT_APPLICABLE)
    assert all(store.answer(inspection.id, i, "A11-02") is None for i in ids)


def test_imported_answers_marked_not_applicable_need_a_reason(store, inspection):
    with pytest.raises(ValidationError, match="第2条答复"):
        store.write_answers(inspection.id, [(UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, ""),
                                            (UNIT_ENTITY, "A01-02", Verdict.NOT_APPLICABLE, "")])
