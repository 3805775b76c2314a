"""The signed report PDF: poppler and pyHanko both say valid; a changed PDF is tampered."""

import shutil
import subprocess

import pytest

from app.export.report_model import build_report
from app.signing.keys import load_trust
from app.signing.verify import verify_file
from app.storage.snapshot import read_snapshot


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_pdfsig_reports_the_signature_valid(signed):
    out = subprocess.run(["pdfsig", str(signed.pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "ETSI.CAdES.detached" in out and "Total document signed" in out


def test_pyhanko_agrees_and_trusts_the_provincial_ca(signed, ca_dir):
    r = verify_file(signed.pdf, load_trust(ca_dir / "ca.pem"))
    assert r.status == "valid_trusted", r.message


def test_the_workbook_is_bound_to_the_signed_pdf(signed):
    from hashlib import sha256

    assert verify_file(signed.workbook).pdf_sha256 == sha256(signed.pdf.read_bytes()).hexdigest()


def test_bytes_changed_inside_the_signed_range_are_tampered(signed, tmp_path):
    data = bytearray(signed.pdf.read_bytes())
    i = data.find(b"/Author")
    data[i + 10] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert verify_file(bad).status in ("tampered", "corrupt")


def test_an_unsigned_report_is_unsigned(demo_db, tmp_path):
    from app.export.report import render_report
    from app.storage import Store

    with Store(demo_db) as store:
        render_report(build_report(read_snapshot(store, store.current_inspection().id)), tmp_path / "r.pdf")
    assert verify_file(tmp_path / "r.pdf").status == "unsigned"
