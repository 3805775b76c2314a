"""The signed payload's versions: files sign with version 2; version-1 files still verify under version 1's
rules, and the verdict says which version it used; folds that version 1 cannot tell apart are refused."""

import base64
import copy
import hashlib

import pytest

from app.signing.keys import load_signer, pem_chain
from app.signing.verify import verify_file, verify_workbook_data
from app.workbook.layout import read_workbook
from app.workbook.payload import (
    VERSION_KEY,
    encode_row_digests,
    payload_bytes,
    row_digests,
)
from app.workbook.writer import write_workbook
from tests.signing.conftest import UNIT_PASS


def _sign_v1(data, signer, pdf_sha256=""):
    """What the exporter wrote before issue 18: payload version 1, no ``payload_version`` entry."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    covered = {**data.meta, "pdf_sha256": pdf_sha256, "signer_unit_code": signer.unit_code}
    covered.update(encode_row_digests(row_digests(data, version="1")))
    message = payload_bytes(data, covered, version="1")
    signature = base64.b64encode(signer.key.sign(message, ec.ECDSA(hashes.SHA256()))).decode("ascii")
    return {**covered, "payload_sha256": hashlib.sha256(message).hexdigest(),
            "signature_algorithm": "ecdsa-sha256", "signature": signature, "cert_chain": pem_chain(signer)}


@pytest.fixture
def v1_workbook(signed, unit_p12, tmp_path):
    data, _ = read_workbook(signed.workbook)
    meta = {k: v for k, v in data.meta.items()
            if k in ("layout_version", "checklist_id", "checklist_version", "app_version", "exported_at",
                     "submission_id", "template")}
    data.meta = meta
    data.meta = _sign_v1(data, load_signer(unit_p12, UNIT_PASS), signed_pdf_sha(signed))
    return write_workbook(data, tmp_path / "旧版一张表.xlsx")


def signed_pdf_sha(signed):
    return hashlib.sha256(signed.pdf.read_bytes()).hexdigest()


def test_a_new_export_is_signed_with_payload_version_2(signed):
    data, _ = read_workbook(signed.workbook)
    r = verify_file(signed.workbook)
    assert data.meta[VERSION_KEY] == "2" and r.payload_version == "2" and r.ok


def test_a_version_1_file_still_verifies_and_says_so(v1_workbook):
    r = verify_file(v1_workbook)
    assert r.status == "valid_untrusted", r.message
    assert r.payload_version == "1" and "v1" in r.message


def test_a_version_1_file_changed_after_signing_is_tampered(v1_workbook):
    data, problems = read_workbook(v1_workbook)
    data.rows["problems"][0]["description"] = "已全部整改完毕"
    r = verify_workbook_data(v1_workbook, data, problems)
    assert r.status == "tampered" and any("问题整改" in d for d in r.details)


def test_a_version_1_meta_line_folded_into_its_neighbour_is_tampered(v1_workbook):
    """The PDF binding dropped: ``pdf_sha256`` folded into the previous covered entry keeps v1's bytes."""
    data, problems = read_workbook(v1_workbook)
    keys = sorted(k for k in data.meta if k not in ("signature", "signature_algorithm", "cert_chain",
                                                    "payload_sha256"))
    before = keys[keys.index("pdf_sha256") - 1]
    data.meta[before] = f"{data.meta[before]}\npdf_sha256\x1f{data.meta.pop('pdf_sha256')}"
    r = verify_workbook_data(v1_workbook, data, problems)
    assert r.status == "tampered" and any(before in d for d in r.details)


def test_a_version_1_fold_of_the_export_time_is_a_verdict_not_a_crash(v1_workbook):
    data, problems = read_workbook(v1_workbook)
    keys = sorted(data.meta)
    after = keys[keys.index("exported_at") + 1]
    data.meta["exported_at"] = f"{data.meta['exported_at']}\n{after}\x1f{data.meta.pop(after)}"
    r = verify_workbook_data(v1_workbook, data, problems)
    assert r.status == "tampered"


def test_version_1_text_moved_across_a_row_boundary_is_tampered(signed, unit_p12):
    """A multi-line last cell: under version 1 its second line can move to the start of the next row's
    first cell and the bytes stay the same. The signed per-row digests (and version 2) tell them apart."""
    from app.workbook.layout import load_layout

    sheet = load_layout().sheet("problems")
    first, last = sheet.columns[0].key, sheet.columns[-1].key
    data, problems = read_workbook(signed.workbook)
    data.meta = {k: data.meta[k] for k in ("layout_version", "checklist_id", "checklist_version", "exported_at")}
    rows = data.rows["problems"]
    rows[0][last] = "整改中\n第二行"
    data.meta = _sign_v1(data, load_signer(unit_p12, UNIT_PASS))
    folded = copy.deepcopy(data)
    folded.rows["problems"][0][last] = "整改中"
    folded.rows["problems"][1][first] = f"第二行\n{rows[1][first]}"
    assert payload_bytes(folded, data.meta, version="1") == payload_bytes(data, data.meta, version="1")
    assert payload_bytes(folded, data.meta, version="2") != payload_bytes(data, data.meta, version="2")
    assert verify_workbook_data(signed.workbook, data, problems).status == "valid_untrusted"
    assert verify_workbook_data(signed.workbook, folded, problems).status == "tampered"


def test_an_unknown_payload_version_is_a_clear_verdict(signed):
    data, problems = read_workbook(signed.workbook)
    data.meta[VERSION_KEY] = "9"
    r = verify_workbook_data(signed.workbook, data, problems)
    assert r.status == "corrupt" and "版本" in r.message


def test_declaring_version_1_on_a_version_2_file_does_not_verify(signed):
    data, problems = read_workbook(signed.workbook)
    data.meta.pop(VERSION_KEY)
    assert verify_workbook_data(signed.workbook, data, problems).status == "tampered"


def test_an_export_time_that_is_not_a_time_is_still_a_verdict(signed):
    data, problems = read_workbook(signed.workbook)
    data.meta["exported_at"] = "\x00不是时间"
    assert verify_workbook_data(signed.workbook, data, problems).status == "tampered"
