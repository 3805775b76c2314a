"""Step 2, 台账登记: the three ledgers in table views, with add/edit/delete, search, import and paste."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QHeaderView, QTableView, QWidget

from app.core import ledger
from app.core.errors import SelfcheckError
from app.ui import dialogs
from app.ui.entity_dialog import EntityDialog
from app.ui.forms.ledger_page_ui import Ui_LedgerPage
from app.ui.labels import label
from app.ui.models import LedgerModel
from app.ui.session import Session
from app.workbook.ledger_import import (
    ImportPlan,
    LedgerImport,
    parse_pasted_table,
    plan_import,
    read_ledger_workbook,
)

MAX_LISTED_PROBLEMS = 30


class LedgerPage(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.form = Ui_LedgerPage()
        self.form.setupUi(self)
        f = self.form
        self.models: dict[str, LedgerModel] = {}
        self.proxies: dict[str, QSortFilterProxyModel] = {}
        self.views: dict[str, QTableView] = {"app": f.appView, "account": f.accountView, "group": f.groupView}
        for kind, view in self.views.items():
            model = LedgerModel(session, kind)
            proxy = QSortFilterProxyModel(self)
            proxy.setSourceModel(model)
            proxy.setFilterKeyColumn(-1)
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            view.setModel(proxy)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSortingEnabled(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setDefaultSectionSize(120)
            view.verticalHeader().setDefaultSectionSize(24)
            view.doubleClicked.connect(lambda _index, k=kind: self.edit(k))
            self.models[kind], self.proxies[kind] = model, proxy
        f.searchEdit.textChanged.connect(self._search)
        f.addButton.clicked.connect(lambda: self.add(self.current_kind()))
        f.editButton.clicked.connect(lambda: self.edit(self.current_kind()))
        f.deleteButton.clicked.connect(self.delete_selected)
        f.importButton.clicked.connect(self._choose_import)
        f.pasteButton.clicked.connect(self.paste)
        f.kindTabs.currentChanged.connect(lambda _i: self._update_count())
        session.ledgerChanged.connect(self.reload)
        self._update_count()

    def current_kind(self) -> str:
        return ledger.KINDS[self.form.kindTabs.currentIndex()]

    def set_kind(self, kind: str) -> None:
        self.form.kindTabs.setCurrentIndex(ledger.KINDS.index(kind))

    def reload(self) -> None:
        for model in self.models.values():
            model.reload()
        self._update_count()

    def _search(self, text: str) -> None:
        for proxy in self.proxies.values():
            proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        counts = {k: m.rowCount() for k, m in self.models.items()}
        shown = self.proxies[self.current_kind()].rowCount()
        text = self.tr("应用程序 %1 个,公众账号 %2 个,工作群组 %3 个").replace("%1", str(counts["app"])) \
            .replace("%2", str(counts["account"])).replace("%3", str(counts["group"]))
        if self.form.searchEdit.text().strip():
            text += self.tr(";当前显示 %1 个").replace("%1", str(shown))
        self.form.countLabel.setText(text)

    def selected_ids(self, kind: str) -> list[int]:
        view, proxy = self.views[kind], self.proxies[kind]
        rows = {proxy.mapToSource(i).row() for i in view.selectionModel().selectedRows()}
        return [self.models[kind].entities[r].id for r in sorted(rows)]

    # ---- actions ------------------------------------------------------------------------------------
    def add(self, kind: str) -> None:
        from app.workbook.ledger_import import OWN_UNIT_FIELDS

        dialog = EntityDialog(kind, parent=self)
        name = self._unit_name()
        if name and kind in OWN_UNIT_FIELDS:  # most entries are the unit's own: 主办单位 starts as its name
            dialog.set_values({OWN_UNIT_FIELDS[kind]: name})
        if dialog.exec():
            self._save_new(kind, dialog)

    def _save_new(self, kind: str, dialog: EntityDialog) -> None:
        try:
            self.session.add_entity(kind, dialog.result_fields)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法保存"), str(exc))

    def edit(self, kind: str) -> None:
        ids = self.selected_ids(kind)
        if not ids:
            return
        entity = self.session.entity(ids[0])
        dialog = EntityDialog(kind, entity.fields, parent=self)
        if dialog.exec():
            try:
                self.session.update_entity(entity.id, dialog.result_fields)
            except SelfcheckError as exc:
                dialogs.warn(self, self.tr("无法保存"), str(exc))

    def delete_selected(self) -> None:
        kind = self.current_kind()
        ids = self.selected_ids(kind)
        if not ids:
            return
        names = "、".join(self.session.name_of.get(i, "") for i in ids[:5]) + ("…" if len(ids) > 5 else "")
        text = self.tr("删除 %1 个条目(%2)?它们的自查结论、证明材料关联和问题也会一并删除。") \
            .replace("%1", str(len(ids))).replace("%2", names)
        if dialogs.confirm(self, self.tr("删除台账条目"), text):
            self.session.delete_entities(ids)

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择台账工作簿"), "", self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.import_workbook(Path(path))

    def _unit_name(self) -> str:
        unit = self.session.unit()
        return unit.name if unit else ""

    def import_workbook(self, path: Path) -> ImportPlan | None:
        """Read a clerk's workbook (any sheet names: the headers decide), ask the kind of a sheet the
        headers leave ambiguous, then preview and, once confirmed, import."""
        try:
            result = read_ledger_workbook(path, unit_name=self._unit_name())
            kinds: dict[str, str] = {}
            for sheet in result.ambiguous:
                options = [label(k) for k in ledger.KINDS]
                chosen = dialogs.ask_choice(self, self.tr("台账类型"), self.tr("工作表“%1”是哪一种台账?")
                                            .replace("%1", sheet), options)
                if chosen is not None:
                    kinds[sheet] = ledger.KINDS[chosen]
            if kinds:
                result = read_ledger_workbook(path, unit_name=self._unit_name(), kinds=kinds)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法导入"), str(exc))
            return None
        return self._preview_and_store(result)

    def paste(self) -> ImportPlan | None:
        text = QApplication.clipboard().text()
        result = parse_pasted_table(text, self.current_kind(), unit_name=self._unit_name())
        return self._preview_and_store(result)

    def _preview_and_store(self, result: LedgerImport) -> ImportPlan | None:
        s = self.session
        plan = plan_import(result, s.entities())
        summary = self.tr("新增 %1 条,更新 %2 条,未变 %3 条,未导入 %4 行。").replace("%1", str(len(plan.new))) \
            .replace("%2", str(len(plan.changed))).replace("%3", str(len(plan.unchanged))) \
            .replace("%4", str(len(plan.refused)))
        details = [self.tr("更新:") + f"{c.source} {c.name}:{';'.join(c.diffs)}" for c in plan.changed]
        details += [self.tr("未导入:") + r for r in plan.refused] + [self.tr("说明:") + n for n in plan.notes]
        added = updated = 0
        if plan.new or plan.changed:
            if not dialogs.confirm_details(self, self.tr("导入预览"), summary + "\n" + self.tr("确认导入吗?"),
                                           "\n".join(details), self.tr("导入")):
                return None
            try:
                added, updated = s.import_plan(plan)
            except SelfcheckError as exc:
                dialogs.warn(self, self.tr("无法导入"), str(exc))
                return None
        lines = [self.tr("已导入:新增 %1 条,更新 %2 条,未变 %3 条。").replace("%1", str(added))
                 .replace("%2", str(updated)).replace("%3", str(len(plan.unchanged)))]
        if plan.refused:
            lines.append(self.tr("以下 %1 行未导入,请修改后重新导入(已导入的不会重复):")
                         .replace("%1", str(len(plan.refused))))
            lines.extend(plan.refused[:MAX_LISTED_PROBLEMS])
            if len(plan.refused) > MAX_LISTED_PROBLEMS:
                lines.append(self.tr("……另有 %1 行").replace("%1", str(len(plan.refused) - MAX_LISTED_PROBLEMS)))
        self.last_import_message = "\n".join(lines)
        if plan.refused:
            dialogs.warn(self, self.tr("导入结果"), self.last_import_message)
        else:
            s.saved.emit(self.last_import_message)
        return plan
