"""Hostile PDFs get a verdict ("文件损坏或无法读取"), never an internal error, and a batch goes on past them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.signing.verify import verify_file
from tests.corpus.make_corpus import CATALOG, PAGE, PAGES, pdf_file

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "nested_arrays": pdf_file([CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000
                               + b" >>"]),
    "nested_dicts": pdf_file([b"<< /Type /Catalog /Pages 2 0 R /A " + b"<< /A " * 50_000 + b">> " * 50_000 + b">>",
                              PAGES, PAGE]),
    "huge_length": pdf_file([CATALOG, PAGES, PAGE, b"<< /Length 999999999999999999999 >>\nstream\nBT ET\nendstream"]),
    "length_is_a_reference_loop": pdf_file([CATALOG, PAGES, PAGE, b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream"]),
    "garbage_xref": b"%PDF-1.7\n" + os.urandom(2000) + b"\nstartxref\n12\n%%EOF\n",
    "no_trailer": b"%PDF-1.4\n1 0 obj << >> endobj\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_pdf_is_corrupt_not_a_crash(name, tmp_path):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(HOSTILE[name])
    r = verify_file(path)
    assert r.status == "corrupt" and path.name in r.message


def _append(signed_pdf: Path, tail: bytes, out: Path) -> Path:
    """The signed report with an incremental update holding ``tail`` as a new object."""
    data = signed_pdf.read_bytes()
    size = int(data[data.rindex(b"/Size") + 5:].split()[0].strip(b">/"))
    prev = int(data[data.rindex(b"startxref") + 9:].split()[0])
    offset = len(data)
    body = b"%d 0 obj\n" % size + tail + b"\nendobj\n"
    xref = offset + len(body)
    root = data[data.rindex(b"/Root"):].split(b"R")[0] + b"R"
    update = body + b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, offset, size + 1, root, prev, xref)
    out.write_bytes(data + update)
    return out


@pytest.mark.parametrize("tail", [b"[" * 100_000 + b"]" * 100_000,
                                  b"<< /Length 99999999999999 >>\nstream\nx\nendstream"], ids=["nested", "length"])
def test_a_signed_report_with_a_hostile_update_is_never_valid_and_never_a_crash(signed, tmp_path, tail):
    r = verify_file(_append(signed.pdf, tail, tmp_path / "r.pdf"))
    assert r.status in ("corrupt", "tampered") and not r.ok


def test_verify_goes_on_past_a_hostile_pdf_in_a_batch(signed, tmp_path):
    bad = tmp_path / "深层嵌套.pdf"
    bad.write_bytes(HOSTILE["nested_arrays"])
    huge = tmp_path / "超大长度.pdf"
    huge.write_bytes(HOSTILE["huge_length"])
    p = subprocess.run([sys.executable, "-m", "app", "verify", str(bad), str(huge), str(signed.pdf),
                        "--accept-untrusted"], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert any("深层嵌套.pdf" in line and "无法读取" in line for line in lines)
    assert any("超大长度.pdf" in line and "无法读取" in line for line in lines)
    assert any(signed.pdf.name in line and line.startswith("✔") for line in lines)
