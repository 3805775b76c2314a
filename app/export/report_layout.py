"""The report's page layout and font roles, from ``exports/report_layout.toml`` (GB/T 9704-2012 by default).

An office changes margins, sizes or font preferences in that file; a missing or mistyped key is named in
the message instead of surfacing as a traceback in the middle of an export.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.paths import resource

ROLES = ("title", "body", "heading1", "heading2", "number")
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class FontRole:
    families: tuple[str, ...]
    fallback: str
    docx: str


@dataclass(frozen=True)
class ReportLayout:
    width: float
    height: float
    margin_top: float
    margin_left: float
    body_width: float
    body_height: float
    lines_per_page: int
    chars_per_line: int
    page_number_gap: float
    page_number_size: float
    page_number_format: str
    running_header: bool
    show_issuer: bool
    sizes: dict[str, float]
    fonts: dict[str, FontRole]

    @property
    def margin_bottom(self) -> float:
        return self.height - self.margin_top - self.body_height

    @property
    def margin_right(self) -> float:
        return self.width - self.margin_left - self.body_width

    @property
    def line_pitch_pt(self) -> float:
        """Distance between body lines: the 版心 height shared by the lines per page."""
        return self.body_height * PT_PER_MM / self.lines_per_page

    @property
    def body_size_pt(self) -> float:
        """The body size, narrowed just enough for ``chars_per_line`` characters to fill the 版心 width."""
        return min(self.sizes["body"], self.body_width * PT_PER_MM / self.chars_per_line)


def _get(data: dict[str, Any], key: str, kind: type, origin: str, where: str = "") -> Any:
    value = data.get(key)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, float) and value <= 0):
        raise SelfcheckError(f"报告版式文件 {origin}：{where}{key} 缺失或不是有效的{_KIND_NAMES[kind]}")
    return value


_KIND_NAMES = {float: "正数", int: "整数", str: "文字", bool: "true/false", list: "列表"}


def parse_report_layout(data: dict[str, Any], origin: str) -> ReportLayout:
    page = data.get("page")
    sizes = data.get("sizes")
    fonts = data.get("fonts")
    if not isinstance(page, dict) or not isinstance(sizes, dict) or not isinstance(fonts, dict):
        raise SelfcheckError(f"报告版式文件 {origin}：需要 [page]、[sizes] 和 [fonts.*] 各节")
    roles = {}
    for role in ROLES:
        raw = fonts.get(role)
        if not isinstance(raw, dict):
            raise SelfcheckError(f"报告版式文件 {origin}：缺少字体角色 [fonts.{role}]")
        families = _get(raw, "families", list, origin, f"[fonts.{role}] ")
        roles[role] = FontRole(tuple(str(f) for f in families), _get(raw, "fallback", str, origin, f"[fonts.{role}] "),
                               _get(raw, "docx", str, origin, f"[fonts.{role}] "))
    size_keys = ("title", "body", "heading1", "heading2", "annex_label", "annex_title", "table", "table_head", "chart")
    layout = ReportLayout(
        **{k: _get(page, k, float, origin, "[page] ") for k in (
            "width", "height", "margin_top", "margin_left", "body_width", "body_height", "page_number_gap",
            "page_number_size")},
        lines_per_page=_get(page, "lines_per_page", int, origin, "[page] "),
        chars_per_line=_get(page, "chars_per_line", int, origin, "[page] "),
        page_number_format=_get(page, "page_number_format", str, origin, "[page] "),
        running_header=bool(page.get("running_header", False)),
        show_issuer=bool(page.get("show_issuer", False)),
        sizes={k: _get(sizes, k, float, origin, "[sizes] ") for k in size_keys},
        fonts=roles,
    )
    if layout.margin_bottom < 10 or layout.margin_right < 5 or layout.lines_per_page < 5 or layout.chars_per_line < 5:
        raise SelfcheckError(f"报告版式文件 {origin}：版心超出纸张或行数、字数过少")
    if "{n}" not in layout.page_number_format:
        raise SelfcheckError(f"报告版式文件 {origin}：page_number_format 需要包含 {{n}}")
    return layout


@cache
def load_report_layout(path: Path | None = None) -> ReportLayout:
    path = path or resource("exports", "report_layout.toml")
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SelfcheckError(f"无法读取报告版式文件 {path}：{exc}") from None
    return parse_report_layout(data, str(path))
