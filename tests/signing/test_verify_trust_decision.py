"""`selfcheck verify` decides about trust as `merge` does: a signature no trusted CA vouches for is never
silently good (issue 18). Without --trust an intact but uncertified signature is its own verdict (exit 4);
--accept-untrusted accepts it explicitly (exit 0); with --trust a signer that CA did not certify is a
failure (exit 1)."""

import json
import shutil

from app.cli import main
from app.signing.ca import ca_init
from tests.signing.conftest import CA_PASS


def verify(capsys, *args):
    code = main(["verify", *map(str, args)])
    return code, capsys.readouterr().out


def test_an_uncertified_signature_is_not_accepted_without_a_decision(signed, capsys):
    code, out = verify(capsys, signed.workbook)
    assert code == 4
    assert out.startswith("⚠ ") and "签名有效,但签名者不受信任" in out
    assert "签名者身份未经认证,不予接受" in out and "--accept-untrusted" in out


def test_accepting_uncertified_signatures_is_an_explicit_choice(signed, capsys):
    code, out = verify(capsys, signed.workbook, signed.pdf, "--accept-untrusted")
    assert code == 0
    lines = out.splitlines()
    assert all(line.startswith("✔ ") and "已按 --accept-untrusted 明确接受" in line for line in lines[:2])


def test_the_provincial_ca_makes_the_signature_trusted(signed, ca_dir, capsys):
    code, out = verify(capsys, signed.workbook, "--trust", ca_dir / "ca.pem")
    assert code == 0 and out.startswith("✔ ") and "签名者受信任" in out


def test_a_signer_another_ca_certified_fails_against_the_given_ca(signed, tmp_path, capsys):
    other = ca_init("江苏省委网信办", tmp_path / "other-ca", CA_PASS)
    code, out = verify(capsys, signed.workbook, "--trust", other)
    assert code == 1 and out.startswith("✘ ")


def test_a_failure_outweighs_an_uncertified_signature(signed, tmp_path, capsys):
    broken = tmp_path / "损坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    code, out = verify(capsys, signed.workbook, broken)
    assert code == 1
    assert out.startswith("⚠ ") and "✘ 损坏.xlsx" in out


def test_json_says_which_files_were_accepted(signed, tmp_path, capsys):
    copy = tmp_path / "一张表.xlsx"
    shutil.copy(signed.workbook, copy)
    code, out = verify(capsys, copy, "--json")
    data = json.loads(out)
    assert code == 4 and data["exit_code"] == 4 and data["ok"] is False
    assert [(r["status"], r["accepted"]) for r in data["results"]] == [("valid_untrusted", False)]
