"""One merge of the whole inbox: every good file accepted, every broken one rejected with its reason."""

from pathlib import Path

from app.merge.master_layout import load_master_layout
from app.workbook.layout import load_layout
from tests.merge.conftest import NEWER_EXPORT, master_table, reasons_of, sheet_rows


def _names(entries):
    return sorted(Path(e.file).name for e in entries)


def test_every_good_file_is_accepted(merged, corpus):
    assert _names(merged.report.accepted) == sorted(p.name for p in corpus.good.values())


def test_exactly_the_broken_files_are_rejected(merged, corpus):
    assert _names(merged.report.rejected) == sorted(p.name for p in corpus.bad.values())


def test_the_same_file_or_export_again_and_the_older_export_are_duplicates(merged, corpus):
    assert _names(merged.report.duplicates) == sorted(p.name for p in corpus.dups.values())


def test_totals_count_files_exactly(merged, corpus):
    t = merged.report.totals
    assert (t["files"], t["accepted"], t["rejected"], t["duplicates"]) == (
        len(corpus.good) + len(corpus.bad) + len(corpus.dups), 4, len(corpus.bad), 3)
    assert merged.report.exit_code == 1


def test_a_truncated_file_is_rejected_as_incomplete(merged, corpus):
    assert any("不完整" in r or "损坏" in r for r in reasons_of(merged.report, corpus.bad["截断"]))


def test_a_text_file_renamed_to_xlsx_is_rejected(merged, corpus):
    assert reasons_of(merged.report, corpus.bad["文本"]) == ["这是文本文件(只是扩展名为 .xlsx),不是 Excel 工作簿"]


def test_a_zip_bomb_is_rejected_before_inflating(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["压缩炸弹"])
    assert corpus.bad["压缩炸弹"].stat().st_size < 64 * 1024
    assert any("疑似压缩炸弹" in r and "xl/worksheets/sheet1.xml" in r for r in reasons)


def test_an_xml_entity_bomb_is_rejected_unparsed(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["实体炸弹"])
    assert any("DOCTYPE/ENTITY" in r and "sheet1.xml" in r for r in reasons)


def test_a_missing_sheet_is_named(merged, corpus):
    assert "工作表“公众账号台账”:缺少该工作表" in reasons_of(merged.report, corpus.bad["缺工作表"])


def test_a_wrong_layout_version_is_rejected(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["版式版本"])
    assert any("版式版本为“0”" in r and f"只接受版式版本“{load_layout().version}”" in r for r in reasons)


def test_a_bad_credit_code_is_rejected_with_the_check_character(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["信用代码"])
    assert any("统一社会信用代码" in r and "校验位错误" in r for r in reasons)


def test_a_signed_workbook_whose_noncompliance_lacks_a_problem_is_rejected(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["缺整改"])
    assert any(r.startswith("工作表“自查结果”第") and "问题整改表中没有对应的问题" in r for r in reasons)


def test_a_cell_changed_after_signing_is_rejected_and_located(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["篡改"])
    assert any("签名后被修改" in r for r in reasons)
    assert "签名验证:工作表“问题整改”第2行被修改" in reasons


def test_a_hand_filled_template_is_rejected_as_template_and_unsigned(merged, corpus):
    reasons = reasons_of(merged.report, corpus.bad["手填模板"])
    assert any("空白模板" in r for r in reasons)
    assert any("未签名" in r for r in reasons)


def test_the_newer_export_of_a_unit_replaces_the_older(merged, corpus):
    from app.merge.store import ProvinceStore

    with ProvinceStore(merged.db) as store:
        rows = store.query("SELECT exported_at FROM submission WHERE unit_name = '成都市锦江区卫生健康局'")
    assert rows == [(NEWER_EXPORT,)]


def test_the_master_ledgers_hold_every_entity_with_its_unit(merged, corpus):
    for sheet, kind in (("应用程序台账", "app"), ("公众账号台账", "account"), ("工作群组台账", "group")):
        rows = sheet_rows(merged.out, sheet)
        assert len(rows) - 1 == corpus.entities[kind], sheet
        assert all(corpus.units[r[2]] == r[1] for r in rows[1:])


def test_the_master_problem_list_holds_every_problem(merged, corpus):
    rows = sheet_rows(merged.out, load_master_layout().sheet("problems").name)
    assert len(rows) - 1 == corpus.problem_rows


def test_a_problem_covering_several_answers_counts_once_as_in_the_units_report(merged, corpus):
    assert corpus.problems < corpus.problem_rows  # the demo units record shared problems
    assert merged.report.totals["problems"] == corpus.problems
    assert sum(int(r["problems"]) for r in master_table(merged.out, "units")) == corpus.problems


def test_the_summary_sheet_totals_units_and_entities(merged, corpus):
    total = next(r for r in master_table(merged.out, "summary") if r["region"] == "合计")
    assert [int(total[k]) for k in ("units", "kind:app", "kind:account", "kind:group")] == [
        4, corpus.entities["app"], corpus.entities["account"], corpus.entities["group"]]
    assert total["answered_rate"] == 1.0  # every demo item is answered


def test_the_master_lists_every_rejected_file_with_every_reason(merged, corpus):
    rows = master_table(merged.out, "rejected")
    assert len(rows) == sum(len(r.reasons) for r in merged.report.rejected)
    assert {Path(r["file"]).name for r in rows} == {p.name for p in corpus.bad.values()}


def test_the_master_has_charts(merged):
    import zipfile

    with zipfile.ZipFile(merged.out) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
