"""Scale proof (issue 17): merge 30,000 generated signed unit workbooks; time, peak memory, database and master size.

    nice python benchmarks/bench_scale.py [--files N] [--jobs J] [--limit M]

``--limit M`` merges only the first M files of the N-file corpus (a shorter run on the same cached corpus).

The corpus is generated once and cached outside the repository (temp folder, keyed by CORPUS_VERSION and N).
Generation is fast because it does not re-run the exporter 30,000 times: the 20 base inspections of
``bench_merge.py`` are each written once by the real writer as a template; every file is then that template
with its own unit (credit code, name, region), submission id and export time, signed by its own CA-issued
certificate. Only the two parts that differ (the unit sheet and the hidden ``_meta`` sheet) are recompressed;
the other parts are copied compressed. The signature is the real one (``signature_meta``): only the canonical
lines of the template's unchanged tables are computed once per template instead of once per file. Every file is
therefore a distinct valid signed workbook, and the merge must accept all of them — the benchmark checks it.

While the merge runs, a line per 1,000 files gives the elapsed time, files/s and the database size, so a run
stopped early still measures the growth. Do not run it beside the full test suite (2 cores).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_merge import CA_PASS, build_corpus, load_bases, unit_signer, unsigned_meta
from benchmarks.bench_merge import CORPUS_VERSION as BASE_VERSION

CORPUS_VERSION = "scale-corpus-v2"  # v1 was signed with the payload before 2026-12-02
UNIT_SHEET, META_SHEET = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet7.xml"
PREFECTURES = 11  # Zhejiang has 11 prefecture-level cities


def base_of(n: int) -> int:
    """Which of bench_merge's 20 bases file ``n`` copies: 85 % small (0-13), 13 % medium (14-17), 2 % large."""
    share = n % 100
    return n % 14 if share < 85 else 14 + n % 4 if share < 98 else 18 + n % 2


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _patch_lines_cache() -> None:
    """Compute the canonical lines of a template's tables once; the unit record is computed for every file."""
    from app.signing import workbook
    from app.workbook import payload

    original = payload.sheet_lines
    cache: dict[tuple[int, str], dict[str, list[str]]] = {}

    def cached(data, layout=None, version=payload.CURRENT_VERSION):  # type: ignore[no-untyped-def]
        key = (id(data.rows), version)
        if key not in cache:
            cache[key] = original(data, layout, version)
        bare = copy.copy(data)
        bare.rows = {}
        fresh = original(bare, layout, version)
        out = dict(cache[key])
        for sheet, lines in fresh.items():
            if lines or sheet not in out or not data.rows.get(sheet):
                out[sheet] = lines
        return out

    payload.sheet_lines = cached
    workbook.invisible_cells = lambda data, layout=None: []  # the templates were checked when first written


def _raw_copy(zin: zipfile.ZipFile) -> dict[str, tuple[zipfile.ZipInfo, bytes]]:
    """Each member's compressed bytes as stored, to copy without inflating and deflating again."""
    raw = {}
    with open(zin.filename, "rb") as f:  # type: ignore[arg-type]
        for info in zin.infolist():
            f.seek(info.header_offset)
            header = f.read(30)
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            f.seek(info.header_offset + 30 + name_len + extra_len)
            raw[info.filename] = (info, f.read(info.compress_size))
    return raw


def _write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """A minimal zip writer: (name, compressed deflate bytes, crc32, compressed size, size) per member."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, csize, size in members:
        n = name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, 0, 0x21, crc, csize, size, len(n), 0) + n + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, 0, 0x21, crc, csize, size,
                               len(n), 0, 0, 0, 0, 0, offset) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


def _deflate(data: bytes) -> tuple[bytes, int, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return body, zlib.crc32(data), len(body), len(data)


def region_of(n: int) -> str:
    return f"33{(n % PREFECTURES) + 1:02d}{(n // PREFECTURES) % 20 + 2:02d}"


def file_name(n: int) -> str:
    from app.core.codes import make_credit_code

    return f"{make_credit_code(region_of(n), f'MC{n:07d}')}_第{n}号_自查一张表.xlsx"


def _generate(args: tuple[Path, Path, list[int]]) -> int:

    from app.core.codes import make_credit_code
    from app.signing.ca import load_ca
    from app.signing.workbook import signature_meta
    from app.workbook.writer import write_workbook

    base_root, folder, numbers = args
    _patch_lines_cache()
    bases = load_bases(base_root / "bases.pickle")
    ca_cert, ca_key = load_ca(base_root / "ca", CA_PASS)
    not_before = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
    templates: dict[int, tuple[object, dict[str, str], dict[str, str], dict[str, tuple[zipfile.ZipInfo, bytes]]]] = {}

    def sign(data: object, n: int) -> dict[str, str]:
        region = region_of(n)
        code = make_credit_code(region, f"MC{n:07d}")
        name = f"浙江省第{n}号县级单位数据资源管理局"
        signer = unit_signer((ca_cert, ca_key), code, name, not_before)
        d = copy.copy(data)
        d.unit = dict(data.unit, unit_name=name, credit_code=code, region_code=region)  # type: ignore[attr-defined]
        d.meta = unsigned_meta(data.meta)  # type: ignore[attr-defined]
        d.meta["submission_id"] = uuid.uuid4().hex
        d.meta["exported_at"] = (dt.datetime.now() - dt.timedelta(days=5, seconds=n)).isoformat(timespec="seconds")
        d.meta.update(signature_meta(d, signer, None))
        return {**d.meta, **{f"unit:{k}": str(v) for k, v in d.unit.items() if v is not None}}

    for n in numbers:
        if (folder / file_name(n)).exists():
            continue  # written by an earlier, interrupted generation
        b = base_of(n)
        if b not in templates:  # write this template once with the real writer
            data = bases[b][1]
            values = sign(data, 9_000_000 + b)
            d = copy.copy(data)
            d.unit = {**data.unit, **{k[5:]: v for k, v in values.items() if k.startswith("unit:") and
                                      k[5:] in ("unit_name", "credit_code", "region_code")}}
            d.meta = {k: v for k, v in values.items() if not k.startswith("unit:")}
            path = folder.parent / f"template{b}-{os.getpid()}.xlsx"
            write_workbook(d, path)
            with zipfile.ZipFile(path) as z:
                xml = {m: z.read(m).decode("utf-8") for m in (UNIT_SHEET, META_SHEET)}
                templates[b] = (data, values, xml, _raw_copy(z))
            path.unlink()
        data, tvalues, xml_of, raw = templates[b]
        values = sign(data, n)
        members = []
        for name, (info, body) in raw.items():
            if name in xml_of:
                xml = xml_of[name]
                for k, old in tvalues.items():
                    new = values.get(k, "")
                    if old != new and old:
                        xml = xml.replace(f">{_escape(old)}<", f">{_escape(new)}<")
                members.append((name, *_deflate(xml.encode("utf-8"))))
            else:
                members.append((name, body, info.CRC, info.compress_size, info.file_size))
        target = folder / file_name(n)
        assert target.name.startswith(values["unit:credit_code"])
        part = target.with_suffix(".part")
        _write_zip(part, members)
        part.rename(target)  # whole or absent: an interrupted generation leaves no half file
    return len(numbers)


def build_scale_corpus(files: int, partial: bool = False) -> Path:
    base_root = Path(tempfile.gettempdir()) / f"selfcheck-bench-{BASE_VERSION}"
    build_corpus(base_root)  # the 20 bases and the CA (cached)
    root = Path(tempfile.gettempdir()) / f"selfcheck-bench-{CORPUS_VERSION}-{files}"
    folder = root / "inbox"
    if (root / "complete").exists() or (partial and folder.is_dir()):
        return folder  # --partial: merge what an interrupted generation left (every file is whole or absent)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(base_root / "ca" / "ca.pem", root / "ca.pem")  # the CA that issued every file's certificate
    t = time.perf_counter()
    by_base: dict[int, list[int]] = {}
    for n in range(files):
        by_base.setdefault(base_of(n), []).append(n)
    # Chunks of one base (at most 500 files: a worker writes the template once per chunk), in an order that
    # keeps the mix of sizes: an interrupted generation (merged with --partial) is a fair sample of the whole.
    chunks = sorted(((i / len(ns), base_root, folder, ns[i:i + 500]) for ns in by_base.values()
                     for i in range(0, len(ns), 500)), key=lambda c: c[0])
    chunks = [c[1:] for c in chunks]
    with ProcessPoolExecutor() as pool:
        sum(pool.map(_generate, chunks))
    written = len(list(folder.glob("*.xlsx")))
    (root / "complete").write_text(f"{written} files\n")
    size = sum(f.stat().st_size for f in folder.glob("*.xlsx")) / 1048576
    print(f"corpus     : {written} files ({size:.0f} MB) generated in {time.perf_counter() - t:.0f} s under {root}",
          flush=True)
    return folder


def measure(folder: Path, jobs: int | None, out: Path, limit: int = 0) -> dict[str, float]:
    """In a fresh process, so the memory figures are the merge's alone."""
    from app.merge.service import merge_files

    inputs: list[Path] = sorted(folder.glob("*.xlsx"))[:limit] if limit else [folder]

    db = out / "province.db"
    t = time.perf_counter()
    last = [t]

    def progress(done: int, total: int, _name: str) -> None:
        if done % 1000 == 0 or done == total:
            now = time.perf_counter()
            size = db.stat().st_size + (db.with_name(db.name + "-wal").stat().st_size
                                        if db.with_name(db.name + "-wal").exists() else 0)
            print(f"  {done:6d}/{total} files  {now - t:7.1f} s  {1000 / max(now - last[0], 1e-9):6.1f} files/s "
                  f"(last 1,000)  db {size / 1048576:7.0f} MB  main rss "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", file=sys.stderr, flush=True)
            last[0] = now

    report = merge_files(inputs, out / "全省汇总.xlsx", db=db, trust=folder.parent / "ca.pem", jobs=jobs,
                         progress_callback=progress)
    seconds = time.perf_counter() - t
    detail = out / "全省汇总_分地区明细"
    return {"seconds": seconds, "master_seconds": report.totals["master_seconds"], "files": report.totals["files"], "accepted": len(report.accepted),
            "rejected": len(report.rejected), "db_mb": db.stat().st_size / 1048576,
            "master_mb": (out / "全省汇总.xlsx").stat().st_size / 1048576,
            "detail_mb": sum(p.stat().st_size for p in detail.glob("*.xlsx")) / 1048576,
            "detail_books": len(list(detail.glob("*.xlsx"))),
            "cpu_self": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
            "cpu_children": sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]),
            "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "jobs": jobs or os.cpu_count() or 1, "first_reason": report.rejected[0].reasons[0] if report.rejected
            else ""}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=30_000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--partial", action="store_true", help="merge the files generated so far")
    ap.add_argument("--limit", type=int, default=0, help="merge only the first N files of the corpus")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.jobs, Path(args.out), args.limit)))
        return 0
    folder = build_scale_corpus(args.files, args.partial)
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        cmd = [sys.executable, __file__, "--measure", str(folder), "--out", tmp]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        run = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
        if run.returncode != 0:
            return 1
        m = json.loads(run.stdout.strip().splitlines()[-1])
    n = m["files"]
    print(f"merged     : {n} files, accepted {m['accepted']}, rejected {m['rejected']} {m['first_reason'][:200]}")
    print(f"merge      : {m['seconds']:.0f} s, {n / m['seconds']:.1f} files/s with {m['jobs']} jobs; after the last "
          f"file read {m['master_seconds']:.0f} s (master and detail workbooks)")
    cpu = m["cpu_self"] + m["cpu_children"]
    print(f"cpu        : {cpu:.0f} s in all (main {m['cpu_self']:.0f} s, workers {m['cpu_children']:.0f} s): "
          f"{cpu / n * 1000:.1f} ms per file; on {m['jobs']} idle cores about {cpu / m['jobs']:.0f} s "
          f"(what a shared machine's wall time hides)")
    print(f"memory     : main process peak {m['self_mb']:.0f} MB, largest worker {m['child_mb']:.0f} MB")
    print(f"database   : {m['db_mb']:.0f} MB ({m['db_mb'] / n * 1000:.1f} MB per 1,000 files)")
    print(f"master     : {m['master_mb']:.1f} MB; detail {m['detail_books']} prefecture workbooks, "
          f"{m['detail_mb']:.0f} MB")
    return 0 if m["accepted"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
