"""Every visible string of the interface is in the chosen language: the English interface shows no Chinese
chrome, the Chinese one no leftover English (Qt's own buttons included), and the translation files are
complete and compiled.

The walk opens the start window, all six steps on the demo, and the merge, about, entity and bulk dialogs
plus a warning box, and collects the "chrome": labels, buttons, group box titles, tab texts, window
titles, placeholders, combo box items, list items, menus and actions, and table and tree headers. The
unit's own data (names, paths, evidence file names) and the official checklist text are cut out of each
string first; what is left must be translated.
"""

from __future__ import annotations

import re
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from app.paths import data_dir
from app.ui import dialogs
from app.ui.about_dialog import AboutDialog
from app.ui.app_setup import LANGUAGES, install_language
from app.ui.bulk_dialogs import BulkDialog, FindingsDialog
from app.ui.entity_dialog import EntityDialog
from app.ui.main import AppController
from app.ui.main_window import STEP_CHECK, STEP_UNIT_ITEMS
from app.ui.merge_dialog import MergeDialog

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# Widgets (objectName patterns) that show the official ledger vocabulary or the checklist's own wording, which
# stay Chinese in every language (they are the interchange format's words); a QLabel whose buddy matches
# (a form row's label) is kept too.
KEEP_CHINESE = {
    "appView": "ledger table: the headers are the official workbook column names",
    "accountView": "ledger table: the headers are the official workbook column names",
    "groupView": "ledger table: the headers are the official workbook column names",
    "field_*": "EntityDialog: the official ledger field names and their choice lists",
    "findingLabel": "the rule's reasoning from app.core.findings, in the checklist's wording",
}
# Latin words that are right in the Chinese interface: formats, product names, keys, file names.
LATIN_OK = re.compile(r"[\w*]*\.(docx|xlsx|p12|pfx|pem|crt|png|jpg|db)\b|\b(PDF|PNG|Excel|Word|Ctrl\+Z)\b")
LANGUAGE_NAMES = set(LANGUAGES.values())  # the language menu names each language in its own script


def _kept_chinese(widget: QWidget) -> bool:
    buddy = widget.buddy() if isinstance(widget, QLabel) else None
    names = [w.objectName() for w in (widget, buddy) if w is not None]
    return any(fnmatch(name, pattern) for name in names for pattern in KEEP_CHINESE)


def _header_texts(view: QAbstractItemView) -> list[str]:
    header = getattr(view, "horizontalHeader", getattr(view, "header", None))
    model = view.model()
    if header is None or model is None or not header().isVisible():
        return []
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]


def _menu_texts(menu: QMenu) -> list[str]:
    return [menu.title()] + [a.text() for a in menu.actions() if not a.isSeparator()]


def chrome(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for each visible chrome string of ``top`` and its children."""
    out: list[tuple[str, str]] = []
    for w in (top, *top.findChildren(QWidget)):
        texts: list[str] = []
        if isinstance(w, QMenu):  # menus are hidden until opened; their texts are chrome all the same
            texts = _menu_texts(w)
        elif not w.isVisible() or _kept_chinese(w):
            continue
        elif isinstance(w, (QLabel, QAbstractButton)):
            texts = [w.text()]
        elif isinstance(w, QGroupBox):
            texts = [w.title()]
        elif isinstance(w, QTabWidget):
            texts = [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            texts = [w.placeholderText()]
        elif isinstance(w, QComboBox):
            texts = [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            texts = [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QAbstractItemView):
            texts = _header_texts(w)
        if w.isWindow():
            texts.append(w.windowTitle())
        out += [(f"{type(w).__name__} {w.objectName()!r}", t) for t in texts if t.strip()]
    return out


def data_values(controller: AppController, *paths: Path) -> list[str]:
    """The unit's own data and the checklist's text, longest first, to cut out of the strings."""
    s = controller.session
    unit = s.store.get_unit()
    values = {str(p) for p in (*paths, controller.db_path, data_dir())} | {unit.name} | set(s.name_of.values())
    for article in s.checklist.articles:
        values |= {article.label, article.text}
        for item in article.items:
            values |= {item.id, item.question, item.guidance, item.evidence, item.source}
    values |= {a.na_reason for a in s.store.answers(s.inspection_id).values()}
    from app.core.rules import shipped_rules

    values |= {r.summary for r in shipped_rules().rules}
    for e in s.store.entities(s.inspection_id):  # the ledger's facts (platforms, units) are the unit's data
        values |= {v for v in e.fields.values() if isinstance(v, str)}
    return sorted((v for v in values if v), key=len, reverse=True)


def without_data(texts: list[tuple[str, str]], values: list[str]) -> list[tuple[str, str]]:
    out = []
    for where, text in texts:
        for v in values:
            text = text.replace(v, "")
        out.append((where, text))
    return out


def walk_everything(qtbot, controller: AppController, tmp_path: Path) -> list[tuple[str, str]]:
    """Open every window and dialog on the demo and return the chrome strings, data cut out."""
    seen: list[tuple[str, str]] = []
    start = controller.show_start()
    qtbot.waitExposed(start)
    seen += chrome(start)
    controller.continue_inspection()
    window = controller.main_window
    qtbot.waitExposed(window)
    s = window.session
    evidence: set[str] = set()
    for step in range(6):
        window.go(step)
        if step in (STEP_CHECK, STEP_UNIT_ITEMS):
            page = window.check_page if step == STEP_CHECK else window.unit_items_page
            pairs = page.model.ordered_pairs()
            # an item with a problem (the problem box shows), one with a suggestion, one with evidence
            wanted = [next((p for p in pairs if s.verdict(*p).needs_problem), None),
                      next((p for p in pairs if p in s.findings), None),
                      next((p for p in pairs if (a := s.store.answer(s.inspection_id, *p)) and a.evidence), None)]
            for pair in [p for p in wanted if p] or pairs[:1]:
                page.select(*pair)
                QApplication.processEvents()
                shown = page.panel.form.evidenceList
                evidence |= {shown.item(i).data(256)[2] for i in range(shown.count())}
                seen += chrome(window)
        window.update_progress()
        QApplication.processEvents()
        seen += chrome(window)
    window.go(STEP_CHECK)
    window.check_page.form.tree.clearSelection()
    window.check_page.answer_rest()  # nothing left to answer: a warning with Qt's own OK button
    merge = MergeDialog(window, db=tmp_path / "province.db")
    dialogs_shown = [*(w for w in QApplication.topLevelWidgets() if w.objectName() == "warningBox" and w.isVisible()),
                     merge, AboutDialog(controller.db_path, window), EntityDialog("app", None, window),
                     BulkDialog(s, s.store.entities(s.inspection_id), [], None, window),
                     FindingsDialog(s, window)]
    for dialog in dialogs_shown:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen += chrome(dialog)
        dialog.close()
    assert len(seen) > 250, "the walk found too few strings: did a window fail to open?"
    return without_data(seen, [*data_values(controller, tmp_path / "province.db"), *evidence])


@pytest.fixture
def english(qapp):
    install_language(qapp, "en")
    yield
    install_language(qapp, "zh_CN")


@pytest.fixture
def demo_controller(qtbot, demo_copy: Path):
    c = AppController(demo_copy)
    c.open_db(demo_copy)
    yield c
    dialogs.close_warnings()
    c.close_db()
    if c.start_window is not None:
        c.start_window.close()


def test_the_translation_files_are_complete_and_compiled():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_english_interface_shows_no_chinese_chrome(qtbot, english, demo_controller, tmp_path):
    seen = walk_everything(qtbot, demo_controller, tmp_path)
    chinese = {(where, text) for where, text in seen if CJK.search(text) and text not in LANGUAGE_NAMES}
    assert not chinese, "\n".join(f"{where}: {text!r}" for where, text in sorted(chinese))


def test_the_chinese_interface_shows_no_leftover_english(qtbot, demo_controller, tmp_path):
    seen = walk_everything(qtbot, demo_controller, tmp_path)
    english = {(where, text) for where, text in seen
               if not CJK.search(text) and LATIN_WORD.search(LATIN_OK.sub("", text)) and text not in LANGUAGE_NAMES}
    assert not english, "\n".join(f"{where}: {text!r}" for where, text in sorted(english))


def test_qts_own_dialogs_speak_chinese(qapp):
    """File dialogs and standard buttons come from Qt's qtbase_zh_CN.qm, loaded with the Chinese interface."""
    from PySide6.QtCore import QCoreApplication

    install_language(qapp, "zh_CN")
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
