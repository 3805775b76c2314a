"""The bundled GB/T 2260 table names regions; a broken or incomplete table is said plainly."""

import csv

import pytest

from app.core.errors import SelfcheckError
from app.core.regions import default_table_path, load_regions


@pytest.fixture(scope="module")
def table():
    return load_regions()


def test_a_county_is_named_with_its_province_and_prefecture(table):
    assert table.full_name("330106") == "浙江省杭州市西湖区"
    assert table.full_name("320583") == "江苏省苏州市昆山市"


def test_a_district_of_a_municipality_is_named_with_the_city_once(table):
    assert table.full_name("110101") == "北京市东城区"
    assert table.prefecture_key("110101") == "110000"


def test_a_county_governed_directly_by_the_province_skips_the_grouping_name(table):
    assert table.full_name("419001") == "河南省济源市"


def test_a_retired_code_is_still_named_and_marked(table):
    assert table.full_name("330103") == "浙江省杭州市下城区(已撤销)"


def test_a_code_missing_from_the_table_is_shown_not_fatal(table):
    assert table.full_name("330199") == "330199(代码表中无此代码)"
    assert table.prefecture_key("330199") == "330100"
    assert table.prefecture_key("ABC") == "未知地区"


@pytest.mark.parametrize("text", ["33", "330000", "浙江", "浙江省"])
def test_the_province_may_be_given_by_code_or_name(table, text):
    assert table.resolve_province(text) == "33"


def test_autonomous_regions_resolve_by_their_short_name(table):
    assert table.resolve_province("新疆") == "65" and table.resolve_province("广西壮族自治区") == "45"


@pytest.mark.parametrize("text", ["99", "3301", "浙", "火星省"])
def test_an_unknown_province_is_refused_with_a_hint(table, text):
    with pytest.raises(SelfcheckError, match="无法识别本省.*如 33"):
        table.resolve_province(text)


def test_the_province_is_read_from_an_office_name(table):
    assert table.province_named_in("浙江省委网信办") == "33"
    assert table.province_named_in("省委网信办") == ""


def test_every_row_of_the_bundled_table_belongs_to_a_province_in_it():
    with default_table_path().open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    provinces = {r["code"][:2] for r in rows if r["level"] == "province"}
    assert len(provinces) == 34
    assert all(r["code"][:2] in provinces for r in rows)
    assert sum(r["level"] == "county" and r["status"] == "current" for r in rows) > 2800


def _table(tmp_path, text):
    path = tmp_path / "区划.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_without_a_name_names_the_file_and_row(tmp_path):
    path = _table(tmp_path, "code,name,level,status\n330000,浙江省,province,current\n330100,,prefecture,current\n")
    with pytest.raises(SelfcheckError, match=r"区划\.csv 第3行:代码 330100 缺少名称"):
        load_regions(path)


def test_a_code_that_is_not_six_digits_is_refused(tmp_path):
    path = _table(tmp_path, "code,name,level\n3301,杭州市,prefecture\n")
    with pytest.raises(SelfcheckError, match="第2行:代码“3301”应为6位数字"):
        load_regions(path)


def test_a_file_without_the_header_is_refused(tmp_path):
    with pytest.raises(SelfcheckError, match="第1行应为表头"):
        load_regions(_table(tmp_path, "330000,浙江省,province\n"))


def test_a_missing_table_is_named(tmp_path):
    with pytest.raises(SelfcheckError, match="找不到行政区划代码表"):
        load_regions(tmp_path / "没有这个文件.csv")
