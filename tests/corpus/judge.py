"""Judge a built corpus in this process, under an address-space limit, one JSON line per case.

    python tests/corpus/judge.py CORPUS_DIR [LIMIT_MB]

Run by the corpus tests as a subprocess: a bomb that got past the checks would make this process die (or
raise MemoryError) instead of passing, and the last line written names the case it died on. Workbooks go
through ``app.merge.worker.process_file`` with the corpus CA trusted, exactly as each merge worker does;
checklists through ``app.core.checklist.load_checklist``; report PDFs through ``app.signing.verify.verify_file``.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_LIMIT_MB = 1536


def _limit(megabytes: int) -> None:
    cap = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _workbook(path: Path) -> dict:
    from app.merge.worker import process_file
    from app.workbook.safe_open import sha256_of

    r = process_file(str(path), sha256_of(path))
    return {"ok": r.ok, "reasons": r.reasons, "warnings": r.warnings, "unit": r.unit,
            "ledgers": {k: [[str(v) for v in row] for row in rows] for k, rows in r.ledgers.items()}}


def _checklist(path: Path) -> dict:
    from app.core.checklist import load_checklist
    from app.core.errors import ChecklistError

    try:
        load_checklist(path)
    except ChecklistError as exc:
        return {"ok": False, "reasons": [str(exc)]}
    return {"ok": True, "reasons": []}


def _pdf(path: Path) -> dict:
    from app.signing.verify import verify_file

    r = verify_file(path)
    return {"ok": r.ok, "reasons": [f"{r.status}:{r.message}", *r.details]}


def main(folder: Path, limit_mb: int) -> int:
    from tests.corpus.make_corpus import SPECS, trust_pem

    _limit(limit_mb)
    from app.merge import worker

    worker.init_worker(trust_pem(folder))
    for spec in SPECS:
        line = {"name": spec.name}
        start = time.perf_counter()
        try:
            judge = {"workbook": _workbook, "pdf": _pdf}.get(spec.kind, _checklist)
            line.update(judge(folder / spec.filename))
        except BaseException as exc:  # the test reports it; the next case still runs
            line.update(ok=None, reasons=[], raised=f"{type(exc).__name__}: {exc}",
                        traceback=traceback.format_exc(limit=5))
        line.update(seconds=round(time.perf_counter() - start, 3), peak_mb=round(_peak_mb(), 1))
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_LIMIT_MB))
