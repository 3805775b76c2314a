"""A small offline provincial CA: it issues unit signing certificates that carry the unit code.

The CA folder holds ``ca.pem`` (the certificate units and the merge trust) and ``ca-key.pem`` (the private key,
encrypted with the CA passphrase). Nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.core.codes import check_credit_code
from app.core.errors import ValidationError
from app.signing.keys import (
    Signer,
    SigningError,
    build_unit_cert,
    check_passphrase,
    name_problem,
    new_key,
    save_p12,
)
from app.storage.files import atomic_target

CA_CERT, CA_KEY = "ca.pem", "ca-key.pem"


def ca_init(name: str, out_dir: Path, passphrase: bytes, days: int = 10 * 365) -> Path:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, PrivateFormat
    from cryptography.x509.oid import NameOID

    out_dir = Path(out_dir)
    if (out_dir / CA_KEY).exists() or (out_dir / CA_CERT).exists():
        raise SigningError(f"{out_dir} 中已有证书机构文件,不会覆盖")
    check_passphrase(passphrase, "证书机构口令")
    problem = name_problem(f"{name} 自查签名证书机构")
    if problem:
        raise ValidationError(problem.replace("单位名称", "证书机构名称"), field="name")
    key = new_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
                         x509.NameAttribute(NameOID.COMMON_NAME, f"{name} 自查签名证书机构")])
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    with atomic_target(out_dir / CA_KEY) as tmp:
        tmp.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase)))
        tmp.chmod(0o600)
    with atomic_target(out_dir / CA_CERT) as tmp:
        tmp.write_bytes(cert.public_bytes(Encoding.PEM))
    return out_dir / CA_CERT


def load_ca(ca_dir: Path, passphrase: bytes) -> tuple[Any, Any]:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    ca_dir = Path(ca_dir)
    try:
        cert = x509.load_pem_x509_certificate((ca_dir / CA_CERT).read_bytes())
        key_bytes = (ca_dir / CA_KEY).read_bytes()
    except FileNotFoundError as exc:
        raise SigningError(f"证书机构文件夹 {ca_dir} 不完整:缺少 {Path(exc.filename).name}") from None
    except ValueError:
        raise SigningError(f"{ca_dir / CA_CERT} 不是有效的证书") from None
    try:
        key = load_pem_private_key(key_bytes, passphrase)
    except (ValueError, TypeError):
        raise SigningError(f"无法打开证书机构私钥 {ca_dir / CA_KEY}:口令错误,或文件已损坏") from None
    return cert, key


def ca_issue(ca_dir: Path, unit_code: str, unit_name: str, out: Path, unit_passphrase: bytes,
             ca_passphrase: bytes, days: int = 2 * 365, not_before: dt.datetime | None = None) -> Signer:
    """Issue a unit certificate signed by the CA, in a PKCS#12 that also carries the CA certificate."""
    code = check_credit_code(unit_code)
    if Path(out).exists():
        raise SigningError(f"{out} 已存在,不会覆盖已有的证书文件")
    check_passphrase(unit_passphrase, "单位证书口令")
    ca_cert, ca_key = load_ca(ca_dir, ca_passphrase)
    key = new_key()
    cert = build_unit_cert(key, code, unit_name, ca_cert.subject, ca_key, days, ca_cert, not_before)
    save_p12(out, key, cert, [ca_cert], unit_passphrase, unit_name)
    return Signer(key, cert, [ca_cert], code, unit_name, Path(out))
