"""A clerk's own ledger sheet: title rows, merged cells, their own column words, Chinese numbers and dates,
a signature footer and a duplicate; imported, corrected and imported again without duplicating anything."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.core.errors import SelfcheckError
from app.workbook.ledger_import import (
    apply_plan,
    parse_count,
    parse_loose_date,
    plan_import,
    read_ledger_workbook,
)

ROOT = Path(__file__).resolve().parents[2]
UNIT = "杭州市西湖区数据资源管理局"
ACCOUNTS = [  # 序号, 平台类型, 账号名称, 开通时间, 粉丝量, 最后发文时间, 负责人
    [1, "微信公众平台", "西湖发布", "2021年5月", "1.2万", dt.datetime(2025, 11, 18), "王芳"],
    [2, "新浪微博", "西湖文旅", 2021.5, "3,456", "2025-11-10", "李强"],
    [3, "抖音", "西湖政务", "2019.03.01", "约500人", "2025年11月1日", "赵敏"],
    [None, None, None, None, None, None, None],
    [4, "微信公众平台", "西湖发布", "2021年5月", "1.2万", dt.datetime(2025, 11, 18), "王芳"],
    [5, "头条号", "西湖区融媒体", "去年", "800", "2025-11-15", "钱进"],
]


def clerk_workbook(path: Path, followers_of_first: str = "1.2万") -> Path:
    """What a clerk sends: the sheet named for the year, a merged title, a 填报单位 line, their own headers,
    a blank row, a duplicate, a bad date, and the 填表人 line at the bottom; plus a notes sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年统计"
    ws.append(["西湖区政务新媒体账号统计表"])
    ws.merge_cells("A1:G1")
    ws.append([f"填报单位(盖章):{UNIT}", None, None, None, "填报日期:2025年11月"])
    ws.merge_cells("A2:D2")
    ws.append(["序号", "平台类型", "账号名称", "开通时间", "粉丝量\n(人)", "最后发文时间", "负责人"])
    for row in ACCOUNTS:
        ws.append([followers_of_first if c == 4 and row[0] == 1 else v for c, v in enumerate(row)])
    ws.append(["填表人:王芳", None, "审核人:李强", None, "联系电话:0571-87000000"])
    groups = wb.create_sheet("工作群")
    groups.append(["各科室工作群情况"])
    groups.merge_cells("A1:F1")
    groups.append(["群名称", "平台", "人数", "建群时间", "群性质", "结束时间"])
    groups.append(["西湖区防汛值班群", "微信群", "48", "2023.6", "临时群", "2023年9月"])
    groups.append(["西湖区数据工作联络群", "钉钉", "1.2千", "2022-01-05", "常设", None])
    groups.append(["制表人:王芳"])
    notes = wb.create_sheet("填表说明")
    notes.append(["请各科室于11月20日前报送"])
    wb.save(path)
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return clerk_workbook(tmp_path / "西湖区新媒体和工作群统计(2025).xlsx")


def test_sheets_are_found_by_their_headers_below_the_title_rows(sheet):
    result = read_ledger_workbook(sheet, unit_name=UNIT)
    assert [r["name"] for r in result.rows["account"]] == ["西湖发布", "西湖文旅", "西湖政务"]
    assert [r["name"] for r in result.rows["group"]] == ["西湖区防汛值班群", "西湖区数据工作联络群"]
    assert any("填表说明" in n and "已跳过" in n for n in result.notes)


def test_a_clerks_words_numbers_and_dates_are_read(sheet):
    result = read_ledger_workbook(sheet, unit_name=UNIT)
    first, second, third = result.rows["account"]
    assert (first["platform"], first["opened"], first["followers"]) == ("微信公众号", dt.date(2021, 5, 1), 12000)
    assert (second["platform"], second["opened"], second["followers"]) == ("微博", dt.date(2021, 5, 1), 3456)
    assert (third["opened"], third["followers"], third["last_update"]) == (
        dt.date(2019, 3, 1), 500, dt.date(2025, 11, 1))
    flood, liaison = result.rows["group"]
    assert (flood["platform"], flood["members"], flood["permanence"], flood["task_end"]) == (
        "微信", 48, "临时", dt.date(2023, 9, 1))
    assert liaison["members"] == 1200


def test_a_missing_sponsor_column_takes_the_units_name_and_says_so(sheet):
    result = read_ledger_workbook(sheet, unit_name=UNIT)
    assert {r["sponsor"] for r in result.rows["account"]} == {UNIT}
    assert any("没有“主办单位”列" in n for n in result.notes)


def test_footer_blank_rows_are_skipped_and_every_refused_row_has_its_reason(sheet):
    result = read_ledger_workbook(sheet, unit_name=UNIT)
    where = f"{sheet.name} 工作表“2025年统计”"
    assert result.problems == [
        f"{where}第8行:与第4行重复(同名同平台)",
        f"{where}第9行:“开设时间”(表中“开通时间”列)应为日期(如 2021-05-03、2021年5月、2021.5),当前为“去年”",
    ]


def test_importing_the_corrected_sheet_again_updates_instead_of_duplicating(store, inspection, sheet, tmp_path):
    first = plan_import(read_ledger_workbook(sheet, unit_name=UNIT), store.entities(inspection.id))
    assert (len(first.new), len(first.changed), len(first.unchanged), len(first.refused)) == (5, 0, 0, 2)
    apply_plan(store, inspection.id, first)
    corrected = clerk_workbook(tmp_path / "更正后.xlsx", followers_of_first="1.5万")
    again = plan_import(read_ledger_workbook(corrected, unit_name=UNIT), store.entities(inspection.id))
    assert (len(again.new), len(again.changed), len(again.unchanged)) == (0, 1, 4)
    assert again.changed[0].diffs == ["粉丝数:12000 → 15000"]
    apply_plan(store, inspection.id, again)
    assert store.count_entities(inspection.id) == {"app": 0, "account": 3, "group": 2}
    [fabu] = [e for e in store.entities(inspection.id, "account") if e.name == "西湖发布"]
    assert fabu.fields["followers"] == 15000


def test_headers_that_fit_two_ledgers_are_reported_and_settled_by_naming_the_kind(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["名称", "平台", "建群单位"])
    wb.active.append(["城关镇网格群", "微信", "城关镇"])
    wb.active.append(["城关镇发布", "微信公众号", "城关镇"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    result = read_ledger_workbook(path)
    assert result.ambiguous == [] and [r["name"] for r in result.rows["group"]] == ["城关镇网格群"]
    wb.active.delete_cols(3)
    wb.save(path)
    result = read_ledger_workbook(path)
    assert result.ambiguous == ["Sheet1"] and "无法确定是哪一种" in result.problems[0]
    settled = read_ledger_workbook(path, kinds={"Sheet1": "account"}, unit_name="城关镇")
    assert [r["name"] for r in settled.rows["account"]] == ["城关镇发布"]
    assert "“平台”的值“微信”不在可选范围内" in settled.problems[0]


@pytest.mark.parametrize(("text", "count"), [("1.2万", 12000), ("3千", 3000), ("约500人", 500), ("12万+", 120000),
                                              ("1,234", 1234), ("三", 3), (88.0, 88)])
def test_counts_in_a_clerks_spelling(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize(("text", "day"), [("2021年5月", dt.date(2021, 5, 1)), ("2021.5", dt.date(2021, 5, 1)),
                                            (2021.12, dt.date(2021, 12, 1)), ("2021年5月3日", dt.date(2021, 5, 3)),
                                            ("20210503", dt.date(2021, 5, 3)), (44321, dt.date(2021, 5, 5))])
def test_dates_in_a_clerks_spelling(text, day):
    assert parse_loose_date(text) == day


def test_a_count_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        parse_count("很多")


def test_the_command_previews_then_imports_then_finds_nothing_new(tmp_path, sheet):
    from app.core.checklist import default_checklist
    from app.core.model import Unit
    from app.storage import Store
    from tests.conftest import VALID_CODE

    db = tmp_path / "unit.db"
    with Store(db) as store:
        store.save_unit(Unit(UNIT, VALID_CODE, "330106"))
        store.start_inspection(2025, default_checklist())

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app", "ledger", "import", "--db", str(db), str(sheet), *extra],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)

    preview = run("--dry-run", "--json")
    assert preview.returncode == 0, preview.stderr
    data = json.loads(preview.stdout)
    assert (len(data["new"]), len(data["refused"])) == (5, 2) and data["dry_run"]
    done = run()
    assert done.returncode == 0 and "已导入:新增 5 条,更新 0 条,未变 0 条,未导入 2 行" in done.stdout
    assert "去年" in done.stdout
    again = run()
    assert "新增 0 条,更新 0 条,未变 5 条" in again.stdout


def test_a_workbook_with_no_ledger_headers_is_refused_by_name(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["会议名称", "时间"])
    wb.save(tmp_path / "会议.xlsx")
    with pytest.raises(SelfcheckError, match="会议.xlsx 中没有台账工作表"):
        read_ledger_workbook(tmp_path / "会议.xlsx")
