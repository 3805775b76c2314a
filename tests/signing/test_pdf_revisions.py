"""The report PDF as an attacker would change it: every signature and every revision is examined, and
anything after the unit's certification signature is "tampered", naming the revision."""

import shutil

import pytest

from app.signing.keys import load_signer, load_trust, new_unit_p12
from app.signing.verify import verify_file
from tests.signing.conftest import CA_PASS, UNIT_PASS

OTHER_CODE = "91110000600037341L"


@pytest.fixture
def trust(ca_dir):
    return load_trust(ca_dir / "ca.pem")


@pytest.fixture
def report_copy(signed, tmp_path):
    path = tmp_path / "报告.pdf"
    shutil.copy(signed.pdf, path)
    return path


@pytest.fixture
def no_certification_check(monkeypatch):
    """An attacker's tool does not honour the certification's "no changes"; pyHanko's signer does."""
    from pyhanko.sign.signers.pdf_signer import PdfSigner

    monkeypatch.setattr(PdfSigner, "_enforce_certification_constraints", lambda self, reader: None)


def _sign_again(src, dst, p12, passphrase, field="SecondSignature"):
    """An incremental update that adds a signature field and signs the whole file again."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from app.signing.pdf import _pyhanko_signer

    signer = load_signer(p12, passphrase)
    with open(src, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=0, box=(10, 10, 120, 60)))
        meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
        with open(dst, "wb") as out:
            signers.PdfSigner(meta, signer=_pyhanko_signer(signer)).sign_pdf(writer, output=out)
    return dst


def _append_update(src, dst, change):
    """An incremental update made by ``change(writer)``, without a signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(src, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        change(writer)
        with open(dst, "wb") as out:
            writer.write(out)
    return dst


def test_the_unit_signs_with_a_certification_signature_allowing_no_changes(signed):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import read_certification_data

    with open(signed.pdf, "rb") as f:
        info = read_certification_data(PdfFileReader(f))
    assert info is not None and info.permission == MDPPerm.NO_CHANGES


def test_a_second_signature_by_another_trusted_unit_is_tampered(report_copy, ca_dir, tmp_path, trust,
                                                                no_certification_check):
    from app.signing.ca import ca_issue

    ca_issue(ca_dir, OTHER_CODE, "别的单位", tmp_path / "other.p12", UNIT_PASS, CA_PASS)
    forged = _sign_again(report_copy, tmp_path / "forged.pdf", tmp_path / "other.p12", UNIT_PASS)
    r = verify_file(forged, trust)
    assert r.status == "tampered", r.message
    assert any("第二个签名" in d and "别的单位" in d and "第 3 个修订版" in d for d in r.details), r.details


def test_a_self_signed_second_signature_is_tampered_and_not_read_as_the_original(report_copy, tmp_path, trust,
                                                                                 signed, no_certification_check):
    new_unit_p12(tmp_path / "self.p12", OTHER_CODE, "自称的单位", b"self-pass-123")
    forged = _sign_again(report_copy, tmp_path / "forged.pdf", tmp_path / "self.p12", b"self-pass-123")
    r = verify_file(forged, trust)
    original = verify_file(signed.pdf, trust)
    assert r.status == "tampered" and r.message != original.message
    assert any("第二个签名" in d for d in r.details)


def test_an_incremental_update_after_the_signature_is_tampered_naming_the_revision(report_copy, tmp_path):
    from pyhanko.pdf_utils import generic

    def retitle(writer):
        info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else generic.DictionaryObject()
        info[generic.NameObject("/Title")] = generic.TextStringObject("已整改完毕")
        writer.set_info(info) if hasattr(writer, "set_info") else writer.update_container(info)

    changed = _append_update(report_copy, tmp_path / "changed.pdf", retitle)
    r = verify_file(changed)
    assert r.status == "tampered" and "第 3 个修订版" in r.details[0], r.details


def test_an_update_that_replaces_a_page_is_tampered(report_copy, tmp_path):
    from pyhanko.pdf_utils import generic

    def blank_first_page(writer):
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        page[generic.NameObject("/Contents")] = writer.add_object(generic.StreamObject(stream_data=b"BT ET"))
        writer.update_container(page)

    r = verify_file(_append_update(report_copy, tmp_path / "page.pdf", blank_first_page))
    assert r.status == "tampered" and "修订版" in r.details[0]


def test_a_signature_object_hidden_from_the_form_is_tampered(report_copy, tmp_path):
    """A signature dictionary pyHanko's field walk would never see still counts."""
    from pyhanko.pdf_utils import generic

    def hidden_signature(writer):
        writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Sig"),
            generic.NameObject("/Filter"): generic.NameObject("/Adobe.PPKLite"),
            generic.NameObject("/SubFilter"): generic.NameObject("/x.unknown"),
            generic.NameObject("/ByteRange"): generic.ArrayObject([generic.NumberObject(0)] * 4),
            generic.NameObject("/Contents"): generic.ByteStringObject(b"\0" * 16),
        }))

    r = verify_file(_append_update(report_copy, tmp_path / "hidden.pdf", hidden_signature))
    assert r.status == "tampered"
    assert any("未列在表单中的签名" in d for d in r.details), r.details


def test_many_revisions_are_tampered_without_examining_each(report_copy, tmp_path):
    from pyhanko.pdf_utils import generic

    path = report_copy
    for n in range(34):
        def touch(writer, n=n):
            writer.add_object(generic.NumberObject(n))
        path = _append_update(path, tmp_path / f"rev{n}.pdf", touch)
    r = verify_file(path)
    assert r.status == "tampered" and "修订版" in r.details[0]


def test_a_flood_of_objects_after_the_report_is_tampered_without_parsing_each(report_copy, tmp_path):
    from pyhanko.pdf_utils import generic

    def flood(writer):
        for n in range(2100):
            writer.add_object(generic.NumberObject(n))

    r = verify_file(_append_update(report_copy, tmp_path / "flood.pdf", flood))
    assert r.status == "tampered" and "对象" in r.details[0]


def test_the_untouched_report_still_verifies(signed, trust):
    r = verify_file(signed.pdf, trust)
    assert r.status == "valid_trusted" and r.details == [r.details[0]], r.details
