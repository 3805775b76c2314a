"""The reader's plain-text lane (layout._TextLane) is only a shortcut: on any rows, the typed rows, the
problems, the anomalies and the signed payload lines are exactly those of the cell-by-cell path."""

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.workbook import layout as layout_module
from app.workbook.layout import WorkbookData, load_layout, parse_sheet_rows
from app.workbook.payload import sheet_lines

LAYOUT = load_layout()
RESULTS = LAYOUT.sheet("results")
HEADER = [c.header for c in RESULTS.columns]

# A row as the unit's program writes it, then up to three cells replaced by what a hand-edited or hostile
# file may hold instead, and the row cut short or made longer.
SCOPES, VERDICTS = list(RESULTS.columns[0].choices), list(RESULTS.columns[6].choices)
plain_text = st.sampled_from(["", "UNIT", "APP-0001", "A01-01", "第1条 指导思想", "本单位已建立台账。", "会议纪要.pdf",
                              "信息化规划(2024-2026年).txt", "平台 A", "10"])
awkward = st.one_of(st.sampled_from([" 符合", "符合 ", "符\u202e合", "A\u200bB", "e\u0301", "é", "路径\\文件",
                                     "两行\n文字", "\u3000全角空格", "字" * 2001, "x\x1fy", "", "   ", "基本符合",
                                     "单位", "大概符合", "已整改 "]),
                    st.none(), st.integers(0, 99), st.floats(0, 9), st.just(dt.date(2025, 3, 1)),
                    st.text(max_size=6))


@st.composite
def row(draw: st.DrawFn) -> list[object]:
    cells: list[object] = [draw(st.sampled_from(SCOPES)), draw(plain_text.filter(bool)), draw(plain_text),
                           draw(plain_text), draw(plain_text.filter(bool)), draw(plain_text),
                           draw(st.sampled_from(VERDICTS)), draw(plain_text), draw(plain_text), draw(plain_text),
                           draw(plain_text)]
    for _ in range(draw(st.integers(0, 3))):
        cells[draw(st.integers(0, len(cells) - 1))] = draw(awkward)
    width = draw(st.sampled_from([len(cells), len(cells), len(cells), 7, 12, 0]))
    return [*cells, draw(plain_text)][:width]


def _read(rows: list[list[object]], lane: bool):
    with pytest.MonkeyPatch.context() as patch:
        if not lane:
            patch.setattr(layout_module._TextLane, "of", classmethod(lambda cls, sheet, positions: None))
        problems, anomalies, lines = [], [], {}
        typed = parse_sheet_rows(LAYOUT, RESULTS, [HEADER, *rows], problems, anomalies=anomalies, lines=lines)
        data = WorkbookData(rows={"results": typed}, lines=lines)
        payload = {v: sheet_lines(data, LAYOUT, v)["results"] for v in ("1", "2")}
    return typed, [str(p) for p in problems], anomalies, payload


GOOD = ["单位", "UNIT", "杭州市西湖区数据资源管理局", "第1条 指导思想", "A01-01", "是否已传达学习?", "符合", "", "", "", ""]


def _with(at: int, value: object) -> list[object]:
    return [*GOOD[:at], value, *GOOD[at + 1:]]


@settings(max_examples=300, deadline=None)
@given(st.lists(row(), max_size=8))
@example([_with(5, "字" * 2001)])  # too long for one cell
@example([_with(7, "e\u0301")])  # not NFC: the payload normalises it
@example([_with(7, "路径\\文件")])  # the payload escapes a backslash
@example([_with(2, " 西湖区")])  # not trimmed
@example([_with(6, "大概符合")])  # not a verdict
@example([_with(4, "")])  # required, empty
def test_the_lane_reads_any_rows_as_the_cell_by_cell_path_does(rows):
    assert _read(rows, True) == _read(rows, False)


def test_rows_as_the_program_writes_them_take_the_lane():
    rows = [["单位", "UNIT", "杭州市西湖区数据资源管理局", "第1条 指导思想", "A01-01", "是否已传达学习《意见》?", "符合", "",
             "会议纪要.pdf", "", ""],
            ["应用程序", "APP-0001", "西湖政务通", "第3条 应用程序", "A03-02", "是否强制下载?", "不符合", "已整改"]]
    lines: dict[str, list[str | None]] = {}
    typed = parse_sheet_rows(LAYOUT, RESULTS, [HEADER, *rows], [], anomalies=[], lines=lines)
    assert lines["results"] == ["\x1f".join(rows[0]), "\x1f".join(rows[1] + ["", "", ""])]
    assert typed[1]["note"] == "已整改" and typed[1]["evidence"] is None


def test_a_row_with_a_problem_leaves_the_lane_and_is_reported_by_row():
    rows = [["单位", "UNIT", "杭州市西湖区数据资源管理局", "第1条 指导思想", "A01-01", "问题", "大概符合"]]
    problems: list = []
    lines: dict[str, list[str | None]] = {}
    parse_sheet_rows(LAYOUT, RESULTS, [HEADER, *rows], problems, anomalies=[], lines=lines)
    assert lines["results"] == [None]
    assert [(p.row, p.column) for p in problems] == [(2, "结论")]
