"""`selfcheck keys`, `selfcheck ca` and `selfcheck verify`."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from app.commands.export import read_passphrase
from app.signing.keys import SigningError, private_file_note


def _note_private(path: Path) -> None:
    note = private_file_note(path)
    if note:
        print(note)


def run_keys_new(args: argparse.Namespace) -> int:
    from app.signing.keys import new_unit_p12

    passphrase = read_passphrase(args.passphrase_env, "新证书口令(至少8位):")
    signer = new_unit_p12(Path(args.out), args.unit_code, args.unit_name, passphrase, args.days)
    print(f"已生成单位证书 {args.out}({signer.unit_name},{signer.unit_code},自签名,"
          f"有效期至 {signer.cert.not_valid_after_utc:%Y-%m-%d})")
    _note_private(Path(args.out))
    return 0


def run_keys_import(args: argparse.Namespace) -> int:
    from app.signing.keys import load_signer

    src, out = Path(args.file), Path(args.out)
    signer = load_signer(src, read_passphrase(args.passphrase_env))
    if out.exists():
        raise SigningError(f"{out} 已存在,不会覆盖")
    shutil.copyfile(src, out)
    print(f"已导入证书 {out}({signer.unit_name},{signer.unit_code},签发者:{signer.cert.issuer.rfc4514_string()})")
    _note_private(out)
    return 0


def run_ca_init(args: argparse.Namespace) -> int:
    from app.signing.ca import ca_init

    cert = ca_init(args.name, Path(args.out), read_passphrase(args.passphrase_env, "证书机构口令:"), args.days)
    print(f"证书机构已创建:{cert}(请把 ca.pem 分发给需要验证的单位,ca-key.pem 离线妥善保管)")
    _note_private(Path(args.out) / "ca-key.pem")
    return 0


def run_ca_issue(args: argparse.Namespace) -> int:
    from app.signing.ca import ca_issue

    unit_pass = read_passphrase(args.passphrase_env, "单位证书口令:")
    ca_pass = read_passphrase(args.ca_passphrase_env or args.passphrase_env, "证书机构口令:")
    signer = ca_issue(Path(args.ca), args.unit_code, args.unit_name, Path(args.out), unit_pass, ca_pass, args.days)
    print(f"已签发单位证书 {args.out}({signer.unit_name},{signer.unit_code})")
    _note_private(Path(args.out))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from app.signing.keys import load_trust
    from app.signing.verify import check_binding, verify_file

    trust = load_trust(args.trust) if args.trust else None
    results = [verify_file(Path(f), trust) for f in args.files]
    binding = check_binding(results)
    ok = all(r.ok and (r.status == "valid_trusted" or not trust) for r in results) and not binding
    if args.json:
        print(json.dumps({"ok": ok, "results": [r.to_dict() for r in results], "binding_problems": binding},
                         ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(("✔ " if r.ok else "✘ ") + r.message)
            for d in r.details[1:] if r.ok else r.details[1:6]:
                print(f"    {d}")
        for b in binding:
            print(f"✘ {b}")
    return 0 if ok else 1
