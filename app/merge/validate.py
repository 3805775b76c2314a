"""Decide whether one unit workbook, already read, can enter the province store.

Rules (documented here because they are policy, not mechanics):

* The layout version must be the one this program reads; the checklist id and version must be a shipped one
  and agree between the unit sheet and the hidden sheet.
* The export time (it orders a unit's submissions) must not lie more than two days in the future.
* Unit fields: a valid 统一社会信用代码 (GB 32100 check character) and 行政区划代码, a plausible year.
* Consistency: every result row's object exists in its ledger (``UNIT`` for the unit itself) and its check
  item is in the checklist for that object type; every problem refers to an existing result whose verdict is
  基本符合 or 不符合 (and says the same verdict); references, result pairs and problem numbers are unique.
* Rectification: every 基本符合/不符合 result has a problem row, and every problem row names its 整改措施,
  责任人 and 整改时限.
* Signature: an explicit trust decision. ``valid_trusted`` (the chain ends at the CA given with ``--trust``)
  is accepted; ``valid_untrusted`` (self-signed, or another CA) is rejected — anyone can make a self-signed
  certificate in any unit's name — unless the province explicitly accepts untrusted signatures
  (``--accept-untrusted``), and then it is accepted with a warning and marked “未经认证(已明确接受)” in the
  master workbook. Unsigned, tampered, corrupt, expired or mismatched files are always rejected. A blank
  template (``template = "1"``) or any hand-filled unsigned file is therefore always rejected: a signature is
  what tells the province who vouches for the data. A signature failure is always the first reason given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from typing import Any

from app.core.checklist import ITEM_ID, SCOPE_LABELS, Checklist, shipped, shipped_checklist_files
from app.core.codes import credit_code_problems, region_code_problems
from app.core.model import Verdict
from app.signing.verify import LABELS
from app.workbook.layout import UNIT_REF, Layout, WorkbookData
from app.workbook.problems import where

FUTURE_TOLERANCE = dt.timedelta(days=2)  # clocks and time zones differ; a unit's export is never days ahead
MAX_LISTED = 200  # per kind of consistency problem; the count of the rest is always given
_SCOPE_KEY = {label: key for key, label in SCOPE_LABELS.items()}
_NEEDS_PROBLEM = frozenset(v.value for v in Verdict if v.needs_problem)  # 基本符合, 不符合


@cache
def shipped_checklists() -> dict[tuple[str, str], Checklist]:
    return {(c.id, c.version): c for c in map(shipped, shipped_checklist_files())}


def capped(reasons: list[str], what: str) -> list[str]:
    if len(reasons) <= MAX_LISTED:
        return reasons
    return [*reasons[:MAX_LISTED], f"另有 {len(reasons) - MAX_LISTED} 处{what}未逐条列出"]


def check_meta(data: WorkbookData, layout: Layout) -> tuple[list[str], Checklist | None]:
    """Template flag, layout version and checklist identity."""
    meta, unit = data.meta, data.unit
    reasons: list[str] = []
    if meta.get("template") == "1":
        reasons.append("这是空白模板(未经本程序填报导出),不能作为单位的自查报送")
    version = meta.get("layout_version", "")
    if not layout.readable(version):
        shown = f"“{version}”" if version else "缺失"
        accepted = "、".join(f"“{v}”" for v in (layout.version, *layout.reads))
        reasons.append(f"工作簿版式版本为{shown},本程序只接受版式版本{accepted};"
                       "请用最新版自查工具重新导出")
        return reasons, None
    reasons += check_exported_at(meta.get("exported_at", ""))
    cid, cver = meta.get("checklist_id", ""), meta.get("checklist_version", "")
    if not cid or not cver:
        reasons.append("隐藏工作表(_meta)中缺少清单编号或清单版本")
        return reasons, None
    if (unit.get("checklist_id"), unit.get("checklist_version")) not in ((cid, cver), (None, None)):
        reasons.append(f"单位信息中的清单({unit.get('checklist_id')} {unit.get('checklist_version')})"
                       f"与隐藏工作表中的清单({cid} {cver})不一致")
    checklist = shipped_checklists().get((cid, cver))
    if checklist is None:
        known = "、".join(f"{i} {v}" for i, v in sorted(shipped_checklists()))
        reasons.append(f"清单“{cid} {cver}”不是本程序认可的清单(认可:{known})")
    return reasons, checklist


def check_exported_at(text: str, now: dt.datetime | None = None) -> list[str]:
    """The export time orders a unit's submissions: one dated in the future (a wrong clock, or on purpose)
    would count as newer than every correct later export and lock the unit's record, so it is refused."""
    if not text:
        return ["隐藏工作表(_meta)中缺少导出时间"]
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return [f"隐藏工作表(_meta)中的导出时间“{text[:40]}”不是有效的时间"]
    now = now or dt.datetime.now(dt.UTC)
    if when.astimezone(dt.UTC) - now > FUTURE_TOLERANCE:
        return [f"导出时间 {text} 晚于当前时间 {FUTURE_TOLERANCE.days} 天以上(导出电脑的时钟可能有误),"
                "不能作为最新报送;请校正时钟后重新导出"]
    return []


def check_unit(data: WorkbookData, sheet_name: str) -> list[str]:
    unit = data.unit
    reasons = []
    code = str(unit.get("credit_code") or "")
    if code:
        reasons += [f"{where(sheet_name, None, '统一社会信用代码')}:{p}" for p in credit_code_problems(code)]
    region = str(unit.get("region_code") or "")
    if region:
        reasons += [f"{where(sheet_name, None, '行政区划代码')}:{p}" for p in region_code_problems(region)]
    year = unit.get("year")
    if isinstance(year, int) and not 2000 <= year <= 2100:
        reasons.append(f"{where(sheet_name, None, '自查年度')}:{year} 不是有效的年度")
    return reasons


def check_consistency(data: WorkbookData, layout: Layout, checklist: Checklist | None) -> list[str]:
    """Cross-sheet checks: results ↔ ledgers ↔ checklist ↔ problems."""
    reasons: list[str] = []
    refs: dict[str, set[str]] = {"unit": {UNIT_REF}}
    for sheet in layout.ledger_sheets:
        if sheet.key not in data.rows:
            continue
        rows = data.rows[sheet.key]
        counts = Counter(r.get("ref") for r in rows)
        dup = [f"{where(sheet.name, n, '编号')}:编号“{r['ref']}”重复"
               for n, r in enumerate(rows, start=2) if r.get("ref") and counts[r["ref"]] > 1]
        reasons += capped(dup, "编号重复")
        refs[sheet.entity] = {r["ref"] for r in rows if r.get("ref")}
    results_sheet, problems_sheet = layout.sheet("results"), layout.sheet("problems")
    results = data.rows.get("results", [])
    verdicts = _consistent_verdicts(results, refs, checklist)
    if verdicts is not None:
        results = []  # nothing to word: the row-by-row pass below would find nothing
    else:
        verdicts = {}
    bad: list[str] = []
    for n, r in enumerate(results, start=2):
        scope, ref, item = _SCOPE_KEY.get(r.get("scope") or ""), r.get("ref"), r.get("item_id")
        if scope is None or not ref or not item:
            continue  # already reported by the reader (required / choice)
        if scope not in refs:
            continue  # its ledger sheet is missing: said once already
        if ref not in refs[scope]:
            bad.append(f"{where(results_sheet.name, n, '对象编号')}:{r['scope']}“{ref}”不在对应台账中")
        elif checklist is not None and not _fits(checklist, item, scope):
            bad.append(f"{where(results_sheet.name, n, '检查项编号')}:检查项“{item}”不适用于{r['scope']}"
                       f"或不在清单 {checklist.id} {checklist.version} 中")
        if (ref, item) in verdicts:
            bad.append(f"{where(results_sheet.name, n)}:“{ref}”的检查项“{item}”重复出现")
        verdicts[(ref, item)] = r.get("verdict") or ""
    reasons += capped(bad, "自查结果与台账或清单不一致")
    bad = []
    numbers = Counter(p.get("number") for p in data.rows.get("problems", []))
    shared: dict[Any, tuple[int, dict[str, Any]]] = {}
    for n, p in enumerate(data.rows.get("problems", []), start=2):
        ref, item = p.get("ref"), p.get("item_id")
        if not (ref and item):
            continue
        key = (ref, item)
        verdict = verdicts.get(key)
        if verdict is None:
            bad.append(f"{where(problems_sheet.name, n)}:自查结果中没有“{key[0]}”的检查项“{key[1]}”")
        elif verdict not in _NEEDS_PROBLEM:
            bad.append(f"{where(problems_sheet.name, n)}:对应的自查结论是“{verdict}”,只有基本符合/不符合才应登记问题")
        elif p.get("verdict") and p["verdict"] != verdict:
            bad.append(f"{where(problems_sheet.name, n, '结论')}:“{p['verdict']}”与自查结果中的结论“{verdict}”不一致")
        if p.get("number") is not None and numbers[p["number"]] > 1:
            bad.append(f"{where(problems_sheet.name, n, '序号')}:序号 {p['number']} 重复")
        if p.get("problem_no") is not None:  # the rows of one problem say the same (the program writes them so)
            first = shared.setdefault(p["problem_no"], (n, p))
            differ = [c.header for c in problems_sheet.columns if c.key in _SHARED and p.get(c.key) != first[1].get(c.key)]
            if differ:
                bad.append(f"{where(problems_sheet.name, n, differ[0])}:与第{first[0]}行同属问题编号 {p['problem_no']},"
                           f"但{'、'.join(differ)}不同")
    reasons += capped(bad, "问题整改与自查结果不一致")
    return reasons


def _fits(checklist: Checklist, item: str, scope: str) -> bool:
    """Whether ``item`` is in the checklist and asked of objects of ``scope``."""
    return checklist.has_item(item) and checklist.item(item).applies_to(scope)


def _consistent_verdicts(results: list[dict[str, Any]], refs: dict[str, set[str]],
                         checklist: Checklist | None) -> dict[tuple[str, str], str] | None:
    """The verdict of each (object, item) when the row-by-row checks of :func:`check_consistency` would find
    nothing in the results, else None. Decided with set operations over the distinct objects and items (a
    workbook has many rows per object and per item, and nearly every file is consistent): every object in its
    ledger, every item in the checklist for its object type, no (object, item) twice. Only a file failing this
    is walked row by row, to word each problem. Rows the reader already reported (no scope, object or item)
    and rows whose ledger sheet is missing are left out by both, as there."""
    rows: list[tuple[str, str, str, str]] = []
    for r in results:
        scope, ref, item = _SCOPE_KEY.get(r.get("scope") or ""), r.get("ref"), r.get("item_id")
        if scope is not None and ref and item and scope in refs:
            rows.append((scope, ref, item, r.get("verdict") or ""))
    verdicts = {(ref, item): verdict for _, ref, item, verdict in rows}
    if len(verdicts) != len(rows):
        return None
    if any(ref not in refs[scope] for scope, ref in {(t[0], t[1]) for t in rows}):
        return None
    if checklist is not None and any(not _fits(checklist, item, scope) for scope, item in {(t[0], t[2]) for t in rows}):
        return None
    return verdicts


_SHARED = ("description", "measure", "owner", "deadline", "status")  # fields of a problem, not of one answer


def rectification_reasons(data: WorkbookData, layout: Layout) -> list[str]:
    """Every 基本符合/不符合 result needs a problem row with 整改措施, 责任人 and 整改时限: a workbook without
    them is refused (the unit's program blocks such an export, so one that has them was edited or forged)."""
    listed = {(p.get("ref"), p.get("item_id")) for p in data.rows.get("problems", [])}
    results, problems = layout.sheet("results").name, layout.sheet("problems").name
    bad = [f"{where(results, n)}:“{r.get('ref')}”的检查项“{r.get('item_id')}”结论为{r.get('verdict')},"
           "问题整改表中没有对应的问题"
           for n, r in enumerate(data.rows.get("results", []), start=2)
           if r.get("verdict") in _NEEDS_PROBLEM and (r.get("ref"), r.get("item_id")) not in listed]
    labels = {"measure": "整改措施", "owner": "责任人", "deadline": "整改时限"}
    for n, p in enumerate(data.rows.get("problems", []), start=2):
        missing = [label for key, label in labels.items() if p.get(key) in (None, "")]
        if missing:
            bad.append(f"{where(problems, n)}:问题缺少{'、'.join(missing)}")
    return capped(bad, "整改信息缺失")


TRUST_LABELS = {"valid_trusted": "可信(由省级证书机构签发)", "valid_untrusted": "未经认证(已明确接受)"}


def trust_label(status: str) -> str:
    """The trust state shown to people (master workbook, tables), never the raw status."""
    return TRUST_LABELS.get(status) or LABELS.get(status) or status or "未知"


def signature_reasons(result: Any, trust_given: bool, accept_untrusted: bool = False) -> tuple[list[str], list[str]]:
    """(reasons to reject, warnings) from a :class:`app.signing.verify.VerifyResult`."""
    if result.status == "valid_trusted":
        return [], []
    if result.status == "valid_untrusted" and accept_untrusted:
        why = "签名者不是由指定的证书机构认证的" if trust_given else "未指定信任的证书机构(--trust),签名者身份未经认证"
        return [], [f"签名有效,但{why};已按 --accept-untrusted 明确接受"]
    label: str | None
    if result.status == "valid_untrusted":
        label = ("签名者不受信任:签名证书不是由指定的证书机构签发的" if trust_given else
                 "签名者未经认证:未指定信任的证书机构(--trust),而自签名证书任何人都能以任何单位的名义制作;"
                 "请指定省级证书机构证书,或确认接收未经认证的签名(--accept-untrusted)")
    else:
        label = {"unsigned": "未签名:省级汇总只接受经单位证书签名导出的工作簿"}.get(result.status)
    reasons = [f"签名验证未通过:{label or result.message.split(':', 1)[-1]}"]
    reasons += [f"签名验证:{d}" for d in result.details[:MAX_LISTED]] if result.status == "tampered" else []
    return reasons, []


def article_of(item_id: str, checklist: Checklist | None) -> str:
    if checklist is not None and checklist.has_item(item_id):
        return checklist.article(checklist.item(item_id).article).label
    m = ITEM_ID.match(item_id or "")
    return f"第{int(m.group(1))}条" if m else "(未知条款)"
