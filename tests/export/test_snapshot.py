"""An export reads the inspection once: one immutable snapshot feeds the report, the workbook and the signature."""

import dataclasses

import pytest

from app.commands.export_service import export_inspection
from app.core.model import Problem, ProblemStatus, Verdict
from app.export.report_model import ProblemGroup, group_problems
from app.storage.snapshot import read_snapshot
from app.workbook.layout import build_data
from tests.conftest import INSPECTION_DAY

READS = ("inspection", "get_unit", "checklist_for", "entities", "answers", "problems", "all_evidence", "texts",
         "progress")


class CountingStore:
    """The store, counting how often each of its reads of the inspection is called."""

    def __init__(self, store):
        self._store, self.calls = store, dict.fromkeys(READS, 0)

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if name in READS:
            def counted(*args, **kwargs):
                self.calls[name] += 1
                return attr(*args, **kwargs)
            return counted
        return attr


def test_an_export_reads_the_inspection_from_the_store_once(demo_store, tmp_path):
    store = CountingStore(demo_store)
    export_inspection(store, demo_store.current_inspection().id, tmp_path, today=INSPECTION_DAY)
    assert store.calls == dict.fromkeys(READS, 1)


def test_the_snapshot_and_the_report_model_are_let_go_before_the_workbook_is_read_back(demo_store, tmp_path,
                                                                                        monkeypatch):
    """The read-back of the workbook is an export's memory peak: what is no longer needed must be freeable."""
    import gc
    import weakref

    from app.commands import export_service

    held: dict[str, weakref.ref] = {}
    real_snapshot, real_report, real_check = (export_service.read_snapshot, export_service.build_report,
                                              export_service.check_workbook)

    def snapshot(*args, **kwargs):
        result = real_snapshot(*args, **kwargs)
        held["snapshot"] = weakref.ref(result)
        return result

    def report(*args, **kwargs):
        result = real_report(*args, **kwargs)
        held["report"] = weakref.ref(result)
        return result

    alive_at_read_back: dict[str, bool] = {}

    def check(*args, **kwargs):
        gc.collect()
        alive_at_read_back.update({name: ref() is not None for name, ref in held.items()})
        return real_check(*args, **kwargs)

    monkeypatch.setattr(export_service, "read_snapshot", snapshot)
    monkeypatch.setattr(export_service, "build_report", report)
    monkeypatch.setattr(export_service, "check_workbook", check)
    export_inspection(demo_store, demo_store.current_inspection().id, tmp_path, today=INSPECTION_DAY)
    assert alive_at_read_back == {"snapshot": False, "report": False}


def test_the_snapshot_cannot_be_changed(demo_store):
    snapshot = read_snapshot(demo_store, demo_store.current_inspection().id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.entities = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        snapshot.texts["opening"] = "改写的开头"  # type: ignore[index]
    assert isinstance(snapshot.problems, tuple) and isinstance(snapshot.evidence, tuple)


def test_what_is_built_from_a_snapshot_does_not_see_later_changes(demo_store):
    insp = demo_store.current_inspection()
    snapshot = read_snapshot(demo_store, insp.id)
    unit = demo_store.get_unit()
    demo_store.save_unit(dataclasses.replace(unit, name="杭州市西湖区另一个局"), strict_code=False)
    try:
        assert build_data(snapshot).unit["unit_name"] == unit.name
    finally:
        demo_store.save_unit(unit, strict_code=False)


def _problem(pid, description, group=7):
    return Problem(id=pid, entity_id=pid, item_id="A05-01", description=description, measure="按要求整改",
                   status=ProblemStatus.OPEN, verdict=Verdict.NONCOMPLIANT, group_id=group)


def test_a_group_worded_differently_reads_as_its_first_problem_every_time():
    problems = [_problem(1, "西湖教育应用于2025年3月起要求每日打卡"), _problem(2, "西湖城管小程序2024年起要求每日打卡")]
    names = {1: "西湖教育应用", 2: "西湖城管小程序"}
    [group] = group_problems(problems, names, {"A05-01": 5}, "相关对象")
    assert isinstance(group, ProblemGroup)
    assert group.text == "相关对象于……月起要求每日打卡"
