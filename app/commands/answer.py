"""``selfcheck answer``: answer one check item from the command line (batch jobs, scripted corrections).

The same rules as the wizard: the item must apply to the entity, and 不适用 needs a one-line reason.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.core.checklist import default_checklist
from app.core.errors import SelfcheckError
from app.core.model import ANSWER_VERDICTS, UNIT_ENTITY, Verdict
from app.storage import open_store
from app.workbook.layout import entity_refs, load_layout


def resolve_entity(store: object, inspection_id: int, ref: str) -> int:
    """``UNIT`` (or 单位/本单位), a workbook reference such as ``APP-0001``, or an entity's exact name."""
    ref = ref.strip()
    if ref.upper() == "UNIT" or ref in ("单位", "本单位"):
        return UNIT_ENTITY
    index = store.entity_index(inspection_id)  # type: ignore[attr-defined]
    by_ref = {v: k for k, v in entity_refs(load_layout(), index).items()}
    if ref.upper() in by_ref:
        return by_ref[ref.upper()]
    named = [eid for eid, _, name in index if name == ref]
    if len(named) == 1:
        return named[0]
    if named:
        raise SelfcheckError(f"台账中有 {len(named)} 个名为“{ref}”的条目,请改用编号(如 APP-0001)")
    raise SelfcheckError(f"台账中没有“{ref}”(可用 UNIT、台账编号如 APP-0001,或条目的完整名称)")


def run_answer(args: argparse.Namespace) -> int:
    try:
        verdict = Verdict(args.verdict.strip())
    except ValueError:
        verdict = Verdict.UNANSWERED
    if verdict not in ANSWER_VERDICTS:
        allowed = "、".join(v.value for v in ANSWER_VERDICTS)
        raise SelfcheckError(f"--verdict 应为 {allowed} 之一,当前为“{args.verdict}”")
    with open_store(Path(args.db), create=False) as store:
        insp = store.current_inspection()
        if insp is None:
            raise SelfcheckError(f"{args.db} 中还没有自查")
        eid = resolve_entity(store, insp.id, args.entity)
        store.set_answer(insp.id, eid, args.item.strip(), verdict, args.note, na_reason=args.na_reason)
    reason = f"(理由:{args.na_reason.strip()})" if verdict == Verdict.NOT_APPLICABLE and args.na_reason else ""
    print(f"已保存:{args.entity} {args.item} {verdict.value}{reason}")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    """Move the current inspection to the newest shipped checklist, carrying answers (see Store.upgrade_checklist)."""
    newest = default_checklist()
    with open_store(Path(args.db), create=False) as store:
        insp = store.current_inspection()
        if insp is None:
            raise SelfcheckError(f"{args.db} 中还没有自查")
        if insp.checklist_version == newest.version:
            print(f"自查已使用最新清单 {newest.id} {newest.version},无需升级。")
            return 0
        store.backup("checklist-upgrade")
        up = store.upgrade_checklist(insp.id, newest)
    print(f"清单已从 {up.from_version} 升级到 {up.to_version}:答复 {up.answers_before} 条,升级后 {up.answers_after} 条"
          f"(无一删除);措辞未变、原样带入 {up.carried} 条;措辞已改、需重新作答 {up.review} 项(原结论保留备查);"
          f"停用的检查项 {len(up.retired)} 个(其答复仍可查看)。")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("upgrade-checklist", help="把本年度自查升级到最新清单(答复不会删除)")
    p.add_argument("--db", required=True)
    p.set_defaults(handler=run_upgrade)
    p = sub.add_parser("answer", help="回答一个检查项(不适用须填写理由)")
    p.add_argument("--db", required=True)
    p.add_argument("--item", required=True, help="检查项编号,如 A07-02")
    p.add_argument("--entity", default="UNIT", help="UNIT(单位层面)、台账编号如 APP-0001,或条目名称")
    p.add_argument("--verdict", required=True, help="符合 / 基本符合 / 不符合 / 不适用")
    p.add_argument("--note")
    p.add_argument("--na-reason", dest="na_reason", help="选择“不适用”时的一句话理由")
    p.set_defaults(handler=run_answer)
