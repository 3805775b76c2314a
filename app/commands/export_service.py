"""Export an inspection: the report PDF (signed when asked), the unit workbook and an editable .docx.

One function for the CLI and the wizard. Files appear under their final names only when complete; a
failure leaves earlier files of the same name as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.core.errors import SelfcheckError
from app.core.model import Unit
from app.export.readback import check_report, check_workbook
from app.export.report import render_report, unprintable_message
from app.export.report_docx import render_docx
from app.export.report_model import Report, build_report
from app.signing.keys import load_signer
from app.signing.pdf import sign_pdf
from app.signing.workbook import signature_meta
from app.storage import Store
from app.storage.evidence import EvidenceStore
from app.storage.files import ExportSet, ensure_writable_dir, safe_filename, write_failure
from app.storage.snapshot import InspectionSnapshot, read_snapshot
from app.workbook.layout import WorkbookData, build_data, load_layout
from app.workbook.writer import write_workbook, write_workbook_file

Progress = Callable[[float, str], None]


@dataclass
class SignRequest:
    p12_path: Path
    passphrase: bytes
    seal_image: Path | None = None


@dataclass
class ExportResult:
    pdf: Path
    workbook: Path
    docx: Path | None
    signed: bool
    fonts: str = ""  # which font each role of the report used
    warnings: tuple[str, ...] = ()


def export_basename(unit: Unit, year: int) -> str:
    """File names carry the unit code, the unit name and the year (the office sorts thousands of them)."""
    return f"{unit.credit_code}_{safe_filename(unit.name)}_{year}年度自查"


def check_evidence(snapshot: InspectionSnapshot, evidence: EvidenceStore) -> None:
    """Re-hash every evidence file the report will list: the signed manifest must be true of the files.

    A file changed on disk after it was attached (its content no longer matches the hash the report would
    print) or gone blocks the export, naming the file and where it is used.
    """
    seen: dict[str, str] = {}
    bad: list[str] = []
    for _, item_id, ref in snapshot.evidence:
        if ref.sha256 in seen:
            continue
        try:
            problem = evidence.check(ref.sha256)
        except OSError as exc:
            problem = f"无法读取({exc.strerror or exc})"
        seen[ref.sha256] = problem or ""
        if problem:
            state = "缺失" if problem.startswith("缺少") else "已被修改或损坏" if "哈希" in problem else problem
            bad.append(f"“{ref.original_name}”(检查项 {item_id},{state})")
    if bad:
        shown = "、".join(bad[:5]) + (f" 等 {len(bad)} 个" if len(bad) > 5 else "")
        raise SelfcheckError(
            f"证明材料与添加时不一致,不能导出(报告所列的证明材料哈希将不属实):{shown}。"
            f"请在相应检查项中删除后重新上传这些文件,或运行 selfcheck doctor 检查数据目录 {evidence.root}"
        )


def workbook_data(snapshot: InspectionSnapshot | None, template: bool = False) -> WorkbookData:
    """The workbook's data with this export's metadata; a blank template without a snapshot."""
    data = build_data(snapshot) if snapshot is not None and not template else WorkbookData()
    layout = load_layout()
    if template:
        data.rows = {s.key: [] for s in layout.sheets if s.kind != "record"}
        data.meta = {"layout_version": layout.version}
    data.meta.update({
        "app_version": __version__,
        "exported_at": dt.datetime.now().isoformat(timespec="seconds"),
        "submission_id": uuid.uuid4().hex,
        "template": "1" if template else "0",
    })
    return data


def export_names(unit: Unit, year: int) -> tuple[str, str, str]:
    """Final file names: report PDF, workbook, editable .docx."""
    base = export_basename(unit, year)
    return f"{base}_报告.pdf", f"{base}_一张表.xlsx", f"{base}_报告(可编辑).docx"


def check_signer_is_unit(signer: Any, unit: Any) -> None:
    """A certificate of another unit would sign a report the province must reject as 签名证书与单位不符:
    stop the clerk who picked the wrong .p12 here, before anything is written."""
    if signer.unit_code != unit.credit_code:
        raise SelfcheckError(f"证书文件 {signer.source} 属于{signer.unit_name}(统一社会信用代码 {signer.unit_code}),"
                           f"与本单位的统一社会信用代码 {unit.credit_code} 不符:请选择本单位的证书,或先在“单位信息”中核对代码")


def export_inspection(store: Store, inspection_id: int, out_dir: Path, *, sign: SignRequest | None = None,
                      docx: bool = True, progress: Progress | None = None,
                      today: dt.date | None = None) -> ExportResult:
    """Write report PDF, workbook (and .docx) for one inspection into ``out_dir``, all three or none.

    Everything is written into a staging folder beside the targets, read back and checked, and only then
    swapped in together (:class:`ExportSet`); any failure leaves the previous files exactly as they were.
    """
    tell = progress or (lambda f, s: None)
    out_dir = ensure_writable_dir(Path(out_dir))
    # One read of the inspection: the report, the workbook, their read-back and the signature all use it.
    snapshot = read_snapshot(store, inspection_id)
    unit, insp = snapshot.unit, snapshot.inspection
    if unit is None:
        raise SelfcheckError("尚未填写单位信息,无法导出")
    store.check_rectification(inspection_id)  # every 基本符合/不符合 covered by a complete problem
    tell(0.01, "正在核对证明材料")
    check_evidence(snapshot, store.evidence)
    signer = None
    if sign is not None:
        tell(0.02, "正在读取签名证书")
        signer = load_signer(sign.p12_path, sign.passphrase)
        check_signer_is_unit(signer, unit)
    tell(0.05, "正在备份数据库")
    store.backup("export")
    names = export_names(unit, insp.year)
    tell(0.1, "正在生成自查报告")
    # One report model for the PDF and the .docx; edited narrative that contradicts the data stops here.
    drafts = _Drafts(build_report(snapshot, today), workbook_data(snapshot))
    del snapshot  # all that was read is in the drafts now: its memory serves the read-back, the export's peak
    with ExportSet(out_dir, list(names)) as files:
        try:
            info = _write_set(drafts, files, names, unit, signer, sign, docx, tell)
        except OSError as exc:
            raise write_failure(exc, out_dir, files.writing) from None
        tell(0.97, "正在保存导出文件")
        files.commit()
    tell(1.0, "导出完成")
    pdf, xlsx, doc = (out_dir / n for n in names)
    warnings = (unprintable_message(info.unprintable),) if info.unprintable else ()
    return ExportResult(pdf, xlsx, doc if docx else None, signer is not None, info.fonts, warnings)


@dataclass
class _Drafts:
    """What one export writes, held in one place so each part is dropped as soon as it has been used: the
    read-back of the workbook is the export's memory peak (about 30 MB lower for the large demo)."""

    report: Report | None
    data: WorkbookData


def _write_set(drafts: _Drafts, files: ExportSet, names: tuple[str, str, str], unit: Unit,
               signer: Any, sign: SignRequest | None, docx: bool, tell: Progress) -> Any:
    """Render, sign and write the three files into the staging folder, then read them back."""
    pdf_name, xlsx_name, docx_name = names
    report, data = drafts.report, drafts.data
    assert report is not None
    pdf = files.path(pdf_name)
    info = render_report(report, pdf, strict=signer is not None)
    pdf_sha = None
    if signer is not None:
        tell(0.55, "正在对报告进行电子签名")
        signed = pdf.with_name(pdf.name + ".signed")
        sign_pdf(pdf, signed, signer, signature_page=info.signature_page, signature_box=info.signature_box,
                 seal_image=sign.seal_image if sign else None, location=unit.name)
        os.replace(signed, pdf)
        pdf_sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    tell(0.65, "正在生成一张表")
    if signer is not None:
        data.meta.update(signature_meta(data, signer, pdf_sha))
    xlsx = files.path(xlsx_name)
    write_workbook_file(data, xlsx)
    if docx:
        tell(0.8, "正在生成可编辑的 Word 报告")
        render_docx(report, files.path(docx_name))
    tell(0.9, "正在核对导出文件")
    files.writing = None
    check_report(pdf, report, info, signed=signer is not None, label=pdf_name)
    drafts.report = report = None  # the workbook's read-back is the export's memory peak: it reuses the model's
    check_workbook(xlsx, data, xlsx_name)
    return info


def export_template(out_dir: Path) -> Path:
    """A blank workbook of the same layout, for units that fill it in by hand."""
    out_dir = ensure_writable_dir(Path(out_dir))
    path = out_dir / f"一张表空白模板_版式{load_layout().version}.xlsx"
    return write_workbook(workbook_data(None, template=True), path)
