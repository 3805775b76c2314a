"""`selfcheck report-province`: the provincial summary report (PDF in the 公文 layout) and its workbook."""

import datetime as dt
import shutil

import pytest

from app.core.codes import make_credit_code
from app.core.errors import SelfcheckError
from app.merge.province_report import make_province_report
from tests.merge.conftest import CA_PASS, UNITS, sheet_rows

TODAY = dt.date(2026, 1, 5)


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


@pytest.fixture
def roster(tmp_path):
    """The three Zhejiang units the office expects: one reported (西湖区), two not."""
    path = tmp_path / "应报送单位.csv"
    rows = ["统一社会信用代码,单位名称,行政区划代码",
            f"{make_credit_code('330106', 'MB0000011')},杭州市西湖区数据资源管理局,330106",
            f"{make_credit_code('330127', 'MB0000055')},淳安县农业农村局,330127",
            f"{make_credit_code('330203', 'MB0000066')},宁波市海曙区教育局,330203"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_report_states_coverage_against_the_roster_and_lists_who_is_missing(merged, roster, tmp_path):
    pdf, xlsx = make_province_report(merged.db, tmp_path / "报告", roster=roster, province="33", today=TODAY)
    text = _pdf_text(pdf)
    assert "浙江省关于防治“指尖上的形式主义”" in text and "特此报告" in text
    assert "应报送单位3个(依据单位名单),已报送1个,报送率33.3%;尚未报送2个" in text
    assert "淳安县农业农村局" in text and "宁波市海曙区教育局" in text
    missing = sheet_rows(xlsx, "未报送单位")
    assert sorted(r[0] for r in missing[1:]) == ["宁波市海曙区教育局", "淳安县农业农村局"]


def test_the_report_counts_problems_by_article_as_the_store_holds_them(merged, corpus, tmp_path):
    pdf, xlsx = make_province_report(merged.db, tmp_path / "报告", province="33", today=TODAY)
    rows = sheet_rows(xlsx, "问题按条款分布")
    assert rows[-1][0] == "合计" and int(rows[-1][1]) == corpus.problems
    assert f"自查共发现问题{corpus.problems}个" in _pdf_text(pdf)


def test_without_a_roster_the_report_says_coverage_cannot_be_computed(merged, tmp_path):
    pdf, _ = make_province_report(merged.db, tmp_path / "报告", province="浙江省", today=TODAY)
    assert "未提供单位名单,无法计算报送率" in _pdf_text(pdf)


def test_late_units_are_counted_against_the_deadline(merged, tmp_path):
    pdf, xlsx = make_province_report(merged.db, tmp_path / "报告", province="33", deadline=dt.date(2000, 1, 1),
                                     today=TODAY)
    assert f"逾期报送{len(UNITS)}个单位" in _pdf_text(pdf)
    assert len(sheet_rows(xlsx, "逾期报送")) == len(UNITS) + 1


def test_a_roster_with_an_unknown_region_code_is_refused_naming_the_row(merged, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("统一社会信用代码,单位名称,行政区划代码\n"
                    f"{make_credit_code('330106', 'MB0000011')},西湖区数据局,339999\n", encoding="utf-8")
    with pytest.raises(SelfcheckError, match="第2行“行政区划代码”339999:不在行政区划代码表中"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)
    assert not (tmp_path / "报告").exists()


def test_a_roster_with_a_bad_credit_code_is_refused_naming_the_row(merged, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("统一社会信用代码\n11330106MB00000110\n", encoding="gbk")
    with pytest.raises(SelfcheckError, match="第2行“统一社会信用代码”11330106MB00000110:.*校验位错误"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)


def test_a_roster_without_the_code_column_says_which_columns_it_needs(merged, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("单位,地区\n西湖区数据局,杭州\n", encoding="utf-8")
    with pytest.raises(SelfcheckError, match="含“统一社会信用代码”列"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)


def _roster_workbook(path, rows, sheet="应报送单位"):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为2025年度应报送自查材料的单位名单"])
    ws = wb.create_sheet(sheet)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_roster_workbook_is_read_like_the_csv_even_with_region_codes_typed_as_numbers(merged, tmp_path):
    path = _roster_workbook(tmp_path / "应报送单位.xlsx", [
        ["统一社会信用代码", "单位名称", "行政区划代码"],
        [make_credit_code("330106", "MB0000011"), "杭州市西湖区数据资源管理局", 330106],
        [make_credit_code("330127", "MB0000055"), "淳安县农业农村局", 330127],
        [None, None, None],
        [make_credit_code("330203", "MB0000066"), "宁波市海曙区教育局", "330203"]])
    pdf, xlsx = make_province_report(merged.db, tmp_path / "报告", roster=path, province="33", today=TODAY)
    assert "应报送单位3个(依据单位名单),已报送1个" in _pdf_text(pdf)
    assert sorted(r[2] for r in sheet_rows(xlsx, "未报送单位")[1:]) == ["330127", "330203"]


def test_a_roster_workbook_with_unknown_codes_is_refused_naming_sheet_and_row(merged, tmp_path):
    path = _roster_workbook(tmp_path / "名单.xlsx", [
        ["统一社会信用代码", "单位名称", "行政区划代码"],
        [make_credit_code("330106", "MB0000011"), "西湖区数据局", 330106],
        [make_credit_code("330106", "MB0000077"), "某区数据局", 339999],
        ["11330106MB00000110", "另一单位", ""]])
    with pytest.raises(SelfcheckError, match="名单.xlsx 工作表“应报送单位” 有无法识别的代码:"
                                             "第3行“行政区划代码”339999:不在行政区划代码表中;"
                                             "第4行“统一社会信用代码”11330106MB00000110:.*校验位错误"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)
    assert not (tmp_path / "报告").exists()


def test_a_roster_workbook_without_the_code_column_names_what_it_needs(merged, tmp_path):
    path = _roster_workbook(tmp_path / "名单.xlsx", [["单位", "地区"], ["西湖区数据局", "杭州"]])
    with pytest.raises(SelfcheckError, match="没有哪个工作表的第1行含“统一社会信用代码”列"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)


def test_a_hostile_roster_workbook_never_reaches_the_reader(merged, tmp_path):
    import zipfile

    path = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>')
    with pytest.raises(SelfcheckError, match="无法读取单位名单 .*名单.xlsx:"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)


def test_an_old_format_roster_is_refused_with_what_to_do(merged, tmp_path):
    path = tmp_path / "名单.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(SelfcheckError, match="是 .xls 格式;请在 Excel 或 WPS 中另存为 .xlsx 工作簿或 CSV 文件"):
        make_province_report(merged.db, tmp_path / "报告", roster=path, today=TODAY)


def test_a_missing_database_is_named(tmp_path):
    with pytest.raises(SelfcheckError, match="找不到省级数据库"):
        make_province_report(tmp_path / "没有.db", tmp_path / "报告")


def test_an_empty_database_says_there_is_nothing_to_report(tmp_path):
    from app.merge.store import ProvinceStore

    ProvinceStore(tmp_path / "空.db").close()
    with pytest.raises(SelfcheckError, match="还没有任何单位的报送"):
        make_province_report(tmp_path / "空.db", tmp_path / "报告")


def test_the_report_is_signed_with_the_provinces_key(merged, corpus, tmp_path):
    from app.signing.ca import ca_issue

    code = make_credit_code("330000", "MB0000099")
    ca_issue(corpus.trust.parent, code, "浙江省委网信办", tmp_path / "省.p12", b"province-pass-1", CA_PASS)
    pdf, _ = make_province_report(merged.db, tmp_path / "报告", province="33",
                                  sign=(tmp_path / "省.p12", b"province-pass-1"), today=TODAY)
    from pypdf import PdfReader

    fields = PdfReader(pdf).get_fields() or {}
    assert any(f.get("/FT") == "/Sig" and f.get("/V") for f in fields.values())
    assert "浙江省委网信办" in _pdf_text(pdf)


def test_the_command_line_writes_both_files(merged, tmp_path, capsys):
    from app.cli import main

    db = shutil.copy(merged.db, tmp_path / "p.db")
    assert main(["report-province", "--db", str(db), "--out", str(tmp_path / "出"), "--province", "33"]) == 0
    out = capsys.readouterr().out
    assert "浙江省" in out and len(list((tmp_path / "出").glob("*.pdf"))) == 1
