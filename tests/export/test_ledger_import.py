"""Importing a ledger from a workbook or a pasted table keeps good rows and names every bad one."""

import openpyxl
import pytest

from app.core.errors import SelfcheckError
from app.workbook.ledger_import import parse_pasted_table, read_ledger_workbook


def _workbook(path, sheet, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_good_rows_are_kept_and_bad_rows_named_with_row_and_reason(tmp_path):
    path = _workbook(tmp_path / "群组.xlsx", "工作群组台账", ["群名称", "平台", "建群单位", "成员数"], [
        ["城关镇防汛工作群", "微信", "城关镇人民政府", 48],
        ["", "钉钉", "城关镇人民政府", 10],
        ["城关镇党建工作群", "飞书", "城关镇人民政府", "很多"],
        ["城关镇信访联络群", "政务微信", "城关镇人民政府", None],
    ])
    result = read_ledger_workbook(path)
    assert [r["name"] for r in result.rows["group"]] == ["城关镇防汛工作群", "城关镇信访联络群"]
    assert result.rows["group"][0]["members"] == 48
    assert len(result.problems) == 2
    assert "工作表“工作群组台账”第3行" in result.problems[0] and "群名称" in result.problems[0]
    assert "第4行" in result.problems[1]


def test_a_workbook_without_ledger_sheets_is_refused_by_name(tmp_path):
    path = _workbook(tmp_path / "别的表.xlsx", "Sheet1", ["a"], [[1]])
    with pytest.raises(SelfcheckError, match="别的表.xlsx 中没有台账工作表"):
        read_ledger_workbook(path)


def test_a_text_file_named_xlsx_is_refused_plainly(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    with pytest.raises(SelfcheckError, match="台账.xlsx.*不是 Excel 工作簿"):
        read_ledger_workbook(path)


def test_a_missing_required_column_is_reported_for_the_sheet(tmp_path):
    path = _workbook(tmp_path / "应用.xlsx", "应用程序台账", ["名称", "类型"], [["浙里办城关专区", "小程序"]])
    result = read_ledger_workbook(path)
    assert result.total == 0
    assert "缺少必填列“主办单位”" in result.problems[0]


def test_a_pasted_table_with_field_labels_is_read():
    text = "平台\t账号名称\t主办单位\t粉丝数\n微信公众号\t清风城关\t城关镇纪委\t1200\n微博\t\t城关镇\t3\n"
    result = parse_pasted_table(text, "account")
    assert [r["name"] for r in result.rows["account"]] == ["清风城关"]
    assert result.rows["account"][0]["followers"] == 1200
    assert result.problems == [result.problems[0]] and "第3行" in result.problems[0]


def test_a_hostile_workbook_is_refused_before_the_reader_sees_it(tmp_path):
    import zipfile

    path = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>')
    with pytest.raises(SelfcheckError, match="DOCTYPE"):
        read_ledger_workbook(path)
