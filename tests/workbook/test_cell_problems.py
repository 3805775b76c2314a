"""Every problem the workbook reader reports carries a code; its reason is chosen by type, not by wording."""

from app.workbook.layout import load_layout, parse_sheet_rows
from app.workbook.problems import CellProblem, Code


def _parse(sheet_key, header, *rows):
    layout = load_layout()
    sheet = layout.sheet(sheet_key)
    problems: list[CellProblem] = []
    parse_sheet_rows(layout, sheet, [header, *rows], problems)
    return problems


def _header(sheet_key):
    return [c.header for c in load_layout().sheet(sheet_key).columns]


APP = {"ref": "APP-0001", "name": "浙里办", "app_type": "小程序", "sponsor": "杭州市拱墅区数据资源管理局"}


def _row(sheet_key, **values):
    return [values.get(c.key) for c in load_layout().sheet(sheet_key).columns]


def test_a_date_cell_in_quotation_marks_is_reported_as_not_a_date():
    header = _header("app")
    problems = _parse("app", header, _row("app", **APP, launch_date="“明天”"))
    assert [(p.code, p.column) for p in problems] == [(Code.INVALID_VALUE, "上线时间")]
    assert "不是有效的日期" in problems[0].message


def test_a_value_outside_a_choice_column_names_the_choices():
    header = _header("results")
    row = _row("results", scope="单位", ref="UNIT", item_id="A01-01", verdict="差不多")
    problems = [p for p in _parse("results", header, row) if p.column == "结论"]
    assert [p.code for p in problems] == [Code.INVALID_VALUE]
    assert "可选值" in problems[0].message


def test_a_missing_column_and_a_missing_header_row_have_their_codes():
    header = [h for h in _header("app") if h != "名称"]
    assert [p.code for p in _parse("app", header)] == [Code.MISSING_COLUMN]
    layout = load_layout()
    problems: list[CellProblem] = []
    parse_sheet_rows(layout, layout.sheet("app"), [], problems)
    assert [p.code for p in problems] == [Code.MISSING_HEADER]


def test_an_empty_required_cell_has_its_code():
    problems = _parse("app", _header("app"), _row("app", **{**APP, "ref": None}))
    assert [(p.code, p.column) for p in problems] == [(Code.REQUIRED_EMPTY, "编号")]
