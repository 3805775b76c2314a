"""Small shared dialogs and message helpers (Chinese text, never a traceback).

Warnings open window-modal without blocking, so the message is visible to the user and to the UI tests,
which find it among the top-level widgets. Questions that need an answer block (``confirm``,
``ask_passphrase``); tests replace them through this module.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

_open_boxes: list[QMessageBox] = []


def warn(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("warningBox")
    box.finished.connect(lambda _r, b=box: _open_boxes.remove(b) if b in _open_boxes else None)
    _open_boxes.append(box)
    box.open()
    return box


def visible_warnings() -> list[str]:
    """Texts of the warnings currently shown (for tests and the smoke check)."""
    return [w.text() for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "warningBox" and w.isVisible()]


def close_warnings() -> None:
    for box in list(_open_boxes):
        box.accept()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def confirm_details(parent: QWidget | None, title: str, text: str, details: str, ok_text: str) -> bool:
    """A confirmation with a summary and a long list behind "Show Details" (an import's preview)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    if details:
        box.setDetailedText(details)
    box.exec()
    return box.clickedButton() is ok


def ask_choice(parent: QWidget | None, title: str, label: str, options: list[str]) -> int | None:
    """One of ``options`` (its position); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
    return options.index(text) if ok and text in options else None


def ask_reason(parent: QWidget | None, title: str, label: str) -> str | None:
    """A one-line reason (dismissing suggestions); None when cancelled or left blank."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


def ask_na_reason(parent: QWidget | None, current: str = "") -> str | None:
    """The one-line reason a 不适用 answer needs; None when cancelled or left empty."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("Dialogs", "不适用理由"),
        QCoreApplication.translate("Dialogs", "请用一句话说明为何不适用(如:本单位仅使用该应用,不负责主办):"),
        QLineEdit.EchoMode.Normal, current)
    return text.strip() if ok and text.strip() else None


def ask_passphrase(parent: QWidget | None, title: str, label: str) -> bytes | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text.encode("utf-8") if ok and text else None


def ask_new_passphrase(parent: QWidget | None) -> bytes | None:
    """A new passphrase, typed twice; None when cancelled. Too short or different: asked again."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    # lazy: cryptography loads when a certificate is made, not at start
    from app.signing.keys import MIN_PASSPHRASE

    title = QCoreApplication.translate("Dialogs", "新证书口令")
    while True:
        first, ok = QInputDialog.getText(parent, title, QCoreApplication.translate(
            "Dialogs", "为新证书设置口令(至少8位):"), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        again, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("Dialogs", "再次输入口令:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if len(first) >= MIN_PASSPHRASE and first == again:
            return first.encode("utf-8")
        QMessageBox.warning(parent, title, QCoreApplication.translate(
            "Dialogs", "两次输入的口令不一致,或少于8位,请重新输入。"))
