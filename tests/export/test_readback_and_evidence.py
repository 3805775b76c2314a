"""Before anything is swapped in, the export checks its own output and the evidence it lists.

Evidence changed or gone since it was attached blocks the export, naming the file (a signed manifest must be
true). The workbook and the PDF are read back; a file that does not say what the data says fails the export
and the previous files stay as they were.
"""

from __future__ import annotations

import re

import pytest

from app.commands.export_service import SignRequest, export_inspection, workbook_data
from app.core.errors import SelfcheckError
from app.export.readback import ReadBackError, check_report, check_workbook
from app.signing.keys import new_unit_p12
from tests.conftest import INSPECTION_DAY


def _first_evidence(store):
    insp = store.current_inspection()
    _, item_id, ref = store.all_evidence(insp.id)[0]
    return insp, item_id, ref


def test_evidence_changed_on_disk_blocks_the_signed_export_and_names_the_file(demo_store, tmp_path):
    insp, item_id, ref = _first_evidence(demo_store)
    demo_store.evidence_path(ref.sha256).write_bytes(b"replaced after it was attached")
    unit = demo_store.get_unit()
    p12 = tmp_path / "单位.p12"
    new_unit_p12(p12, unit.credit_code, unit.name, b"passphrase-2025")
    out = tmp_path / "导出"
    with pytest.raises(SelfcheckError, match=re.escape(ref.original_name)) as caught:
        export_inspection(demo_store, insp.id, out, sign=SignRequest(p12, b"passphrase-2025"), today=INSPECTION_DAY)
    assert "已被修改" in str(caught.value) and item_id in str(caught.value)
    assert not out.exists() or not any(out.iterdir())


def test_evidence_changed_on_disk_blocks_an_unsigned_export_too(demo_store, tmp_path):
    insp, _, ref = _first_evidence(demo_store)
    path = demo_store.evidence_path(ref.sha256)
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(SelfcheckError, match=re.escape(ref.original_name)):
        export_inspection(demo_store, insp.id, tmp_path / "导出", docx=False, today=INSPECTION_DAY)


def test_a_missing_evidence_file_is_named_as_missing(demo_store, tmp_path):
    insp, _, ref = _first_evidence(demo_store)
    demo_store.evidence_path(ref.sha256).unlink()
    with pytest.raises(SelfcheckError, match="缺失") as caught:
        export_inspection(demo_store, insp.id, tmp_path / "导出", docx=False, today=INSPECTION_DAY)
    assert ref.original_name in str(caught.value)


def test_a_workbook_that_lost_a_row_fails_the_export_and_keeps_the_earlier_files(demo_store, tmp_path, monkeypatch):
    import app.workbook.writer as workbook

    insp = demo_store.current_inspection()
    out = tmp_path / "导出"
    first = export_inspection(demo_store, insp.id, out, today=INSPECTION_DAY)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = workbook._row_values

    def drop_last(columns, rows):
        return real(columns, rows[:-1])

    monkeypatch.setattr(workbook, "_row_values", drop_last)
    with pytest.raises(ReadBackError, match="行数据") as caught:
        export_inspection(demo_store, insp.id, out, today=INSPECTION_DAY)
    assert first.workbook.name in str(caught.value) and "原有文件未被改动" in str(caught.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_changed_cell_is_found_by_sheet_and_row(demo_store, tmp_path):
    from app.workbook.writer import write_workbook

    insp = demo_store.current_inspection()
    data = workbook_data(demo_store, insp.id)
    path = write_workbook(data, tmp_path / "一张表.xlsx")
    data.rows["results"][4]["note"] = "导出后才改的说明"
    with pytest.raises(ReadBackError, match="工作表“自查结果”第6行与数据不符"):
        check_workbook(path, data)


def test_a_workbook_naming_another_unit_fails(demo_store, tmp_path):
    from app.workbook.writer import write_workbook

    insp = demo_store.current_inspection()
    data = workbook_data(demo_store, insp.id)
    path = write_workbook(data, tmp_path / "一张表.xlsx")
    data.unit["unit_name"] = "杭州市上城区教育局"
    with pytest.raises(ReadBackError, match="单位名称"):
        check_workbook(path, data)


def _model_and_info(store, pdf):
    from pypdf import PdfReader

    from app.export.report import render_report
    from app.export.report_model import build_report

    insp = store.current_inspection()
    report = build_report(store, insp.id, INSPECTION_DAY)
    info = render_report(store, insp.id, pdf, today=INSPECTION_DAY, report=report)
    assert len(PdfReader(str(pdf)).pages) == info.pages
    return report, info


def test_an_unsigned_report_where_a_signed_one_was_made_fails(demo_store, tmp_path):
    report, info = _model_and_info(demo_store, tmp_path / "报告.pdf")
    check_report(tmp_path / "报告.pdf", report, info, signed=False)
    with pytest.raises(ReadBackError, match="没有电子签名"):
        check_report(tmp_path / "报告.pdf", report, info, signed=True)


def test_a_report_that_names_another_unit_fails_and_names_what_is_missing(demo_store, tmp_path):
    import dataclasses

    report, info = _model_and_info(demo_store, tmp_path / "报告.pdf")
    other = dataclasses.replace(report, signoff_unit="杭州市上城区教育局")
    with pytest.raises(ReadBackError, match="杭州市上城区教育局"):
        check_report(tmp_path / "报告.pdf", other, info, signed=False)


def test_a_report_whose_page_count_disagrees_fails_the_export_and_keeps_the_earlier_files(demo_store, tmp_path,
                                                                                   monkeypatch):
    import app.export.report as report_module

    insp = demo_store.current_inspection()
    out = tmp_path / "导出"
    export_inspection(demo_store, insp.id, out, today=INSPECTION_DAY)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = report_module.render_report

    def miscounted(*args, **kwargs):
        info = real(*args, **kwargs)
        info.pages += 1
        return info

    monkeypatch.setattr(report_module, "render_report", miscounted)
    with pytest.raises(ReadBackError, match="页数不符"):
        export_inspection(demo_store, insp.id, out, today=INSPECTION_DAY)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
