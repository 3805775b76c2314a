"""The provincial merge, Qt-free: the CLI and the wizard both call :func:`merge_files`.

Flow: list the inputs → check the output path (before any long work) → hash every file and skip the ones
the store already knows → read/validate/verify the rest in worker processes → store each accepted file in
its own transaction as soon as it arrives → write the master workbook from the whole store.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import multiprocessing
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from app.core.errors import SelfcheckError
from app.merge import worker
from app.merge.detail import check_detail
from app.merge.places import ProvinceScope, province_scope
from app.merge.store import ProvinceStore
from app.merge.summary import write_master
from app.merge.worker import FileResult
from app.paths import data_dir
from app.signing.keys import load_trust
from app.storage import sqlite_errors
from app.storage.files import check_target
from app.workbook.safe_open import MAX_FILE_BYTES, read_capped, too_large

Progress = Callable[[int, int, str], None]
# ProcessPoolExecutor refuses more than 61 workers on Windows (one wait handle each, 64 at most); the same cap
# everywhere keeps a merge behaving alike on every machine.
MAX_JOBS = 61
KNOWN_REASONS = {"stored": "已汇总过(同一文件)", "older": "已判定为较旧的报送,未替换",
                 "duplicate": "与已汇总的文件为同一次导出,未替换"}
CRASH_REASON = "处理该文件时读取进程意外退出(文件可能触发了读取器缺陷,或内存不足),已跳过该文件"


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class Accepted:
    file: str
    unit_code: str
    unit_name: str
    year: int
    replaced: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Rejected:
    file: str
    reasons: list[str]


@dataclass
class Duplicate:
    file: str
    reason: str


@dataclass
class MergeReport:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    out: str = ""
    db: str = ""
    cancelled: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected or self.cancelled else 0

    def to_dict(self) -> dict[str, Any]:
        return {"accepted": [asdict(a) for a in self.accepted], "rejected": [asdict(r) for r in self.rejected],
                "duplicates": [asdict(d) for d in self.duplicates], "totals": self.totals, "out": self.out,
                "db": self.db, "cancelled": self.cancelled}


def default_db() -> Path:
    return data_dir() / "province.db"


MAX_FOLDER_DEPTH = 32  # folders inside an input folder; real submissions are a few levels deep


def _workbooks_under(folder: Path) -> list[Path]:
    """.xlsx files under ``folder``, walked iteratively (a 1,200-deep tree must not exhaust Python's
    recursion) without following folder links (a link loop is endless); office lock files are skipped."""
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_FOLDER_DEPTH:
            raise SelfcheckError(f"输入文件夹 {folder} 的子文件夹超过 {MAX_FOLDER_DEPTH} 层(如 {current}),"
                                 "不像是报送材料的文件夹;请把工作簿移到较浅的文件夹后重试")
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((Path(entry.path), depth + 1))
                    elif (entry.name.lower().endswith(".xlsx") and not entry.name.startswith(("~$", ".~lock"))
                          and entry.is_file()):
                        found.append(Path(entry.path))
        except OSError as exc:
            raise SelfcheckError(f"无法读取输入文件夹 {current}:{exc.strerror or exc}") from None
    return sorted(found)


def _shown(path: Path) -> str:
    """The path as reports, the province database and the master show it: undecodable bytes (lone
    surrogates, which SQLite and UTF-8 refuse) and control characters (a newline, a terminal escape) as �."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def collect_inputs(inputs: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders searched (recursively) for .xlsx; office lock files are skipped."""
    files: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            files += _workbooks_under(item)
        elif item.is_file():
            files.append(item)
        else:
            raise SelfcheckError(f"找不到输入的文件或文件夹:{item}")
    seen: set[Path] = set()
    unique: list[Path] = []
    for f in files:  # the same file named twice (or through a link) is merged once
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    if not unique:
        raise SelfcheckError("输入中没有找到 .xlsx 工作簿:" + "、".join(str(i) for i in inputs))
    return unique


def _check_out(out: Path, files: list[Path]) -> Path:
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise SelfcheckError(f"汇总工作簿 {out} 的扩展名应为 .xlsx")
    check_target(out)
    if out.exists() and not os.access(out, os.W_OK):
        raise SelfcheckError(f"无法写入汇总工作簿 {out}:文件只读或没有权限")
    if out.exists() and out.resolve() in {f.resolve() for f in files}:
        raise SelfcheckError(f"汇总工作簿 {out} 也在输入文件中,请换一个输出位置")
    return out


def _trust_pem(trust: Path | str | None) -> bytes | None:
    if not trust:
        return None

    load_trust(trust)  # a clear error now, not 2,000 identical rejections later
    return Path(trust).read_bytes()


Task = tuple[str, str, bytes]  # (path, sha256, the bytes that were hashed: the worker parses these)


def _alone(task: Task, trust_pem: bytes | None, mp_context: Any = None, accept_untrusted: bool = False) -> FileResult:
    """Run one suspect file in its own process: if that process dies, this file is the culprit."""
    with ProcessPoolExecutor(1, mp_context=mp_context, initializer=worker.init_worker,
                             initargs=(trust_pem, accept_untrusted)) as pool:
        try:
            return pool.submit(worker.process_file, *task).result()
        except BrokenProcessPool:
            return FileResult(*task[:2]).reject(CRASH_REASON)


def worker_count(requested: int | None, tasks: int) -> int:
    """How many worker processes to start: what was asked for, else the CPUs this process may use (a
    container's or ``taskset``'s limit, not the whole machine's), never more than :data:`MAX_JOBS` nor more than
    there are files to read (each spawned worker costs an interpreter start). A run that asked for workers keeps
    at least two, so a file that kills its reader never takes this process with it (1 means in-process)."""
    if requested is None:
        try:
            requested = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):  # Windows and macOS have no affinity call
            requested = os.cpu_count() or 1
    n = min(requested, MAX_JOBS)
    return max(2, min(n, tasks)) if n > 1 else 1


def run_tasks(tasks: Iterable[Task], jobs: int, trust_pem: bytes | None, cancel: CancelFlag | None,
              handle: Callable[[FileResult], None], mp_context: Any = None, accept_untrusted: bool = False) -> bool:
    """Process ``(path, sha256, bytes)`` tasks, calling ``handle`` in this process as each finishes.

    A bounded window of tasks is in flight (memory stays flat, cancel is quick). When a worker process dies
    the pool breaks; the tasks that were in flight are retried one by one in a process of their own, so only
    the file that kills its reader is rejected. Returns False when cancelled.
    """
    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    if jobs <= 1:
        worker.init_worker(trust_pem, accept_untrusted)
        for task in tasks:
            if cancelled():
                return False
            handle(worker.process_file(*task))
        return True
    source = iter(tasks)  # read lazily: only the window's files are held in memory
    pending: deque[Task] = deque()

    def more() -> bool:
        if not pending:
            task = next(source, None)
            if task is not None:
                pending.append(task)
        return bool(pending)

    while more() and not cancelled():
        suspects: list[Task] = []
        with ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=worker.init_worker,
                                 initargs=(trust_pem, accept_untrusted)) as pool:
            inflight: dict[Any, Task] = {}
            while (more() and not cancelled()) or inflight:
                while len(inflight) < jobs * 4 and not cancelled() and not suspects and more():
                    task = pending.popleft()
                    inflight[pool.submit(worker.process_file, *task)] = task
                if not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    task = inflight.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        suspects.append(task)
                        continue
                    except Exception as exc:  # e.g. a result that cannot be pickled back
                        result = FileResult(*task[:2]).reject(f"处理时发生内部错误({type(exc).__name__}:{exc})")
                    handle(result)
                if suspects:
                    suspects += inflight.values()
                    inflight.clear()
                    break
        for task in suspects:
            handle(_alone(task, trust_pem, mp_context, accept_untrusted))
    return not cancelled()


class _Run:
    """The bookkeeping of one merge run: outcomes per file, progress, in-run replacements.

    Accepted files are kept by unit and year in an insertion-ordered dict, so a unit that resubmits within
    the run costs O(1) however many files were accepted before it; :meth:`finish` lists them.
    """

    def __init__(self, store: ProvinceStore, total: int, progress: Progress | None,
                 scope: ProvinceScope | None = None) -> None:
        self.store, self.total, self.progress, self.scope = store, total, progress, scope
        self.report = MergeReport()
        self.done = 0
        self.accepted_by_unit: dict[tuple[str, int], Accepted] = {}

    def tick(self, name: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, name)

    def duplicate(self, name: str, reason: str, sha256: str = "") -> None:
        self.report.duplicates.append(Duplicate(name, reason))
        if sha256:
            self.store.note_duplicate(Path(name).name, sha256, reason)
        self.tick(name)

    def handle(self, r: FileResult) -> None:
        if r.ok and self.scope is not None:  # a unit from another province: refused or flagged (places.py)
            reasons, warnings = self.scope.screen(r.unit)
            if reasons:
                r.reject(*reasons)
            else:
                r.warnings.extend(warnings)
        if not r.ok:
            self.store.record_rejection(r)
            self.report.rejected.append(Rejected(r.file, r.reasons))
            return self.tick(r.file)
        outcome = self.store.apply(r)
        if outcome.event != "accepted":
            self.report.duplicates.append(Duplicate(r.file, outcome.reason))
            return self.tick(r.file)
        key = (str(r.unit["credit_code"]).upper(), int(r.unit["year"]))
        earlier = self.accepted_by_unit.pop(key, None)
        if earlier is not None:  # replaced within this run: report the older one as superseded, not accepted
            self.report.duplicates.append(Duplicate(earlier.file, f"已被本次汇总中导出时间更晚的 {r.name} 替换"))
        self.accepted_by_unit[key] = Accepted(r.file, key[0], str(r.unit.get("unit_name") or ""), key[1],
                                              outcome.replaced, r.warnings)
        self.tick(r.file)

    def finish(self) -> MergeReport:
        self.report.accepted = list(self.accepted_by_unit.values())
        return self.report


@contextlib.contextmanager
def _disk_full_explained() -> Iterator[None]:
    """A full disk (province database or master workbook) is the user's to fix, not an internal error."""
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        full = (exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))
                if isinstance(exc, OSError) else sqlite_errors.kind_of(exc) in (sqlite_errors.FULL, sqlite_errors.IO_ERROR))
        if not full:
            raise
        raise SelfcheckError(f"磁盘空间已满(或写入失败),汇总未完成:{exc}。已处理的文件各自完整地保存在省级数据库中;"
                             "请清理磁盘后重新运行汇总,已汇总的文件会自动跳过") from None


def merge_files(inputs: Iterable[Path | str], out: Path | str, db: Path | str | None = None,
                trust: Path | str | None = None, jobs: int | None = None,
                progress_callback: Progress | None = None, cancel: CancelFlag | None = None,
                start_method: str | None = None, province: str | None = None, allow_other_provinces: bool = False,
                regions: Path | str | None = None, detail: str = "region",
                accept_untrusted: bool = False) -> MergeReport:
    """Merge unit workbooks into the province store and write the master workbook from the whole store.

    ``progress_callback(done, total, last_file)`` is called once per input file; ``cancel`` (anything with
    ``is_set()``, e.g. a ``threading.Event``) stops the run after the files in flight: everything stored so
    far stays stored, and no master workbook is written for a cancelled run. ``start_method`` ("spawn") is
    for callers with threads of their own (the GUI): forking a process that runs Qt threads is unsafe.
    ``accept_untrusted`` is the province's explicit decision to take in signatures no trusted CA vouches
    for (self-signed); without it they are rejected.
    ``province`` (``33`` or ``浙江省``), ``allow_other_provinces`` and ``regions`` (a GB/T 2260 table) decide
    what happens to units from elsewhere (:mod:`app.merge.places`); ``detail`` is where the full ledgers and
    problems go (:data:`app.merge.detail.DETAILS`).
    """
    started = time.perf_counter()
    files = collect_inputs(inputs)
    out_path = _check_out(Path(out), files)
    trust_pem = _trust_pem(trust)
    scope = province_scope(province, allow_other_provinces, regions, trust_pem)
    check_detail(detail)
    with _disk_full_explained(), ProvinceStore(Path(db) if db else default_db()) as store:
        run = _Run(store, len(files), progress_callback, scope)
        first_by_hash: dict[str, str] = {}

        def tasks() -> Iterator[Task]:
            """Each file read once: the bytes hashed here are the bytes the worker checks and parses, so a
            file changed meanwhile cannot be stored under another content's hash."""
            for f in files:
                name = _shown(f)
                try:
                    content, size = read_capped(f)
                except OSError as exc:
                    run.handle(FileResult(name, "").reject(f"无法读取文件:{exc.strerror or exc}"))
                    continue
                if size > MAX_FILE_BYTES:
                    run.handle(FileResult(name, "").reject(too_large(size)))
                    continue
                digest = hashlib.sha256(content).hexdigest()
                if digest in first_by_hash:
                    run.duplicate(name, f"与本次输入中的 {Path(first_by_hash[digest]).name} 内容完全相同", digest)
                    continue
                first_by_hash[digest] = name
                known = store.known(digest)
                if known:
                    run.duplicate(name, KNOWN_REASONS.get(known[0], KNOWN_REASONS["older"]), digest)
                    continue
                yield name, digest, content

        context = multiprocessing.get_context(start_method) if start_method else None
        # files not yet known: an upper bound on the tasks (the generator skips duplicates as it goes)
        n_jobs = worker_count(jobs, len(files))
        with store.batch():  # commits grouped; each file still all or nothing (a savepoint)
            finished = run_tasks(tasks(), n_jobs, trust_pem, cancel, run.handle, context, accept_untrusted)
        report = run.finish()
        report.cancelled = not finished
        report.db = str(store.path)
        read_done = time.perf_counter()
        if finished:
            counts = write_master(store, out_path, report, scope=scope, detail=detail,
                                  jobs=n_jobs, mp_context=context)
            report.out = str(out_path)
        else:
            counts = {}
        ended = time.perf_counter()
        report.totals = {"files": len(files), "accepted": len(report.accepted), "rejected": len(report.rejected),
                         "duplicates": len(report.duplicates), "not_processed": len(files) - run.done,
                         **counts, "seconds": round(ended - started, 2),
                         "master_seconds": round(ended - read_done, 2)}
    return report
