"""Property-based checks of the signature's canonical payload (app/signing/payload.py).

The payload must change when any data cell changes (so the signature breaks), and must not change when an
office suite re-encodes the same values: integers as floats, dates as datetimes at midnight, NFD instead of
NFC, surrounding whitespace, booleans as 是/否. Workbooks are small and synthetic, built from the real layout.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.export.layout import Column, WorkbookData, load_layout
from app.signing.payload import SIGNATURE_KEYS, canon, payload_bytes

LAYOUT = load_layout()
META = {"layout_version": LAYOUT.version, "checklist_id": "zhijian-2023", "checklist_version": "2024.1",
        "exported_at": "2025-11-20T10:30:00+08:00", "submission_id": "b1f0c3e2"}
# Chinese as units write it, plus letters that have a decomposed (NFD) form.
ALPHABET = "杭州市西湖区数据资源管理局政务微信公众号工作群组应用程序整改措施已完成张王李" + "éüñÅçö" + "ABCxyz0129-()"
TEXT = (st.text(alphabet=ALPHABET, min_size=1, max_size=12)
        .map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(bool))
SETTINGS = settings(max_examples=40, deadline=None)


def value_of(kind: str, choices: tuple[str, ...]) -> st.SearchStrategy[Any]:
    if choices:
        return st.sampled_from(choices)
    return {"int": st.integers(0, 2_000_000), "date": st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)),
            "bool": st.booleans()}.get(kind, TEXT)


def column_value(c: Column) -> st.SearchStrategy[Any]:
    return value_of(c.type, c.choices)


@st.composite
def workbooks(draw: st.DrawFn) -> WorkbookData:
    data = WorkbookData(meta=dict(META))
    for sheet in LAYOUT.sheets:
        if sheet.kind == "record":
            data.unit = {f.key: draw(value_of(f.type, ())) for f in sheet.fields}
            continue
        row = st.fixed_dictionaries({c.key: column_value(c) for c in sheet.columns})
        data.rows[sheet.key] = draw(st.lists(row, min_size=1, max_size=3))
    return data


@st.composite
def one_cell(draw: st.DrawFn, data: WorkbookData) -> tuple[str, int, str, Any]:
    """(sheet key, row index, column key, a value whose canonical form differs from the current one)."""
    sheet = draw(st.sampled_from(LAYOUT.sheets))
    if sheet.kind == "record":
        f = draw(st.sampled_from(sheet.fields))
        old, new = data.unit.get(f.key), draw(value_of(f.type, ()))
        row, key = -1, f.key
    else:
        row = draw(st.integers(0, len(data.rows[sheet.key]) - 1))
        c = draw(st.sampled_from(sheet.columns))
        old, new, key = data.rows[sheet.key][row][c.key], draw(column_value(c)), c.key
    assume(canon(new) != canon(old))
    return sheet.key, row, key, new


def with_cell(data: WorkbookData, sheet: str, row: int, key: str, value: Any) -> WorkbookData:
    copy = WorkbookData(dict(data.unit), {k: [dict(r) for r in rows] for k, rows in data.rows.items()}, dict(data.meta))
    if row < 0:
        copy.unit[key] = value
    else:
        copy.rows[sheet][row][key] = value
    return copy


def reencoded(value: Any, pad: str) -> Any:
    """The same value as another writer or reader hands it back."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        return f"{pad}{unicodedata.normalize('NFD', value)}{pad[::-1]}"
    return value


def reencode_all(data: WorkbookData, pad: str) -> WorkbookData:
    return WorkbookData({k: reencoded(v, pad) for k, v in data.unit.items()},
                        {k: [{c: reencoded(v, pad) for c, v in r.items()} for r in rows] for k, rows in data.rows.items()},
                        {k: reencoded(v, pad) for k, v in data.meta.items()})


@SETTINGS
@given(st.data())
def test_changing_any_data_cell_changes_the_payload(hyp):
    data = hyp.draw(workbooks())
    sheet, row, key, new = hyp.draw(one_cell(data))
    assert payload_bytes(with_cell(data, sheet, row, key, new), data.meta, LAYOUT) != payload_bytes(data, data.meta, LAYOUT)


@SETTINGS
@given(workbooks(), st.sampled_from([" ", "\t", "  \n", " \t"]))
def test_reencoding_the_same_values_keeps_the_payload(data, pad):
    again = reencode_all(data, pad)
    assert payload_bytes(again, again.meta, LAYOUT) == payload_bytes(data, data.meta, LAYOUT)


@SETTINGS
@given(workbooks(), st.sampled_from(sorted(LAYOUT.sheets, key=lambda s: s.key)).filter(lambda s: s.kind != "record"))
def test_adding_or_removing_a_row_changes_the_payload(data, sheet):
    rows = data.rows[sheet.key]
    fewer = WorkbookData(data.unit, {**data.rows, sheet.key: rows[:-1]}, data.meta)
    more = WorkbookData(data.unit, {**data.rows, sheet.key: [*rows, rows[-1]]}, data.meta)
    original = payload_bytes(data, data.meta, LAYOUT)
    assert payload_bytes(fewer, data.meta, LAYOUT) != original
    assert payload_bytes(more, data.meta, LAYOUT) != original


@SETTINGS
@given(workbooks(), st.sampled_from(sorted(META)), TEXT)
def test_changing_a_covered_meta_entry_changes_the_payload(data, key, value):
    assume(canon(value) != canon(data.meta[key]))
    assert payload_bytes(data, {**data.meta, key: value}, LAYOUT) != payload_bytes(data, data.meta, LAYOUT)


@SETTINGS
@given(workbooks(), st.sampled_from(sorted(SIGNATURE_KEYS)), TEXT)
def test_the_signature_entries_themselves_are_not_covered(data, key, value):
    assert payload_bytes(data, {**data.meta, key: value}, LAYOUT) == payload_bytes(data, data.meta, LAYOUT)
