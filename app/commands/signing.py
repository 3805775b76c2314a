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


UNCERTIFIED_EXIT = 4  # every signature intact, but some signer's identity no trusted CA vouches for


def run_verify(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid and its signer is trusted (or, with ``--accept-untrusted``, explicitly
    accepted); 1 when any file is not valid — tampered, unsigned, corrupt, expired, another unit's
    certificate, or with ``--trust`` a signer that CA did not certify; 4 when every signature is intact
    but, without ``--trust``, nothing vouches for who signed (a self-signed certificate can carry any unit's
    name). The same decision as ``merge``: an uncertified signer is never silently good."""
    from app.signing.keys import load_trust
    from app.signing.verify import check_binding, verify_file

    trust = load_trust(args.trust) if args.trust else None
    accept = bool(getattr(args, "accept_untrusted", False))
    results = [verify_file(Path(f), trust) for f in args.files]
    binding = check_binding(results)
    accepted = [r.status == "valid_trusted" or (r.status == "valid_untrusted" and accept) for r in results]
    # With --trust, a signer that CA did not certify is a finding against the file (exit 1); without it,
    # nothing was there to vouch for anyone (exit 4).
    uncertified = [r.status == "valid_untrusted" and not accept and trust is None for r in results]
    failed = bool(binding) or any(not (a or u) for a, u in zip(accepted, uncertified, strict=True))
    code = 1 if failed else UNCERTIFIED_EXIT if any(uncertified) else 0
    if args.json:
        print(json.dumps({"ok": code == 0, "exit_code": code,
                          "results": [{**r.to_dict(), "accepted": a} for r, a in zip(results, accepted, strict=True)],
                          "binding_problems": binding}, ensure_ascii=False, indent=2))
        return code
    for r, ok, unproven in zip(results, accepted, uncertified, strict=True):
        if unproven:
            print(f"⚠ {r.message}")
            print("    结论:签名有效,但签名者身份未经认证,不予接受(任何人都能以任何单位名义制作自签名证书)。"
                  "请用 --trust 指定省级证书机构证书;确要接收未经认证的签名时,加 --accept-untrusted")
            continue
        note = ";已按 --accept-untrusted 明确接受" if ok and r.status == "valid_untrusted" else ""
        print(("✔ " if ok else "✘ ") + r.message + note)
        for d in r.details[1:] if r.ok else r.details[1:6]:
            print(f"    {d}")
    for b in binding:
        print(f"✘ {b}")
    return code
