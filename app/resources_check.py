"""Check at start that the bundled data files are all there and readable, and name any that is not.

A damaged installation (a file lost on the USB stick, a bad unzip) must be reported as "this file is
missing", not as a crash with a Qt warning somewhere later.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from app.core.checklist import default_checklist
from app.core.errors import SelfcheckError
from app.export.report_layout import load_report_layout
from app.paths import resource_root
from app.workbook.layout import load_layout

# Files the program cannot work without, relative to the resource root.
REQUIRED = (
    "checklists",
    "exports/workbook.toml",
    "exports/glossary.toml",
    "exports/ledger_synonyms.toml",
    "exports/report.toml",
    "exports/report_layout.toml",
    "resources/fonts/wqy-microhei.ttc",
    "resources/fonts/uming.ttc",
    "resources/fonts/ukai.ttc",
)
TRUETYPE_MAGIC = (b"ttcf", b"\x00\x01\x00\x00", b"true")


def resource_problems(root: Path | None = None, deep: bool = True) -> list[str]:
    """Every missing or damaged bundled file, in plain Chinese; an empty list when all is well.

    ``deep=False`` checks files only (presence, readable fonts) and parses nothing: the GUI runs it before
    its first window and :func:`data_problems` right after it.
    """
    root = root or resource_root()
    problems = []
    for rel in REQUIRED:
        path = root / rel
        if not path.exists():
            problems.append(f"缺少程序文件:{path}")
        elif path.suffix in {".ttc", ".ttf"}:
            try:
                with path.open("rb") as f:
                    head = f.read(4)
            except OSError as exc:
                problems.append(f"无法读取程序文件 {path}:{exc.strerror or exc}")
                continue
            if head not in TRUETYPE_MAGIC or path.stat().st_size < 100_000:
                problems.append(f"字体文件已损坏:{path}")
    if not problems and deep:
        problems.extend(data_problems())
    return problems


def data_problems() -> list[str]:
    """The shipped checklist and workbook layout parse (each loader names the file and field if not)."""
    out = []
    for check in (default_checklist, load_layout, load_report_layout):
        try:
            check()
        except SelfcheckError as exc:
            out.append(str(exc))
    return out


def _plugin_file(name: str) -> str:
    name = {"wayland": "wayland-generic"}.get(name, name)
    if sys.platform == "win32":
        return f"q{name}.dll"
    return f"libq{name}.dylib" if sys.platform == "darwin" else f"libq{name}.so"


def _binary_problem(path: Path) -> str | None:
    """A plugin file that is missing, unreadable, not a library, or cut short (a bad copy or unzip)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
        size = path.stat().st_size
    except FileNotFoundError:
        return f"缺少 Qt 平台插件:{path}"
    except OSError as exc:
        return f"无法读取 Qt 平台插件 {path}:{exc.strerror or exc}"
    if head[:4] == b"\x7fELF" and len(head) >= 64 and head[4] in (1, 2) and head[5] in (1, 2):
        # The section table is at the end of the file: a truncated copy loses it.
        end = "<" if head[5] == 1 else ">"
        if head[4] == 2:
            shoff, = struct.unpack_from(end + "Q", head, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", head, 0x3A)
        else:
            shoff, = struct.unpack_from(end + "I", head, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", head, 0x2E)
        return None if shoff + shentsize * shnum <= size else f"Qt 平台插件已损坏(文件不完整):{path}"
    if head[:2] == b"MZ":
        return None if _pe_complete(head, size) else f"Qt 平台插件已损坏(文件不完整):{path}"
    if head[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return None
    return f"Qt 平台插件已损坏:{path}"


def _pe_complete(head: bytes, size: int) -> bool:
    """A Windows DLL whose sections all lie inside the file (a truncated copy loses the last ones)."""
    try:
        pe, = struct.unpack_from("<I", head, 0x3C)
        if head[pe:pe + 4] != b"PE\0\0":
            return False
        sections, = struct.unpack_from("<H", head, pe + 6)
        optional, = struct.unpack_from("<H", head, pe + 20)
        table = pe + 24 + optional
        ends = [sum(struct.unpack_from("<II", head, table + 40 * i + 16)) for i in range(sections)]
    except struct.error:
        return False
    return bool(ends) and max(ends) <= size


def qt_plugin_problems(plugin_dirs: Path | list[Path], platform: str | None = None) -> list[str]:
    """The Qt platform plugin this start will load (``QT_QPA_PLATFORM``, else the system's), present and intact
    in one of the folders Qt searches (``QCoreApplication.libraryPaths()``).

    Without it, creating the QApplication aborts the process with an English message about "no Qt platform
    plugin"; a damaged installation must be named instead, so the GUI runs this before it makes one. Empty
    when one of the requested plugins is usable; else the damaged files, or the missing one in the first folder."""
    dirs = [Path(plugin_dirs)] if isinstance(plugin_dirs, (str, Path)) else [Path(d) for d in plugin_dirs]
    spec = platform if platform is not None else os.environ.get("QT_QPA_PLATFORM", "")
    default = {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")
    names = [n.split(":", 1)[0].strip() for n in spec.split(";") if n.strip()] or [default]
    missing: list[str] = []
    damaged: list[str] = []
    for name in names:
        for folder in dirs:
            problem = _binary_problem(folder / "platforms" / _plugin_file(name))
            if problem is None:
                return []
            (missing if problem.startswith("缺少") else damaged).append(problem)
    return damaged or missing[:1]

