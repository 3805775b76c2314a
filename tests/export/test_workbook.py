"""The unit workbook: what is stored comes back from the file, and the file looks finished."""

import openpyxl
import pytest

from app.commands.export_service import export_template, workbook_data
from app.core.model import UNIT_ENTITY, Verdict
from app.workbook.layout import build_data, load_layout, read_workbook
from app.workbook.writer import write_workbook
from tests.conftest import INSPECTION_DAY


def test_every_cell_reads_back_as_stored(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    data = build_data(demo_store, insp.id)
    path = write_workbook(data, tmp_path / "一张表.xlsx")
    back, problems = read_workbook(path)
    assert problems == []
    assert back.unit == data.unit
    assert back.rows == data.rows
    assert back.meta == data.meta


def test_a_formula_looking_note_stays_text(demo_store, tmp_path):
    insp = demo_store.current_inspection()
    demo_store.set_answer(insp.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "=HYPERLINK(\"http://x\",\"点我\")")
    path = write_workbook(build_data(demo_store, insp.id), tmp_path / "一张表.xlsx")
    ws = openpyxl.load_workbook(path)["自查结果"]
    cell = next(r[7] for r in ws.iter_rows(min_row=2) if r[4].value == "A01-01")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    back, _ = read_workbook(path)
    assert any(r["note"] == "=HYPERLINK(\"http://x\",\"点我\")" for r in back.rows["results"])


@pytest.mark.parametrize("text", ["+86 138", "-负责人缺位", "@所有人"])
def test_other_formula_prefixes_stay_text(demo_store, tmp_path, text):
    insp = demo_store.current_inspection()
    demo_store.set_answer(insp.id, UNIT_ENTITY, "A01-02", Verdict.COMPLIANT, text)
    path = write_workbook(build_data(demo_store, insp.id), tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(path)["自查结果"]
    cell = next(r[7] for r in ws.iter_rows(min_row=2) if r[4].value == "A01-02")
    assert cell.data_type == "s" and cell.value == text


def test_the_workbook_looks_finished(exported):
    wb = openpyxl.load_workbook(exported.workbook)
    layout = load_layout()
    assert wb.sheetnames == [s.name for s in layout.sheets] + [layout.meta_sheet]
    assert wb[layout.meta_sheet].sheet_state == "hidden"
    ws = wb["应用程序台账"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["B"].width >= 20
    validations = {str(dv.sqref).split(":")[0][:1] for dv in ws.data_validations.dataValidation}
    assert "C" in validations  # 类型 choice list
    launch = ws["F2"]
    assert launch.is_date and launch.number_format == "yyyy-mm-dd"


def test_results_have_one_row_per_entity_and_applicable_item(demo_store):
    insp = demo_store.current_inspection()
    data = build_data(demo_store, insp.id)
    progress = demo_store.progress(insp.id)
    assert len(data.rows["results"]) == progress.overall.total
    assert len(data.rows["problems"]) == len(demo_store.problems(insp.id))


def test_the_blank_template_has_the_layout_and_no_rows(tmp_path):
    path = export_template(tmp_path)
    back, problems = read_workbook(path)
    assert all(rows == [] for rows in back.rows.values())
    assert back.meta["template"] == "1" and back.meta["layout_version"] == load_layout().version
    assert {p.column for p in problems} >= {"单位名称", "统一社会信用代码"}  # required fields still empty


def test_each_export_has_its_own_submission_id(demo_store):
    insp = demo_store.current_inspection()
    a = workbook_data(demo_store, insp.id).meta["submission_id"]
    b = workbook_data(demo_store, insp.id).meta["submission_id"]
    assert a != b and len(a) == 32


def test_each_result_row_carries_its_source_and_not_applicable_reason(demo_store):
    insp = demo_store.current_inspection()
    demo_store.set_answer(insp.id, UNIT_ENTITY, "A01-01", Verdict.NOT_APPLICABLE, na_reason="本单位为新设机构,尚未部署")
    rows = build_data(demo_store, insp.id).rows["results"]
    row = next(r for r in rows if r["item_id"] == "A01-01" and r["ref"] == "UNIT")
    assert row["na_reason"] == "本单位为新设机构,尚未部署"
    assert all(r["source"] for r in rows)


def test_a_problem_covering_several_answers_has_one_problem_number_on_each_of_its_rows(demo_store):
    from app.export.report_model import build_report

    insp = demo_store.current_inspection()
    rows = workbook_data(demo_store, insp.id).rows["problems"]
    numbers: dict[int, set[int]] = {}
    for problem, row in zip(demo_store.problems(insp.id), rows, strict=True):
        numbers.setdefault(problem.group, set()).add(row["problem_no"])
    assert all(len(n) == 1 for n in numbers.values())
    assert len({r["problem_no"] for r in rows}) == len(numbers) < len(rows)
    assert build_report(demo_store, insp.id, INSPECTION_DAY).facts.problems == len(numbers)


def test_rows_of_one_problem_that_disagree_are_named_by_the_province(demo_store):
    from app.merge.validate import check_consistency

    insp = demo_store.current_inspection()
    data = workbook_data(demo_store, insp.id)
    rows = data.rows["problems"]
    second = next(n for n, r in enumerate(rows) if n and r["problem_no"] == rows[n - 1]["problem_no"])
    rows[second]["status"] = "已整改" if rows[second]["status"] != "已整改" else "整改中"
    reasons = check_consistency(data, load_layout(), demo_store.checklist_for(insp.id))
    assert any(f"第{second + 2}行" in r and "整改状态不同" in r for r in reasons), reasons
