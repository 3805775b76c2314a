"""Every command on a Chinese Windows console (GBK, simulated with PYTHONIOENCODING=gbk): characters the
console cannot show are replaced, never an exit 3 (UnicodeEncodeError)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMOJI_UNIT = "西湖区数据资源管理局😀"
PASS_VAR = "SELFCHECK_TEST_PASSPHRASE"


def gbk(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "SELFCHECK_HOME": str(home), PASS_VAR: "passphrase-123"}
    out = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, env=env, timeout=180)
    out.stdout, out.stderr = out.stdout.decode("gbk"), out.stderr.decode("gbk")  # both must be valid GBK
    return out


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    """A unit's exported (unsigned) workbook, saved under a name the console cannot show."""
    root = tmp_path_factory.mktemp("gbk")
    out = gbk("demo", "--db", str(root / "unit.db"), "--apps", "2", "--accounts", "2", "--groups", "2",
              home=root / "home")
    assert out.returncode == 0, out.stderr
    out = gbk("export", "--db", str(root / "unit.db"), "--out", str(root / "out"), home=root / "home")
    assert out.returncode == 0, out.stderr
    workbook = next((root / "out").glob("*.xlsx"))
    return root, workbook.rename(workbook.with_name(f"{EMOJI_UNIT}一张表.xlsx"))


def no_crash(out: subprocess.CompletedProcess) -> None:
    assert out.returncode in (0, 1), out.stderr
    assert "内部错误" not in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [["checklist"], ["doctor", "--db", "{root}/unit.db"], ["verify", "{workbook}"],
                                  ["merge", "{root}/out", "--out", "{root}/汇总.xlsx", "--db", "{root}/p.db",
                                   "--jobs", "1"],
                                  ["keys", "new", "--unit-code", "91330106MA27XY123U", "--unit-name", "西湖区",
                                   "--out", "{root}/k.p12", "--passphrase-env", PASS_VAR]],
                         ids=["checklist", "doctor", "verify", "merge", "keys"])
def test_the_command_runs_on_a_gbk_console(unit, args):
    root, workbook = unit
    no_crash(gbk(*(a.format(root=root, workbook=workbook) for a in args), home=root / "home"))


def test_verdict_marks_become_characters_gbk_has(unit):
    root, workbook = unit
    out = gbk("verify", str(workbook), home=root / "home")
    assert out.returncode == 1 and out.stdout.startswith("× ")


def test_json_output_keeps_the_exact_text_on_gbk(unit):
    root, workbook = unit
    out = gbk("verify", str(workbook), "--json", home=root / "home")
    assert EMOJI_UNIT in json.loads(out.stdout)["results"][0]["message"]


def test_a_certificate_name_no_certificate_tool_can_compare_is_refused_plainly(unit):
    root, _ = unit
    out = gbk("keys", "new", "--unit-code", "91330106MA27XY123U", "--unit-name", EMOJI_UNIT,
              "--out", str(root / "emoji.p12"), "--passphrase-env", PASS_VAR, home=root / "home")
    assert out.returncode == 1 and "不能用在证书里" in out.stderr
    assert not (root / "emoji.p12").exists()
