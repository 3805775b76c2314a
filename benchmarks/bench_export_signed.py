"""The whole `selfcheck export --sign` as a user runs it (issue 12): report PDF + workbook + .docx + signing,
staged, read back and swapped in, for the large demo and for a tenth of it.

Each export runs as its own `python -m app export` process (imports, certificate, backup, evidence re-hash,
rendering, signing, read-back and the swap all count); its wall time and peak RSS come from the operating
system (wait4). Beside the whole, one in-process run of the large demo is split into its parts by the
export's own progress steps. Targets for the large demo (300 apps, 1,000 accounts, 3,000 groups): under 10 s
and under 300 MB; the ratios full/tenth are printed (10 = linear growth).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import DemoOptions, build_demo
from app.signing.keys import new_unit_p12

ROOT = Path(__file__).resolve().parents[1]

DAY = dt.date(2025, 11, 20)
PASSPHRASE = "benchmark-passphrase"
TARGET_S, TARGET_MB = 10.0, 300.0
RUNS = int(os.environ.get("BENCH_RUNS", "2"))


def make_unit(tmp: Path, scale: float) -> tuple[Path, Path]:
    opts = DemoOptions(apps=int(300 * scale), accounts=int(1000 * scale), groups=int(3000 * scale), seed=5, today=DAY)
    db = tmp / f"unit-{scale}.db"
    store = build_demo(db, opts)
    unit = store.get_unit()
    assert unit is not None
    store.close()
    p12 = tmp / f"unit-{scale}.p12"
    new_unit_p12(p12, unit.credit_code, unit.name, PASSPHRASE.encode())
    return db, p12


def whole(tmp: Path, db: Path, p12: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `selfcheck export --sign` process (CPU time is the
    steadier figure on a shared machine: wall time there includes waiting for a core)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SELFCHECK_HOME": str(tmp / "home"), "BENCH_PASS": PASSPHRASE}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", "export", "--db", str(db), "--out", str(out), "--sign",
                             str(p12), "--passphrase-env", "BENCH_PASS"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export failed: {err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # kilobytes on Linux


def parts(db: Path, p12: Path, out: Path) -> list[tuple[str, float, float]]:
    """The export's steps, timed in process by its progress messages: (step, wall s, CPU s)."""
    from app.commands.export_service import SignRequest, export_inspection
    from app.storage import Store

    marks: list[tuple[str, float, float]] = []
    with Store(db) as store:
        insp = store.current_inspection()
        assert insp is not None
        marks.append(("导出前的核对", time.perf_counter(), time.process_time()))
        export_inspection(store, insp.id, out, sign=SignRequest(p12, PASSPHRASE.encode()), today=DAY,
                          progress=lambda _f, text: marks.append((text, time.perf_counter(), time.process_time())))
    steps = [(text, end - start, cend - cstart)
             for (text, start, cstart), (_, end, cend) in itertools.pairwise(marks)]
    steps.append(("合计(进程内)", marks[-1][1] - marks[0][1], marks[-1][2] - marks[0][2]))
    return steps


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results = {}
        for scale in (0.1, 1.0):
            db, p12 = make_unit(tmp, scale)
            runs = [whole(tmp, db, p12, tmp / f"out-{scale}") for _ in range(RUNS)]  # the 2nd replaces the 1st
            results[scale] = (min(s for s, _, _ in runs), min(c for _, c, _ in runs), max(m for _, _, m in runs))
            print(f"scale {scale:>4}: whole export --sign {', '.join(f'{s:.2f} s' for s, _, _ in runs)} "
                  f"(CPU {', '.join(f'{c:.2f} s' for _, c, _ in runs)}); "
                  f"peak RSS {', '.join(f'{m:.0f} MB' for _, _, m in runs)}")
        print("\nparts of one in-process export of the large demo:")
        for text, seconds, cpu in parts(db, p12, tmp / "out-parts"):
            print(f"  {text:24s} {seconds:6.2f} s  (CPU {cpu:5.2f} s)")
    (small_s, small_cpu, small_mb), (large_s, large_cpu, large_mb) = results[0.1], results[1.0]
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"growth x10 data: time x{large_s / small_s:.1f}, CPU x{large_cpu / small_cpu:.1f}, "
          f"peak RSS x{large_mb / small_mb:.1f} (10 = linear)")
    failed = False
    for name, value, target, unit in (("whole export (large)", large_s, TARGET_S, "s"),
                                      ("peak RSS (large)", large_mb, TARGET_MB, "MB")):
        ok = value <= target
        failed |= not ok
        print(f"{name:22s} {value:7.2f} {unit:2s} target {target:g} {unit}  ratio {value / target:4.2f}  "
              f"{'OK' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
