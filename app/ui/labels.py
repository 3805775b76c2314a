"""Display names of the core's fixed vocabularies (kinds, verdicts, rectification states, unit levels).

The stored values stay the Chinese words of the interchange format; only what the interface shows goes
through Qt's translation, so an English interface does not change a single stored value.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_NAMES = {
    "app": QT_TRANSLATE_NOOP("Labels", "应用程序"),
    "account": QT_TRANSLATE_NOOP("Labels", "公众账号"),
    "group": QT_TRANSLATE_NOOP("Labels", "工作群组"),
    "unit": QT_TRANSLATE_NOOP("Labels", "单位"),
    "符合": QT_TRANSLATE_NOOP("Labels", "符合"),
    "基本符合": QT_TRANSLATE_NOOP("Labels", "基本符合"),
    "不符合": QT_TRANSLATE_NOOP("Labels", "不符合"),
    "不适用": QT_TRANSLATE_NOOP("Labels", "不适用"),
    "未答": QT_TRANSLATE_NOOP("Labels", "未答"),
    "未整改": QT_TRANSLATE_NOOP("Labels", "未整改"),
    "整改中": QT_TRANSLATE_NOOP("Labels", "整改中"),
    "已整改": QT_TRANSLATE_NOOP("Labels", "已整改"),
    "省级": QT_TRANSLATE_NOOP("Labels", "省级"),
    "地市级": QT_TRANSLATE_NOOP("Labels", "地市级"),
    "县级": QT_TRANSLATE_NOOP("Labels", "县级"),
    "乡镇(街道)级": QT_TRANSLATE_NOOP("Labels", "乡镇(街道)级"),
    "其他": QT_TRANSLATE_NOOP("Labels", "其他"),
    "进行中": QT_TRANSLATE_NOOP("Labels", "进行中"),
    "已完成": QT_TRANSLATE_NOOP("Labels", "已完成"),
    # the rectification fields a problem still lacks (app.core.model.Problem.missing)
    "问题描述": QT_TRANSLATE_NOOP("Labels", "问题描述"),
    "整改措施": QT_TRANSLATE_NOOP("Labels", "整改措施"),
    "责任人": QT_TRANSLATE_NOOP("Labels", "责任人"),
    "整改时限": QT_TRANSLATE_NOOP("Labels", "整改时限"),
}


def label(value: str) -> str:
    """The translated display name of a kind key or a vocabulary word; unknown values pass through."""
    source = _NAMES.get(str(value))
    return QCoreApplication.translate("Labels", str(source)) if source else str(value)
