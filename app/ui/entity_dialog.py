"""Add or edit one ledger entry. The form is built from the ledger's field definitions (core.ledger), so a
new field appears here, in the workbook and in the importers at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core import ledger
from app.core.errors import ValidationError
from app.ui.labels import label

BOOL_CHOICES = ("", ledger.YES, ledger.NO)


class EntityDialog(QDialog):
    def __init__(self, kind: str, values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("entityDialog")
        name = label(kind)
        self.setWindowTitle(self.tr("编辑%1").replace("%1", name) if values else self.tr("新增%1").replace("%1", name))
        self.resize(560, 600)
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        host = QWidget()
        form = QFormLayout(host)
        for f in ledger.FIELDS[kind]:
            editor: QLineEdit | QComboBox
            if f.type in ("choice", "bool"):
                editor = QComboBox()
                editor.addItems(list(("", *f.choices)) if f.type == "choice" else list(BOOL_CHOICES))
            else:
                editor = QLineEdit()
                editor.setMaxLength(f.max_length)
                if f.type == "date":
                    editor.setPlaceholderText(self.tr("如 2024-03-15"))
                elif f.type == "int":
                    editor.setPlaceholderText(self.tr("整数"))
            editor.setObjectName(f"field_{f.key}")
            self.editors[f.key] = editor
            form.addRow(f.label + (" *" if f.required else ""), editor)
        scroll.setWidget(host)
        outer.addWidget(scroll)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.result_fields: dict[str, Any] = {}
        if values:
            self.set_values(values)

    def set_values(self, values: dict[str, Any]) -> None:
        for key, editor in self.editors.items():
            text = ledger.display_value(values.get(key))
            if isinstance(editor, QComboBox):
                editor.setCurrentText(text)
            else:
                editor.setText(text)

    def raw_values(self) -> dict[str, Any]:
        return {k: (e.currentText() if isinstance(e, QComboBox) else e.text()) for k, e in self.editors.items()}

    def accept(self) -> None:
        """Validate with the ledger's rules; a refused field is named and focused, the dialog stays open."""
        for editor in self.editors.values():
            editor.setStyleSheet("")
        try:
            self.result_fields = ledger.normalize_fields(self.kind, self.raw_values())
        except ValidationError as exc:
            self.error.setText(str(exc))
            refused = self.editors.get(exc.field or "")
            if refused is not None:
                refused.setStyleSheet("border: 1px solid #b00020;")
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()
