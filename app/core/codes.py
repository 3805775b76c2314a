"""Validators for the 统一社会信用代码 (GB 32100-2015) and the 行政区划代码 (GB/T 2260).

Both return a list of problems in Chinese (empty when valid) so a form can show them beside the field, and
both have a ``check_*`` twin that raises :class:`ValidationError` for the core and the importers.
"""

from __future__ import annotations

import re

from app.core.errors import ValidationError

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(CREDIT_ALPHABET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_REGION = re.compile(r"^[1-9]\d{5}$")
# The first two digits of a 行政区划代码: the 34 provincial-level divisions.
PROVINCE_PREFIXES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"]
)


def credit_check_char(first17: str) -> str:
    """The 18th (check) character for the first 17 characters of a credit code."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    c = 31 - total % 31
    return CREDIT_ALPHABET[0 if c == 31 else c]


def credit_code_problems(code: str) -> list[str]:
    """Why ``code`` is not a valid 统一社会信用代码; an empty list when it is."""
    code = code.strip().upper()
    if not code:
        return ["统一社会信用代码不能为空"]
    if len(code) != 18:
        return [f"统一社会信用代码应为18位,当前为{len(code)}位"]
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        shown = "、".join(bad)
        return [f"统一社会信用代码含有不允许的字符:{shown}(不使用 I、O、Z、S、V)"]
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return [f"统一社会信用代码校验位错误:第18位应为 {expected},实际为 {code[17]}"]
    return []


def is_valid_credit_code(code: str) -> bool:
    return not credit_code_problems(code)


def check_credit_code(code: str, field: str = "统一社会信用代码") -> str:
    """Return the normalised code or raise a :class:`ValidationError` naming ``field``."""
    problems = credit_code_problems(code)
    if problems:
        raise ValidationError(f"{field}:{problems[0]}", field="credit_code")
    return code.strip().upper()


def region_code_problems(code: str) -> list[str]:
    """Why ``code`` is not a plausible 6-digit 行政区划代码; empty when it is."""
    code = code.strip()
    if not _REGION.match(code):
        return ["行政区划代码应为6位数字"]
    if code[:2] not in PROVINCE_PREFIXES:
        return [f"行政区划代码前两位 {code[:2]} 不是有效的省级代码"]
    return []


def check_region_code(code: str, field: str = "行政区划代码") -> str:
    problems = region_code_problems(code)
    if problems:
        raise ValidationError(f"{field}:{problems[0]}", field="region_code")
    return code.strip()


def make_credit_code(region: str, org: str, registrar: str = "1", category: str = "1") -> str:
    """Build a valid code from its parts (used by the demo and by tests)."""
    first17 = f"{registrar}{category}{region}{org}".upper()
    if len(first17) != 17:
        raise ValueError("registrar(1) + category(1) + region(6) + org(9) must be 17 characters")
    return first17 + credit_check_char(first17)
