"""Region names from the bundled GB/T 2260 code table (resources/regions/gb2260.csv, data an office may replace).

A code the table lacks is not an error here: the caller shows the code with “代码表中无此代码” and goes on —
codes change every year and a unit may be newer than the table. A table that cannot be read is an error that
names the file and the row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.core.errors import SelfcheckError
from app.paths import resource

LEVELS = ("province", "prefecture", "county")
UNKNOWN = "代码表中无此代码"
# Short forms an officer may type for a province (``--province 浙江``), besides the code and the full name.
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    retired: bool = False


class RegionTable:
    """Look-ups by 6-digit code: a division's own name, its prefecture and province, full names for display."""

    def __init__(self, regions: list[Region], source: str) -> None:
        self.by_code = {r.code: r for r in regions}
        self.source = source

    def get(self, code: str | None) -> Region | None:
        return self.by_code.get((code or "").strip())

    def province_code(self, code: str | None) -> str:
        """The 2-digit province prefix of a region code ("" when the code is not 6 digits)."""
        code = (code or "").strip()
        return code[:2] if len(code) == 6 and code.isdigit() else ""

    def province(self, code: str | None) -> Region | None:
        prefix = self.province_code(code)
        return self.by_code.get(prefix + "0000") if prefix else None

    def prefecture(self, code: str | None) -> Region | None:
        """The prefecture-level division (地级) a county belongs to; for 直辖市 districts, the city itself."""
        code = (code or "").strip()
        if len(code) != 6 or not code.isdigit():
            return None
        return self.by_code.get(code[:4] + "00") or self.by_code.get(code[:2] + "0000")

    def prefecture_key(self, code: str | None) -> str:
        """Where a unit is grouped (one workbook per prefecture): its prefecture's code, or ``未知地区``."""
        p = self.prefecture(code)
        return p.code if p else "未知地区"

    def full_name(self, code: str | None) -> str:
        """E.g. 浙江省杭州市西湖区; a code the table lacks → ``330199(代码表中无此代码)``."""
        code = (code or "").strip()
        own = self.by_code.get(code)
        if own is None:
            return f"{code}({UNKNOWN})" if code else "(空)"
        parts: list[str] = []
        for higher in (self.province(code), self.prefecture(code)):
            if (higher is not None and higher.code != code and not higher.name.endswith("直辖县级行政区划")
                    and (not parts or parts[-1] != higher.name)):
                parts.append(higher.name)
        parts.append(own.name)
        return "".join(parts) + ("(已撤销)" if own.retired else "")

    def resolve_province(self, text: str) -> str:
        """``33``, ``330000``, ``浙江``, ``浙江省`` → ``33``; anything else is a clear error."""
        t = (text or "").strip()
        if t.isdigit() and len(t) in (2, 6):
            region = self.by_code.get(t[:2] + "0000")
            if region is not None and (len(t) == 2 or t.endswith("0000")):
                return t[:2]
        for r in self.by_code.values():
            if r.level == "province" and t and (t == r.name or _short(r.name) == _short(t)):
                return r.code[:2]
        raise SelfcheckError(f"无法识别本省“{text}”:请给出省级行政区划代码的前两位(如 33)或省份名称(如 浙江省)")

    def province_named_in(self, text: str) -> str:
        """The province whose name starts ``text`` (e.g. a CA named 浙江省委网信办), or ""."""
        t = (text or "").strip()
        for r in self.by_code.values():
            if r.level == "province" and t.startswith((r.name, _short(r.name))) and len(_short(r.name)) >= 2:
                return r.code[:2]
        return ""


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def default_table_path() -> Path:
    return resource("resources", "regions", "gb2260.csv")


@cache
def load_regions(path: Path | str | None = None) -> RegionTable:
    """Read and check the table; every mistake names the file and the row."""
    file = Path(path) if path else default_table_path()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SelfcheckError(f"找不到行政区划代码表 {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SelfcheckError(f"无法读取行政区划代码表 {file}:{exc}") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or [h.strip() for h in rows[0][:3]] != ["code", "name", "level"]:
        raise SelfcheckError(f"行政区划代码表 {file} 第1行应为表头 code,name,level,status")
    regions: list[Region] = []
    seen: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:应有 code、name、level 三列")
        code, name, level = (cell.strip() for cell in row[:3])
        status = row[3].strip() if len(row) > 3 else "current"
        if not (len(code) == 6 and code.isdigit()):
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:代码“{code}”应为6位数字")
        if not name:
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:代码 {code} 缺少名称")
        if level not in LEVELS:
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:级别“{level}”应为 {'、'.join(LEVELS)} 之一")
        if status not in ("current", "retired"):
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:状态“{status}”应为 current 或 retired")
        if code in seen:
            raise SelfcheckError(f"行政区划代码表 {file} 第{n}行:代码 {code} 重复")
        seen.add(code)
        regions.append(Region(code, name, level, status == "retired"))
    if not regions:
        raise SelfcheckError(f"行政区划代码表 {file} 中没有任何代码")
    return RegionTable(regions, str(file))
