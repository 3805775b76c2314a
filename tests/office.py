"""LibreOffice headless as a real third-party reader of our workbooks (pitfalls.md: UTF-8 CSV filter, own
profile). Tests skip with a reason only where soffice is absent; `.ci/run` installs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# 44 = comma, 34 = quote, 76 = UTF-8, then "each sheet to its own file" (the -1 at the end).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def soffice(args: list[str], tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", *args],
                   check=True, capture_output=True, timeout=180)


def sheets_as_csv(workbook: Path, tmp_path: Path, stem: str = "book") -> dict[str, str]:
    """Every sheet of ``workbook`` as LibreOffice reads it: {sheet name: CSV text}."""
    src = tmp_path / f"{stem}.xlsx"
    shutil.copy(workbook, src)
    soffice(["--convert-to", CSV_FILTER, "--outdir", str(tmp_path), str(src)], tmp_path)
    return {p.stem[len(stem) + 1:]: p.read_text(encoding="utf-8") for p in tmp_path.glob(f"{stem}-*.csv")}
