"""Keys, the provincial CA and their refusals; the verify command line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.signing.keys import SigningError, load_signer, new_unit_p12

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_unit_key_carries_name_and_code(tmp_path):
    s = new_unit_p12(tmp_path / "u.p12", "91110000600037341L", "某某县教育局", b"passphrase-1")
    again = load_signer(tmp_path / "u.p12", b"passphrase-1")
    assert (again.unit_code, again.unit_name) == ("91110000600037341L", "某某县教育局")
    assert s.cert.public_key().public_numbers() == again.cert.public_key().public_numbers()


def test_a_wrong_passphrase_is_a_clear_error_naming_the_file(tmp_path):
    new_unit_p12(tmp_path / "u.p12", "91110000600037341L", "某某县教育局", b"passphrase-1")
    with pytest.raises(SigningError, match="u.p12.*口令错误"):
        load_signer(tmp_path / "u.p12", b"wrong-passphrase")


def test_a_corrupt_p12_is_named(tmp_path):
    bad = tmp_path / "坏证书.p12"
    bad.write_bytes(b"not a pkcs12 at all")
    with pytest.raises(SigningError, match="坏证书.p12.*已损坏"):
        load_signer(bad, b"x")


def test_a_certificate_without_unit_code_is_refused(tmp_path):
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "无代码")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=9)).sign(key, hashes.SHA256()))
    p = tmp_path / "nocode.p12"
    p.write_bytes(pkcs12.serialize_key_and_certificates(b"x", key, cert, None, BestAvailableEncryption(b"passphrase")))
    with pytest.raises(SigningError, match="nocode.p12.*统一社会信用代码"):
        load_signer(p, b"passphrase")


def test_a_short_passphrase_is_refused_and_nothing_written(tmp_path):
    with pytest.raises(ValidationError, match="8"):
        new_unit_p12(tmp_path / "u.p12", "91110000600037341L", "某某县教育局", b"short")
    assert not (tmp_path / "u.p12").exists()


def test_an_existing_key_file_is_never_overwritten(tmp_path):
    (tmp_path / "u.p12").write_bytes(b"keep")
    with pytest.raises(SigningError, match="不会覆盖"):
        new_unit_p12(tmp_path / "u.p12", "91110000600037341L", "某某县教育局", b"passphrase-1")
    assert (tmp_path / "u.p12").read_bytes() == b"keep"


def test_ca_issued_certificates_have_proper_usage(unit_p12):
    from cryptography import x509

    from tests.signing.conftest import UNIT_PASS

    s = load_signer(unit_p12, UNIT_PASS)
    usage = s.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert s.cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert len(s.chain) == 1


def _run(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


def test_cli_verify_exit_codes_and_json(signed, ca_dir, tmp_path):
    ok = _run("verify", str(signed.pdf), str(signed.workbook), "--trust", str(ca_dir / "ca.pem"), "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    data = json.loads(ok.stdout)
    assert [r["status"] for r in data["results"]] == ["valid_trusted", "valid_trusted"]
    text = tmp_path / "note.xlsx"
    text.write_text("hello", encoding="utf-8")
    bad = _run("verify", str(text))
    assert bad.returncode == 1 and "既不是 PDF 也不是 Excel" in bad.stdout
    assert _run("verify").returncode == 2


def test_cli_keys_new_needs_a_passphrase_source(tmp_path):
    out = _run("keys", "new", "--unit-code", "91110000600037341L", "--unit-name", "某县", "--out",
               str(tmp_path / "u.p12"))
    assert out.returncode == 1 and "--passphrase-env" in out.stderr and not (tmp_path / "u.p12").exists()


def test_cli_ca_init_and_issue(tmp_path):
    env = {"CAPASS": "ca-passphrase-1", "UPASS": "unit-passphrase-1"}
    assert _run("ca", "init", "--name", "某省网信办", "--out", str(tmp_path / "ca"), "--passphrase-env", "CAPASS",
                env=env).returncode == 0
    issued = _run("ca", "issue", "--ca", str(tmp_path / "ca"), "--unit-code", "91110000600037341L", "--unit-name",
                  "某县", "--out", str(tmp_path / "u.p12"), "--passphrase-env", "UPASS", "--ca-passphrase-env",
                  "CAPASS", env=env)
    assert issued.returncode == 0, issued.stderr
    wrong = _run("ca", "issue", "--ca", str(tmp_path / "ca"), "--unit-code", "91110000600037341L", "--unit-name",
                 "某县", "--out", str(tmp_path / "u2.p12"), "--passphrase-env", "UPASS", env=env)
    assert wrong.returncode == 1 and "口令错误" in wrong.stderr and not (tmp_path / "u2.p12").exists()


def test_a_unit_name_with_an_emoji_is_refused_naming_the_character(tmp_path):
    from app.core.errors import ValidationError
    from app.signing.keys import new_unit_p12

    with pytest.raises(ValidationError, match="U\\+1F600"):
        new_unit_p12(tmp_path / "u.p12", "91110000600037341L", "西湖区😀数据局", b"unit-pass-123")
    assert not (tmp_path / "u.p12").exists()


def test_an_existing_certificate_with_an_emoji_name_is_a_clear_error_at_export_not_a_crash(demo_db, tmp_path):
    """A certificate made elsewhere may carry a name the PDF signature cannot handle: a message, exit 1."""
    import datetime as dt
    import os
    import shutil

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    from app.signing.keys import new_key, save_p12
    from app.storage import Store

    db = tmp_path / "copy" / demo_db.name
    shutil.copytree(demo_db.parent, db.parent)
    with Store(db) as store:
        code = store.get_unit().credit_code
    key = new_key()
    # A plain common name, the emoji only in the organisation: made by another tool, not by this program.
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "西湖区😀数据局"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "西湖区数据局"),
                         x509.NameAttribute(NameOID.SERIAL_NUMBER, code)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    save_p12(tmp_path / "emoji.p12", key, cert, [], b"unit-pass-123", "emoji")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "UP": "unit-pass-123", "SELFCHECK_HOME": str(tmp_path / "home")}
    p = subprocess.run([sys.executable, "-m", "app", "export", "--db", str(db), "--out", str(tmp_path / "out"),
                        "--sign", str(tmp_path / "emoji.p12"), "--passphrase-env", "UP"], cwd=root, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1 and "内部错误" not in p.stderr
    assert "不能用于签名" in p.stderr
