"""Update the translation sources and compile them: `python scripts/build_translations.py`.

1. pyside6-lupdate collects every tr()/translate() string of app/ui and every string of forms/*.ui into
   resources/translations/selfcheck_<lang>.ts (Simplified Chinese is the source language, so it needs none).
2. pyside6-lrelease compiles each .ts into the .qm the program loads (app/ui/app_setup.py).

`--check` changes nothing: it exits 1 when a .ts is out of date with the code, has an unfinished or empty
translation, or its .qm is missing or older than the .ts (a test runs it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[str]:
    py = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py") if "forms" not in p.parts)
    return py + sorted(str(p) for p in (ROOT / "forms").glob("*.ui"))


def lupdate(ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none"],
                   check=True, capture_output=True)


def problems_in(ts: Path) -> list[str]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
                out.append(f"{ts.name}: [{name}] {message.findtext('source')!r} is not translated")
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    problems: list[str] = []
    for lang in LANGUAGES:
        ts = TS_DIR / f"selfcheck_{lang}.ts"
        qm = ts.with_suffix(".qm")
        if check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / ts.name
                shutil.copy(ts, fresh)
                lupdate(fresh)
                problems += problems_in(fresh)
            if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime - 1:
                problems.append(f"{qm.name} is missing or older than {ts.name} (run scripts/build_translations.py)")
            continue
        TS_DIR.mkdir(parents=True, exist_ok=True)
        lupdate(ts)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
        problems += problems_in(ts)
    for p in problems[:50]:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("translations " + ("checked" if check else "updated and compiled"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
