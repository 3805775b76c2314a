"""Places by name, units from another province, and where the full detail goes (merge --detail)."""

import csv

import pytest

from app.core.errors import SelfcheckError
from app.merge import detail
from app.merge.master_layout import load_master_layout
from app.merge.service import merge_files
from app.merge.store import ProvinceStore
from tests.merge.conftest import UNITS, master_table, sheet_rows

ZHEJIANG = UNITS[0][2]  # 杭州市西湖区数据资源管理局; the other three units are from other provinces


def test_units_from_another_province_are_rejected_when_the_province_is_given(good_folder, corpus, tmp_path):
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust,
                         jobs=1, province="33")
    assert [a.unit_name for a in report.accepted] == [ZHEJIANG]
    reasons = {r.reasons[0] for r in report.rejected}
    assert "单位的行政区划代码 320583(江苏省苏州市昆山市)不属于本省 33(浙江省);如确需汇总外省单位," \
           "请勾选“允许外省单位”(命令行 --allow-other-provinces)" in reasons
    assert len(report.rejected) == 3
    with ProvinceStore(tmp_path / "p.db") as store:  # nothing of a refused unit is stored; each refusal is noted
        assert store.integrity() == "ok" and store.count("submission") == 1
        assert store.count("entity") == sum(UNITS[0][3:6])
        assert len(list(store.file_outcomes("rejected"))) == 3


def test_units_from_another_province_are_accepted_and_flagged_with_the_flag(good_folder, corpus, tmp_path):
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust,
                         jobs=1, province="浙江省", allow_other_provinces=True)
    assert len(report.accepted) == 4
    flagged = {a.unit_name for a in report.accepted if any(w.startswith("外省单位") for w in a.warnings)}
    assert flagged == {u[2] for u in UNITS[1:]}
    units = master_table(tmp_path / "汇总.xlsx", "units")
    assert {u["unit_name"]: u["other_province"] for u in units} == {ZHEJIANG: "", **{u[2]: "外省单位" for u in UNITS[1:]}}


def test_without_a_province_the_trusted_ca_name_decides_what_is_flagged_but_nothing_is_refused(merged):
    flagged = {a.unit_name for a in merged.report.accepted if any(w.startswith("外省单位") for w in a.warnings)}
    assert flagged == {u[2] for u in UNITS[1:]}
    summary = sheet_rows(merged.out, "汇总")
    assert [v for v in summary[2] if v and "浙江" in str(v)] == ["33(浙江省)(由证书机构名称推断)"]


def test_the_master_names_regions(merged):
    units = {u["unit_name"]: u["region_name"] for u in master_table(merged.out, "units")}
    assert units[ZHEJIANG] == "浙江省杭州市西湖区" and units["昆山市政务服务管理办公室"] == "江苏省苏州市昆山市"
    labels = [r["region"] for r in master_table(merged.out, "summary")]
    assert "330100 杭州市" in labels and "320500 江苏省苏州市(外省)" in labels


def test_problems_by_article_and_region_add_up_to_the_problem_count(merged, corpus):
    rows = master_table(merged.out, "by_region")
    assert all(k.startswith("第") for k in rows[0] if k not in ("region", "total"))
    assert sum(int(r["total"]) for r in rows) == corpus.problems
    assert all(sum(int(v) for k, v in r.items() if k not in ("region", "total")) == r["total"] for r in rows)


def test_a_region_table_lacking_a_units_code_names_the_code_and_goes_on(good_folder, corpus, tmp_path):
    from app.core.regions import default_table_path

    lines = default_table_path().read_text(encoding="utf-8").splitlines()
    table = tmp_path / "旧区划.csv"
    table.write_text("\n".join(line for line in lines if not line.startswith("330106,")) + "\n", encoding="utf-8")
    report = merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust,
                         jobs=1, regions=table)
    xihu = next(a for a in report.accepted if a.unit_name == ZHEJIANG)
    assert "行政区划代码 330106 不在区划代码表中(代码表可能较旧,或代码有误),按代码汇总" in xihu.warnings
    units = {u["unit_name"]: u["region_name"] for u in master_table(tmp_path / "汇总.xlsx", "units")}
    assert units[ZHEJIANG] == "330106(代码表中无此代码)"
    with ProvinceStore(tmp_path / "p.db") as store:  # stored under its own code: a newer table names it later
        assert store.integrity() == "ok" and store.count("submission") == len(UNITS)
        assert ("330106",) in store.query("SELECT region_code FROM submission")


def test_a_broken_region_table_stops_the_merge_before_any_work(good_folder, tmp_path):
    table = tmp_path / "坏区划.csv"
    table.write_text("code,name,level\n330000,浙江省,省份\n", encoding="utf-8")
    with pytest.raises(SelfcheckError, match="坏区划.csv 第2行:级别“省份”"):
        merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", regions=table)
    assert not (tmp_path / "p.db").exists()


def test_by_default_each_prefecture_gets_a_workbook_with_its_units_rows(merged, corpus):
    folder = detail.region_folder(merged.out)
    books = sorted(p.name for p in folder.glob("*.xlsx"))
    assert books == ["320500_江苏省苏州市(外省).xlsx", "330100_杭州市.xlsx", "440300_广东省深圳市(外省).xlsx",
                     "510100_四川省成都市(外省).xlsx"]
    apps = [r for b in folder.glob("*.xlsx") for r in sheet_rows(b, "应用程序台账")[1:]]
    problems = [r for b in folder.glob("*.xlsx") for r in sheet_rows(b, "问题清单")[1:]]
    assert (len(apps), len(problems)) == (corpus.entities["app"], corpus.problem_rows)
    hangzhou = sheet_rows(folder / "330100_杭州市.xlsx", "应用程序台账")[1:]
    name_at = [c.key for c in load_master_layout().unit_columns].index("unit_name")
    assert {r[name_at] for r in hangzhou} == {ZHEJIANG}


def test_detail_full_writes_every_row_as_csv_and_none_writes_nothing(good_folder, corpus, tmp_path):
    merge_files([good_folder], tmp_path / "全.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1,
                detail="full")
    with (detail.csv_folder(tmp_path / "全.xlsx") / "工作群组台账.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == [c.header for c in load_master_layout().unit_columns]
    assert len(rows) - 1 == corpus.entities["group"]
    assert not detail.region_folder(tmp_path / "全.xlsx").exists()
    merge_files([good_folder], tmp_path / "无.xlsx", db=tmp_path / "p2.db", trust=corpus.trust, jobs=1,
                detail="none")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("无")] == ["无.xlsx"]


def test_an_unknown_detail_choice_is_refused(good_folder, tmp_path):
    with pytest.raises(SelfcheckError, match="--detail 应为 region、none、full 之一"):
        merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", detail="all")


def test_past_the_limit_the_master_says_where_the_rows_are_instead_of_holding_them(good_folder, corpus, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(detail, "MASTER_DETAIL_ROWS", 5)
    merge_files([good_folder], tmp_path / "汇总.xlsx", db=tmp_path / "p.db", trust=corpus.trust, jobs=1)
    note = sheet_rows(tmp_path / "汇总.xlsx", load_master_layout().sheet("problems").name)
    assert len(note) == 2 and note[1][0].startswith(f"共 {corpus.problem_rows} 行问题记录,超过汇总表附带明细的上限 5 行")
    assert "汇总_分地区明细" in note[1][0]
    assert len(master_table(tmp_path / "汇总.xlsx", "units")) == 4


def test_file_lists_in_the_master_are_capped_with_a_count_of_the_rest(monkeypatch):
    monkeypatch.setattr(detail, "MASTER_LIST_ROWS", 3)
    rows = list(detail.capped_rows(([f"第{n}个.xlsx", "原因"] for n in range(10)), 2))
    assert rows[:3] == [["第0个.xlsx", "原因"], ["第1个.xlsx", "原因"], ["第2个.xlsx", "原因"]]
    assert rows[3] == ["另有 7 行未列出,完整记录在省级数据库中", ""]


def test_csv_detail_never_turns_unit_text_into_a_formula():
    assert detail._cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert detail._cell("杭州") == "杭州" and detail._cell(3) == 3


def _contents(folder):
    from python_calamine import CalamineWorkbook

    out = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            out[path.name] = path.read_text(encoding="utf-8-sig")
        else:
            wb = CalamineWorkbook.from_path(str(path))
            out[path.name] = {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}
    return out


@pytest.mark.parametrize("choice", ["region", "full"])
def test_detail_files_written_in_parallel_processes_equal_those_written_in_one(merged, tmp_path, monkeypatch, choice):
    from app.merge.summary import write_master

    folder = {"region": detail.region_folder, "full": detail.csv_folder}[choice]
    with ProvinceStore(merged.db) as store:
        write_master(store, tmp_path / "一个进程.xlsx", None, detail=choice, jobs=1)
        monkeypatch.setattr(detail, "PARALLEL_ROWS", 0)
        started = []
        real = detail.DetailWriters.__enter__

        def enter(self):
            started.append(self.parallel)
            return real(self)

        monkeypatch.setattr(detail.DetailWriters, "__enter__", enter)
        write_master(store, tmp_path / "多个进程.xlsx", None, detail=choice, jobs=2)
    assert started == [True]
    assert _contents(folder(tmp_path / "多个进程.xlsx")) == _contents(folder(tmp_path / "一个进程.xlsx"))
