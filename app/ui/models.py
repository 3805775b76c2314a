"""Item models for the long lists: the ledgers, the entity/item tree and the problem table.

Views over thousands of rows stay fluid because the models hold plain tuples and answer ``data()`` from
caches; nothing here creates a widget per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.core import ledger
from app.core.errors import SelfcheckError
from app.core.model import UNIT_ENTITY, Problem, Verdict
from app.ui.labels import label
from app.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
VERDICT_COLORS = {
    Verdict.COMPLIANT: "#2e7d32", Verdict.PARTIAL: "#b26a00", Verdict.NONCOMPLIANT: "#c62828",
    Verdict.NOT_APPLICABLE: "#607d8b", Verdict.UNANSWERED: "#9e9e9e",
}
VERDICT_MARKS = {
    Verdict.COMPLIANT: "✔", Verdict.PARTIAL: "◐", Verdict.NONCOMPLIANT: "✘", Verdict.NOT_APPLICABLE: "–",
    Verdict.UNANSWERED: "○",
}


class LedgerModel(QAbstractTableModel):
    """One kind's ledger, one row per entity, columns from the ledger's field definitions."""

    def __init__(self, session: Session, kind: str) -> None:
        super().__init__()
        self.session, self.kind = session, kind
        self.fields = ledger.FIELDS[kind]
        self.entities: list[Any] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.entities = self.session.entities(self.kind)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entities)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entity = self.entities[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return ledger.display_value(entity.fields.get(self.fields[index.column()].key))
        if role == Qt.ItemDataRole.UserRole:
            return entity.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            f = self.fields[section]
            return f.label + (" *" if f.required else "")
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None


@dataclass
class _Row:
    entity_id: int
    item_ids: list[str]


class CheckTreeModel(QAbstractItemModel):
    """Entities (top level) and their applicable check items (children), filtered in the model itself.

    In unit mode the top level is the unit's own items, with no children. An index's internal id is 0 for
    a top-level row and parent-row + 1 for a child, so no per-node objects exist.
    """

    def __init__(self, session: Session, unit_mode: bool = False) -> None:
        super().__init__()
        self.session, self.unit_mode = session, unit_mode
        self.filter, self.kind, self.article, self.search = "all", "", 0, ""
        self.rows: list[_Row] = []
        self.rebuild()

    # ---- filtering ----------------------------------------------------------------------------------
    def set_filters(self, *, filter: str | None = None, kind: str | None = None, article: int | None = None,
                    search: str | None = None) -> None:
        if filter is not None:
            self.filter = filter
        if kind is not None:
            self.kind = kind
        if article is not None:
            self.article = article
        if search is not None:
            self.search = search.strip().casefold()
        self.rebuild()

    def _keep(self, entity_id: int, item_id: str, article: int) -> bool:
        if self.article and article != self.article:
            return False
        if self.filter == "all":
            return True
        verdict = self.session.verdict(entity_id, item_id)
        if self.filter == "unanswered":
            return verdict == Verdict.UNANSWERED
        if self.filter == "problems":
            return verdict.needs_problem
        return (entity_id, item_id) in self.session.findings

    def rebuild(self) -> None:
        s = self.session
        self.beginResetModel()
        rows: list[_Row] = []
        if self.unit_mode:
            for it in s.items_by_scope["unit"]:
                if self._keep(UNIT_ENTITY, it.id, it.article):
                    rows.append(_Row(UNIT_ENTITY, [it.id]))
        else:
            items = {k: [(it.id, it.article) for it in s.items_by_scope[k]] for k in ledger.KINDS}
            for eid, kind, name in s.entity_rows:
                if self.kind and kind != self.kind:
                    continue
                if self.search and self.search not in name.casefold():
                    continue
                kept = [i for i, a in items[kind] if self._keep(eid, i, a)]
                if kept:
                    rows.append(_Row(eid, kept))
        self.rows = rows
        self.endResetModel()

    # ---- addressing ---------------------------------------------------------------------------------
    def pair(self, index: Index) -> tuple[int, str | None]:
        """(entity id, item id or None for an entity row) of an index."""
        if not index.isValid():
            return UNIT_ENTITY, None
        parent_row = index.internalId() - 1
        if parent_row >= 0:
            row = self.rows[parent_row]
            return row.entity_id, row.item_ids[index.row()]
        row = self.rows[index.row()]
        return row.entity_id, (row.item_ids[0] if self.unit_mode else None)

    def index_of(self, entity_id: int, item_id: str | None) -> QModelIndex:
        for r, row in enumerate(self.rows):
            if row.entity_id != entity_id:
                continue
            if self.unit_mode:
                if row.item_ids[0] == item_id:
                    return self.index(r, 0)
                continue
            top = self.index(r, 0)
            if item_id is None or item_id not in row.item_ids:
                return top
            return self.index(row.item_ids.index(item_id), 0, top)
        return QModelIndex()

    def ordered_pairs(self) -> list[tuple[int, str]]:
        return [(row.entity_id, i) for row in self.rows for i in row.item_ids]

    # ---- QAbstractItemModel -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.rows) else QModelIndex()
        if parent.internalId() != 0 or self.unit_mode:
            return QModelIndex()
        if row >= len(self.rows[parent.row()].item_ids):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.rows)
        if parent.internalId() != 0 or self.unit_mode:
            return 0
        return len(self.rows[parent.row()].item_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.session
        entity_id, item_id = self.pair(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if item_id is not None:
                item = s.checklist.item(item_id)
                mark = VERDICT_MARKS[s.verdict(entity_id, item_id)]
                flag = " 💡" if (entity_id, item_id) in s.findings else ""
                return f"{mark} {item.id} {item.question}{flag}"
            row = self.rows[index.row()]
            done = sum(1 for i in row.item_ids if s.is_answered(entity_id, i))
            return f"{s.name_of.get(entity_id, '')}({s.kind_label(entity_id)} {done}/{len(row.item_ids)})"
        if role == Qt.ItemDataRole.ForegroundRole and item_id is not None:
            return QBrush(QColor(VERDICT_COLORS[s.verdict(entity_id, item_id)]))
        if role == Qt.ItemDataRole.ToolTipRole and item_id is not None:
            return s.checklist.item(item_id).question
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def repaint_all(self) -> None:
        """Every mark and count may have changed (a bulk answer): repaint without a reset."""
        for r, row in enumerate(self.rows):
            top = self.index(r, 0)
            self.dataChanged.emit(top, top)
            if row.item_ids and not self.unit_mode:
                self.dataChanged.emit(self.index(0, 0, top), self.index(len(row.item_ids) - 1, 0, top))

    def refresh_pair(self, entity_id: int, item_id: str) -> None:
        """Repaint one item and its entity row after an answer changed (no reset, selection kept)."""
        idx = self.index_of(entity_id, item_id)
        if idx.isValid():
            self.dataChanged.emit(idx, idx)
            parent = idx.parent()
            if parent.isValid():
                self.dataChanged.emit(parent, parent)


class ProblemsModel(QAbstractTableModel):
    """Every active problem in one editable table; incomplete cells are tinted so nothing is missed."""

    error = Signal(str)
    HEADERS = (QT_TRANSLATE_NOOP("ProblemsModel", "对象"), QT_TRANSLATE_NOOP("ProblemsModel", "检查项"),
               QT_TRANSLATE_NOOP("ProblemsModel", "结论"), QT_TRANSLATE_NOOP("ProblemsModel", "问题描述"),
               QT_TRANSLATE_NOOP("ProblemsModel", "整改措施"), QT_TRANSLATE_NOOP("ProblemsModel", "责任人"),
               QT_TRANSLATE_NOOP("ProblemsModel", "整改时限"), QT_TRANSLATE_NOOP("ProblemsModel", "整改状态"))
    EDITABLE: ClassVar[dict[int, str]] = {3: "description", 4: "measure", 5: "owner", 6: "deadline", 7: "status"}
    MISSING_COLUMN: ClassVar[dict[str, int]] = {"问题描述": 3, "整改措施": 4, "责任人": 5, "整改时限": 6}

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.only_incomplete = False
        self.problems: list[Problem] = []  # one row per problem: the first answer it covers
        self.members: dict[int, list[Problem]] = {}  # problem (group) → every answer it covers
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.members = {}
        for p in self.session.problems():
            self.members.setdefault(p.group, []).append(p)
        firsts = [rows[0] for rows in self.members.values()]
        self.problems = [p for p in firsts if p.missing] if self.only_incomplete else firsts
        self.endResetModel()

    def row_of_group(self, group: int) -> int:
        return next((r for r, p in enumerate(self.problems) if p.group == group), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("ProblemsModel", str(self.HEADERS[section])) + (" *" if section in (3, 4, 5, 6) else "")
        return None

    def _name(self, entity_id: int) -> str:
        return self.tr("本单位") if entity_id == UNIT_ENTITY else self.session.name_of.get(entity_id, "")

    def _value(self, p: Problem, column: int) -> str:
        s = self.session
        if column == 0:
            n = len(self.members.get(p.group, [p]))
            return self._name(p.entity_id) + (self.tr(" 等 %1 个").replace("%1", str(n)) if n > 1 else "")
        if column == 1:
            item = s.checklist.item(p.item_id)
            return f"{item.id} {item.question}"
        if column == 2:
            return label(p.verdict)
        if column == 6:
            return p.deadline.isoformat() if p.deadline else ""
        if column == 7:
            return label(p.status)
        return str(getattr(p, self.EDITABLE[column]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == 7:
            return str(p.status)  # the stored value; the delegate shows the translated names
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            names = [self._name(m.entity_id) for m in self.members.get(p.group, [p])]
            more = self.tr("…另有 %1 个").replace("%1", str(len(names) - 40)) if len(names) > 40 else ""
            return "\n".join(names[:40]) + ("\n" + more if more else "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return self._value(p, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            missing_cols = {self.MISSING_COLUMN[m] for m in p.missing}
            if index.column() in missing_cols:
                return QBrush(QColor("#fde0dc"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in self.EDITABLE else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Save one cell of a problem; a problem covering several answers changes for all of them."""
        if role != Qt.ItemDataRole.EditRole or index.column() not in self.EDITABLE or not index.isValid():
            return False
        p = self.problems[index.row()]
        key = self.EDITABLE[index.column()]
        text = str(value or "").strip()  # a date becomes its ISO form, which the store parses back
        if text == self._value(p, index.column()).strip() and key != "status":
            return True  # nothing changed: no write, no "已保存"
        s = self.session
        try:
            fields = {"deadline": text or None} if key == "deadline" else {key: text}
            rows = s.edit_problem_group(p.group, **fields)
        except SelfcheckError as exc:
            self.error.emit(str(exc))
            return False
        s.note_saved()
        active = [r for r in rows if r.verdict.needs_problem]
        if active:
            self.members[p.group] = active
            self.problems[index.row()] = active[0]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.HEADERS) - 1))
        s.problemsEdited.emit()
        return True
