"""Coverage-guided fuzzing of the workbook reader with atheris (on demand, bounded time).

    .venv/bin/python tests/fuzz/fuzz_reader.py -max_total_time=60 [corpus_dir]

Seeds: a real exported workbook if one is given in the corpus folder, else a minimal zip. The property: the
reader returns data or problems for any input, and never raises.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import atheris

with atheris.instrument_imports():
    from app.workbook.layout import load_layout, read_workbook

LAYOUT = load_layout()
_fd, _TMP = tempfile.mkstemp(suffix=".xlsx")
os.close(_fd)


def one_input(data: bytes) -> None:
    with open(_TMP, "wb") as f:
        f.write(data)
    result, problems = read_workbook(_TMP, LAYOUT)
    assert problems or result.unit is not None


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
