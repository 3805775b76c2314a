"""Every hostile file gets its documented verdict, with a reason, in bounded memory, never a crash.

How fast: benchmarks/bench_corpus.py (speed targets are not timed tests).
"""

from __future__ import annotations

import pytest

from tests.corpus.conftest import LIMIT_MB
from tests.corpus.make_corpus import SPECS

pytestmark = pytest.mark.slow  # the judge runs once over the whole corpus: half a minute
NAMES = [s.name for s in SPECS]
MAX_PEAK_MB = 1024


def test_the_corpus_has_at_least_thirty_cases(judged):
    assert len(judged.cases) == len(SPECS) >= 30
    assert sum(c.kind == "workbook" for c in judged.cases.values()) >= 30


def test_every_case_is_documented_with_an_expected_verdict_and_reason(judged):
    for c in judged.cases.values():
        assert c.file.is_file(), c.name
        assert c.kind in ("workbook", "checklist", "pdf") and c.expected in ("accepted", "rejected"), c.name
        assert c.note and (c.reason or c.expected == "accepted"), c.name


def test_the_judge_reached_every_case_and_exited_cleanly(judged):
    assert judged.returncode == 0, judged.stderr[-2000:]
    assert list(judged.verdicts) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_verdict_and_reason(name, judged, verdict_of):
    case, v = judged.cases[name], verdict_of(name)
    if case.expected == "accepted":
        assert v["ok"] is True and v["reasons"] == [], v["reasons"]
    else:
        assert v["ok"] is False
        assert any(case.reason in r for r in v["reasons"]), (case.reason, v["reasons"])


@pytest.mark.parametrize("name", NAMES)
def test_nothing_raised_and_no_internal_error(name, verdict_of):
    v = verdict_of(name)
    assert "raised" not in v, v.get("traceback")
    assert not any("内部错误" in r for r in v["reasons"]), v["reasons"]


def test_memory_stays_bounded_across_the_whole_corpus(judged):
    peaks = [v["peak_mb"] for v in judged.verdicts.values()]
    assert peaks and max(peaks) < min(MAX_PEAK_MB, LIMIT_MB)


def test_invisible_characters_inserted_after_signing_are_refused_naming_the_cells(verdict_of):
    v = verdict_of("bidi_and_control_chars")
    assert v["ok"] is False and v["unit"] == {}
    assert "签名后被修改" in v["reasons"][0]
    assert any("工作表“单位信息”" in r and "U+202E" in r for r in v["reasons"])
    assert any("应用程序台账" in r and "U+2066" in r for r in v["reasons"])
