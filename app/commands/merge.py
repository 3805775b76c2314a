"""`selfcheck merge`: progress on stderr, a plain summary (or ``--json``) on stdout.

Exit codes: 0 every file accepted (duplicates are not failures), 1 some file rejected or the run failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.errors import SelfcheckError


def _progress(done: int, total: int, last: str) -> None:
    print(f"[{done}/{total}] {Path(last).name}", file=sys.stderr, flush=True)


def run_merge(args: argparse.Namespace) -> int:
    from app.merge.service import merge_files

    if args.jobs is not None and args.jobs < 1:
        raise SelfcheckError("--jobs 应为正整数")
    report = merge_files(args.inputs, Path(args.out), db=args.db, trust=args.trust, jobs=args.jobs,
                         progress_callback=_progress, start_method=getattr(args, "start_method", None),
                         province=getattr(args, "province", None),
                         allow_other_provinces=getattr(args, "allow_other_provinces", False),
                         regions=getattr(args, "regions", None), detail=getattr(args, "detail", "region"),
                         accept_untrusted=getattr(args, "accept_untrusted", False))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return report.exit_code
    t = report.totals
    print(f"共 {t['files']} 个文件:接收 {t['accepted']} 个,退回 {t['rejected']} 个,重复 {t['duplicates']} 个"
          f"(用时 {t['seconds']} 秒)")
    for a in report.accepted:
        extra = f",替换了 {a.replaced}" if a.replaced else ""
        print(f"✔ {Path(a.file).name}:{a.unit_name}({a.unit_code},{a.year} 年度){extra}")
        for w in a.warnings:
            print(f"    提示:{w}")
    for d in report.duplicates:
        print(f"= {Path(d.file).name}:{d.reason}")
    for r in report.rejected:
        print(f"✘ {Path(r.file).name}:")
        for reason in r.reasons:
            print(f"    {reason}")
    if report.out:
        print(f"汇总工作簿:{report.out}(数据库中共 {t.get('units', 0)} 个单位,应用程序 {t.get('apps', 0)} 个、"
              f"公众账号 {t.get('accounts', 0)} 个、工作群组 {t.get('groups', 0)} 个、问题 {t.get('problems', 0)} 个)")
    print(f"省级数据库:{report.db}")
    return report.exit_code


def run_report_province(args: argparse.Namespace) -> int:
    import datetime as dt

    from app.merge.province_report import make_province_report

    deadline = None
    if args.deadline:
        try:
            deadline = dt.date.fromisoformat(args.deadline)
        except ValueError:
            raise SelfcheckError(f"--deadline 应为 YYYY-MM-DD 格式的日期,而不是“{args.deadline}”") from None
    sign = None
    if args.sign:
        from app.commands.export import read_passphrase

        sign = (Path(args.sign), read_passphrase(args.passphrase_env))
    pdf, xlsx = make_province_report(Path(args.db), Path(args.out), roster=Path(args.roster) if args.roster else None,
                                     province=args.province, year=args.year, deadline=deadline,
                                     regions=Path(args.regions) if args.regions else None, sign=sign,
                                     office=args.office)
    if args.json:
        print(json.dumps({"pdf": str(pdf), "workbook": str(xlsx), "signed": bool(sign)}, ensure_ascii=False))
    else:
        print(f"汇总报告:{pdf}" + ("(已签名)" if sign else ""))
        print(f"汇总工作簿:{xlsx}")
    return 0
