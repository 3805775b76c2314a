"""Signing the unit workbook's data and finding what changed when the signature no longer matches."""

from __future__ import annotations

import base64
import difflib
from typing import Any

from app.signing.keys import Signer, SigningError, pem_chain
from app.workbook.layout import Layout, WorkbookData, load_layout
from app.workbook.payload import (
    CURRENT_VERSION,
    VERSION_KEY,
    encode_row_digests,
    payload_bytes,
    row_digest,
    sheet_lines,
)


def _sign(key: Any, message: bytes) -> tuple[str, str]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    if isinstance(key, ec.EllipticCurvePrivateKey):
        return base64.b64encode(key.sign(message, ec.ECDSA(hashes.SHA256()))).decode("ascii"), "ecdsa-sha256"
    if isinstance(key, rsa.RSAPrivateKey):
        sig = key.sign(message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
        return base64.b64encode(sig).decode("ascii"), "rsa-pss-sha256"
    raise TypeError(f"unsupported key type {type(key).__name__}")


def verify_signature(public_key: Any, message: bytes, signature_b64: str, algorithm: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    try:
        sig = base64.b64decode(signature_b64, validate=True)
        if algorithm == "ecdsa-sha256" and isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(sig, message, ec.ECDSA(hashes.SHA256()))
        elif algorithm == "rsa-pss-sha256" and isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(sig, message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                              hashes.SHA256())
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def signature_meta(data: WorkbookData, signer: Signer, pdf_sha256: str | None,
                   layout: Layout | None = None) -> dict[str, str]:
    """Meta entries that make the workbook tamper-evident and bind it to the signed report PDF."""
    import hashlib

    layout = layout or load_layout()
    hidden = invisible_cells(data, layout)
    if hidden:
        raise SigningError(f"待签名的数据中有不可见的控制字符,不能签名:{hidden[0]}"
                           + (f" 等 {len(hidden)} 处" if len(hidden) > 1 else ""))
    covered = dict(data.meta)
    covered[VERSION_KEY] = CURRENT_VERSION
    covered["pdf_sha256"] = pdf_sha256 or ""
    covered["signer_unit_code"] = signer.unit_code or ""
    lines = sheet_lines(data, layout, CURRENT_VERSION)
    covered.update(encode_row_digests({key: [row_digest(line) for line in rows] for key, rows in lines.items()}))
    message = payload_bytes(data, covered, layout, CURRENT_VERSION, lines)
    signature, algorithm = _sign(signer.key, message)
    return {
        **{k: v for k, v in covered.items() if k not in data.meta},
        "payload_sha256": hashlib.sha256(message).hexdigest(),
        "signature_algorithm": algorithm,
        "signature": signature,
        "cert_chain": pem_chain(signer),
    }


def invisible_cells(data: WorkbookData, layout: Layout | None = None) -> list[str]:
    """Where ``data`` holds invisible control characters (sheet, row, column): nothing is signed with any."""
    from app.workbook.layout import hidden_note

    layout = layout or load_layout()
    out: list[str] = []
    for sheet in layout.sheets:
        if sheet.kind == "record":
            out += [n for f in sheet.fields if (n := hidden_note(sheet.name, None, f.label, data.unit.get(f.key)))]
            continue
        headers = {c.key: c.header for c in sheet.columns}
        for i, row in enumerate(data.rows.get(sheet.key, []), start=2):
            for k, v in row.items():
                if type(v) is str and not v.isprintable() and (n := hidden_note(sheet.name, i, headers.get(k), v)):
                    out.append(n)
    out += [n for k, v in data.meta.items() if (n := hidden_note("_meta", None, k, v))]
    return out


def locate_changes(stored: dict[str, list[str]], current: dict[str, list[str]], layout: Layout | None = None) -> list[str]:
    """Plain descriptions of changed, added and removed rows, by sheet name and Excel row number."""
    layout = layout or load_layout()
    out: list[str] = []
    for sheet in layout.sheets:
        old, new = stored.get(sheet.key, []), current.get(sheet.key, [])
        if old == new:
            continue
        first_row = 2  # row 1 is the header
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            if sheet.kind == "record":
                labels = [sheet.fields[j].label for j in range(j1, j2) if j < len(sheet.fields)]
                out.append(f"工作表“{sheet.name}”中“{'、'.join(labels) or '单位信息'}”被修改")
            elif tag == "replace" and i2 - i1 == j2 - j1:
                out.extend(f"工作表“{sheet.name}”第{first_row + j}行被修改" for j in range(j1, j2))
            else:
                if j2 > j1 and tag in ("insert", "replace"):
                    rows = f"第{first_row + j1}行" if j2 - j1 == 1 else f"第{first_row + j1}–{first_row + j2 - 1}行"
                    out.append(f"工作表“{sheet.name}”{rows}为签名后新增或修改的行")
                if i2 > i1 and tag in ("delete", "replace"):
                    out.append(f"工作表“{sheet.name}”签名时的第{first_row + i1}行起有 {i2 - i1} 行被删除或修改")
    return out
