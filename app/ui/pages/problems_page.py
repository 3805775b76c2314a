"""Step 5, 问题与整改: every problem in one editable table; incomplete ones are tinted and counted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.core.model import ANSWER_VERDICTS, ProblemStatus
from app.ui.forms.problems_page_ui import Ui_ProblemsPage
from app.ui.labels import label
from app.ui.models import ProblemsModel
from app.ui.session import Session


class SpreadsheetDelegate(QStyledItemDelegate):
    """Cells edit like a spreadsheet: Tab commits and opens the next editable cell (Qt's own), Enter commits
    and moves down a row in the same column, ready for typing, instead of staying put."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier and isinstance(editor, QWidget)):
            view = self.parent()
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if isinstance(view, QAbstractItemView):
                current = view.currentIndex()
                below = current.sibling(current.row() + 1, current.column())
                if below.isValid():
                    view.setCurrentIndex(below)
                view.setFocus()
            return True
        return super().eventFilter(editor, event)


class StatusDelegate(SpreadsheetDelegate):
    """The 整改状态 column edits with a drop-down of the allowed states."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for status in ProblemStatus:
            combo.addItem(label(status), status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(str(index.data(Qt.ItemDataRole.EditRole)))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ProblemsPage(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_ProblemsPage()
        self.form.setupUi(self)
        f = self.form
        self.model = ProblemsModel(session)
        f.problemsView.setModel(self.model)
        f.problemsView.setItemDelegate(SpreadsheetDelegate(f.problemsView))
        f.problemsView.setItemDelegateForColumn(7, StatusDelegate(f.problemsView))
        f.problemsView.setTabKeyNavigation(True)
        f.problemsView.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = f.problemsView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # widths suit Chinese; longer headers, verdicts and states (English) widen their column
        words = {2: [label(v) for v in ANSWER_VERDICTS], 7: [label(s) for s in ProblemStatus]}
        fm = f.problemsView.fontMetrics()
        for col, width in enumerate((130, 180, 70, 190, 190, 80, 100, 80)):  # 1366 px wide: all in view
            fit = max((fm.horizontalAdvance(w) + 16 for w in words.get(col, [])), default=0)
            header.resizeSection(col, max(width, header.sectionSizeHint(col), fit))
        self.model.error.connect(self._error)
        f.incompleteCheck.toggled.connect(self._toggle_incomplete)
        session.problemsChanged.connect(self.reload)
        session.problemsEdited.connect(self.update_summary)
        self._last_error = ""
        self.update_summary()

    def reload(self) -> None:
        if self.isVisible():
            self.model.reload()
        else:
            self._stale = True
        self.update_summary()

    def showEvent(self, event: Any) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.model.reload()
            self.update_summary()
        super().showEvent(event)

    def _toggle_incomplete(self, on: bool) -> None:
        self.model.only_incomplete = on
        self.model.reload()

    def _error(self, message: str) -> None:
        self._last_error = message
        self.update_summary()

    def update_summary(self) -> None:
        gaps = self.session.rectification_gaps()
        groups = len(self.model.members) if not self.model.only_incomplete else len(
            {p.group for p in self.session.problems()})
        answers = sum(len(m) for m in self.model.members.values())
        text = self.tr("共 %1 个问题(涉及 %2 个检查结论)").replace("%1", str(groups)).replace("%2", str(answers))
        if gaps:
            text += self.tr(",还有 %1 处缺漏(问题描述、整改措施、责任人、整改时限均为必填),"
                            "补齐前不能导出。").replace("%1", str(len(gaps)))
            text += "\n" + gaps[0].message
            style = "color: #b00020;"
        else:
            text += self.tr(",均已填写整改措施、责任人和时限。") if groups else ""
            style = ""
        if self._last_error:
            text += "\n" + self._last_error
            style = "color: #b00020;"
            self._last_error = ""
        self.form.summaryLabel.setText(text)
        self.form.summaryLabel.setStyleSheet(style)

    def select_group(self, group: int, column: int = 4) -> bool:
        """Put the cursor on a problem's first empty cell (the export page's "go to the first gap")."""
        row = self.model.row_of_group(group)
        if row < 0:
            return False
        p = self.model.problems[row]
        if p.missing:
            column = self.model.MISSING_COLUMN[p.missing[0]]
        view = self.form.problemsView
        index = self.model.index(row, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus()
        return True
