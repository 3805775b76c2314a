"""The clerk's afternoon, as the wizard is used: a whole ledger answered by exception, suggestions decided by
rule, the problems completed, the export done. Shared by the pytest-qt test and benchmarks/bench_afternoon.py
(the same path at two sizes).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.model import Verdict
from app.core.selection import Selection
from app.demo import DemoOptions, build_demo
from app.storage import Store

REASON = "经核实,台账登记的情况已在检查前整改到位"


def fresh_ledger(path: Path, apps: int, accounts: int, groups: int, today: dt.date) -> Path:
    """The demo's ledger with nothing answered: what a clerk has right after importing their sheet."""
    store = build_demo(path, DemoOptions(apps=apps, accounts=accounts, groups=groups, seed=11, today=today))
    with store.transaction() as c:
        for table in ("answer_evidence", "answer", "problem", "finding_decision"):
            c.execute(f"DELETE FROM {table}")
    store.close()
    return path


@dataclass
class Afternoon:
    actions: list[str] = field(default_factory=list)  # one line per bulk action, with what it wrote
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
        return out


def spend_the_afternoon(window: Any, out_dir: Path, wait_export: Any) -> Afternoon:
    """Drive the wizard: ``window`` is the MainWindow on a fresh ledger; ``wait_export`` waits for the export
    worker (qtbot.waitUntil in the test, an event loop spin in the benchmark)."""
    from app.ui import dialogs
    from app.ui.main_window import STEP_CHECK, STEP_EXPORT, STEP_PROBLEMS, STEP_UNIT_ITEMS

    day = Afternoon()
    s, page = window.session, window.check_page
    window.go(STEP_CHECK)

    def act(name: str, n: int) -> None:
        day.actions.append(f"{name}: {n}")

    # 1–2: the suggestions, by rule: those that propose a verdict are confirmed; those that only ask for a
    # missing ledger fact were checked by hand and are dismissed with the reason.
    findings = list(s.findings.values())
    real = [f for f in findings if not f.needs_data]
    act("采纳系统建议", day.timed("suggestions", page.apply_findings, real, True))
    rest = [f for f in findings if f.needs_data]
    if rest:
        act("忽略系统建议(说明理由)", day.timed("suggestions", page.apply_findings, rest, False, REASON))
    # 3: the groups on 微信 ask for instant replies: one problem covering all of them.
    act("微信群即时响应要求 → 不符合", day.timed("bulk", page.answer_selection,
        Selection(kind="group", platform="微信", items=("A08-03",)), Verdict.NONCOMPLIANT,
        "部分微信工作群要求即时回复、打卡接龙"))
    # 4: the accounts on 抖音 push follower targets: partly compliant, one problem for all of them.
    act("抖音账号推广要求 → 基本符合", day.timed("bulk", page.answer_selection,
        Selection(kind="account", platform="抖音", items=("A08-02",)), Verdict.PARTIAL,
        "个别抖音账号向基层下达关注数指标"))
    # 5: the apps the unit only uses do not answer the hosting articles.
    act("应用(第12条)→ 不适用", day.timed("bulk", page.answer_selection,
        Selection(kind="app", article=12), Verdict.NOT_APPLICABLE, na_reason="本单位应用均部署在上级统一平台,由上级负责安全管理"))
    # 6: all the rest of the ledger is 符合 (one confirmation naming the count).
    real_confirm = dialogs.confirm
    asked: list[str] = []
    dialogs.confirm = lambda _p, _t, text: asked.append(text) or True  # the clerk clicks 是
    try:
        act("其余全部符合(台账)", day.timed("bulk", page.answer_rest))
        window.go(STEP_UNIT_ITEMS)
        act("其余全部符合(单位层面)", day.timed("bulk", window.unit_items_page.answer_rest))
    finally:
        dialogs.confirm = real_confirm
    day.actions.append(f"确认提示:{asked[0]}")
    # 7: every problem completed in the table (one row per problem, whatever the number of entities).
    window.go(STEP_PROBLEMS)
    model = window.problems_page.model
    deadline = (s.inspection.inspection_date + dt.timedelta(days=60)).isoformat()
    start = time.perf_counter()
    for row in range(model.rowCount()):
        for column, value in ((3, None), (4, "立即整改并建立长效机制"), (5, "王芳"), (6, deadline)):
            index = model.index(row, column)
            if column == 3 and index.data():
                continue
            model.setData(index, value or "见问题清单")
    day.seconds["problems"] = time.perf_counter() - start
    day.actions.append(f"补齐问题:{model.rowCount()} 个问题(表格编辑,非批量操作)")
    # 8: export.
    window.go(STEP_EXPORT)
    export = window.export_page
    export.refresh()
    blockers = export.blockers()
    assert not blockers, blockers
    export.form.outDirEdit.setText(str(out_dir))
    export.form.signCheck.setChecked(False)
    start = time.perf_counter()
    export.run_job(export.make_job(None))
    wait_export(export)
    day.seconds["export"] = time.perf_counter() - start
    return day


def bulk_count(day: Afternoon) -> int:
    return sum(1 for a in day.actions if not a.startswith(("确认提示", "补齐问题")))


def open_window(db: Path) -> tuple[Any, Store]:
    from app.ui.main import AppController

    controller = AppController(db)
    controller.open_db(db)
    controller.show_start()
    controller.continue_inspection()
    return controller, controller.store
