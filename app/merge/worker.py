"""One file, start to finish, inside a worker process: safe-open → read → validate → verify.

The result is small and picklable: the unit record, the ledger and problem rows as tuples in layout column
order, and the results only as counts (the results sheet is by far the largest and the province needs its
statistics, not its rows). Nothing here raises for bad input: every failure is a reason in the result.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from app.core.model import Verdict
from app.merge import validate
from app.signing.keys import load_pem_certs
from app.signing.verify import verify_workbook_data
from app.workbook.layout import load_layout, read_workbook
from app.workbook.safe_open import check_bytes, read_checked

_TRUST: list[Any] | None = None
_TRUST_GIVEN = False
_ACCEPT_UNTRUSTED = False


@dataclass
class FileResult:
    """The outcome for one input file, sent back from the worker."""

    file: str
    sha256: str
    ok: bool = False
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verify_status: str = ""
    signer: str = ""
    unit: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    ledgers: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    problems: list[tuple[Any, ...]] = field(default_factory=list)  # problem columns + article label
    result_stats: list[tuple[str, str, str, int]] = field(default_factory=list)  # scope, article, verdict, n

    @property
    def name(self) -> str:
        return Path(self.file).name

    def reject(self, *reasons: str) -> FileResult:
        self.ok = False
        self.reasons.extend(reasons)
        return self


def init_worker(trust_pem: bytes | None, accept_untrusted: bool = False) -> None:
    """Pool initializer: parse the trusted CA certificates once per process, not once per file."""
    global _TRUST, _TRUST_GIVEN, _ACCEPT_UNTRUSTED

    _TRUST = load_pem_certs(trust_pem) if trust_pem else None
    _TRUST_GIVEN = bool(trust_pem)
    _ACCEPT_UNTRUSTED = accept_untrusted


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def process_file(path: str, sha256: str, content: bytes | None = None) -> FileResult:
    """Never raises: an unexpected error becomes a rejection that says so (and keeps the details).

    ``content`` is the file's bytes as read (and hashed into ``sha256``) by the merge: they, not the file on
    disk, are checked and parsed. Without it the file is read here, once, and hashed from those bytes."""
    try:
        return _process(Path(path), sha256, content)
    except Exception as exc:  # a bug or an input nobody anticipated: this file fails, the merge goes on
        detail = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return FileResult(path, sha256).reject(f"处理时发生内部错误({type(exc).__name__}:{detail})")


def _process(path: Path, sha256: str, content: bytes | None) -> FileResult:
    import hashlib

    result = FileResult(str(path), sha256)
    if content is None:
        content, unsafe = read_checked(path)
        if content is not None:
            result.sha256 = hashlib.sha256(content).hexdigest()
    else:
        unsafe = check_bytes(content)
    if unsafe or content is None:
        return result.reject(*unsafe)
    layout = load_layout()
    data, problems = read_workbook(path, layout, content=content)
    if problems and not data.meta and all(p.row is None for p in problems) and len(data.rows) == 0:
        return result.reject(*(str(p) for p in problems))
    reasons = validate.capped([str(p) for p in problems], "单元格问题")
    meta_reasons, checklist = validate.check_meta(data, layout)
    reasons += meta_reasons
    reasons += validate.check_unit(data, layout.sheet("unit").name)
    reasons += validate.check_consistency(data, layout, checklist)
    reasons += validate.rectification_reasons(data, layout)
    verified = verify_workbook_data(path, data, problems, _TRUST)
    result.verify_status, result.signer = verified.status, verified.signer
    sig_reasons, warnings = validate.signature_reasons(verified, _TRUST_GIVEN, _ACCEPT_UNTRUSTED)
    reasons = sig_reasons + reasons  # a signature failure comes first: it decides, the rest is detail
    if reasons:
        return result.reject(*reasons)
    result.ok, result.warnings = True, warnings
    result.unit = {k: _plain(v) for k, v in data.unit.items()}
    result.meta = {k: data.meta.get(k, "") for k in ("submission_id", "exported_at", "checklist_id",
                                                     "checklist_version", "app_version")}
    for sheet in layout.ledger_sheets:
        result.ledgers[sheet.entity] = _tuples(data.rows.get(sheet.key, []), sheet.columns)
    problem_rows = data.rows.get("problems", [])
    result.problems = [(*row, validate.article_of(p.get("item_id") or "", checklist))
                       for row, p in zip(_tuples(problem_rows, layout.sheet("problems").columns), problem_rows,
                                         strict=True)]
    # Counted by (scope, item, verdict) first, in C; the article label comes from the checklist, not the
    # unit's cell text, so units aggregate together — looked up once per distinct item, not once per row.
    answers = Counter(map(_ANSWER_OF, data.rows.get("results", [])))
    stats: Counter[tuple[str, str, str]] = Counter()
    for (scope, item, verdict), n in answers.items():
        stats[(scope or "", validate.article_of(item or "", checklist), verdict or Verdict.UNANSWERED.value)] += n
    result.result_stats = [(*k, n) for k, n in sorted(stats.items())]
    return result


_ANSWER_OF = itemgetter("scope", "item_id", "verdict")


def _tuples(rows: list[dict[str, Any]], columns: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Rows as tuples in layout column order (a column the file's layout version lacks is None), dates as
    ISO text: picklable, and what the store keeps. Only date columns hold dates (the reader types every
    other column as text, number or yes/no), so only they are converted."""
    keys = [c.key for c in columns]
    dates = [i for i, c in enumerate(columns) if c.type == "date"]
    if not dates:
        return [tuple(map(r.get, keys)) for r in rows]
    out = []
    for r in rows:
        values = list(map(r.get, keys))
        for i in dates:
            values[i] = _plain(values[i])
        out.append(tuple(values))
    return out
