"""Steps 3 and 4, 逐条自查 and 单位层面: a filtered tree of entities and items beside the item panel.

Keyboard answering: 1–4 choose a verdict, Enter moves to the next unanswered item, Ctrl+Z (window-wide)
undoes the last verdict change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.core import ledger
from app.core.errors import SelfcheckError
from app.core.model import ANSWER_VERDICTS, UNIT_ENTITY, Verdict
from app.core.selection import Selection, select_pairs, the_rest
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
        self.restButton = QPushButton(self.tr("其余全部符合…"))
        self.restButton.setObjectName("restButton")
        self.restButton.setToolTip(self.tr("把所有尚未作答、也没有系统建议的检查项答为“符合”(先确认数量)"))
        self.findingsButton = QPushButton(self.tr("系统建议…"))
        self.findingsButton.setObjectName("findingsButton")
        self.findingsButton.setVisible(not unit_mode)
        self.restButton.clicked.connect(self.answer_rest)
        self.findingsButton.clicked.connect(self.decide_findings)
        row = QHBoxLayout()  # the three bulk actions side by side, under the tree
        f.masterLayout.removeWidget(f.bulkButton)
        for button in (f.bulkButton, self.findingsButton, self.restButton):
            row.addWidget(button)
        f.masterLayout.addLayout(row)
        session.bulkChanged.connect(self.refresh_view)
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
        """The bulk dialog: entities by ledger facts (or those picked in the tree), items by article."""
        from app.ui.bulk_dialogs import BulkDialog

        s = self.session
        current = self.current_pair()
        dialog = BulkDialog(s, s.entities(), self.selected_entities(),
                            current[1] if current else None, self)
        if dialog.exec():
            verdict = dialog.chosen_verdict()
            self.apply_pairs(dialog.pairs(), verdict, dialog.description.text().strip(),
                             dialog.na_reason.text().strip() or None)

    def answer_selection(self, selection: Selection, verdict: Verdict, description: str = "",
                         na_reason: str | None = None) -> int:
        """What the bulk dialog does once its selection is made (tests and the benchmark call it too)."""
        s = self.session
        pairs = select_pairs(s.checklist, s.entities(), s.verdicts, s.findings, selection)
        return self.apply_pairs(pairs, verdict, description, na_reason)

    def apply_bulk(self, ids: list[int], item_id: str, verdict: Verdict, na_reason: str | None = None) -> None:
        self.apply_pairs([(eid, item_id) for eid in ids], verdict, na_reason=na_reason)

    def apply_pairs(self, pairs: list[tuple[int, str]], verdict: Verdict, description: str = "",
                    na_reason: str | None = None) -> int:
        """One verdict for many answers, undone as one step (Ctrl+Z); the tree keeps its state."""
        if not pairs:
            return 0
        if verdict == Verdict.NOT_APPLICABLE and na_reason is None:
            na_reason = dialogs.ask_na_reason(self)
            if na_reason is None:
                return 0
        try:
            n = self.session.bulk_pairs(pairs, verdict, description, na_reason)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("批量作答"), str(exc))
            return 0
        entities = len({e for e, _ in pairs})
        self.session.saved.emit(self.tr("已对 %1 个对象写入 %2 个结论(Ctrl+Z 可整体撤销)")
                                .replace("%1", str(entities)).replace("%2", str(n)))
        return n

    def answer_rest(self) -> int:
        """"All the rest are 符合": every unanswered item without a pending suggestion, after one confirmation
        that names the count."""
        s = self.session
        scopes = ("unit",) if self.unit_mode else ledger.KINDS
        rows = [(UNIT_ENTITY, "unit")] if self.unit_mode else [(e, k) for e, k, _ in s.entity_rows]
        rest, held = the_rest(s.checklist, rows, s.verdicts, s.findings, scopes)
        if not rest:
            dialogs.warn(self, self.tr("其余全部符合"), self.tr("没有尚未作答的检查项了。") + (
                self.tr("还有 %1 项有待处理的系统建议。").replace("%1", str(held)) if held else ""))
            return 0
        text = self.tr("将把其余 %1 个尚未作答的检查项(涉及 %2 个对象)全部答为“符合”。").replace(
            "%1", str(len(rest))).replace("%2", str(len({e for e, _ in rest})))
        if held:
            text += self.tr("有系统建议的 %1 项不在其中,请先采纳或忽略。").replace("%1", str(held))
        if not dialogs.confirm(self, self.tr("其余全部符合"), text + self.tr("确定吗?(Ctrl+Z 可整体撤销)")):
            return 0
        return self.apply_pairs(rest, Verdict.COMPLIANT)

    def decide_findings(self) -> int:
        """Pending suggestions by rule: accept the ticked groups, or dismiss them with one reason."""
        from app.ui.bulk_dialogs import FindingsDialog

        if not self.session.findings:
            dialogs.warn(self, self.tr("系统建议"), self.tr("没有待处理的系统建议。"))
            return 0
        dialog = FindingsDialog(self.session, self)
        if not dialog.exec() or dialog.decision is None:
            return 0
        accept, chosen, reason = dialog.decision
        return self.apply_findings(chosen, accept, reason)

    def apply_findings(self, findings: list[Any], accept: bool, reason: str = "") -> int:
        try:
            n = (self.session.accept_findings(findings) if accept
                 else self.session.dismiss_findings(findings, reason))
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("系统建议"), str(exc))
            return 0
        self.session.saved.emit((self.tr("已采纳 %1 条建议") if accept else self.tr("已忽略 %1 条建议"))
                                .replace("%1", str(n)))
        return n

    def refresh_view(self) -> None:
        """After a bulk change or its undo: new marks and counts, with the tree's expansion, selection and
        current item kept (a filter such as 未答 may drop rows; what remains stays as it was)."""
        tree = self.form.tree
        current = self.current_pair()
        expanded = {row.entity_id for r, row in enumerate(self.model.rows) if tree.isExpanded(self.model.index(r, 0))}
        selected = [self.model.pair(i) for i in tree.selectionModel().selectedIndexes()]
        scroll = tree.verticalScrollBar().value()
        if self.model.filter == "all" and not self.model.search:
            self.model.repaint_all()  # the rows cannot change: no reset, nothing to restore
        else:
            self.model.rebuild()
            for r, row in enumerate(self.model.rows):
                if row.entity_id in expanded:
                    tree.expand(self.model.index(r, 0))
            if current:
                self.select(*current)
            flags = QItemSelectionModel.SelectionFlag.Select
            for pair in selected:
                idx = self.model.index_of(*pair)
                if idx.isValid():
                    tree.selectionModel().select(idx, flags)
            tree.verticalScrollBar().setValue(scroll)
        if current:
            self.panel.show_pair(*current)
