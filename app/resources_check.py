"""Check at start that the bundled data files are all there and readable, and name any that is not.

A damaged installation (a file lost on the USB stick, a bad unzip) must be reported as "this file is
missing", not as a crash with a Qt warning somewhere later.
"""

from __future__ import annotations

from pathlib import Path

from app.core.errors import SelfcheckError
from app.paths import resource, resource_root

# Files the program cannot work without, relative to the resource root.
REQUIRED = (
    "checklists",
    "exports/workbook.toml",
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
    from app.core.checklist import default_checklist
    from app.export.layout import load_layout
    from app.export.report_layout import load_report_layout

    out = []
    for check in (default_checklist, load_layout, load_report_layout):
        try:
            check()
        except SelfcheckError as exc:
            out.append(str(exc))
    return out


def forms_dir() -> Path:
    return resource("forms")
