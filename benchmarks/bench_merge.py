"""Provincial merge benchmark (issue 6): 2,000 signed unit workbooks of mixed sizes, merged with default jobs.

Targets: under 60 s and under 1 GiB peak memory. Also printed: files/s and the time openpyxl (read-only
mode, one process, reading cells only — no validation, signature or store) would need for the same files,
measured on a 100-file sample and extrapolated.

The corpus: 20 base inspections from the demo, exported through the real data builder; each of the 2,000
files is a copy with its own unit (credit code, name, region), submission id and export time, signed with its
own CA-issued certificate and written by the real workbook writer. So every file is a distinct, valid,
signed workbook. It is cached under the temp folder, keyed by CORPUS_VERSION, so reruns start at once.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from app.storage.snapshot import read_snapshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPUS_VERSION = "merge-corpus-v2"  # v2: signed with payload version 2
FILES = 2000
TARGET_S, TARGET_MB = 60.0, 1024.0
SAMPLE = 100
CA_PASS = b"bench-ca-passphrase"
# (share of files, apps, accounts, groups): most units small, some medium, a few large
SIZES = [(0.85, (2, 6), (3, 12), (5, 30)), (0.13, (12, 20), (30, 50), (80, 150)), (0.02, (60, 80), (200, 250),
                                                                                   (600, 800))]
BASES_PER_SIZE = (14, 4, 2)


def _bases(root: Path) -> list[tuple[str, object]]:
    from app.commands.export_service import workbook_data
    from app.demo import DemoOptions, build_demo

    rnd = random.Random(6)
    bases = []
    for (_, apps, accounts, groups), count in zip(SIZES, BASES_PER_SIZE, strict=True):
        for _ in range(count):
            n = len(bases)
            opts = DemoOptions(apps=rnd.randint(*apps), accounts=rnd.randint(*accounts), groups=rnd.randint(*groups),
                               seed=100 + n, today=dt.date(2025, 11, 20))
            with build_demo(root / f"base{n}.db", opts) as store:
                bases.append((f"{opts.apps}/{opts.accounts}/{opts.groups}", workbook_data(read_snapshot(store, store.current_inspection().id))))
    return bases


MOVED_MODULES = {"app.export.layout": "app.workbook.layout"}  # a cached corpus pickled before the layers move


def load_bases(path: Path) -> list[tuple[str, object]]:
    """The pickled base inspections, also when pickled by a version whose modules have since moved."""
    import pickle

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> object:
            return super().find_class(MOVED_MODULES.get(module, module), name)

    with path.open("rb") as f:
        return Unpickler(f).load()


def _write_batch(args: tuple[Path, list[tuple[int, int]], Path]) -> int:
    """Worker: re-sign and write a batch of (file number, base number)."""

    from app.core.codes import make_credit_code
    from app.signing.ca import load_ca
    from app.signing.workbook import signature_meta
    from app.workbook.writer import write_workbook

    folder, batch, bases_file = args
    bases = load_bases(bases_file)
    ca = load_ca(folder.parent / "ca", CA_PASS)
    not_before = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
    for n, b in batch:
        region = f"33{(n % 11) + 1:02d}{(n % 27) + 1:02d}"
        code = make_credit_code(region, f"MB{n:07d}")
        name = f"浙江省第{n}号县级单位数据资源管理局"
        signer = unit_signer(ca, code, name, not_before)
        data = copy.deepcopy(bases[b][1])
        data.unit.update(unit_name=name, credit_code=code, region_code=region)
        data.meta = unsigned_meta(data.meta)
        data.meta["submission_id"] = uuid.uuid4().hex
        data.meta["exported_at"] = (dt.datetime.now() - dt.timedelta(days=5, minutes=n)).isoformat(timespec="seconds")
        data.meta.update(signature_meta(data, signer, None))
        write_workbook(data, folder / f"{code}_{name}_2025年度自查_一张表.xlsx")
    return len(batch)


def unit_signer(ca: tuple[Any, Any], code: str, name: str, not_before: dt.datetime) -> Any:
    """A fresh key and a certificate the benchmark CA issues to unit ``code``: every generated file is signed
    by its own unit, as at the province."""
    from cryptography import x509

    from app.signing.keys import Signer, build_unit_cert, new_key

    ca_cert, ca_key = ca
    key = new_key()
    cert = build_unit_cert(key, code, name, ca_cert.subject, ca_key, 730, ca_cert, not_before)
    assert isinstance(cert, x509.Certificate)
    return Signer(key, cert, [ca_cert], code, name, None)


def unsigned_meta(meta: dict[str, str]) -> dict[str, str]:
    """A template's _meta without its export and signature fields, ready to be exported and signed again."""
    return {k: v for k, v in meta.items()
            if k in ("layout_version", "checklist_id", "checklist_version", "app_version", "template")}


def build_corpus(root: Path) -> Path:
    import pickle

    from app.signing.ca import ca_init

    folder = root / "inbox"
    if (root / "complete").exists():
        return folder
    if root.exists():
        import shutil

        shutil.rmtree(root)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    ca_init("浙江省委网信办(基准测试)", root / "ca", CA_PASS)
    bases = _bases(root)
    bases_file = root / "bases.pickle"
    bases_file.write_bytes(pickle.dumps(bases))
    rnd = random.Random(2000)
    plan = []
    for n in range(FILES):
        r, acc = rnd.random(), 0.0
        for size, ((share, *_), count) in enumerate(zip(SIZES, BASES_PER_SIZE, strict=True)):
            acc += share
            if r <= acc or size == len(SIZES) - 1:
                plan.append((n, sum(BASES_PER_SIZE[:size]) + rnd.randrange(count)))
                break
    batches = [(folder, plan[i::40], bases_file) for i in range(40)]
    with ProcessPoolExecutor() as pool:
        written = sum(pool.map(_write_batch, batches))
    (root / "complete").write_text(f"{written} files\n")
    print(f"corpus: {written} files generated in {time.perf_counter() - t:.1f} s under {root}")
    return folder


def measure(folder: Path) -> dict[str, float]:
    """Run in a fresh process so the peak memory figures are the merge's alone."""
    from app.merge.service import merge_files

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        report = merge_files([folder], Path(tmp) / "全省汇总.xlsx", db=Path(tmp) / "province.db",
                             trust=folder.parent / "ca" / "ca.pem")
        seconds = time.perf_counter() - t
        master_mb = (Path(tmp) / "全省汇总.xlsx").stat().st_size / 1048576
        keep = os.environ.get("SELFCHECK_BENCH_KEEP_DB")  # bench_master.py times the master on this store
        if keep:
            import sqlite3

            with sqlite3.connect(Path(tmp) / "province.db") as src, sqlite3.connect(keep) as dst:
                src.backup(dst)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "self_mb": self_mb, "child_mb": child_mb, "master_mb": master_mb,
            "jobs": os.cpu_count() or 1, "master_seconds": report.totals["master_seconds"],
            **{k: v for k, v in report.totals.items() if isinstance(v, int)}}


def _floor_one(path: str) -> int:
    """The least any merge must do with a file: read it, hash it, read every sheet's cells with calamine."""
    import hashlib
    import io

    from python_calamine import CalamineWorkbook

    content = Path(path).read_bytes()
    hashlib.sha256(content).hexdigest()
    wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return sum(len(wb.get_sheet_by_name(name).to_python()) for name in wb.sheet_names)


def floor_seconds(folder: Path, jobs: int) -> float:
    """calamine + hashing over the same files with the same number of processes (issue 17's floor)."""
    files = [str(f) for f in sorted(folder.glob("*.xlsx"))]
    t = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        sum(pool.map(_floor_one, files, chunksize=16))
    return time.perf_counter() - t


def openpyxl_sample(folder: Path) -> tuple[float, int]:
    from openpyxl import load_workbook

    files = sorted(folder.glob("*.xlsx"))
    sample = files[:: max(1, len(files) // SAMPLE)][:SAMPLE]
    t = time.perf_counter()
    for f in sample:
        wb = load_workbook(f, read_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return time.perf_counter() - t, len(sample)


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
        return 0
    root = Path(tempfile.gettempdir()) / f"selfcheck-bench-{CORPUS_VERSION}"
    folder = build_corpus(root)
    files = sorted(folder.glob("*.xlsx"))
    size_mb = sum(f.stat().st_size for f in files) / 1048576
    run = subprocess.run([sys.executable, __file__, "--measure", str(folder)], capture_output=True, text=True,
                         check=False)
    if run.returncode != 0:
        print(run.stderr[-3000:])
        return 1
    m = json.loads(run.stdout.strip().splitlines()[-1])
    floor = floor_seconds(folder, int(m["jobs"]))
    ox_s, ox_n = openpyxl_sample(folder)
    ox_total = ox_s / ox_n * len(files)
    peak = m["self_mb"] + m["jobs"] * m["child_mb"]
    print(f"corpus     : {len(files)} signed workbooks, {size_mb:.0f} MB")
    print(f"merged     : accepted {m['accepted']}, rejected {m['rejected']}, duplicates {m['duplicates']}; "
          f"{m['units']} units, {m['apps']} apps, {m['accounts']} accounts, {m['groups']} groups, "
          f"{m['problems']} problems; master {m['master_mb']:.1f} MB")
    print(f"merge      : {m['seconds']:.1f} s, {len(files) / m['seconds']:.0f} files/s with {m['jobs']} jobs; "
          f"after the last file read: {m['master_seconds']:.1f} s (master and detail workbooks)")
    print(f"floor      : calamine + SHA-256 of the same files, {m['jobs']} processes: {floor:.1f} s; "
          f"merge / floor = {m['seconds'] / floor:.2f} (goal <= 1.5 for the workers' share)")
    print(f"memory     : main process peak {m['self_mb']:.0f} MB, largest worker {m['child_mb']:.0f} MB, "
          f"upper bound main + {m['jobs']} workers {peak:.0f} MB")
    print(f"openpyxl   : read-only, 1 process, cells only, {ox_n}-file sample {ox_s:.1f} s -> "
          f"{ox_total:.0f} s for {len(files)} files (extrapolated); merge is x{ox_total / m['seconds']:.1f} faster")
    failed = False
    for name, value, target, unit in (("merge time", m["seconds"], TARGET_S, "s"), ("peak memory", peak, TARGET_MB,
                                                                                     "MB")):
        ok = value <= target and m["accepted"] == len(files)
        failed |= not ok
        print(f"{name:12s} {value:8.1f} {unit}  target {target:g} {unit}  ratio {value / target:4.2f}  "
              f"{'OK' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
