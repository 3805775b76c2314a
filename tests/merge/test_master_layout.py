"""The master workbook's layout is data (exports/master_layout.toml): checked when loaded, followed by the writer."""

import tomllib

import pytest

from app.core.ledger import KIND_LABELS, KINDS
from app.core.model import ProblemStatus
from app.merge import summary
from app.merge.master_layout import (
    MASTER_LAYOUT_FILE,
    MasterLayoutError,
    load_master_layout,
    parse_master_layout,
)
from app.merge.store import ProvinceStore
from app.paths import resource
from tests.merge.conftest import master_table, sheet_rows


def _shipped() -> dict:
    return tomllib.loads(resource(*MASTER_LAYOUT_FILE).read_text(encoding="utf-8"))


def test_the_shipped_layout_loads_with_kind_and_status_headers_from_the_programs_own_terms():
    units = load_master_layout().sheet("units")
    assert [c.header for c in units.group("kind")] == [KIND_LABELS[k] for k in KINDS]
    assert [c.header for c in load_master_layout().sheet("summary").group("status")] == [s.value for s in
                                                                                           ProblemStatus]


def test_every_sheet_of_the_master_is_named_and_headed_as_the_layout_says(merged):
    layout = load_master_layout()
    for key in ("summary", "articles", "units", "by_region", "rejected", "duplicates"):
        assert master_table(merged.out, key) is not None  # asserts the header row is the layout's
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(merged.out)).sheet_names
    assert names[:4] == [layout.sheet(k).name for k in ("summary", "charts", "units", "by_region")]


def test_reordering_and_renaming_columns_in_the_file_changes_the_written_master(merged, tmp_path, monkeypatch):
    data = _shipped()
    columns = data["sheets"]["rejected"]["columns"]
    data["sheets"]["rejected"]["columns"] = [dict(columns[2], header="原因"), columns[0], columns[1]]
    data["sheets"]["units"]["name"] = "报送单位"
    custom = parse_master_layout(data, "自定义.toml")
    monkeypatch.setattr(summary, "load_master_layout", lambda: custom)
    with ProvinceStore(merged.db) as store:
        summary.write_master(store, tmp_path / "汇总.xlsx", None, detail="none")
    rejected = sheet_rows(tmp_path / "汇总.xlsx", "退回文件")
    assert rejected[0] == ["原因", "文件", "序号"] and rejected[1][0] and str(rejected[1][1]).endswith(".xlsx")
    assert sheet_rows(tmp_path / "汇总.xlsx", "报送单位")[0][:2] == ["行政区划代码", "单位名称"]


def _broken(edit) -> str:
    data = _shipped()
    edit(data)
    with pytest.raises(MasterLayoutError) as err:
        parse_master_layout(data, "exports/坏版式.toml")
    assert "exports/坏版式.toml" in str(err.value)
    return str(err.value)


@pytest.mark.parametrize(("edit", "key", "words"), [
    (lambda d: d["sheets"]["units"]["columns"].append({"key": "mood", "header": "心情"}),
     "sheets.units.columns[15].key", "程序不填写列“mood”"),
    (lambda d: d["sheets"].pop("rejected"), "sheets.rejected", "缺少此工作表的定义"),
    (lambda d: d["sheets"]["summary"]["columns"][0].update(width=-3), "sheets.summary.columns[0].width",
     "列宽应为 0 到 255 之间的数"),
    (lambda d: d["sheets"]["duplicates"].update(name="退回文件"), "sheets.duplicates.name",
     "与 sheets.rejected 重复"),
    (lambda d: d["sheets"]["units"].update(name="单位:名单"), "sheets.units.name", "不含 [ ] : * ? / \\"),
    (lambda d: d["sheets"]["summary"]["columns"].append({"each": "article"}), "sheets.summary.columns[9].each",
     "此工作表不能用列组“article”"),
    (lambda d: d["charts"][0].update(values="answers"), "charts[0].values", "“answers”不是 sheets.articles 的列"),
    (lambda d: d["charts"][1].update(type="radar"), "charts[1].type", "未知图表类型“radar”"),
    (lambda d: d["unit"]["columns"].pop(2), "unit.columns", "缺少列 unit_code"),
    (lambda d: d["sheets"]["rejected"]["columns"][0].update(format="money"), "sheets.rejected.columns[0].format",
     "未知格式“money”"),
])
def test_a_malformed_layout_names_the_file_and_the_key(edit, key, words):
    message = _broken(edit)
    assert f"键 {key}:" in message and words in message


def test_an_unreadable_layout_file_is_named(tmp_path):
    bad = tmp_path / "master_layout.toml"
    bad.write_text("title = [\n", encoding="utf-8")
    with pytest.raises(MasterLayoutError, match="无法读取汇总表版式文件 .*master_layout.toml"):
        load_master_layout(bad)
