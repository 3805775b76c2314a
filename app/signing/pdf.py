"""PAdES baseline (B-B) signatures on the report PDF, with a visible signature box in Chinese.

pyHanko's own stamp font is Latin-only, so the box's appearance is drawn with reportlab and the bundled
fonts (signer, unit, code, time, optional seal image) and handed to pyHanko as a static stamp. Offline:
no timestamp server, no OCSP or CRL fetching.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from app.export.report import BODY_FONT, HEAD_FONT, register_fonts
from app.signing.keys import Signer, SigningError, common_name_of

FIELD_NAME = "UnitSignature"


def _appearance(path: Path, signer: Signer, when: dt.datetime, size: tuple[float, float],
                seal_image: Path | None) -> None:
    from reportlab.pdfgen import canvas

    register_fonts()
    w, h = size
    c = canvas.Canvas(str(path), pagesize=(w, h), initialFontName=BODY_FONT)
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, w, h, stroke=0, fill=1)  # covers the unsigned report's placeholder label
    c.setStrokeColorRGB(0.7, 0.1, 0.1)
    c.setLineWidth(1)
    c.rect(1, 1, w - 2, h - 2)
    text_right = w - 6
    if seal_image is not None:
        try:
            c.drawImage(str(seal_image), w - h + 2, 2, h - 4, h - 4, mask="auto", preserveAspectRatio=True)
            text_right = w - h
        except OSError as exc:
            raise SigningError(f"无法读取印章图片 {seal_image}:{exc}") from None
    lines = [
        (HEAD_FONT, 9, "电子签名"),
        (BODY_FONT, 7.5, f"签名单位:{signer.unit_name}"),
        (BODY_FONT, 7.5, f"信用代码:{signer.unit_code}"),
        (BODY_FONT, 7.5, f"证书:{common_name_of(signer.cert)[:24]}"),
        (BODY_FONT, 7.5, f"时间:{when:%Y-%m-%d %H:%M:%S}"),
    ]
    y = h - 13
    for font, size_pt, text in lines:
        c.setFont(font, size_pt)
        c.setFillColorRGB(0.55, 0.05, 0.05) if font == HEAD_FONT else c.setFillColorRGB(0.1, 0.1, 0.1)
        while c.stringWidth(text, font, size_pt) > text_right - 6 and len(text) > 4:
            text = text[:-2] + "…"
        c.drawString(6, y, text)
        y -= size_pt + 4
    c.showPage()
    c.save()


def _pyhanko_signer(signer: Signer) -> Any:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(signer.cert.public_bytes(Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(signer.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()))
    chain = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in signer.chain]
    return signers.SimpleSigner(signing_cert=cert, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


def _stamp_style(appearance: Path) -> Any:
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    fill = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN,
                                      margins=layout.Margins(0, 0, 0, 0),
                                      inner_content_scaling=layout.InnerScaling.STRETCH_FILL)
    return StaticStampStyle.from_pdf_file(str(appearance), border_width=0, background_layout=fill)


def sign_pdf(src: Path, dst: Path, signer: Signer, *, signature_page: int,
             signature_box: tuple[float, float, float, float], seal_image: Path | None = None,
             reason: str = "自查报告", location: str = "") -> None:
    """Sign ``src`` into ``dst`` with a visible signature at ``signature_box`` on ``signature_page``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm

    x1, y1, x2, y2 = signature_box
    when = dt.datetime.now()
    with tempfile.TemporaryDirectory() as tmp:
        look = Path(tmp) / "appearance.pdf"
        _appearance(look, signer, when, (x2 - x1, y2 - y1), seal_image)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, reason=reason,
            location=location or None, name=signer.unit_name, use_pades_lta=False, embed_validation_info=False,
            # A certification signature that allows no changes: anything added after it breaks the report.
            certify=True, docmdp_permissions=MDPPerm.NO_CHANGES,
        )
        box: Any = (x1, y1, x2, y2)  # pyhanko's hint says int; a PDF rectangle is in real numbers
        try:
            with open(src, "rb") as inf:
                writer = IncrementalPdfFileWriter(inf)
                fields.append_signature_field(
                    writer, fields.SigFieldSpec(FIELD_NAME, on_page=signature_page, box=box))
                pdf_signer = signers.PdfSigner(meta, signer=_pyhanko_signer(signer),
                                               stamp_style=_stamp_style(look))
                with open(dst, "wb") as out:
                    pdf_signer.sign_pdf(writer, output=out)
        except OSError as exc:
            raise SigningError(f"无法签名 {src}:{exc.strerror or exc}") from None
