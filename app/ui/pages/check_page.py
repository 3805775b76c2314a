"""Steps 3 and 4, 逐条自查 and 单位层面: a filtered tree of entities and items beside the item panel.

Keyboard answering: 1–4 choose a verdict, Enter moves to the next unanswered item, Ctrl+Z (window-wide)
undoes the last verdict change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.core import ledger
from app.core.errors import SelfcheckError
from app.core.model import ANSWER_VERDICTS, UNIT_ENTITY, Verdict
from app.ui import dialogs
from app.ui.forms.check_page_ui import Ui_CheckPage
from app.ui.labels import label
from app.ui.models import CheckTreeModel
from app.ui.pages.item_panel import ItemPanel
from app.ui.session import Session


class CheckPage(QWidget):
    def __init__(self, session: Session, unit_mode: bool = False) -> None:
        super().__init__()
        self.session, self.unit_mode = session, unit_mode
        self.read_only = False
        self.form = Ui_CheckPage()
        self.form.setupUi(self)
        f = self.form
        self.panel = ItemPanel(session)
        f.detailLayout.addWidget(self.panel)
        self.model = CheckTreeModel(session, unit_mode)
        f.tree.setModel(self.model)
        f.tree.setHeaderHidden(True)
        f.tree.setRootIsDecorated(not unit_mode)
        f.tree.selectionModel().currentChanged.connect(self._current_changed)
        f.splitter.setSizes([360, 740])
        f.splitter.setStretchFactor(1, 1)
        for key, text in (("all", self.tr("全部检查项")), ("unanswered", self.tr("未答")),
                           ("problems", self.tr("有问题(基本符合/不符合)")), ("findings", self.tr("有系统建议"))):
            f.filterCombo.addItem(text, key)
        f.kindCombo.addItem(self.tr("全部类型"), "")
        for kind in ledger.KINDS:
            f.kindCombo.addItem(label(kind), kind)
        f.articleCombo.addItem(self.tr("全部条款"), 0)
        scopes = ("unit",) if unit_mode else ledger.KINDS
        for article in session.checklist.articles:
            if any(it.applies_to(s) for it in article.items for s in scopes):
                f.articleCombo.addItem(article.label, article.number)
        f.kindCombo.setVisible(not unit_mode)
        f.searchEdit.setVisible(not unit_mode)
        f.bulkButton.setVisible(not unit_mode)
        f.filterCombo.currentIndexChanged.connect(self._filters_changed)
        f.kindCombo.currentIndexChanged.connect(self._filters_changed)
        f.articleCombo.currentIndexChanged.connect(self._filters_changed)
        f.searchEdit.textChanged.connect(self._filters_changed)
        f.bulkButton.clicked.connect(self.bulk_answer)
        self.panel.answered.connect(self._answered)
        self.panel.nextRequested.connect(self.next_unanswered)
        # Keyboard answering where focus rests while answering (the tree, the verdict buttons); editors
        # keep their keys, so typing "1" in a note is just text.
        self.keys = {Qt.Key.Key_1: ANSWER_VERDICTS[0], Qt.Key.Key_2: ANSWER_VERDICTS[1],
                     Qt.Key.Key_3: ANSWER_VERDICTS[2], Qt.Key.Key_4: ANSWER_VERDICTS[3]}
        for widget in (f.tree, *self.panel.buttons.values(), self.panel.form.nextButton):
            widget.installEventFilter(self)
        session.ledgerChanged.connect(self.rebuild)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier:
                key = Qt.Key(event.key())
                if key in self.keys:
                    self.panel.choose(self.keys[key])
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.next_unanswered()
                    return True
        return super().eventFilter(watched, event)

    # ---- tree ---------------------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        f = self.form
        self.panel.flush()
        current = self.current_pair()
        self.model.set_filters(filter=f.filterCombo.currentData(), kind=f.kindCombo.currentData(),
                               article=f.articleCombo.currentData(), search=f.searchEdit.text())
        if current:
            self.select(*current)

    def rebuild(self) -> None:
        current = self.current_pair()
        self.model.rebuild()
        if current:
            self.select(*current)

    def current_pair(self) -> tuple[int, str] | None:
        if self.panel.entity_id is None or self.panel.item_id is None:
            return None
        return self.panel.entity_id, self.panel.item_id

    def select(self, entity_id: int, item_id: str | None) -> bool:
        idx = self.model.index_of(entity_id, item_id)
        if not idx.isValid():
            return False
        tree = self.form.tree
        if idx.parent().isValid():
            tree.expand(idx.parent())
        tree.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        tree.scrollTo(idx)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        entity_id, item_id = self.model.pair(current)
        if item_id is None:  # an entity row: show its first item
            row = self.model.rows[current.row()]
            item_id = row.item_ids[0]
        self.panel.show_pair(entity_id, item_id)

    def _answered(self, entity_id: int, item_id: str) -> None:
        self.model.refresh_pair(entity_id, item_id)

    def show_first(self) -> None:
        """Open the remembered item, or the first unanswered one, or the first one."""
        if self.current_pair():
            return
        state = self.session.ui_state().get("unit_items" if self.unit_mode else "check") or {}
        if state and self.select(int(state.get("entity", 0)), state.get("item")):
            return
        if not self.next_unanswered() and self.model.rowCount():
            self.select(*self.model.pair(self.model.index(0, 0)))

    def next_unanswered(self) -> bool:
        """Move to the next unanswered item after the current one (wrapping); False when none is left."""
        self.panel.flush()
        pairs = self.model.ordered_pairs()
        if not pairs:
            return False
        current = self.current_pair()
        start = pairs.index(current) + 1 if current in pairs else 0
        n = len(pairs)
        for k in range(n):
            e, i = pairs[(start + k) % n]
            if not self.session.is_answered(e, i):
                self.select(e, i)
                return True
        self.session.saved.emit(self.tr("本页检查项已全部作答"))
        return False

    def remember(self) -> dict[str, object]:
        pair = self.current_pair()
        return {"entity": pair[0], "item": pair[1]} if pair else {}

    # ---- bulk ---------------------------------------------------------------------------------------
    def selected_entities(self) -> list[int]:
        ids: list[int] = []
        for idx in self.form.tree.selectionModel().selectedIndexes():
            eid, _ = self.model.pair(idx)
            if eid != UNIT_ENTITY and eid not in ids:
                ids.append(eid)
        return ids

    def bulk_answer(self) -> None:
        ids = self.selected_entities()
        kinds = {self.session.kind_of[e] for e in ids}
        if len(ids) < 2 or len(kinds) != 1:
            dialogs.warn(self, self.tr("批量作答"), self.tr("请在左侧按住 Ctrl 或 Shift 选择同一类型的多个对象。"))
            return
        kind = kinds.pop()
        dialog = BulkDialog(self.session, kind, len(ids), self.current_pair(), self)
        if dialog.exec():
            self.apply_bulk(ids, dialog.item_id(), dialog.verdict())

    def apply_bulk(self, ids: list[int], item_id: str, verdict: Verdict, na_reason: str | None = None) -> None:
        if verdict == Verdict.NOT_APPLICABLE and na_reason is None:
            na_reason = dialogs.ask_na_reason(self)
            if na_reason is None:
                return
        try:
            n = self.session.bulk(ids, item_id, verdict, na_reason)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("批量作答"), str(exc))
            return
        self.model.rebuild()
        self.session.saved.emit(self.tr("已对 %1 个对象作答").replace("%1", str(n)))


class BulkDialog(QDialog):
    def __init__(self, session: Session, kind: str, count: int, current: tuple[int, str] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量作答"))
        layout = QFormLayout(self)
        layout.addRow(QLabel(self.tr("对所选 %1 个%2:").replace("%1", str(count)).replace("%2", label(kind))))
        self.items = QComboBox()
        for it in session.items_by_scope[kind]:
            self.items.addItem(f"{it.id} {it.question}", it.id)
        if current:
            pos = self.items.findData(current[1])
            if pos >= 0:
                self.items.setCurrentIndex(pos)
        self.verdicts = QComboBox()
        for v in ANSWER_VERDICTS:
            self.verdicts.addItem(label(v), str(v))
        layout.addRow(self.tr("检查项"), self.items)
        layout.addRow(self.tr("结论"), self.verdicts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def item_id(self) -> str:
        return str(self.items.currentData())

    def verdict(self) -> Verdict:
        return Verdict(self.verdicts.currentData())
