"""Unit keys and certificates in passphrase-protected PKCS#12 files.

The unit's 统一社会信用代码 is carried in the certificate subject's serialNumber attribute (OID 2.5.4.5), the
unit's name in CN and O. The private key only ever leaves its PKCS#12 file in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.codes import check_credit_code
from app.core.errors import SelfcheckError, ValidationError
from app.storage.files import atomic_target


class SigningError(SelfcheckError):
    """A key, certificate or signature problem a person can act on."""


@dataclass
class Signer:
    key: Any
    cert: Any
    chain: list[Any] = field(default_factory=list)
    unit_code: str | None = None
    unit_name: str = ""
    source: Path | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def unit_code_of(cert: Any) -> str | None:
    from cryptography.x509.oid import NameOID

    attrs = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(attrs[0].value).strip().upper() if attrs else None


def common_name_of(cert: Any) -> str:
    from cryptography.x509.oid import NameOID

    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else cert.subject.rfc4514_string()


MAX_NAME_CHARS = 64  # X.509 upper bound for organization and common names


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a certificate's unit name, or None. Certificate tools compare names after
    LDAP string preparation (RFC 4518, Unicode 3.2): a character unknown there (an emoji, a newer rare
    character) makes every later signature check raise, so it is refused when the certificate is made."""
    import unicodedata

    if not name.strip():
        return "单位名称为空"
    if len(name) > MAX_NAME_CHARS:
        return f"单位名称超过 {MAX_NAME_CHARS} 个字符"
    for ch in name:
        if unicodedata.ucd_3_2_0.category(ch) in ("Cn", "Cc", "Cs", "Co"):
            return f"单位名称中的“{ch}”(U+{ord(ch):04X})不能用在证书里(表情符号、控制字符等),请去掉后重试"
    return None


def unit_subject(unit_code: str, unit_name: str) -> Any:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    problem = name_problem(unit_name)
    if problem:
        raise ValidationError(problem, field="unit_name")
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, unit_name),
        x509.NameAttribute(NameOID.COMMON_NAME, unit_name),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, unit_code),
    ])


def new_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def build_unit_cert(key: Any, unit_code: str, unit_name: str, issuer_name: Any, issuer_key: Any,
                    days: int, issuer_cert: Any = None, not_before: dt.datetime | None = None) -> Any:
    """A signing certificate for a unit: digitalSignature + nonRepudiation, not a CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    start = not_before or _now() - dt.timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(unit_subject(unit_code, unit_name))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


MIN_PASSPHRASE = 8


def check_passphrase(passphrase: bytes, what: str = "口令") -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"{what}至少需要{MIN_PASSPHRASE}个字符", field="passphrase")
    return passphrase


def _platform() -> str:
    return os.name


def private_file_note(path: Path) -> str | None:
    """What the user must know about a private-key file just written, or None.

    ``chmod(0o600)`` makes the file readable by its owner alone on Linux. On Windows it only clears the
    read-only flag: the file takes the permissions of its folder, which on a shared folder, a USB stick or a
    public desktop means every user who can open the folder can copy it. The passphrase is then its only
    protection, so say where to keep it."""
    if _platform() != "nt":
        return None
    return (f"注意:Windows 不会限制他人读取 {path}(文件沿用所在文件夹的权限)。请把它放在只有本人能打开的"
            "文件夹(不要放在共享文件夹、公用桌面或他人可用的U盘),并使用他人无法猜到的口令。")


def save_p12(path: Path, key: Any, cert: Any, chain: list[Any], passphrase: bytes, name: str) -> Path:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    blob = pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, cert, chain or None,
                                                 BestAvailableEncryption(passphrase))
    with atomic_target(Path(path)) as tmp:
        tmp.write_bytes(blob)
        tmp.chmod(0o600)  # owner-only on Linux; on Windows see private_file_note
    return Path(path)


def new_unit_p12(out: Path, unit_code: str, unit_name: str, passphrase: bytes, days: int = 3 * 365) -> Signer:
    """A self-signed unit certificate: the signature proves integrity; trust needs the provincial CA."""
    code = check_credit_code(unit_code)
    if Path(out).exists():
        raise SigningError(f"{out} 已存在,不会覆盖已有的证书文件")
    check_passphrase(passphrase)
    key = new_key()
    subject = unit_subject(code, unit_name)
    cert = build_unit_cert(key, code, unit_name, subject, key, days)
    save_p12(out, key, cert, [], passphrase, unit_name)
    return Signer(key, cert, [], code, unit_name, Path(out))


def certificate_name_problem(cert: Any) -> str | None:
    """Why a certificate's subject or issuer (any attribute, not only the common name) cannot be used for a
    PDF signature, or None: the same RFC 4518 preparation, run on the certificate as pyHanko will see it."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        loaded = asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
        _ = loaded.subject.hashable, loaded.issuer.hashable
    except ValueError:
        return f"证书的主题或签发者名称(“{common_name_of(cert)}”)含有不能用在证书里的字符(表情符号、控制字符等)"
    return None


def load_signer(p12_path: Path | str, passphrase: bytes) -> Signer:
    """Open a unit PKCS#12; wrong passphrase, corrupt file or a certificate without unit code are named."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(p12_path)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"找不到证书文件 {path}") from None
    except OSError as exc:
        raise SigningError(f"无法读取证书文件 {path}:{exc.strerror or exc}") from None
    if not blob or blob[0] != 0x30:
        raise SigningError(f"证书文件 {path} 已损坏或不是 PKCS#12(.p12/.pfx)文件")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(blob, passphrase)
    except ValueError:
        raise SigningError(f"无法打开证书文件 {path}:口令错误,或文件已损坏") from None
    if key is None or cert is None:
        raise SigningError(f"证书文件 {path} 中缺少私钥或证书")
    code = unit_code_of(cert)
    if not code:
        raise SigningError(f"证书文件 {path} 中的证书没有单位统一社会信用代码(主题 serialNumber),不能用于签名")
    problem = name_problem(common_name_of(cert)) or certificate_name_problem(cert)
    if problem:
        raise SigningError(f"证书文件 {path} 不能用于签名:{problem}(需要重新生成证书)")
    now = _now()
    if cert.not_valid_after_utc < now:
        raise SigningError(f"证书文件 {path} 中的证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期,请更换证书")
    return Signer(key, cert, list(extra or []), code, common_name_of(cert), path)


def pem_chain(signer: Signer) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    return "".join(c.public_bytes(Encoding.PEM).decode("ascii") for c in [signer.cert, *signer.chain])


def load_pem_certs(text: str | bytes) -> list[Any]:
    from cryptography import x509

    data = text.encode("ascii") if isinstance(text, str) else text
    return list(x509.load_pem_x509_certificates(data))


def load_trust(pem_path: Path | str) -> list[Any]:
    path = Path(pem_path)
    try:
        return load_pem_certs(path.read_bytes())
    except FileNotFoundError:
        raise SigningError(f"找不到信任的证书机构文件 {path}") from None
    except ValueError:
        raise SigningError(f"{path} 不是有效的 PEM 证书文件") from None
