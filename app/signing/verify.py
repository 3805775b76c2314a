"""Verify a signed report PDF or unit workbook, offline, and say plainly what the result means.

Statuses: ``valid_trusted`` (intact, signer chains to a trusted CA), ``valid_untrusted`` (intact, signer not
trusted: self-signed or unknown CA), ``expired`` (intact but the certificate had expired), ``mismatch`` (the
certificate is another unit's), ``tampered`` (changed after signing; where, if we can tell), ``unsigned``,
``corrupt`` (cannot be read).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.signing.keys import common_name_of, load_pem_certs, unit_code_of

VALID = ("valid_trusted", "valid_untrusted")
LABELS = {
    "valid_trusted": "签名有效,签名者受信任",
    "valid_untrusted": "签名有效,但签名者不受信任",
    "expired": "签名完整,但签名证书已过期",
    "mismatch": "签名证书与单位不符",
    "tampered": "签名后被修改",
    "unsigned": "未签名",
    "corrupt": "文件损坏或无法读取",
}


@dataclass
class VerifyResult:
    path: str
    kind: str
    status: str
    message: str
    details: list[str] = field(default_factory=list)
    signer: str = ""
    unit_code: str = ""
    pdf_sha256: str = ""
    payload_version: str = ""  # workbooks: the signed payload's version ("1" older files, "2" current)

    @property
    def ok(self) -> bool:
        return self.status in VALID

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": LABELS.get(self.status, self.status)}


def _trust_status(leaf: Any, chain: list[Any], trust: list[Any] | None, when: dt.datetime) -> tuple[str, str]:
    """("valid_trusted" | "valid_untrusted" | "expired", explanation) for an intact signature."""
    if not (leaf.not_valid_before_utc <= when <= leaf.not_valid_after_utc):
        return "expired", f"签名证书有效期为 {leaf.not_valid_before_utc:%Y-%m-%d} 至 {leaf.not_valid_after_utc:%Y-%m-%d}"
    if not trust:
        return "valid_untrusted", "未指定信任的证书机构(--trust),无法确认签名者身份"
    for anchor in trust:
        try:
            leaf.verify_directly_issued_by(anchor)
        except Exception:  # any failure means "not this anchor"
            continue
        if not (anchor.not_valid_before_utc <= dt.datetime.now(dt.UTC) <= anchor.not_valid_after_utc):
            return "expired", "信任的证书机构证书已过期或尚未生效"
        return "valid_trusted", f"签名证书由受信任的“{common_name_of(anchor)}”签发"
    return "valid_untrusted", "签名证书不是由受信任的证书机构签发的"


def verify_workbook(path: Path, trust: list[Any] | None = None, threads: int = 2) -> VerifyResult:
    from app.workbook.layout import read_workbook
    from app.workbook.safe_open import read_checked

    # A hostile file must not reach the reader (it can abort it); the reader gets the very bytes checked.
    content, unsafe = read_checked(path)
    if content is None:
        return VerifyResult(str(path), "workbook", "corrupt", f"{Path(path).name}:无法读取({unsafe[0]})")
    data, problems = read_workbook(path, threads=threads, content=content)
    return verify_workbook_data(Path(path), data, problems, trust)


def verify_workbook_data(path: Path, data: Any, problems: list[Any], trust: list[Any] | None = None) -> VerifyResult:
    """Verify a workbook already read by :func:`app.workbook.layout.read_workbook` (the merge reads each file
    once and both validates and verifies what it read). Never raises: whatever the hidden sheet holds, the
    answer is a verdict."""
    path = Path(path)
    try:
        return _verify_workbook_data(path, data, problems, trust)
    except Exception as exc:  # a value nobody anticipated in a hostile file: a verdict, not a crash
        logging.getLogger(__name__).debug("verify %s", path, exc_info=True)
        return VerifyResult(str(path), "workbook", "corrupt", f"{path.name}:无法验证签名({type(exc).__name__})")


def _tampered(result: VerifyResult, changes: list[str]) -> VerifyResult:
    result.status, result.details = "tampered", changes
    result.message = (f"{Path(result.path).name}:签名后被修改:{changes[0]}"
                      + (f" 等 {len(changes)} 处" if len(changes) > 1 else ""))
    return result


def _verify_workbook_data(path: Path, data: Any, problems: list[Any], trust: list[Any] | None) -> VerifyResult:
    from app.signing.workbook import locate_changes, verify_signature
    from app.workbook.payload import (
        CURRENT_VERSION,
        KNOWN_VERSIONS,
        decode_row_digests,
        payload_bytes,
        row_digests,
        v1_ambiguities,
        version_of,
    )

    result = VerifyResult(str(path), "workbook", "corrupt", "")
    unreadable = [p for p in problems if p.row is None and "缺少该工作表" not in p.message]
    if unreadable and not data.meta:
        result.message = f"{path.name}:无法读取({unreadable[0]})"
        return result
    meta = data.meta
    if not meta.get("signature"):
        result.status, result.message = "unsigned", f"{path.name}:未签名的工作簿"
        return result
    try:
        certs = load_pem_certs(meta.get("cert_chain", ""))
    except ValueError:
        certs = []
    if not certs:
        result.status, result.message = "tampered", f"{path.name}:隐藏工作表中的签名证书缺失或被修改"
        return result
    leaf = certs[0]
    result.signer, result.unit_code = common_name_of(leaf), unit_code_of(leaf) or ""
    result.pdf_sha256 = meta.get("pdf_sha256", "")
    version = version_of(meta)
    result.payload_version = version
    if version not in KNOWN_VERSIONS:
        result.message = (f"{path.name}:签名数据格式“{version[:20]}”不是本程序认识的版本"
                          f"(认识:{'、'.join(KNOWN_VERSIONS)});请用最新版自查工具验证")
        return result
    # Things no export writes: the signature cannot vouch for them, whatever it says.
    if data.anomalies:
        return _tampered(result, list(data.anomalies))
    if version == "1" and (folded := v1_ambiguities(meta)):
        return _tampered(result, [f"隐藏工作表(_meta)中“{k[:40]}”的内容含有换行或分隔符(旧格式签名可被借此拼接篡改)"
                                  for k in folded])
    structural = [str(p) for p in problems if "缺少" in p.message and p.row in (None, 1)]
    message = payload_bytes(data, meta, version=version)
    intact = not structural and verify_signature(leaf.public_key(), message, meta["signature"],
                                                 meta.get("signature_algorithm", ""))
    current = row_digests(data, version=version) if not intact or version == "1" else {}
    if intact and version == "1" and decode_row_digests(meta) != current:
        # Version 1's separators may occur in cell text: rows folded together keep the bytes but not the
        # per-row digests the signer recorded, so those must agree too.
        intact = False
    if not intact:
        changes = structural + locate_changes(decode_row_digests(meta), current)
        if not changes:
            changes = ["隐藏工作表(_meta)中的签名信息或元数据被修改"]
        return _tampered(result, changes)
    code = str(data.unit.get("credit_code") or "").upper()
    if result.unit_code != code:
        result.status = "mismatch"
        result.message = (f"{path.name}:签名证书属于 {result.unit_code or '未知单位'},与工作簿中的统一社会信用代码 "
                          f"{code or '(空)'} 不符")
        return result
    signed_at = _signed_at(meta.get("exported_at", ""))
    status, why = _trust_status(leaf, certs[1:], trust, signed_at or dt.datetime.now(dt.UTC))
    result.status, result.details = status, [why]
    old = "" if version == CURRENT_VERSION else f";旧版签名数据格式 v{version}"
    result.message = f"{path.name}:{LABELS[status]}({result.signer},{result.unit_code});{why}{old}"
    return result


def _signed_at(text: str) -> dt.datetime | None:
    """The export time the signer's machine recorded, or None when it is missing or not a time."""
    try:
        return dt.datetime.fromisoformat(text.strip()).astimezone(dt.UTC) if text.strip() else None
    except (ValueError, OverflowError):
        return None


MAX_PDF_REVISIONS = 32  # a report is written once and signed once (2 revisions); far more is an attack
MAX_LATER_OBJECTS = 2000  # the signing revision adds about ten objects; a flood is refused before parsing it
MAX_PDF_BYTES = 200 * 1024 * 1024
# pyHanko's difference analysis, in words (its lower levels — none, validation data — still mean "changed"
# here: the certification allows no change at all).
_MODIFICATIONS = {"FORM_FILLING": "填写了表单或追加了签名", "ANNOTATIONS": "添加了批注",
                  "OTHER": "修改了页面内容或文档结构"}


def verify_pdf(path: Path, trust: list[Any] | None = None) -> VerifyResult:
    """Verify the report's signature. Every signature and every revision is examined: a genuine report
    has exactly one signature (the unit's certification signature) covering the whole file, so a second
    signature, anything appended after the unit's signature, or a signature pyHanko would skip is
    "tampered", naming the revision. Never raises: a file that cannot be parsed is "corrupt"."""
    path = Path(path)
    result = VerifyResult(str(path), "pdf", "corrupt", "")
    try:
        return _verify_pdf(path, trust, result)
    except RecursionError:
        result.message = f"{path.name}:无法读取 PDF(对象嵌套过深)"
    except MemoryError:
        result.message = f"{path.name}:无法读取 PDF(声明的大小超出限制)"
    except Exception as exc:  # whatever a hostile file makes the parser raise: a verdict, the batch goes on
        logging.getLogger(__name__).debug("verify %s", path, exc_info=True)
        result.message = f"{path.name}:无法读取 PDF({type(exc).__name__}:{str(exc)[:120]})"
    result.status, result.details = "corrupt", []
    return result


def _signature_objects(reader: Any, revision: int) -> list[Any]:
    """References of the signature dictionaries a revision adds (whether or not a form field lists them):
    a dictionary with ``/ByteRange``, or ``/Type /Sig`` or ``/DocTimeStamp``. Every object the revision
    adds is parsed on the way, so one that cannot be (nested too deep, a stream longer than the file…)
    makes the whole file unreadable here rather than wherever a later step would trip over it."""
    from pyhanko.pdf_utils import generic

    found = []
    for ref in sorted(reader.xrefs.explicit_refs_in_revision(revision), key=lambda r: r.idnum):
        obj = reader.get_object(ref, revision=revision)
        if isinstance(obj, generic.DictionaryObject) and not isinstance(obj, generic.StreamObject) and (
                "/ByteRange" in obj or obj.get("/Type") in ("/Sig", "/DocTimeStamp")
                or (obj.get("/FT") == "/Sig" and isinstance(obj.get("/V"), generic.DictionaryObject))):
            found.append(ref)
    return found


def _verify_pdf(path: Path, trust: list[Any] | None, result: VerifyResult) -> VerifyResult:
    import io

    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # pyHanko logs path-building failures with tracebacks (an untrusted signer is a verdict, not a crash).
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    name = path.name
    if path.stat().st_size > MAX_PDF_BYTES:
        result.message = f"{name}:文件超过 {MAX_PDF_BYTES // 1024 // 1024} MB,不是本程序导出的报告"
        return result
    data = path.read_bytes()
    result.pdf_sha256 = hashlib.sha256(data).hexdigest()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    revisions = reader.xrefs.total_revisions
    if revisions > MAX_PDF_REVISIONS:
        return _tampered(result, [f"文件有 {revisions} 个修订版,本程序导出的报告签名后只有 2 个"])
    later_objects = sum(len(reader.xrefs.explicit_refs_in_revision(rev)) for rev in range(1, revisions))
    if later_objects > MAX_LATER_OBJECTS:
        return _tampered(result, [f"报告之后的修订版中共有 {later_objects} 个对象,本程序的签名只添加十来个"])
    # Revision 0 is the report as rendered: when a signature covers it, it is the unit's own and need not
    # be walked (it is most of the file); every later revision is.
    found = [(rev, ref) for rev in range(1, revisions) for ref in _signature_objects(reader, rev)]
    sigs = list(reader.embedded_signatures)
    if not sigs or sigs[0].signed_revision == 0:
        found = [(0, ref) for ref in _signature_objects(reader, 0)] + found
    if not sigs and not found:
        result.status, result.message = "unsigned", f"{name}:未签名的 PDF"
        return result
    if not sigs:
        return _tampered(result, [f"第 {found[0][0] + 1} 个修订版中有一个无法识别的签名"])
    sig = sigs[0]  # the earliest: the unit's
    leaf = x509.load_der_x509_certificate(sig.signer_cert.dump())
    result.signer, result.unit_code = common_name_of(leaf), unit_code_of(leaf) or ""
    problems: list[str] = []
    for other in sigs[1:]:
        try:
            who = common_name_of(x509.load_der_x509_certificate(other.signer_cert.dump()))
        except Exception:
            who = "未知签名者"
        problems.append(f"第 {other.signed_revision + 1} 个修订版中有第二个签名(签名者:{who}),"
                        f"单位签名后的文件不允许再签名")
    listed = {ref.idnum for s in sigs if (ref := getattr(s.sig_field.raw_get("/V"), "reference", None)) is not None}
    problems += [f"第 {rev + 1} 个修订版中有一个未列在表单中的签名" for rev, ref in found if ref.idnum not in listed]
    later = list(range(sig.signed_revision + 1, revisions))
    roots = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in (trust or [])]
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    # The difference analysis only describes what was added; any addition at all is already a change.
    status = validate_pdf_signature(sig, vc, skip_diff=not later or len(later) > 4)
    if later:
        level = status.modification_level.name if status.modification_level is not None else ""
        what = _MODIFICATIONS.get(level, "追加了内容")
        revs = "、".join(str(r + 1) for r in later[:5]) + ("…" if len(later) > 5 else "")
        problems.insert(0, f"单位签名(第 {sig.signed_revision + 1} 个修订版)之后又有第 {revs} 个修订版:{what}")
    elif status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        problems.insert(0, "签名之后文件末尾被追加了内容")
    if not status.intact or not status.valid:
        problems.insert(0, "签名与文件内容不符(签名范围内的内容被修改),或签名本身无效")
    if problems:
        return _tampered(result, problems)
    when = status.signer_reported_dt or dt.datetime.now(dt.UTC)
    st, why = _trust_status(leaf, [], trust, when)
    result.status, result.details = st, [why]
    result.message = f"{name}:{LABELS[st]}({result.signer},{result.unit_code});{why}"
    return result


def verify_file(path: Path | str, trust: list[Any] | None = None) -> VerifyResult:
    """One file's verdict; never raises, so a batch goes on past any file."""
    path = Path(path)
    try:
        if not path.is_file():
            return VerifyResult(str(path), "unknown", "corrupt", f"{path}:找不到文件")
        with path.open("rb") as f:
            head = f.read(5)
    except OSError as exc:
        return VerifyResult(str(path), "unknown", "corrupt", f"{path.name}:无法读取({exc.strerror or exc})")
    if head.startswith(b"%PDF"):
        return verify_pdf(path, trust)
    if head.startswith(b"PK"):
        return verify_workbook(path, trust)
    return VerifyResult(str(path), "unknown", "corrupt", f"{path.name}:既不是 PDF 也不是 Excel 工作簿")


def check_binding(results: list[VerifyResult]) -> list[str]:
    """When a workbook and its report are verified together, the workbook must name the PDF's hash."""
    pdfs = {r.pdf_sha256 for r in results if r.kind == "pdf" and r.ok}
    problems = []
    for r in results:
        if r.kind == "workbook" and r.ok and r.pdf_sha256 and pdfs and r.pdf_sha256 not in pdfs:
            problems.append(f"{Path(r.path).name}:所绑定的报告 PDF(SHA-256 {r.pdf_sha256[:12]}…)不在本次验证的文件中")
    return problems
