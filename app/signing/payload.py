"""The canonical payload of a unit workbook: what the signature covers.

It is built from cell *values* (not file bytes), normalised the same way whatever wrote or re-saved the
file: Unicode NFC, trimmed text, integers without a decimal point, dates as ISO strings, booleans as 是/否,
rows in sheet order. So Excel, WPS or LibreOffice re-saving an unchanged workbook keeps it valid, while any
changed cell, added or removed row, or edited hidden-sheet entry changes it. Per-row digests let the
verifier say which sheet and row changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from typing import Any

from app.export.layout import Layout, WorkbookData, load_layout

PAYLOAD_VERSION = "selfcheck-workbook-payload-1"
# Meta keys written by signing itself, so not part of what is signed.
SIGNATURE_KEYS = frozenset({"signature", "signature_algorithm", "cert_chain", "payload_sha256"})
ROW_DIGEST_PREFIX = "row_digests."
DIGEST_CHARS = 16  # per-row digest prefix: enough to locate a change; the signature covers the full payload


def canon(value: Any) -> str:
    if type(value) is str:
        if value.isascii():
            return value.strip()
        return (value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def sheet_lines(data: WorkbookData, layout: Layout | None = None) -> dict[str, list[str]]:
    """One canonical line per data row, per sheet key (the unit record counts as sheet ``unit``)."""
    # A file of an older layout version is signed over the columns it was written with.
    layout = (layout or load_layout()).for_version(data.meta.get("layout_version"))
    out: dict[str, list[str]] = {}
    for sheet in layout.sheets:
        if sheet.kind == "record":
            out[sheet.key] = [f"{f.key}\x1f{canon(data.unit.get(f.key))}" for f in sheet.fields]
        else:
            keys = [c.key for c in sheet.columns]
            out[sheet.key] = ["\x1f".join([canon(v) for v in map(row.get, keys)])
                              for row in data.rows.get(sheet.key, [])]
    return out


def row_digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def row_digests(data: WorkbookData, layout: Layout | None = None) -> dict[str, list[str]]:
    return {key: [row_digest(line) for line in lines] for key, lines in sheet_lines(data, layout).items()}


def signed_meta(meta: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in meta.items() if k not in SIGNATURE_KEYS}


def payload_bytes(data: WorkbookData, meta: dict[str, str], layout: Layout | None = None) -> bytes:
    """The exact bytes the unit signs: version, every data line by sheet, then the covered meta entries."""
    parts = [PAYLOAD_VERSION]
    for key, lines in sheet_lines(data, layout).items():
        parts.append(f"[{key}] {len(lines)}")
        parts.extend(lines)
    parts.append("[meta]")
    parts.extend(f"{k}\x1f{canon(v)}" for k, v in sorted(signed_meta(meta).items()))
    return "\n".join(parts).encode("utf-8")


def encode_row_digests(digests: dict[str, list[str]], chunk: int = 1800) -> dict[str, str]:
    """Meta entries holding the per-row digests, split so no cell exceeds Excel's 32,767 characters."""
    out: dict[str, str] = {}
    for key, values in digests.items():
        for n, start in enumerate(range(0, max(len(values), 1), chunk)):
            out[f"{ROW_DIGEST_PREFIX}{key}.{n:04d}"] = ",".join(values[start:start + chunk])
    return out


def decode_row_digests(meta: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in sorted(k for k in meta if k.startswith(ROW_DIGEST_PREFIX)):
        sheet = k[len(ROW_DIGEST_PREFIX):].rsplit(".", 1)[0]
        values = [v for v in (meta[k] or "").split(",") if v]
        out.setdefault(sheet, []).extend(values)
    return out
