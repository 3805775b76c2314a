"""The ledger (台账): fields of the three kinds of entities, with types, choices and validation.

These definitions drive the store, the edit forms, the workbook columns and the importers, so a field is
described once. Values are plain Python: str, int, bool, ``datetime.date`` or ``None`` for empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from app.core.errors import ValidationError
from app.core.glossary import term

KINDS = ("app", "account", "group")
# The kinds' labels come from the one glossary (exports/glossary.toml), like everywhere else.
KIND_LABELS = {k: term(k).label for k in KINDS}
YES, NO = "是", "否"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str = "text"  # text | int | date | bool | choice
    choices: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 200
    default: Any = None  # the value an empty cell takes (e.g. 本单位角色 defaults to 主办)
    aliases: tuple[tuple[str, str], ...] = ()  # older words read as the current choice (关停 → 关停注销)


def _f(key: str, label: str, type: str = "text", choices: tuple[str, ...] = (), required: bool = False,
       max_length: int = 200, default: Any = None, aliases: dict[str, str] | None = None) -> Field:
    return Field(key, label, type, choices, required, max_length, default, tuple((aliases or {}).items()))


APP_TYPES = ("移动客户端", "小程序", "快应用")
MLPS_LEVELS = ("未定级", "第一级", "第二级", "第三级", "第四级")
# The action words of the glossary: an app is 关停注销 or 整合, an account 注销 or 整合, a group 解散 or 合并.
DISPOSITIONS = ("保留", "整合", "关停注销")
ACCOUNT_DISPOSITIONS = ("保留", "整合", "注销")
GROUP_DISPOSITIONS = ("保留", "合并", "解散")
# Words of the first ledger (and of everyday speech) read as the current ones.
APP_DISPOSITION_ALIASES = {"关停": "关停注销", "关停下线": "关停注销", "注销": "关停注销"}
ACCOUNT_DISPOSITION_ALIASES = {"关停": "注销", "关停注销": "注销"}
GROUP_DISPOSITION_ALIASES = {"整合": "合并"}
DISPOSAL_STATUSES = ("未处置", "进行中", "已完成")
APP_ROLES = ("主办", "使用")  # 谁主办谁负责,谁使用谁负责: a unit that only uses an app answers fewer items
ACCOUNT_PLATFORMS = ("微信公众号", "微信视频号", "微博", "抖音", "快手", "今日头条", "哔哩哔哩", "小红书", "其他")
GROUP_PLATFORMS = ("微信", "企业微信", "钉钉", "政务微信", "浙政钉", "粤政易", "其他")
GROUP_PERMANENCE = ("常设", "临时")

FIELDS: dict[str, tuple[Field, ...]] = {
    "app": (
        _f("name", "名称", required=True),
        _f("app_type", "类型", "choice", APP_TYPES, required=True),
        _f("sponsor", "主办单位", required=True),
        _f("operator", "运维单位"),
        _f("launch_date", "上线时间", "date"),
        _f("audience", "服务对象"),
        _f("functions", "主要功能", max_length=500),
        _f("users", "用户数", "int"),
        _f("monthly_active", "月活跃用户数", "int"),
        _f("in_plan", "纳入信息化规划", "bool"),
        _f("approval_no", "立项文号"),
        _f("on_gov_cloud", "部署在政务云", "bool"),
        _f("unified_auth", "统一身份认证", "bool"),
        _f("forced_features", "有打卡签到/积分排名/在线时长功能", "bool"),
        _f("has_complaint", "有投诉建议功能", "bool"),
        _f("icp_no", "ICP备案号"),
        _f("mlps_level", "网络安全等级保护级别", "choice", MLPS_LEVELS),
        _f("last_update", "最近更新时间", "date"),
        _f("disposition", "处置意见", "choice", DISPOSITIONS, aliases=APP_DISPOSITION_ALIASES),
        # ---- ledger v2: the facts the articles turn on (appended, so v1 column positions stay) ----
        _f("host_platform", "所在平台"),
        _f("role", "本单位角色", "choice", APP_ROLES, default="主办"),
        _f("forced_approved", "强制功能经审批", "bool"),
        _f("forced_internal_only", "强制功能仅内部掌握", "bool"),
        _f("ranking_data_used", "数据用于通报排名考评", "bool"),
        _f("forced_download", "强制推广下载", "bool"),
        _f("install_quota", "限定安装使用率", "bool"),
        _f("forced_login", "强制定期登录", "bool"),
        _f("notice_date", "关停公告日期", "date"),
        _f("merged_into", "整合至"),
        _f("disposal_status", "处置状态", "choice", DISPOSAL_STATUSES),
        _f("disposal_date", "处置完成日期", "date"),
    ),
    "account": (
        _f("platform", "平台", "choice", ACCOUNT_PLATFORMS, required=True),
        _f("name", "账号名称", required=True),
        _f("account_id", "账号ID"),
        _f("verified_entity", "认证主体"),
        _f("sponsor", "主办单位", required=True),
        _f("opened", "开设时间", "date"),
        _f("followers", "粉丝数", "int"),
        _f("last_update", "最近更新时间", "date"),
        _f("posts_last_year", "近一年发文数", "int"),
        _f("interactive", "有互动功能", "bool"),
        _f("filed", "已备案", "bool"),
        _f("manager", "负责人"),
        _f("phone", "联系电话", max_length=40),
        _f("disposition", "处置意见", "choice", ACCOUNT_DISPOSITIONS, aliases=ACCOUNT_DISPOSITION_ALIASES),
        _f("operator_unit", "运营单位"),
        _f("merged_into", "整合至"),
        _f("disposal_status", "处置状态", "choice", DISPOSAL_STATUSES),
        _f("disposal_date", "处置完成日期", "date"),
    ),
    "group": (
        _f("name", "群名称", required=True),
        _f("platform", "平台", "choice", GROUP_PLATFORMS, required=True),
        _f("creator_unit", "建群单位", required=True),
        _f("owner", "群主"),
        _f("members", "成员数", "int"),
        _f("real_name", "实名", "bool"),
        _f("created", "建群时间", "date"),
        _f("purpose", "用途"),
        _f("permanence", "常设/临时", "choice", GROUP_PERMANENCE),
        _f("task_end", "任务结束日期", "date"),
        _f("forced_response", "有打卡接龙/即时响应要求", "bool"),
        _f("disposition", "处置意见", "choice", GROUP_DISPOSITIONS, aliases=GROUP_DISPOSITION_ALIASES),
        _f("upload_demands", "要求上传截图视频", "bool"),
        _f("merged_into", "合并至"),
        _f("disposal_status", "处置状态", "choice", DISPOSAL_STATUSES),
        _f("disposal_date", "处置完成日期", "date"),
    ),
}

# Characters that hide, reorder or fake text without showing themselves: C0/C1 controls (tab and line breaks
# excepted), every Unicode format character (bidi embeddings, overrides and isolates, zero-width spaces and
# joiners, the BOM, invisible operators, tags…) and the line/paragraph separators. None is printable, so
# ``str.isprintable()`` is a fast test that a text holds none of them.
_INVISIBLE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = re.compile(f"[{_INVISIBLE_CLASS}]")


def field(kind: str, key: str) -> Field:
    for f in FIELDS[kind]:
        if f.key == key:
            return f
    raise KeyError(f"{kind}.{key}")


def invisible_chars(value: str) -> list[str]:
    """The invisible control characters in ``value``, as ``U+202E`` strings (empty for ordinary text)."""
    if value.isprintable():
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in _CONTROL.findall(value)})


def drop_invisible(value: str) -> str:
    """``value`` without invisible control characters (not trimmed): what a writer may put into a cell."""
    return value if value.isprintable() else _CONTROL.sub("", value)


def clean_text(value: str) -> str:
    """Trim and drop control and bidirectional-override characters (they hide or reorder text)."""
    if value.isprintable():  # fast path: no control, format (bidi) or separator characters at all
        return value.strip()
    return _CONTROL.sub("", value).strip()


def parse_date(value: Any) -> dt.date | None:
    """Accept a date, a datetime, an ISO string or 2024/3/5 and 2024年3月5日 forms; ``None`` for blank."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$", text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"是", "有", "y", "yes", "true", "1", "√", "1.0"}:
        return True
    if text in {"否", "无", "n", "no", "false", "0", "×", "0.0"}:
        return False
    raise ValueError(text)


def parse_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(str(value))
        return int(value)
    text = str(value).strip().replace(",", "").replace(",", "")
    if not re.fullmatch(r"-?\d+(\.0+)?", text):
        raise ValueError(text)
    return int(float(text)) if "." in text else int(text)


def normalize_value(f: Field, value: Any) -> Any:
    """Convert a raw value (from a form, a workbook cell or JSON) to the field's type, or raise ValidationError."""
    out: int | dt.date | bool | str | None
    try:
        if f.type == "int":
            number = parse_int(value)
            if number is not None and number < 0:
                raise ValidationError(f"“{f.label}”不能为负数", field=f.key)
            out = number
        elif f.type == "date":
            day = parse_date(value)
            if day is not None and not (1990 <= day.year <= 2100):
                raise ValidationError(f"“{f.label}”的年份不合理:{day.year}", field=f.key)
            out = day
        elif f.type == "bool":
            out = parse_bool(value)
        else:
            out = _normalize_text(f, value)
    except ValueError as exc:
        kinds = {"int": "整数", "date": "日期(如 2024-03-05)", "bool": "“是”或“否”"}
        raise ValidationError(f"“{f.label}”应为{kinds.get(f.type, '文本')},当前为“{exc}”", field=f.key) from None
    if out in (None, "") and f.default is not None:
        out = f.default
    if f.required and out in (None, ""):
        raise ValidationError(f"“{f.label}”为必填项", field=f.key)
    return out


def _normalize_text(f: Field, value: Any) -> str:
    """Text and choice fields: cleaned, a whole float written as an integer, aliases read, length and choice checked."""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else clean_text(
        "" if value is None else str(value))
    if f.aliases and text:
        text = dict(f.aliases).get(text, text)
    if len(text) > f.max_length:
        raise ValidationError(f"“{f.label}”过长(最多{f.max_length}字,当前{len(text)}字)", field=f.key)
    if f.type == "choice" and text and text not in f.choices:
        raise ValidationError(f"“{f.label}”的值“{text}”不在可选范围内:{'、'.join(f.choices)}", field=f.key)
    return text


def normalize_fields(kind: str, raw: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    """Validate every field of ``raw`` for ``kind``; unknown keys are refused. Raises the first problem."""
    if kind not in FIELDS:
        raise ValidationError(f"未知的台账类型:{kind}")
    known = {f.key for f in FIELDS[kind]}
    unknown = set(raw) - known
    if unknown:
        raise ValidationError(f"未知的台账字段:{', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for f in FIELDS[kind]:
        if partial and f.key not in raw:
            continue
        out[f.key] = normalize_value(f, raw.get(f.key))
    return out


def to_json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def from_json_value(f: Field, value: Any) -> Any:
    if f.type == "date" and isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return value


def display_value(value: Any) -> str:
    """How a value reads in a table cell or a report."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
