"""Run `selfcheck export` and SIGKILL it at a named point: `python kill_export.py POINT selfcheck-args...`.

Points: ``render`` (PDF signed, workbook not yet written), ``journal`` (every new file complete and the commit
journal on disk, nothing swapped), ``swap-N`` (after the N-th rename of the swap), ``cleanup`` (all swapped,
staging folder not yet removed). The kill is a real SIGKILL of this process: no handler, no cleanup.
"""

from __future__ import annotations

import os
import signal
import sys

import app.storage.files as files
import app.workbook.writer as workbook
from app.cli import main


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str) -> None:
    if point == "render":
        workbook.write_workbook_file = lambda *a, **k: die()  # type: ignore[assignment]
        return
    real_journal = files._write_journal
    if point == "journal":
        def journal_then_die(*args):  # type: ignore[no-untyped-def]
            real_journal(*args)
            die()

        files._write_journal = journal_then_die
    elif point.startswith("swap-"):
        limit = int(point.split("-")[1])
        real_replace = os.replace

        def counting(*args):  # type: ignore[no-untyped-def]
            real_journal(*args)
            count = [0]

            def replace(src, dst):  # type: ignore[no-untyped-def]
                real_replace(src, dst)
                count[0] += 1
                if count[0] >= limit:
                    die()

            files.os.replace = replace  # type: ignore[attr-defined]

        files._write_journal = counting
    elif point == "cleanup":
        real_discard = files.ExportSet.discard

        def discard_or_die(self):  # type: ignore[no-untyped-def]
            if (self.staging / files.JOURNAL).exists():
                die()
            real_discard(self)

        files.ExportSet.discard = discard_or_die  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown point {point}")


if __name__ == "__main__":
    arm(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
