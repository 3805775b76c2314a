"""The province's consistency check decides a consistent file with set operations; whatever a file holds, its
reasons are exactly those of the row-by-row walk (which words every problem)."""

import copy

import pytest

from app.commands.export_service import workbook_data
from app.merge import validate
from app.storage.snapshot import read_snapshot
from app.storage.store import open_store
from app.workbook.layout import load_layout

LAYOUT = load_layout()


@pytest.fixture(scope="module")
def demo(demo_db):
    store = open_store(demo_db, create=False, read_only=True)
    try:
        insp = store.current_inspection()
        return workbook_data(read_snapshot(store, insp.id)), store.checklist_for(insp.id)
    finally:
        store.close()


def _walked(data, checklist) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_consistent_verdicts", lambda *args: None)
        return validate.check_consistency(data, LAYOUT, checklist)


def _edited(demo, edit):
    data, checklist = copy.deepcopy(demo[0]), demo[1]
    edit(data.rows)
    return data, checklist


def _set(row: int, key: str, value):
    def edit(rows):
        rows["results"][row][key] = value
    return edit


EDITS = {
    "as exported": lambda rows: None,
    "an object not in its ledger": _set(5, "ref", "APP-0999"),
    "an item of another object type": lambda rows: rows["results"][0].update(  # the unit's first row
        item_id=next(r["item_id"] for r in rows["results"] if r["scope"] == "工作群组")),
    "an item not in the checklist": _set(3, "item_id", "A99-01"),
    "an object and item twice": lambda rows: rows["results"].append(dict(rows["results"][7])),
    "a row without an object": _set(2, "ref", None),
    "a row of an unknown scope": _set(4, "scope", "网站"),
    "a ledger sheet missing": lambda rows: rows.pop("app"),
    "no results at all": lambda rows: rows.pop("results"),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_the_shortcut_gives_the_reasons_of_the_row_by_row_walk(demo, case):
    data, checklist = _edited(demo, EDITS[case])
    assert validate.check_consistency(data, LAYOUT, checklist) == _walked(data, checklist)


def test_a_file_as_exported_is_decided_without_walking_its_rows(demo):
    data, checklist = demo
    refs = {"unit": {"UNIT"}, **{s.entity: {r["ref"] for r in data.rows[s.key]} for s in LAYOUT.ledger_sheets}}
    verdicts = validate._consistent_verdicts(data.rows["results"], refs, checklist)
    assert verdicts is not None and len(verdicts) == len(data.rows["results"])


def test_a_changed_verdict_is_still_found_against_the_problem_rows(demo):
    data, checklist = _edited(demo, lambda rows: None)
    problem = data.rows["problems"][0]
    row = next(r for r in data.rows["results"] if (r["ref"], r["item_id"]) == (problem["ref"], problem["item_id"]))
    row["verdict"] = "符合"
    reasons = validate.check_consistency(data, LAYOUT, checklist)
    assert reasons == _walked(data, checklist)
    assert any("只有基本符合/不符合才应登记问题" in r for r in reasons)
