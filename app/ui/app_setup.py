"""One-time application set-up: bundled fonts, translations and the icon (the platform's own style is kept).

Chinese renders only with a CJK font; intranet machines often have none, so the bundled WenQuanYi Micro
Hei is registered at start and made the application font.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.paths import resource

UI_FONT_FILE = "wqy-microhei.ttc"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_translators: list[QTranslator] = []


def register_fonts(names: tuple[str, ...] = (UI_FONT_FILE,)) -> list[str]:
    """Register the bundled UI font (the Song face is for the PDF only); returns the families Qt now knows."""
    families: list[str] = []
    fonts = resource("resources", "fonts")
    for path in (fonts / name for name in names):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def ui_font_family(families: list[str]) -> str:
    for name in families:
        if "Micro Hei" in name or "微米黑" in name:
            return name
    return families[0] if families else QApplication.font().family()


def translation_file(lang: str) -> Path:
    return resource("resources", "translations", f"selfcheck_{lang}.qm")


def qt_translation_file(lang: str) -> Path:
    """Qt's own strings in ``lang`` (file dialogs, standard buttons), copied into the bundle by build.spec."""
    return resource("resources", "translations", f"qtbase_{lang}.qm")


def install_language(app: QCoreApplication, lang: str | None) -> str:
    """Chinese is the source language; any other language loads its compiled .qm. Qt's own strings (standard
    buttons, file dialogs, context menus) are English unless Qt's bundled qtbase_<lang>.qm is loaded too, so
    Chinese loads qtbase_zh_CN.qm. Returns the language used."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    lang = lang or "zh_CN"
    if lang != "zh_CN" and not _install(app, str(translation_file(lang))):
        lang = "zh_CN"
    if lang != "en":
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for qm in (qt_translation_file(lang), qt_dir / f"qtbase_{lang}.qm"):  # bundled first, then Qt's own
            if _install(app, str(qm)):
                break
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang


def _install(app: QCoreApplication, qm: str) -> bool:
    translator = QTranslator(app)
    if not translator.load(qm):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def setup_application(app: QApplication, lang: str | None) -> str:
    app.setApplicationName("selfcheck")
    app.setOrganizationName("selfcheck")
    icon = resource("resources", "icons", "selfcheck.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    families = register_fonts()
    font = QFont(ui_font_family(families))
    font.setPointSize(10)
    app.setFont(font)
    return install_language(app, lang)
