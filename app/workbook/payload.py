"""The canonical payload of a unit workbook: what the signature covers.

It is built from cell *values* (not file bytes), normalised the same way whatever wrote or re-saved the
file: Unicode NFC, trimmed text, integers without a decimal point, dates as ISO strings, booleans as 是/否,
rows in sheet order. So Excel, WPS or LibreOffice re-saving an unchanged workbook keeps it valid, while any
changed cell, added or removed row, or edited hidden-sheet entry changes it. Per-row digests let the
verifier say which sheet and row changed.

Two versions exist; the hidden sheet's ``payload_version`` says which one a file was signed with (absent:
version 1), and the version's name is the payload's first field, so one version's bytes can never be read as
the other's:

* **2** (written since issue 18): the same lines and separators as version 1, but every value is escaped
  first (``\\`` → ``\\\\``, newline → ``\\n``, U+001F → ``\\u001f``), so no value can contain a separator,
  and the metadata announces how many entries follow. Decoding is unique — split lines, split cells,
  unescape — so no two different sheets or ``_meta`` contents give the same bytes, whatever the cells hold.
  (Escaping rather than length prefixes: a row without those three characters, nearly every row, is
  checked and joined in C, about as cheap as version 1.)
* **1** (older files): rows joined with newlines and cells with U+001F. Ambiguous when text holds either, so
  :func:`v1_ambiguities` lists what would make a version-1 file foldable and the verifier refuses those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from typing import Any

from app.workbook.layout import Layout, WorkbookData, load_layout

PAYLOAD_V1 = "selfcheck-workbook-payload-1"
PAYLOAD_V2 = "selfcheck-workbook-payload-2"
VERSION_KEY = "payload_version"
CURRENT_VERSION = "2"
KNOWN_VERSIONS = ("1", "2")
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


def version_of(meta: dict[str, str]) -> str:
    """The payload version a signed file declares: "1" when it says nothing (files from before issue 18)."""
    return str(meta.get(VERSION_KEY) or "1").strip()


def _esc(text: str) -> str:
    """A value that can hold neither separator: backslash, newline and U+001F escaped (injective)."""
    if "\\" not in text and "\n" not in text and "\x1f" not in text:
        return text
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\x1f", "\\u001f")


def _row(cells: list[str], separators: int) -> str:
    """Version 2's line for one row: the plain join when no cell needs escaping (checked on the joined
    line: no backslash, no newline, exactly the separators the join put there), else the escaped join."""
    line = "\x1f".join(cells)
    if "\\" not in line and "\n" not in line and line.count("\x1f") == separators:
        return line
    return "\x1f".join(map(_esc, cells))


def _line(row: dict[str, Any], keys: list[str], v1: bool) -> str:
    """One data row's line: its values canonical, joined (version 1) or escaped and joined (version 2)."""
    cells = [canon(v) for v in map(row.get, keys)]
    return "\x1f".join(cells) if v1 else _row(cells, len(keys) - 1)


def sheet_lines(data: WorkbookData, layout: Layout | None = None, version: str = CURRENT_VERSION
                ) -> dict[str, list[str]]:
    """One canonical string per data row, per sheet key (the unit record counts as sheet ``unit``)."""
    # A file of an older layout version is signed over the columns it was written with.
    layout = (layout or load_layout()).for_version(data.meta.get("layout_version"))
    out: dict[str, list[str]] = {}
    v1 = version == "1"
    for sheet in layout.sheets:
        if sheet.kind == "record":
            pairs = [(f.key, canon(data.unit.get(f.key))) for f in sheet.fields]
            out[sheet.key] = [f"{k}\x1f{v}" if v1 else _row([k, v], 1) for k, v in pairs]
            continue
        keys = [c.key for c in sheet.columns]
        rows = data.rows.get(sheet.key, [])
        known = data.lines.get(sheet.key)
        if known is not None and len(known) == len(rows):
            # Lines the reader already made for plain rows (the same in both versions: no value of such a
            # row holds a separator, a backslash or anything canon() would change).
            out[sheet.key] = [_line(row, keys, v1) if line is None else line
                              for row, line in zip(rows, known, strict=True)]
        else:
            out[sheet.key] = [_line(row, keys, v1) for row in rows]
    return out


def row_digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]


def row_digests(data: WorkbookData, layout: Layout | None = None, version: str = CURRENT_VERSION
                ) -> dict[str, list[str]]:
    return {key: [row_digest(line) for line in lines] for key, lines in sheet_lines(data, layout, version).items()}


def signed_meta(meta: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in meta.items() if k not in SIGNATURE_KEYS}


def payload_bytes(data: WorkbookData, meta: dict[str, str], layout: Layout | None = None,
                  version: str | None = None, lines: dict[str, list[str]] | None = None) -> bytes:
    """The exact bytes the unit signs, in the version ``meta`` declares (or ``version``). ``lines``: the
    :func:`sheet_lines` of ``data`` in that version when the caller already has them (signing needs them
    for the per-row digests too)."""
    version = version or version_of(meta)
    layout = (layout or load_layout()).for_version(data.meta.get("layout_version"))
    lines = lines if lines is not None else sheet_lines(data, layout, version)
    covered = sorted(signed_meta(meta).items())
    if version == "1":
        parts = [PAYLOAD_V1]
        for key, rows in lines.items():
            parts.append(f"[{key}] {len(rows)}")
            parts.extend(rows)
        parts.append("[meta]")
        parts.extend(f"{k}\x1f{canon(v)}" for k, v in covered)
        return "\n".join(parts).encode("utf-8", "surrogatepass")
    if version != CURRENT_VERSION:
        raise ValueError(f"unknown payload version {version!r}")
    parts = [PAYLOAD_V2]
    for sheet in layout.sheets:
        rows = lines[sheet.key]
        parts.append(f"[{_esc(sheet.key)}] {len(rows)}")
        parts.extend(rows)
    parts.append(f"[_meta] {len(covered)}")
    parts.extend(_row([k, canon(v)], 1) for k, v in covered)
    return "\n".join(parts).encode("utf-8", "surrogatepass")


def v1_ambiguities(meta: dict[str, str]) -> list[str]:
    """Covered ``_meta`` entries that could fold into their neighbours under version 1's separators.

    The program never writes a newline or U+001F into a covered entry; one there means an entry was folded
    into the previous value (dropping, say, the PDF binding) while the version-1 bytes stay the same.
    """
    return [k for k, v in signed_meta(meta).items() if any(s in f"{k}{v}" for s in ("\n", "\r", "\x1f"))]


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
