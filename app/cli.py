"""The `selfcheck` command. Every core operation is reachable here; tests, benchmarks and provincial batch
jobs use it. Heavy libraries (Qt, reportlab, openpyxl, pyHanko) are imported only by the command that needs
them, so each command starts fast.

Exit codes: 0 success, 1 failure or "not valid", 2 usage error, 3 internal error (details in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.commands.answer import add_parser as add_answer_parser
from app.core.checklist import default_checklist, load_checklist
from app.core.errors import SelfcheckError
from app.core.ledger import KIND_LABELS, KINDS
from app.demo import DemoOptions, build_demo
from app.errorlog import log_exception, setup_logging
from app.paths import default_db_path
from app.storage.files import recover_pending_exports
from app.storage.store import open_for_doctor

Handler = Callable[[argparse.Namespace], int]
log = logging.getLogger(__name__)
COMMANDS = ("gui", "checklist", "demo", "export", "keys", "ca", "verify", "merge", "doctor", "answer", "ledger",
            "report-province", "upgrade-checklist")


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def cmd_gui(args: argparse.Namespace) -> int:
    # lazy: Qt is loaded only for the wizard, never for a command
    from app.ui.main import run_gui

    return run_gui(db=Path(args.db) if args.db else None, lang=args.lang, smoke=args.smoke)


def cmd_checklist(args: argparse.Namespace) -> int:
    checklist = load_checklist(args.file) if args.file else default_checklist()
    if args.json:
        import json

        print(json.dumps(checklist.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"{checklist.title}  {checklist.id} 版本 {checklist.version}")
    print(f"依据:{checklist.source}({checklist.issuer},{checklist.source_date})")
    for part in checklist.parts:
        print(f"\n{part.title}")
        for a in (a for a in checklist.articles if a.part == part.number):
            print(f"  {a.label}")
            for it in a.items:
                print(f"    {it.id} [{'、'.join(it.scopes)}] {it.question}(依据:{it.source})")
    print(f"\n共 {len(checklist.articles)} 条、{len(checklist.items)} 个检查项。")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    options = DemoOptions(
        apps=args.apps, accounts=args.accounts, groups=args.groups, seed=args.seed,
        unit_code=args.unit_code, unit_name=args.unit_name, region=args.region,
        today=dt.date.fromisoformat(args.date) if args.date else None,
    )
    db = _db_path(args)
    with build_demo(db, options) as store:
        insp = store.current_inspection()
        assert insp is not None
        counts = store.count_entities(insp.id)
        unit = store.get_unit()
        assert unit is not None
        progress = store.progress(insp.id)
    print(f"示例数据已写入 {db}:{unit.name}({unit.credit_code}),{insp.year} 年度,"
          f"{'、'.join(f'{KIND_LABELS[k]} {counts[k]} 个' for k in KINDS)},"
          f"检查项 {progress.overall.total} 项已答 {progress.overall.answered} 项。")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    db = _db_path(args)
    with open_for_doctor(db) as store:
        issues = store.doctor()
        n_files = store.conn.execute("SELECT count(*) FROM evidence_file").fetchone()[0]
    if issues:
        print(f"{db}:发现 {len(issues)} 个问题")
        for line in issues:
            print(f"  - {line}")
        return 1
    print(f"{db}:数据库完整,{n_files} 个证明材料文件齐全且哈希一致。")
    return 0


def _lazy(module: str, func: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), func)(args))

    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfcheck", description="防治“指尖上的形式主义”年度自查工具(离线)。不带子命令时打开自查向导。"
    )
    parser.add_argument("--version", action="version", version=f"selfcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="打开自查向导(默认)")
    p.add_argument("--db", help="数据库文件(默认在用户数据目录)")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="界面语言")
    p.add_argument("--smoke", action="store_true", help="显示第一个窗口后立即退出(用于检查安装)")
    p.set_defaults(handler=cmd_gui)

    p = sub.add_parser("checklist", help="校验并打印自查清单")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--file", help="校验指定的清单文件,而不是内置清单")
    p.set_defaults(handler=cmd_checklist)

    p = sub.add_parser("demo", help="生成一份完整的示例自查(新数据库)")
    p.add_argument("--db", required=True, help="新数据库文件的路径")
    p.add_argument("--apps", type=int, default=8)
    p.add_argument("--accounts", type=int, default=12)
    p.add_argument("--groups", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--unit-code", help="统一社会信用代码(默认按种子生成)")
    p.add_argument("--unit-name", help="单位名称")
    p.add_argument("--region", default="330106", help="6位行政区划代码")
    p.add_argument("--date", help="检查日期 YYYY-MM-DD(默认今天)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("export", help="导出自查报告(PDF)和单位工作簿(一张表)")
    p.add_argument("--db", help="数据库文件")
    p.add_argument("--out", required=True, help="输出文件夹")
    p.add_argument("--sign", help="用于签名的单位证书 PKCS#12 文件")
    p.add_argument("--passphrase-env", help="保存证书口令的环境变量名")
    p.add_argument("--template", action="store_true", help="只导出空白模板工作簿")
    p.add_argument("--docx", action=argparse.BooleanOptionalAction, default=True, help="同时导出可编辑的 .docx 报告")
    p.set_defaults(handler=_lazy("app.commands.export", "run_export"))

    p = sub.add_parser("keys", help="单位密钥与证书")
    ksub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    k = ksub.add_parser("new", help="生成单位密钥和自签名证书(PKCS#12)")
    k.add_argument("--unit-code", required=True)
    k.add_argument("--unit-name", required=True)
    k.add_argument("--out", required=True)
    k.add_argument("--passphrase-env")
    k.add_argument("--days", type=int, default=3 * 365)
    k.set_defaults(handler=_lazy("app.commands.signing", "run_keys_new"))
    k = ksub.add_parser("import", help="检查并导入省级签发的 PKCS#12")
    k.add_argument("file")
    k.add_argument("--out", required=True)
    k.add_argument("--passphrase-env")
    k.set_defaults(handler=_lazy("app.commands.signing", "run_keys_import"))

    p = sub.add_parser("ca", help="省级离线证书机构")
    csub = p.add_subparsers(dest="ca_command", metavar="ACTION", required=True)
    c = csub.add_parser("init", help="创建证书机构")
    c.add_argument("--name", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--passphrase-env")
    c.add_argument("--days", type=int, default=10 * 365)
    c.set_defaults(handler=_lazy("app.commands.signing", "run_ca_init"))
    c = csub.add_parser("issue", help="为单位签发证书")
    c.add_argument("--ca", required=True)
    c.add_argument("--unit-code", required=True)
    c.add_argument("--unit-name", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--passphrase-env", help="单位证书口令的环境变量名")
    c.add_argument("--ca-passphrase-env", help="证书机构口令的环境变量名(默认与 --passphrase-env 相同)")
    c.add_argument("--days", type=int, default=2 * 365)
    c.set_defaults(handler=_lazy("app.commands.signing", "run_ca_issue"))

    p = sub.add_parser("verify", help="验证报告 PDF 或单位工作簿的签名")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--trust", help="信任的证书机构证书(PEM)")
    p.add_argument("--accept-untrusted", action="store_true",
                   help="明确接受未经证书机构认证的签名(自签名证书);否则这类文件的结论为“未经认证”,退出码 4")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lazy("app.commands.signing", "run_verify"))

    p = sub.add_parser("merge", help="省级汇总:导入、验证并合并单位工作簿")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="工作簿文件或文件夹")
    p.add_argument("--out", required=True, help="汇总工作簿 .xlsx")
    p.add_argument("--db", help="省级数据库(默认在用户数据目录的 province.db)")
    p.add_argument("--trust", help="信任的证书机构证书(PEM)")
    p.add_argument("--accept-untrusted", action="store_true",
                   help="明确接收未经证书机构认证的签名(自签名证书);否则这类文件被退回")
    p.add_argument("--jobs", type=int, default=None, help="并行进程数(默认为可用 CPU 核数,最多 61)")
    p.add_argument("--start-method", choices=("fork", "spawn", "forkserver"), default=None,
                   help="工作进程的启动方式(默认由系统决定;图形界面使用 spawn)")
    p.add_argument("--province", help="本省:省级代码前两位(如 33)或名称;外省单位将被退回")
    p.add_argument("--allow-other-provinces", action="store_true", help="接收外省单位(在结果和汇总表中标注)")
    p.add_argument("--regions", help="行政区划代码表 CSV(默认使用内置的 GB/T 2260 代码表)")
    p.add_argument("--detail", choices=("region", "none", "full"), default="region",
                   help="明细输出:region 每个地市一个工作簿(默认),full 完整 CSV,none 不输出")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lazy("app.commands.merge", "run_merge"))

    p = sub.add_parser("report-province", help="省级自查汇总报告(PDF 和工作簿),可签名")
    p.add_argument("--db", required=True, help="省级数据库")
    p.add_argument("--out", required=True, help="输出文件夹")
    p.add_argument("--roster", help="应报送单位名单:CSV 或 .xlsx 工作簿(列:统一社会信用代码[,单位名称,行政区划代码])")
    p.add_argument("--sign", help="本省的证书 .p12(签名报告)")
    p.add_argument("--passphrase-env", help="保存证书口令的环境变量名")
    p.add_argument("--province", help="本省(默认按报送单位或名单推断)")
    p.add_argument("--year", type=int, help="年度(默认为最近的年度)")
    p.add_argument("--deadline", help="报送截止日期 YYYY-MM-DD(统计逾期报送)")
    p.add_argument("--regions", help="行政区划代码表 CSV(默认使用内置代码表)")
    p.add_argument("--office", help="落款单位(默认取签名证书的单位名称或省名)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lazy("app.commands.merge", "run_report_province"))

    p = sub.add_parser("ledger", help="台账:从单位自己的工作簿导入")
    lsub = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    g = lsub.add_parser("import", help="导入台账工作簿(按表头识别;同名同平台的条目更新而不重复)")
    g.add_argument("file", metavar="FILE")
    g.add_argument("--db", help="数据库文件")
    g.add_argument("--dry-run", action="store_true", help="只预览新增/更新/未变/未导入,不写入")
    g.add_argument("--json", action="store_true")
    g.add_argument("--kind", action="append", metavar="SHEET=KIND",
                   help="表头无法判断类型的工作表指定台账类型(app、account、group),可重复")
    g.set_defaults(handler=_lazy("app.workbook.ledger_import", "run_ledger_import"))

    p = sub.add_parser("doctor", help="检查数据库完整性和证明材料")
    p.add_argument("--db")
    p.set_defaults(handler=cmd_doctor)

    add_answer_parser(sub)
    return parser


def log_crash(context: str | None = None) -> Path | None:
    """Append the exception being handled to the error log (the CLI and the wizard share it)."""
    return log_exception(context=context or "")


def _recover_exports() -> None:
    """Finish or clean up exports a killed process left behind (best effort: never stops a command)."""
    with contextlib.suppress(Exception):  # recovery is retried at every start and before every export
        recover_pending_exports()


_CONSOLE_STAND_INS = {"✔": "√", "✓": "√", "✘": "×", "✗": "×", "⚠": "!", "◐": "△", "–": "-", "“": '"', "”": '"'}


def _console_fallback(exc: UnicodeError) -> tuple[str, int]:
    """What to print for characters the console cannot show (a Chinese Windows console is GBK: ✔/✘, emoji,
    rare characters; a file name with undecodable bytes): a stand-in it can show, else a ``\\uXXXX``
    escape, which keeps ``--json`` output valid JSON with the exact text."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        stand_in = _CONSOLE_STAND_INS.get(ch)
        try:
            if stand_in is None:
                raise UnicodeError
            stand_in.encode(exc.encoding)
            out.append(stand_in)
        except (UnicodeError, LookupError):
            units = ch.encode("utf-16-be", "surrogatepass")
            out.extend(f"\\u{units[i] << 8 | units[i + 1]:04x}" for i in range(0, len(units), 2))
    return "".join(out), exc.end


def _console_safe() -> None:
    """Every command prints on any console: unencodable characters are replaced, never an exit 3."""
    import codecs
    import contextlib

    codecs.register_error("selfcheck-console", _console_fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream already closed, or not text
                reconfigure(errors="selfcheck-console")


def main(argv: Sequence[str] | None = None) -> int:
    _console_safe()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0].startswith("-") and argv[0] not in ("-h", "--help",
                                                                                          "--version")):
        argv = ["gui", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    setup_logging()
    command = " ".join(str(getattr(args, key)) for key in ("command", "keys_command", "ca_command", "ledger_command")
                       if getattr(args, key, None))
    log.info("start: selfcheck %s (version %s)", " ".join(argv), __version__)  # secrets come by env var only
    started = time.monotonic()
    _recover_exports()
    try:
        code = args.handler(args)
    except SelfcheckError as exc:
        log.warning("%s failed: %s", command, exc)
        print(f"selfcheck: 错误:{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        log.info("%s cancelled", command)
        print("selfcheck: 已取消", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: keep the traceback out of the user's face, but keep it
        crash_log = log_crash()
        log.error("%s internal error: %s: %s (traceback in %s)", command, type(exc).__name__, exc, crash_log)
        where = f",详情已记录到 {crash_log}" if crash_log else ""
        print(f"selfcheck: 内部错误:{type(exc).__name__}: {exc}{where}", file=sys.stderr)
        if os.environ.get("SELFCHECK_DEBUG"):
            import traceback

            traceback.print_exc()
        return 3
    log.info("%s done: exit %d in %.1f s", command, code, time.monotonic() - started)
    return code


if __name__ == "__main__":
    sys.exit(main())
