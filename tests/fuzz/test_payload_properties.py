"""Property-based checks of the signature's canonical payload (app/workbook/payload.py).

The payload must change when any data cell changes (so the signature breaks), and must not change when an
office suite re-encodes the same values: integers as floats, dates as datetimes at midnight, NFD instead of
NFC, surrounding whitespace, booleans as 是/否. Workbooks are small and synthetic, built from the real layout.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.workbook.layout import Column, WorkbookData, load_layout
from app.workbook.payload import PAYLOAD_V2, SIGNATURE_KEYS, canon, payload_bytes

pytestmark = pytest.mark.slow  # each property builds dozens of workbooks

LAYOUT = load_layout()
META = {"layout_version": LAYOUT.version, "checklist_id": "zhijian-2023", "checklist_version": "2024.1",
        "exported_at": "2025-11-20T10:30:00+08:00", "submission_id": "b1f0c3e2", "payload_version": "2"}
# Chinese as units write it, plus letters that have a decomposed (NFD) form.
ALPHABET = "杭州市西湖区数据资源管理局政务微信公众号工作群组应用程序整改措施已完成张王李" + "éüñÅçö" + "ABCxyz0129-()"
TEXT = (st.text(alphabet=ALPHABET, min_size=1, max_size=12)
        .map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(bool))
SETTINGS = settings(max_examples=40, deadline=None)
# Text an attacker would pick: the separators of version 1, digits and colons like version 2's length
# prefixes, brackets and quotes, and the names of meta entries.
TRICKY = st.text(alphabet="\n\x1f:0123456789[]{}\",\\nu 杭州abc_", max_size=14)


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
@given(workbooks(), st.sampled_from(sorted(set(META) - {"payload_version"})), TEXT)
def test_changing_a_covered_meta_entry_changes_the_payload(data, key, value):
    assume(canon(value) != canon(data.meta[key]))
    assert payload_bytes(data, {**data.meta, key: value}, LAYOUT) != payload_bytes(data, data.meta, LAYOUT)


@SETTINGS
@given(workbooks(), st.sampled_from(sorted(SIGNATURE_KEYS)), TEXT)
def test_the_signature_entries_themselves_are_not_covered(data, key, value):
    assert payload_bytes(data, {**data.meta, key: value}, LAYOUT) == payload_bytes(data, data.meta, LAYOUT)


def decode_v2(payload: bytes) -> tuple[list[tuple[str, list[list[str]]]], list[tuple[str, str]]]:
    """Read version 2's bytes back: if this always returns what was encoded, no two inputs share bytes."""
    lines = iter(payload.decode("utf-8").split("\n"))
    unescape = {"\\\\": "\\", "\\n": "\n", "\\u001f": "\x1f"}

    def cells(line: str) -> list[str]:
        return [re.sub(r"\\(\\|n|u001f)", lambda m: unescape[m.group(0)], c) for c in line.split("\x1f")]

    def header() -> tuple[str, int]:
        m = re.fullmatch(r"\[(.*)\] (\d+)", next(lines))
        assert m, "a header line"
        return m.group(1), int(m.group(2))

    assert next(lines) == PAYLOAD_V2
    sheets = []
    for _ in LAYOUT.sheets:
        key, n = header()
        sheets.append((key, [cells(next(lines)) for _ in range(n)]))
    key, n = header()
    assert key == "_meta"
    meta = [tuple(cells(next(lines))) for _ in range(n)]
    assert next(lines, None) is None
    return sheets, meta


def canonical(data: WorkbookData, meta: dict[str, str]) -> tuple[list[tuple[str, list[list[str]]]], list[tuple[str, str]]]:
    sheets = []
    for sheet in LAYOUT.sheets:
        if sheet.kind == "record":
            sheets.append((sheet.key, [[f.key, canon(data.unit.get(f.key))] for f in sheet.fields]))
        else:
            sheets.append((sheet.key, [[canon(r.get(c.key)) for c in sheet.columns] for r in data.rows[sheet.key]]))
    covered = sorted((k, canon(v)) for k, v in meta.items() if k not in SIGNATURE_KEYS)
    return sheets, covered


@st.composite
def tricky_workbooks(draw: st.DrawFn) -> WorkbookData:
    """Workbooks whose text cells and meta values are full of separators and fake length prefixes."""
    data = draw(workbooks())
    for rows in data.rows.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str) and draw(st.booleans()):
                    row[key] = draw(TRICKY)
    for key in ("checklist_version", "exported_at", "submission_id"):
        if draw(st.booleans()):
            data.meta[key] = draw(TRICKY)
    if draw(st.booleans()):
        data.meta[draw(TRICKY)] = draw(TRICKY)
    return data


@SETTINGS
@given(tricky_workbooks())
def test_the_version_2_payload_decodes_back_to_exactly_the_signed_content(data):
    assert decode_v2(payload_bytes(data, data.meta, LAYOUT)) == canonical(data, data.meta)


@SETTINGS
@given(tricky_workbooks(), tricky_workbooks())
def test_two_different_workbooks_never_share_a_version_2_payload(a, b):
    assume(canonical(a, a.meta) != canonical(b, b.meta))
    assert payload_bytes(a, a.meta, LAYOUT) != payload_bytes(b, b.meta, LAYOUT)


@SETTINGS
@given(tricky_workbooks(), st.data())
def test_a_meta_entry_folded_into_its_neighbour_changes_the_version_2_payload(data, hyp):
    keys = sorted(k for k in data.meta if k not in SIGNATURE_KEYS)
    i = hyp.draw(st.integers(1, len(keys) - 1))
    folded = dict(data.meta)
    moved = folded.pop(keys[i])
    folded[keys[i - 1]] = f"{folded[keys[i - 1]]}\n{keys[i]}\x1f{moved}"
    assert payload_bytes(data, folded, LAYOUT, "2") != payload_bytes(data, data.meta, LAYOUT, "2")


@SETTINGS
@given(tricky_workbooks(), st.sampled_from([s for s in LAYOUT.sheets if s.kind != "record"]), st.data())
def test_text_moved_between_neighbouring_cells_changes_the_version_2_payload(data, sheet, hyp):
    rows = data.rows[sheet.key]
    cols = [c.key for c in sheet.columns]
    i = hyp.draw(st.integers(0, len(cols) - 2))
    row = rows[0]
    left, right = canon(row[cols[i]]), canon(row[cols[i + 1]])
    cut = hyp.draw(st.integers(0, len(left)))
    moved = WorkbookData(data.unit, {**data.rows, sheet.key: [{**row, cols[i]: left[:cut],
                                                                cols[i + 1]: left[cut:] + right}, *rows[1:]]},
                         data.meta)
    assume(canonical(moved, data.meta) != canonical(data, data.meta))
    assert payload_bytes(moved, data.meta, LAYOUT) != payload_bytes(data, data.meta, LAYOUT)
