"""Run every benchmark in this folder and print a summary: `bash scripts/dev.sh bench`.

Each benchmark is a script that prints its figures and ratios to its targets and exits 1 when it misses
one. This runner starts each in its own process (so import costs are measured honestly), and exits 1 if
any benchmark failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not only or p.stem in only or p.name in only)
    results = []
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        results.append((script.name, rc, time.perf_counter() - t))
    print("\n=== summary")
    for name, rc, seconds in results:
        print(f"{name:28s} {'OK' if rc == 0 else 'MISSED' if rc == 1 else f'ERROR ({rc})':10s} {seconds:7.1f} s")
    return 0 if all(rc == 0 for _, rc, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
