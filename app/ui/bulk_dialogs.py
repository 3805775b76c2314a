"""Answering by exception: a bulk answer over entities chosen by ledger facts and items chosen by article,
and the pending suggestions decided by rule. The selection itself is :mod:`app.core.selection` (no Qt)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import ledger
from app.core.findings import Finding
from app.core.model import ANSWER_VERDICTS, Entity, Verdict
from app.core.rectification import RULE_SUMMARIES
from app.core.rules import shipped_rules
from app.core.selection import ANY, Selection, facts, select_entities, select_pairs
from app.ui.labels import label
from app.ui.session import Session

# The rule summaries of app.core.rectification, for the translation tools (the core has no Qt).
_RULES = (QT_TRANSLATE_NOOP("Rules", "超过两周未更新,存在“僵尸”账号风险"),
          QT_TRANSLATE_NOOP("Rules", "登记有打卡签到/积分排名/在线时长功能"),
          QT_TRANSLATE_NOOP("Rules", "未登记ICP备案号"), QT_TRANSLATE_NOOP("Rules", "没有投诉建议功能"),
          QT_TRANSLATE_NOOP("Rules", "临时工作群任务结束后仍未解散"),
          QT_TRANSLATE_NOOP("Rules", "名称相同或相近,可能重复建设"))


def rule_label(rule: str) -> str:
    """A rule's summary: from the rules data (checklists/rules/, the official wording like the checklist's),
    else one of the older built-in summaries."""
    for r in shipped_rules().rules:
        if r.id == rule:
            return r.summary
    return QCoreApplication.translate("Rules", RULE_SUMMARIES.get(rule, rule))


class BulkDialog(QDialog):
    """Pick entities by ledger facts and items by article; the count of answers it writes is always shown."""

    def __init__(self, session: Session, entities: list[Entity], picked: list[int],
                 current_item: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.entities, self.picked = session, entities, picked
        self.setWindowTitle(self.tr("批量作答"))
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        who = QGroupBox(self.tr("对象(按台账条件选择)"))
        form = QFormLayout(who)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("按下列条件选择全部对象"), "filter")
        if picked:
            self.scope.addItem(self.tr("仅左侧所选的 %1 个对象").replace("%1", str(len(picked))), "picked")
            self.scope.setCurrentIndex(1)
        form.addRow(self.tr("范围"), self.scope)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), ANY)
        for kind in ledger.KINDS:
            self.kind.addItem(label(kind), kind)
        known = facts(entities)
        self.platform = self._choices(self.tr("全部平台"), known["platform"])
        self.owner = self._choices(self.tr("全部单位"), known["owner"])
        self.temporary = QComboBox()
        for text, flag in ((self.tr("不限"), None), (self.tr("仅临时群组"), True), (self.tr("仅常设群组"), False)):
            self.temporary.addItem(text, flag)
        self.answered = QComboBox()
        for text, value in ((self.tr("不限"), ANY), (self.tr("有未答项"), "unanswered"),
                            (self.tr("已有作答"), "answered"), *((self.tr("有“%1”结论").replace("%1", label(v)),
                                                                  v.value) for v in ANSWER_VERDICTS)):
            self.answered.addItem(text, value)
        self.suggestion = QComboBox()
        for text, value in ((self.tr("不限"), ANY), (self.tr("有系统建议"), "any"), (self.tr("无系统建议"), "none")):
            self.suggestion.addItem(text, value)
        for rule in sorted({f.rule for f in session.findings.values()}):
            self.suggestion.addItem(self.tr("建议:%1").replace("%1", rule_label(rule)), rule)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("平台"), self.platform)
        form.addRow(self.tr("主办/建群单位"), self.owner)
        form.addRow(self.tr("常设/临时"), self.temporary)
        form.addRow(self.tr("作答情况"), self.answered)
        form.addRow(self.tr("系统建议"), self.suggestion)
        outer.addWidget(who)
        what = QGroupBox(self.tr("检查项"))
        items_form = QFormLayout(what)
        self.article = QComboBox()
        self.article.addItem(self.tr("全部条款"), 0)
        for article in session.checklist.articles:
            self.article.addItem(article.label, article.number)
        self.items = QListWidget()
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.items.setMaximumHeight(150)
        items_form.addRow(self.tr("条款"), self.article)
        items_form.addRow(self.tr("检查项(不选即全部)"), self.items)
        outer.addWidget(what)
        answer = QFormLayout()
        self.verdict = QComboBox()
        for v in ANSWER_VERDICTS:
            self.verdict.addItem(label(v), v.value)
        self.only_unanswered = QCheckBox(self.tr("只答尚未作答的(已作答的保持不变)"))
        self.only_unanswered.setChecked(True)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("基本符合/不符合时:一个问题涵盖所选全部对象,可稍后修改"))
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(self.tr("不适用时必填:一句话说明理由"))
        answer.addRow(self.tr("结论"), self.verdict)
        answer.addRow("", self.only_unanswered)
        answer.addRow(self.tr("问题描述"), self.description)
        answer.addRow(self.tr("不适用理由"), self.na_reason)
        outer.addLayout(answer)
        self.count = QLabel()
        self.count.setObjectName("bulkCount")
        self.count.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for combo in (self.scope, self.kind, self.platform, self.owner, self.temporary, self.answered,
                      self.suggestion, self.verdict):
            combo.currentIndexChanged.connect(self.update_count)
        self.article.currentIndexChanged.connect(self._fill_items)
        self.items.itemSelectionChanged.connect(self.update_count)
        self.only_unanswered.toggled.connect(self.update_count)
        self.kind.currentIndexChanged.connect(self._fill_items)
        self._fill_items()
        if current_item:
            for row in range(self.items.count()):
                if self.items.item(row).data(Qt.ItemDataRole.UserRole) == current_item:
                    self.items.item(row).setSelected(True)

    @staticmethod
    def _choices(any_text: str, values: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_text, ANY)
        for v in values:
            combo.addItem(v, v)
        return combo

    def _fill_items(self) -> None:
        chosen = {self.items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.items.count())
                  if self.items.item(r).isSelected()}
        self.items.blockSignals(True)
        self.items.clear()
        kind, article = self.kind.currentData(), self.article.currentData()
        scopes = (kind,) if kind else ledger.KINDS
        for it in self.session.checklist.items:
            if it.retired or not any(s in it.scopes for s in scopes) or (article and it.article != article):
                continue
            row = QListWidgetItem(f"{it.id} {it.question}")
            row.setData(Qt.ItemDataRole.UserRole, it.id)
            self.items.addItem(row)
            row.setSelected(it.id in chosen)
        self.items.blockSignals(False)
        self.update_count()

    def selection(self) -> Selection:
        items = tuple(self.items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.items.count())
                      if self.items.item(r).isSelected())
        return Selection(kind=self.kind.currentData(), platform=self.platform.currentData(),
                         owner=self.owner.currentData(), temporary=self.temporary.currentData(),
                         answered=self.answered.currentData(), suggestion=self.suggestion.currentData(),
                         items=items, article=self.article.currentData(),
                         only_unanswered=self.only_unanswered.isChecked(),
                         entity_ids=tuple(self.picked) if self.scope.currentData() == "picked" else ())

    def chosen_verdict(self) -> Verdict:
        return Verdict(self.verdict.currentData())

    def pairs(self) -> list[tuple[int, str]]:
        s = self.session
        return select_pairs(s.checklist, self.entities, s.verdicts, s.findings, self.selection())

    def update_count(self) -> None:
        s = self.session
        sel = self.selection()
        n_entities = len(select_entities(s.checklist, self.entities, s.verdicts, s.findings, sel))
        pairs = self.pairs()
        verdict = self.chosen_verdict()
        self.description.setEnabled(verdict.needs_problem)
        self.na_reason.setEnabled(verdict == Verdict.NOT_APPLICABLE)
        self.count.setText(self.tr("将对 %1 个对象写入 %2 个“%3”结论。").replace("%1", str(n_entities))
                           .replace("%2", str(len(pairs))).replace("%3", label(verdict)))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(pairs))


def finding_groups(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Pending suggestions by (rule, item): the unit a clerk accepts or dismisses at once."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(f.rule, f.item_id)].append(f)
    return dict(sorted(groups.items()))


class FindingsDialog(QDialog):
    """Every pending suggestion, grouped by rule: accept the chosen groups, or dismiss them with a reason."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("系统建议"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        self.groups = finding_groups(list(session.findings.values()))
        layout.addWidget(QLabel(self.tr("系统根据台账发现 %1 条建议。勾选要处理的类别:")
                                .replace("%1", str(len(session.findings)))))
        self.list = QListWidget()
        for key, members in self.groups.items():
            rule, item = key
            text = self.tr("%1(检查项 %2,建议“%3”):%4 个").replace("%1", rule_label(rule)) \
                .replace("%2", item).replace("%3", label(members[0].verdict)).replace("%4", str(len(members)))
            row = QListWidgetItem(text)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            row.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(row)
        layout.addWidget(self.list)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("忽略时必填:说明理由(如“这些临时群已于检查前解散”)"))
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("采纳所勾选的建议"))
        self.dismiss_button = QPushButton(self.tr("忽略所勾选的建议"))
        close = QPushButton(self.tr("关闭"))
        for b in (self.accept_button, self.dismiss_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.dismiss_button.clicked.connect(lambda: self._decide(False))
        close.clicked.connect(self.reject)
        self.decision: tuple[bool, list[Finding], str] | None = None

    def checked(self) -> list[Finding]:
        out: list[Finding] = []
        for r in range(self.list.count()):
            row = self.list.item(r)
            if row.checkState() == Qt.CheckState.Checked:
                out += self.groups[row.data(Qt.ItemDataRole.UserRole)]
        return out

    def _decide(self, accept: bool) -> None:
        chosen = self.checked()
        if not chosen:
            return
        reason = self.reason.text().strip()
        if not accept and not reason:
            self.reason.setFocus()
            self.reason.setStyleSheet("border: 1px solid #b00020;")
            return
        self.decision = (accept, chosen, reason)
        self.accept()
