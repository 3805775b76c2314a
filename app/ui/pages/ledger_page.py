"""Step 2, 台账登记: the three ledgers in table views, with add/edit/delete, search, import and paste."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QHeaderView, QTableView, QWidget

from app.core import ledger
from app.core.errors import SelfcheckError
from app.export.ledger_import import LedgerImport, parse_pasted_table, read_ledger_workbook
from app.ui import dialogs
from app.ui.entity_dialog import EntityDialog
from app.ui.forms.ledger_page_ui import Ui_LedgerPage
from app.ui.models import LedgerModel
from app.ui.session import Session

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
        dialog = EntityDialog(kind, parent=self)
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
        entity = self.session.store.entity(ids[0])
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

    def import_workbook(self, path: Path) -> LedgerImport | None:
        try:
            result = read_ledger_workbook(path)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法导入"), str(exc))
            return None
        self._store_import(result)
        return result

    def paste(self) -> LedgerImport | None:
        text = QApplication.clipboard().text()
        result = parse_pasted_table(text, self.current_kind())
        self._store_import(result)
        return result

    def _store_import(self, result: LedgerImport) -> None:
        added = 0
        try:
            for kind, rows in result.rows.items():
                if rows:
                    added += self.session.add_entities(kind, rows)
        except SelfcheckError as exc:
            dialogs.warn(self, self.tr("无法导入"), str(exc))
            return
        lines = [self.tr("已导入 %1 条。").replace("%1", str(added))]
        if result.problems:
            lines.append(self.tr("以下 %1 行未导入,请修改后重新导入:").replace("%1", str(len(result.problems))))
            lines.extend(result.problems[:MAX_LISTED_PROBLEMS])
            if len(result.problems) > MAX_LISTED_PROBLEMS:
                lines.append(self.tr("……另有 %1 行").replace("%1", str(len(result.problems) - MAX_LISTED_PROBLEMS)))
        self.last_import_message = "\n".join(lines)
        if result.problems:
            dialogs.warn(self, self.tr("导入结果"), self.last_import_message)
        else:
            self.session.saved.emit(self.last_import_message)
