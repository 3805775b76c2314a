"""Rules as data: which ledger facts suggest which answer, read from ``checklists/rules/*.rules.toml``.

An office changes a threshold or a wording in the data file only. The loader trusts nothing: every item and
ledger field a rule names must exist (and the item must apply to the rule's kind), thresholds must be
sensible, and each problem is reported with the file and the rule, all at once.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.checklist import Checklist, default_checklist
from app.core.errors import ChecklistError
from app.core.model import Verdict
from app.paths import resource

RULES_DIR = ("checklists", "rules")
MAX_RULES_BYTES = 1024 * 1024
MAX_DAYS = 3650  # ten years: a longer "days without update" is a typo, not a policy
MAX_VALUE = 1_000_000_000
MAX_DISTANCE = 3
CHECKS = ("duplicate",)
RULE_ID = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
RULE_KEYS = {"id", "kind", "items", "verdict", "when", "unless", "older_than", "below", "check", "max_distance",
             "suffixes", "statement", "summary", "source"}
PLACEHOLDERS = {"name", "days", "value", "platform", "other"}


class RulesError(ChecklistError):
    """A rules file that cannot be used; the message names the file and every bad rule."""


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    items: tuple[str, ...]
    verdict: Verdict
    statement: str
    summary: str
    source: str
    when: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    unless: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    older_than: tuple[str, int] | None = None
    below: tuple[str, int] | None = None
    check: str = ""
    max_distance: int = 1
    suffixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    checklist_id: str
    rules: tuple[Rule, ...]
    origin: str = ""


def _conditions(raw: Any, kind: str, key: str, fail: Any) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        fail(f"{key} 应为表,如 {key} = {{ role = \"使用\" }}")
        return ()
    out = []
    for field_key, value in raw.items():
        try:
            f = ledger.field(kind, field_key)
        except KeyError:
            fail(f"{key} 中的台账字段 {field_key} 不存在({ledger.KIND_LABELS[kind]}台账)")
            continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v == "":
                continue
            if f.type == "bool" and not isinstance(v, bool):
                fail(f"{key}.{field_key} 应为 true 或 false")
            elif f.type == "choice" and v not in f.choices:
                fail(f"{key}.{field_key} 的值“{v}”不在可选范围内:{'、'.join(f.choices)}")
            elif f.type not in ("bool", "choice", "text") and not isinstance(v, str):
                fail(f"{key}.{field_key} 只能写 \"\"(空)")
        out.append((field_key, tuple(values)))
    return tuple(out)


def _threshold(raw: Any, kind: str, key: str, number_key: str, field_type: str, limit: int,
               fail: Any) -> tuple[str, int] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"field", number_key}:
        fail(f"{key} 应写作 {{ field = \"…\", {number_key} = 数字 }}")
        return None
    field_key, number = raw["field"], raw[number_key]
    try:
        f = ledger.field(kind, field_key)
    except KeyError:
        fail(f"{key} 中的台账字段 {field_key} 不存在({ledger.KIND_LABELS[kind]}台账)")
        return None
    if f.type != field_type:
        fail(f"{key} 中的字段 {field_key} 不是{'日期' if field_type == 'date' else '整数'}字段")
    if not isinstance(number, int) or isinstance(number, bool) or not (0 <= number <= limit):
        fail(f"{key}.{number_key} 应为 0 到 {limit} 之间的整数,当前为“{number}”")
        return None
    return field_key, number


def _read_rule(raw: dict[str, Any], n: int, checklist: Checklist, fail_at: Any) -> Rule | None:
    rid = raw.get("id")
    where = f"规则 {rid}" if isinstance(rid, str) and rid else f"第{n}条规则"

    def fail(message: str) -> None:
        fail_at(where, message)

    if not isinstance(rid, str) or not RULE_ID.match(rid):
        fail("id 应为小写英文、数字和下划线,如 account_stale")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        fail(f"未知字段 {', '.join(sorted(unknown))}")
    kind = raw.get("kind")
    if kind not in ledger.KINDS:
        fail(f"kind 应为 {'、'.join(ledger.KINDS)} 之一,当前为“{kind}”")
        return None
    items = raw.get("items")
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        fail("items 应为检查项编号的非空列表,如 [\"A07-02\"]")
        items = []
    for item_id in items:
        if not checklist.has_item(item_id):
            fail(f"检查项 {item_id} 不在清单 {checklist.id} {checklist.version} 中")
        elif kind not in checklist.item(item_id).scopes:
            fail(f"检查项 {item_id} 不适用于{ledger.KIND_LABELS[kind]}")
    try:
        verdict = Verdict(str(raw.get("verdict")))
    except ValueError:
        fail(f"verdict 应为 {'、'.join(v.value for v in Verdict)} 之一,当前为“{raw.get('verdict')}”")
        verdict = Verdict.UNANSWERED
    texts = {}
    for key in ("statement", "summary", "source"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            fail(f"缺少 {key}(文字)")
            value = ""
        texts[key] = value.strip()
    fields = {f.key for f in ledger.FIELDS[kind]}
    for key in ("statement", "summary"):
        try:
            names = {p[1] for p in string.Formatter().parse(texts[key]) if p[1] is not None}
        except ValueError as exc:
            fail(f"{key} 中的花括号不成对:{exc}")
            continue
        bad = names - PLACEHOLDERS - fields
        if bad:
            fail(f"{key} 中的占位符 {{{', '.join(sorted(bad))}}} 不是台账字段,也不是 name/days/value/platform/other")
    check = raw.get("check", "")
    if check and check not in CHECKS:
        fail(f"check 应为 {'、'.join(CHECKS)} 之一,当前为“{check}”")
    distance = raw.get("max_distance", 1)
    if not isinstance(distance, int) or isinstance(distance, bool) or not (0 <= distance <= MAX_DISTANCE):
        fail(f"max_distance 应为 0 到 {MAX_DISTANCE} 之间的整数,当前为“{distance}”")
        distance = 1
    suffixes = raw.get("suffixes", [])
    if not isinstance(suffixes, list) or not all(isinstance(s, str) and s for s in suffixes):
        fail("suffixes 应为文字列表,如 [\"办事\", \"服务\"]")
        suffixes = []
    return Rule(
        id=str(rid), kind=kind, items=tuple(items), verdict=verdict, statement=texts["statement"],
        summary=texts["summary"], source=texts["source"],
        when=_conditions(raw.get("when"), kind, "when", fail),
        unless=_conditions(raw.get("unless"), kind, "unless", fail),
        older_than=_threshold(raw.get("older_than"), kind, "older_than", "days", "date", MAX_DAYS, fail),
        below=_threshold(raw.get("below"), kind, "below", "value", "int", MAX_VALUE, fail),
        check=check, max_distance=distance, suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
    )


def loads_rules(text: str, checklist: Checklist, origin: str = "<文本>") -> RuleSet:
    """Parse and validate a rules file against ``checklist``; raise :class:`RulesError` listing every problem."""
    if len(text) > MAX_RULES_BYTES:
        raise RulesError(f"规则文件 {origin} 过大,不是有效的规则文件")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"规则文件 {origin} 不是有效的 TOML:{exc}") from None
    except RecursionError:
        raise RulesError(f"规则文件 {origin} 嵌套层次过深") from None
    problems: list[str] = []

    def fail_at(where: str, message: str) -> None:
        problems.append(f"{where}:{message}")

    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        raise RulesError(f"规则文件 {origin} 缺少 [[rules]]")
    rules = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_rules, start=1):
        rule = _read_rule(raw, n, checklist, fail_at)
        if rule is None:
            continue
        if rule.id in seen:
            fail_at(f"规则 {rule.id}", "id 重复")
        seen.add(rule.id)
        rules.append(rule)
    if problems:
        shown = "\n  ".join(problems[:30])
        more = f"\n  ……另有 {len(problems) - 30} 处问题" if len(problems) > 30 else ""
        raise RulesError(f"规则文件 {origin} 有误:\n  {shown}{more}")
    return RuleSet(checklist.id, tuple(rules), origin)


def rules_file_for(checklist: Checklist, folder: Path | None = None) -> Path:
    return (folder or resource(*RULES_DIR)) / f"{checklist.id}.rules.toml"


@cache
def shipped_rules() -> RuleSet:
    """The shipped rules, checked against the newest shipped checklist they are written for. Inspections on an
    older checklist use the rules whose items that checklist has."""
    return load_rules(default_checklist())


def load_rules(checklist: Checklist, path: Path | None = None) -> RuleSet:
    """The rules for ``checklist`` (none when the office ships no rules file for it)."""
    path = path or rules_file_for(checklist)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return RuleSet(checklist.id, (), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"无法读取规则文件 {path}:{exc}") from None
    return loads_rules(text, checklist, str(path))
