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
from app.export.files import atomic_target, ensure_writable_dir, safe_filename
from app.export.layout import WorkbookData, build_data, load_layout

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


def _check_evidence(store: Any, inspection_id: int) -> None:
    missing = []
    for _, _, ref in store.all_evidence(inspection_id):
        if not store.evidence_path(ref.sha256).is_file():
            missing.append(ref.original_name)
    if missing:
        shown = "、".join(sorted(set(missing))[:5])
        raise SelfcheckError(
            f"有 {len(set(missing))} 个证明材料文件缺失({shown}),证明材料清单无法生成。"
            f"请重新上传这些文件,或运行 selfcheck doctor 检查数据目录 {store.evidence.root}"
        )


def workbook_data(store: Any, inspection_id: int, template: bool = False) -> WorkbookData:
    data = build_data(store, inspection_id) if not template else WorkbookData()
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


def export_inspection(store: Any, inspection_id: int, out_dir: Path, *, sign: SignRequest | None = None,
                      docx: bool = True, progress: Progress | None = None,
                      today: dt.date | None = None) -> ExportResult:
    """Write report PDF, workbook (and .docx) for one inspection into ``out_dir``."""
    from app.export.readback import check_pdf
    from app.export.report import render_report, unprintable_message
    from app.export.report_model import build_report
    from app.export.workbook import write_workbook

    tell = progress or (lambda f, s: None)
    out_dir = ensure_writable_dir(Path(out_dir))
    unit = store.get_unit()
    if unit is None:
        raise SelfcheckError("尚未填写单位信息,无法导出")
    insp = store.inspection(inspection_id)
    store.check_rectification(inspection_id)  # every 基本符合/不符合 covered by a complete problem
    _check_evidence(store, inspection_id)
    signer = None
    if sign is not None:
        from app.signing.keys import load_signer

        tell(0.02, "正在读取签名证书")
        signer = load_signer(sign.p12_path, sign.passphrase)
    tell(0.05, "正在备份数据库")
    store.backup("export")
    base = export_basename(unit, insp.year)
    pdf_path = out_dir / f"{base}_报告.pdf"
    xlsx_path = out_dir / f"{base}_一张表.xlsx"
    docx_path = out_dir / f"{base}_报告(可编辑).docx"
    tell(0.1, "正在生成自查报告")
    # One report model for the PDF and the .docx; edited narrative that contradicts the data stops here.
    report = build_report(store, inspection_id, today)
    data = workbook_data(store, inspection_id)
    pdf_sha = None
    with atomic_target(pdf_path) as tmp_pdf:
        info = render_report(store, inspection_id, tmp_pdf, today=today, report=report, strict=signer is not None)
        mismatches = check_pdf(tmp_pdf, report, info)
        if mismatches:
            raise SelfcheckError("自查报告写入后核对不一致，未替换原有文件：" + "；".join(mismatches))
        if signer is not None:
            from app.signing.pdf import sign_pdf

            tell(0.55, "正在对报告进行电子签名")
            signed_tmp = tmp_pdf.with_name(tmp_pdf.name + ".signed")
            try:
                sign_pdf(tmp_pdf, signed_tmp, signer, signature_page=info.signature_page,
                         signature_box=info.signature_box, seal_image=sign.seal_image if sign else None,
                         location=unit.name)
                os.replace(signed_tmp, tmp_pdf)
            finally:
                signed_tmp.unlink(missing_ok=True)
            pdf_sha = hashlib.sha256(tmp_pdf.read_bytes()).hexdigest()
    tell(0.65, "正在生成一张表")
    if signer is not None:
        from app.signing.workbook import signature_meta

        data.meta.update(signature_meta(data, signer, pdf_sha))
    write_workbook(data, xlsx_path)
    written_docx = None
    if docx:
        from app.export.report_docx import render_docx

        tell(0.85, "正在生成可编辑的 Word 报告")
        written_docx = render_docx(store, inspection_id, docx_path, today=today, report=report)
    tell(1.0, "导出完成")
    warnings = (unprintable_message(info.unprintable),) if info.unprintable else ()
    return ExportResult(pdf_path, xlsx_path, written_docx, signer is not None, info.fonts, warnings)


def export_template(out_dir: Path) -> Path:
    """A blank workbook of the same layout, for units that fill it in by hand."""
    from app.export.workbook import write_workbook

    out_dir = ensure_writable_dir(Path(out_dir))
    path = out_dir / f"一张表空白模板_版式{load_layout().version}.xlsx"
    return write_workbook(workbook_data(None, 0, template=True), path)
