"""How long the hostile corpus takes to judge: the slowest case and the whole corpus (issue 18).

The corpus tests check verdicts and memory; how fast a hostile file is refused is a speed target, so it
lives here, not in a timed test. Targets: every case judged within 5 s, the whole corpus within 30 s (in the
same capped subprocess the tests use, on an idle machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus.conftest import JUDGE, LIMIT_MB  # noqa: E402
from tests.corpus.make_corpus import build_corpus  # noqa: E402

MAX_CASE_SECONDS = 5.0
MAX_TOTAL_SECONDS = 30.0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = build_corpus(folder)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(JUDGE), str(folder), str(LIMIT_MB)], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8")
        total = time.perf_counter() - start
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    slowest = sorted(lines, key=lambda v: v["seconds"], reverse=True)[:5]
    print(f"hostile corpus: {len(cases)} cases judged in {total:.1f} s (target < {MAX_TOTAL_SECONDS:.0f} s), "
          f"peak {max(v['peak_mb'] for v in lines):.0f} MB")
    for v in slowest:
        print(f"  {v['name']:40s} {v['seconds']:6.2f} s")
    ok = proc.returncode == 0 and total < MAX_TOTAL_SECONDS and slowest[0]["seconds"] < MAX_CASE_SECONDS
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
