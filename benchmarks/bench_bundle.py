"""Bundle benchmark (issue 7): the size of dist/selfcheck/ and its cold start to the first window, compared
in the same run with the program started from source (`python -m app`), median of 5 each.

Builds the bundle first when dist/selfcheck is missing (`bash scripts/dev.sh bundle` does the same and
smoke-tests it). The compatible bundles (dist/selfcheck-compat*, `bash scripts/dev.sh bundle --compat`) are
measured too when present, or name bundle folders as arguments. "Cold" here means a new process each time; the OS file cache is warm after the first run,
as on a user's machine after the first start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_ui import _time  # noqa: E402  (times a process to its "first-window" line)

BUNDLE = ROOT / "dist" / "selfcheck"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def measure(bundle: Path) -> tuple[float, float, float]:
    """Size in MB, and the median start to first window of the bundle and of the source, in seconds."""
    exe = bundle / "selfcheck"
    size_mb = folder_size(bundle) / 1024 / 1024
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFCHECK_HOME": str(tmp / "home")}
        subprocess.run([str(exe), "demo", "--db", str(tmp / "demo.db")], check=True, capture_output=True, env=env)
        frozen_cmd = [str(exe), "--db", str(tmp / "demo.db"), "--smoke"]
        source_cmd = [sys.executable, "-m", "app", "--db", str(tmp / "demo.db"), "--smoke"]
        _time(frozen_cmd, env), _time(source_cmd, env)  # warm the file cache
        frozen, source = [], []
        for _ in range(5):
            frozen.append(_time(frozen_cmd, env))
            source.append(_time(source_cmd, env))
    return size_mb, statistics.median(frozen), statistics.median(source)


def main(argv: list[str]) -> int:
    if argv:
        bundles = [Path(a) for a in argv]
    else:
        if not (BUNDLE / "selfcheck").is_file():
            subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
                           cwd=ROOT, check=True)
        bundles = [BUNDLE, *sorted(p for p in BUNDLE.parent.glob("selfcheck-compat*") if (p / "selfcheck").is_file())]
    for bundle in bundles:
        size_mb, f, s = measure(bundle)
        print(f"bundle {bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle}: {size_mb:.0f} MB")
        print(f"  start to first window: bundle {f:.2f} s, from source {s:.2f} s, ratio {f / s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
