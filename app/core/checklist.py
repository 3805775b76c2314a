"""The checklist: 16 articles in 5 parts, each with check items, loaded from a TOML data file.

The file is data an office may edit, so the loader trusts nothing: every problem is reported with the file,
the article and the field, and a bad file is refused as a whole.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import ChecklistError
from app.core.glossary import term
from app.paths import resource

SCOPES = ("unit", "app", "account", "group")
SCOPE_LABELS = {s: term(s).label for s in SCOPES}  # from the one glossary (exports/glossary.toml)
SEVERITIES = ("重要", "一般", "提示")
ITEM_ID = re.compile(r"^A(\d{2})-(\d{2})$")
CHECKLIST_DIR = "checklists"
MAX_CHECKLIST_BYTES = 4 * 1024 * 1024  # the shipped checklist is ~30 KB
MAX_DOTS_PER_LINE = 200  # tomllib is quadratic in a dotted key's depth: "x." * 20000 (40 KB) takes 10 s


@dataclass(frozen=True)
class Item:
    """One question a unit answers, for the unit itself or for each entity of the item's scopes."""

    id: str
    article: int
    question: str
    scopes: tuple[str, ...]
    guidance: str
    evidence: str
    severity: str
    retired: bool = False
    # Where the requirement comes from: "《意见》第N条" or another document by its 文号; shown wherever the item is.
    source: str = ""
    replaces: tuple[str, ...] = ()  # ids of the previous version's items this one carries on (answers follow)

    def applies_to(self, scope: str) -> bool:
        return scope in self.scopes


@dataclass(frozen=True)
class Article:
    number: int
    part: int
    title: str
    text: str
    items: tuple[Item, ...]

    @property
    def label(self) -> str:
        return f"第{self.number}条 {self.title}"


@dataclass(frozen=True)
class Part:
    number: int
    title: str


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: str
    source: str
    issuer: str
    source_date: str
    scope_note: str
    parts: tuple[Part, ...]
    articles: tuple[Article, ...]
    origin: str = ""
    source_text: str = field(default="", repr=False, compare=False)
    _items: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._items.update({it.id: it for a in self.articles for it in a.items})

    @property
    def items(self) -> list[Item]:
        return [it for a in self.articles for it in a.items]

    def item(self, item_id: str) -> Item:
        return self._items[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items

    def article(self, number: int) -> Article:
        for a in self.articles:
            if a.number == number:
                return a
        raise KeyError(number)

    def part(self, number: int) -> Part:
        for p in self.parts:
            if p.number == number:
                return p
        raise KeyError(number)

    def items_for(self, scope: str) -> list[Item]:
        """Items that apply to ``scope`` in article order."""
        return [it for it in self.items if scope in it.scopes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "source": self.source,
            "issuer": self.issuer,
            "source_date": self.source_date,
            "scope_note": self.scope_note,
            "parts": [
                {
                    "number": p.number,
                    "title": p.title,
                    "articles": [
                        {
                            "number": a.number,
                            "title": a.title,
                            "text": a.text,
                            "items": [
                                {
                                    "id": it.id,
                                    "question": it.question,
                                    "scopes": list(it.scopes),
                                    "guidance": it.guidance,
                                    "evidence": it.evidence,
                                    "severity": it.severity,
                                    "source": it.source,
                                    "replaces": list(it.replaces),
                                }
                                for it in a.items
                            ],
                        }
                        for a in self.articles
                        if a.part == p.number
                    ],
                }
                for p in self.parts
            ],
        }


class _Reader:
    """Collects every problem in a checklist file, so the office sees all of them at once."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}:{message}" if where else message)

    def text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(where, f"缺少字段 {key}")
            return ""
        if not isinstance(value, str):
            self.fail(where, f"字段 {key} 应为文本")
            return ""
        if required and not value.strip():
            self.fail(where, f"字段 {key} 不能为空")
        return value.strip()

    def integer(self, table: dict[str, Any], key: str, where: str) -> int:
        value = table.get(key)
        if value is None:
            self.fail(where, f"缺少字段 {key}")
            return 0
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(where, f"字段 {key} 应为整数")
            return 0
        return value

    def table_list(self, table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = table.get(key)
        if value is None:
            self.fail(where, f"缺少 [[{key}]]")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(where, f"{key} 应为表数组 [[{key}]]")
            return []
        return value


def _read_item(r: _Reader, raw: dict[str, Any], article_no: int, where: str, fmt: int = 1) -> Item:
    item_id = r.text(raw, "id", where)
    where = f"{where} 检查项 {item_id or '(无编号)'}"
    m = ITEM_ID.match(item_id)
    if item_id and not m:
        r.fail(where, "编号格式应为 A两位条号-两位序号,如 A03-01")
    elif m and int(m.group(1)) != article_no:
        r.fail(where, f"编号中的条号与所在的第{article_no}条不一致")
    scopes_raw = raw.get("scopes")
    scopes: tuple[str, ...] = ()
    if not isinstance(scopes_raw, list) or not scopes_raw:
        r.fail(where, "字段 scopes 应为非空列表")
    else:
        for s in scopes_raw:
            if s not in SCOPES:
                r.fail(where, f"未知的适用范围 scopes “{s}”(可用:{', '.join(SCOPES)})")
        scopes = tuple(s for s in SCOPES if s in scopes_raw)
        if len(set(scopes_raw)) != len(scopes_raw):
            r.fail(where, "scopes 中有重复值")
    severity = r.text(raw, "severity", where)
    if severity and severity not in SEVERITIES:
        r.fail(where, f"未知的严重程度 severity “{severity}”(可用:{'、'.join(SEVERITIES)})")
    unknown = set(raw) - {"id", "question", "scopes", "guidance", "evidence", "severity", "source", "replaces"}
    if unknown:
        r.fail(where, f"未知字段 {', '.join(sorted(unknown))}")
    # From format 2 on every item names its source; the first checklists cite their article implicitly.
    source = r.text(raw, "source", where, required=fmt >= 2) or (f"《意见》第{article_no}条" if fmt < 2 else "")
    replaces_raw = raw.get("replaces", [])
    replaces: tuple[str, ...] = ()
    if not isinstance(replaces_raw, list) or not all(isinstance(v, str) and ITEM_ID.match(v) for v in replaces_raw):
        r.fail(where, "字段 replaces 应为上一版检查项编号的列表,如 [\"A07-02\"]")
    else:
        replaces = tuple(replaces_raw)
    return Item(
        source=source,
        replaces=replaces,
        id=item_id,
        article=article_no,
        question=r.text(raw, "question", where),
        scopes=scopes,
        guidance=r.text(raw, "guidance", where),
        evidence=r.text(raw, "evidence", where),
        severity=severity,
    )


def parse_checklist(data: dict[str, Any], origin: str, source_text: str = "") -> Checklist:
    """Validate parsed TOML and build a :class:`Checklist`; raise :class:`ChecklistError` listing all problems."""
    r = _Reader(origin)
    head = {k: r.text(data, k, "") for k in ("id", "version", "title", "source", "issuer", "source_date")}
    fmt = data.get("format", 1)
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt not in (1, 2):
        r.fail("", f"format 应为 1 或 2,当前为“{fmt}”")
        fmt = 2
    scope_note = r.text(data, "scope_note", "", required=False)
    parts: list[Part] = []
    for i, raw in enumerate(r.table_list(data, "parts", ""), start=1):
        where = f"第{i}个部分"
        parts.append(Part(number=r.integer(raw, "number", where), title=r.text(raw, "title", where)))
    part_numbers = {p.number for p in parts}
    if len(part_numbers) != len(parts):
        r.fail("parts", "部分编号有重复")
    articles: list[Article] = []
    seen_items: dict[str, int] = {}
    for i, raw in enumerate(r.table_list(data, "articles", ""), start=1):
        number = r.integer(raw, "number", f"第{i}个条目")
        where = f"第{number}条" if number else f"第{i}个条目"
        title = r.text(raw, "title", where)
        if title:
            where = f"{where}({title})"
        part = r.integer(raw, "part", where)
        if part and part not in part_numbers:
            r.fail(where, f"所属部分 part = {part} 未在 [[parts]] 中定义")
        items = [_read_item(r, it, number, where, fmt) for it in r.table_list(raw, "items", where)]
        if not items and "items" in raw:
            r.fail(where, "至少需要一个检查项")
        for it in items:
            if it.id in seen_items:
                r.fail(where, f"检查项编号 {it.id} 重复(第{seen_items[it.id]}条已使用)")
            seen_items.setdefault(it.id, number)
        articles.append(
            Article(number=number, part=part, title=title, text=r.text(raw, "text", where), items=tuple(items))
        )
    numbers = [a.number for a in articles]
    if len(set(numbers)) != len(numbers):
        dup = sorted({n for n in numbers if numbers.count(n) > 1})
        r.fail("", f"条号重复:{', '.join(map(str, dup))}")
    if r.problems:
        shown = "\n  ".join(r.problems[:30])
        more = f"\n  ……另有 {len(r.problems) - 30} 处问题" if len(r.problems) > 30 else ""
        raise ChecklistError(f"清单文件 {origin} 有误:\n  {shown}{more}")
    return Checklist(
        id=head["id"],
        version=head["version"],
        title=head["title"],
        source=head["source"],
        issuer=head["issuer"],
        source_date=head["source_date"],
        scope_note=scope_note,
        parts=tuple(sorted(parts, key=lambda p: p.number)),
        articles=tuple(sorted(articles, key=lambda a: a.number)),
        origin=origin,
        source_text=source_text,
    )


def loads_checklist(text: str, origin: str = "<文本>") -> Checklist:
    if len(text) > MAX_CHECKLIST_BYTES:
        raise ChecklistError(f"清单文件 {origin} 过大(超过 {MAX_CHECKLIST_BYTES // 1048576} MB),不是有效的清单")
    deep = next((n for n, line in enumerate(text.splitlines(), start=1) if line.count(".") > MAX_DOTS_PER_LINE), 0)
    if deep:
        raise ChecklistError(f"清单文件 {origin} 第{deep}行的键层次过深(超过 {MAX_DOTS_PER_LINE} 个“.”),不是有效的清单")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(f"清单文件 {origin} 不是有效的 TOML:{exc}") from None
    except RecursionError:  # deeply nested arrays or inline tables: tomllib recurses once per level
        raise ChecklistError(f"清单文件 {origin} 嵌套层次过深,不是有效的清单") from None
    return parse_checklist(data, origin, text)


def load_checklist(path: Path | str) -> Checklist:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_CHECKLIST_BYTES:
            raise ChecklistError(f"清单文件 {path} 过大(超过 {MAX_CHECKLIST_BYTES // 1048576} MB),不是有效的清单")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChecklistError(f"找不到清单文件 {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"无法读取清单文件 {path}:{exc}") from None
    return loads_checklist(text, str(path))


def shipped_checklist_files() -> list[Path]:
    return sorted(resource(CHECKLIST_DIR).glob("*.toml"))


def default_checklist() -> Checklist:
    """The newest shipped checklist (highest version among files of the same id)."""
    files = shipped_checklist_files()
    if not files:
        raise ChecklistError(f"没有找到清单文件:{resource(CHECKLIST_DIR)} 中没有 .toml 文件")
    loaded = [shipped(p) for p in files]
    return max(loaded, key=lambda c: _version_key(c.version))


def shipped(path: Path) -> Checklist:
    """A shipped checklist file, parsed once while it stays the same file (path, size and modification time):
    the wizard asks for the newest checklist each time a window opens, and parsing all of them took ~27 ms.
    A checklist is immutable, so sharing it is safe; an error is raised again each time, never cached."""
    st = path.stat()
    return _parsed(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _parsed(path: str, size: int, mtime_ns: int) -> Checklist:
    return load_checklist(path)


def newer_checklist(current: Checklist) -> Checklist | None:
    """The shipped checklist an inspection started on ``current`` can move to, if a newer version of the same
    checklist is shipped (the wizard and ``selfcheck upgrade-checklist`` offer it)."""
    newest = default_checklist()
    if newest.id != current.id or _version_key(newest.version) <= _version_key(current.version):
        return None
    return newest


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


def merge_retired(current: Checklist, retired: Iterable[Item]) -> Checklist:
    """A checklist that also carries items no longer in it, marked retired, so their answers stay visible."""
    extra: dict[int, list[Item]] = {}
    for it in retired:
        if not current.has_item(it.id):
            extra.setdefault(it.article, []).append(
                Item(it.id, it.article, it.question, it.scopes, it.guidance, it.evidence, it.severity, True,
                     it.source, it.replaces)
            )
    if not extra:
        return current
    articles = tuple(
        Article(a.number, a.part, a.title, a.text, a.items + tuple(extra.get(a.number, ()))) for a in current.articles
    )
    return Checklist(
        current.id, current.version, current.title, current.source, current.issuer, current.source_date,
        current.scope_note, current.parts, articles, current.origin, current.source_text,
    )
