"""Compile the Qt Designer forms in forms/*.ui into app/ui/forms/*_ui.py with pyside6-uic.

Forms are data officials may change in Designer; compiling them (as Anki does) keeps start-up fast and
needs no QtUiTools at run time. `--check` exits 1 when a compiled module is out of date (a test runs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "forms"
OUT = ROOT / "app" / "ui" / "forms"
HEADER = "# Generated from forms/{name} by scripts/build_forms.py (pyside6-uic). Do not edit.\n"


def uic() -> str:
    exe = Path(sys.executable).with_name("pyside6-uic")
    found = str(exe) if exe.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6-Essentials")
    return found


def compile_form(ui: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.py"
        subprocess.run([uic(), "--from-imports", "-o", str(target), str(ui)], check=True)
        body = target.read_text(encoding="utf-8")
    # Drop uic's own banner (it names the Qt version and would churn on upgrades).
    lines = body.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("from ", "import ")))
    return HEADER.format(name=ui.name) + "# ruff: noqa\n" + _used_imports_only("".join(lines[start:]))


def _used_imports_only(code: str) -> str:
    """uic imports some forty Qt classes per form; importing one makes PySide create its type (~30 ms per
    form in all). Keep only the names the form uses, so the first window appears sooner."""
    pattern = re.compile(r"^from (PySide6\.\w+) import \(?([^)]*?)\)?\n(?=\S|\n)", re.M | re.S)
    imports = list(pattern.finditer(code))
    body = pattern.sub("", code)
    out = []
    for m in imports:
        names = [n.strip() for n in m.group(2).replace("\n", " ").split(",") if n.strip()]
        used = [n for n in names if re.search(rf"\b{re.escape(n)}\b", body)]
        if used:
            out.append(f"from {m.group(1)} import {', '.join(used)}\n")
    return "".join(out) + body


def main(argv: list[str]) -> int:
    check = "--check" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for ui in sorted(FORMS.glob("*.ui")):
        target = OUT / f"{ui.stem}_ui.py"
        code = compile_form(ui)
        if target.exists() and target.read_text(encoding="utf-8") == code:
            continue
        stale.append(target.name)
        if not check:
            target.write_text(code, encoding="utf-8")
    init = OUT / "__init__.py"
    if not init.exists() and not check:
        init.write_text('"""Compiled Designer forms (see scripts/build_forms.py)."""\n', encoding="utf-8")
    if check and stale:
        print("out of date: " + ", ".join(stale) + " (run: python scripts/build_forms.py)")
        return 1
    print(("checked " if check else "compiled ") + f"{len(list(FORMS.glob('*.ui')))} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
