"""The hostile corpus, built once per session and judged once, in one subprocess with a memory cap."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.corpus.make_corpus import Case, build_corpus

ROOT = Path(__file__).resolve().parents[2]
JUDGE = Path(__file__).with_name("judge.py")
LIMIT_MB = 1536  # RLIMIT_AS of the judging process: a bomb that slipped through would die, not pass
JUDGE_TIMEOUT = 120


@dataclass
class Judged:
    cases: dict[str, Case]
    verdicts: dict[str, dict]
    returncode: int
    stderr: str
    seconds: float


@pytest.fixture(scope="session")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judged:
    import time

    folder = tmp_path_factory.mktemp("hostile-corpus")
    cases = {c.name: c for c in build_corpus(folder)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(JUDGE), str(folder), str(LIMIT_MB)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=JUDGE_TIMEOUT)
    verdicts = {}
    for line in proc.stdout.splitlines():
        entry = json.loads(line)
        verdicts[entry["name"]] = entry
    return Judged(cases, verdicts, proc.returncode, proc.stderr, time.perf_counter() - start)


@pytest.fixture
def verdict_of(judged: Judged):
    """The judged outcome of one case; a case the judge never reached names the one it died on."""
    def get(name: str) -> dict:
        if name not in judged.verdicts:
            last = list(judged.verdicts)[-1] if judged.verdicts else "(none)"
            pytest.fail(f"the judge never reached {name}: it stopped after {last} "
                        f"(exit {judged.returncode}): {judged.stderr[-1500:]}")
        return judged.verdicts[name]
    return get
