"""The one glossary (``exports/glossary.toml``): the terms every part of the program uses, and their English.

The UI's labels, the checklist's scope names, the workbook's object-type column and the report read their
terms here, so 政务应用程序 is not 应用程序 in one place and 政务APP in another.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.core.errors import SelfcheckError
from app.paths import resource

GLOSSARY_FILE = ("exports", "glossary.toml")


class GlossaryError(SelfcheckError):
    """The glossary file is malformed; the message names the file and the term."""


@dataclass(frozen=True)
class Term:
    key: str
    zh: str
    en: str
    short: str = ""
    en_short: str = ""  # the English of the short label (the interface's lists and columns)
    note: str = ""
    avoid: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The column or list label: the short form where one is defined."""
        return self.short or self.zh


@cache
def load_glossary(path: Path | None = None) -> dict[str, Term]:
    path = Path(path or resource(*GLOSSARY_FILE))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(f"无法读取术语表 {path}:{exc}") from None
    terms: dict[str, Term] = {}
    for n, raw in enumerate(data.get("terms", []), start=1):
        key = raw.get("key") if isinstance(raw, dict) else None
        where = f"术语表 {path} 第{n}个术语" + (f"({key})" if key else "")
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw.get(k) for k in ("key", "zh", "en")):
            raise GlossaryError(f"{where}:需要 key、zh 和 en")
        unknown = set(raw) - {"key", "zh", "en", "short", "en_short", "note", "avoid"}
        if unknown:
            raise GlossaryError(f"{where}:未知字段 {', '.join(sorted(unknown))}")
        if raw["key"] in terms:
            raise GlossaryError(f"{where}:key 重复")
        terms[raw["key"]] = Term(raw["key"], raw["zh"], raw["en"], raw.get("short", ""), raw.get("en_short", ""),
                                 raw.get("note", ""), tuple(raw.get("avoid", ())))
    return terms


def term(key: str) -> Term:
    """One term by key; a missing key is a bug in the program or a damaged glossary, said plainly."""
    try:
        return load_glossary()[key]
    except KeyError:
        raise GlossaryError(f"术语表中缺少术语 {key}") from None


def english(zh: str) -> str | None:
    """The glossary's English for a Chinese term, or None when the glossary does not define it."""
    for t in load_glossary().values():
        if zh == t.zh:
            return t.en
        if zh == t.short:
            return t.en_short or t.en
    return None
