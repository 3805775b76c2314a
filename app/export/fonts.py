"""Fonts for the report, by role: the machine's 公文 fonts when installed, else bundled ones in the same role.

Windows and WPS on Kylin/UOS carry 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体; a machine without them gets the
bundled AR PL UMing (Song), WenQuanYi Micro Hei (Hei) and AR PL UKai (Kai). Fonts are found by reading the
family names in each font file's ``name`` table (Chinese and English names alike), so a file's name does not
matter. Only TrueType-outline fonts are used: reportlab embeds those and refuses CFF ones.

Every character of the report is checked against the fonts: when the role's font lacks it another chosen
font draws it; when none can, the export names the field instead of letting reportlab drop the glyph.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.export.report_layout import ROLES, ReportLayout, load_report_layout
from app.paths import resource

NO_SYSTEM_FONTS = "SELFCHECK_NO_SYSTEM_FONTS"  # set to 1 to use only the bundled fonts (tests, comparisons)
MISSING_MARK = "〓"  # the typesetter's mark for a character that cannot be set (GB/T 15834 usage)


@dataclass(frozen=True)
class FontChoice:
    role: str
    family: str
    path: Path
    subfont: int
    bundled: bool

    @property
    def pdf_name(self) -> str:
        """One reportlab name per file and face, shared by roles that use the same face."""
        return f"SC-{self.path.stem}-{self.subfont}"


def font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local" / "share" / "fonts", Path("/opt/kingsoft/wps-office/office6/fonts")]


def _read(f: Any, offset: int, size: int) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise ValueError("truncated")
    return data


def _face_names(f: Any, offset: int) -> tuple[set[str], bool]:
    """Family names (IDs 1, 4, 16) of the face at ``offset`` and whether it has TrueType outlines."""
    num_tables = struct.unpack(">H", _read(f, offset + 4, 2))[0]
    tables = {}
    for i in range(min(num_tables, 64)):
        tag, _, off, length = struct.unpack(">4sIII", _read(f, offset + 12 + 16 * i, 16))
        tables[tag] = (off, length)
    names: set[str] = set()
    if b"name" in tables:
        base, length = tables[b"name"]
        _, count, string_offset = struct.unpack(">HHH", _read(f, base, 6))
        for i in range(min(count, 512)):
            pid, eid, _, nid, size, off = struct.unpack(">HHHHHH", _read(f, base + 6 + 12 * i, 12))
            if nid not in (1, 4, 16) or size > 256:
                continue
            raw = _read(f, base + string_offset + off, size)
            try:
                text = raw.decode("utf-16-be") if pid in (0, 3) else raw.decode("gb2312" if eid == 25 else "latin-1")
            except UnicodeDecodeError:
                continue
            names.add(text.strip())
    return names, b"glyf" in tables


def font_faces(path: Path) -> list[tuple[int, set[str], bool]]:
    """(subfont index, family names, has TrueType outlines) of each face in a .ttf/.ttc; empty if unreadable."""
    try:
        with open(path, "rb") as f:
            tag = _read(f, 0, 4)
            if tag == b"ttcf":
                n = struct.unpack(">I", _read(f, 8, 4))[0]
                offsets = struct.unpack(f">{min(n, 32)}I", _read(f, 12, 4 * min(n, 32)))
            else:
                offsets = (0,)
            return [(i, *_face_names(f, off)) for i, off in enumerate(offsets)]
    except (OSError, ValueError, struct.error):
        return []


@cache
def installed_faces() -> dict[str, tuple[Path, int, bool]]:
    """Family name → (file, face index, TrueType outlines) for every font file in the usual folders."""
    found: dict[str, tuple[Path, int, bool]] = {}
    for root in font_dirs():
        if not root.is_dir():
            continue
        for dirpath, _, files in os.walk(root):
            for name in files:
                if not name.lower().endswith((".ttf", ".ttc")):
                    continue
                path = Path(dirpath) / name
                for index, names, glyf in font_faces(path):
                    for family in names:
                        found.setdefault(family, (path, index, glyf))
    return found


def choose_fonts(layout: ReportLayout | None = None, system: bool | None = None) -> dict[str, FontChoice]:
    """The font for each role: the first installed family on the role's list, else the bundled file."""
    layout = layout or load_report_layout()
    if system is None:
        system = os.environ.get(NO_SYSTEM_FONTS, "") not in ("1", "true", "yes")
    faces = installed_faces() if system else {}
    out = {}
    for role in ROLES:
        spec = layout.fonts[role]
        for family in spec.families:
            hit = faces.get(family)
            if hit and hit[2]:
                out[role] = FontChoice(role, family, hit[0], hit[1], False)
                break
        else:
            path = resource("resources", "fonts", spec.fallback)
            faces_here = font_faces(path)
            family = sorted(faces_here[0][1])[0] if faces_here and faces_here[0][1] else path.name
            out[role] = FontChoice(role, family, path, 0, True)
    return out


def describe(choices: dict[str, FontChoice]) -> str:
    """One line for the export's message: which font each role used, and whether it was bundled."""
    labels = {"title": "标题", "body": "正文", "heading1": "一级标题", "heading2": "二级标题", "number": "页码"}
    return "；".join(f"{labels[r]}：{c.family}{'（内置）' if c.bundled else ''}" for r, c in choices.items())


@cache
def _register(path: str, subfont: int, name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, path, subfontIndex=subfont)
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def register_file(path: Path, subfont: int, name: str) -> frozenset[int]:
    """Register one face under ``name`` (once per process); its character coverage."""
    return _register(str(path), subfont, name)


def register(choices: dict[str, FontChoice]) -> dict[str, frozenset[int]]:
    """Register every chosen face with reportlab; returns each face's character coverage by pdf name."""
    return {c.pdf_name: _register(str(c.path), c.subfont, c.pdf_name) for c in choices.values()}


@dataclass(frozen=True)
class Unprintable:
    field: str
    char: str

    def __str__(self) -> str:
        return f"{self.field}中的字符“{self.char}”(U+{ord(self.char):04X})"


def uncovered(texts: Iterable[tuple[str, str]], coverage: dict[str, frozenset[int]]) -> list[Unprintable]:
    """Characters that no chosen font can draw, with the field they are in (each field and character once)."""
    union = frozenset().union(*coverage.values()) if coverage else frozenset()
    out: dict[tuple[str, str], Unprintable] = {}
    for field_name, text in texts:
        for ch in set(text):
            if ch in "\n\t" or ord(ch) in union:
                continue
            out.setdefault((field_name, ch), Unprintable(field_name, ch))
    return sorted(out.values(), key=lambda u: (u.field, u.char))
