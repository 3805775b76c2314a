"""`selfcheck export`: the report PDF, the unit workbook and the .docx for the database's current inspection."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.errors import SelfcheckError


def read_passphrase(env_var: str | None, prompt: str = "证书口令:") -> bytes:
    """A passphrase from the named environment variable or the terminal; never from the command line."""
    import getpass
    import os

    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise SelfcheckError(f"环境变量 {env_var} 未设置(--passphrase-env 指定的口令变量)")
        return value.encode("utf-8")
    if not sys.stdin or not sys.stdin.isatty():
        raise SelfcheckError("需要证书口令:请用 --passphrase-env 指定保存口令的环境变量,或在终端中运行以输入口令")
    return getpass.getpass(prompt).encode("utf-8")


def run_export(args: argparse.Namespace) -> int:
    from app.commands.export_service import SignRequest, export_inspection, export_template
    from app.paths import default_db_path
    from app.storage import open_store

    out = Path(args.out)
    if args.template:
        path = export_template(out)
        print(f"空白模板已写入 {path}")
        return 0
    sign = None
    if args.sign:
        sign = SignRequest(Path(args.sign), read_passphrase(args.passphrase_env))
    db = Path(args.db) if args.db else default_db_path()
    with open_store(db, create=False) as store:
        insp = store.current_inspection()
        if insp is None:
            raise SelfcheckError(f"数据库 {db} 中还没有自查,无法导出")
        result = export_inspection(store, insp.id, out, sign=sign, docx=args.docx)
    print(f"自查报告:{result.pdf}{'(已签名)' if result.signed else ''}")
    print(f"一张表:{result.workbook}")
    if result.docx:
        print(f"可编辑报告:{result.docx}")
    if result.fonts:
        print(f"报告字体:{result.fonts}")
    for warning in result.warnings:
        print(f"注意:{warning}", file=sys.stderr)
    return 0
