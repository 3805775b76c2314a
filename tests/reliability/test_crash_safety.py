"""Kill a writing process with SIGKILL at random moments: nothing acknowledged is ever lost.

CI runs ``SELFCHECK_CRASH_KILLS`` (default 100) kills; set it higher for a long run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.demo import DemoOptions, build_demo
from app.storage import Store

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = int(os.environ.get("SELFCHECK_CRASH_KILLS", "100"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _run_and_kill(db: Path, evidence: Path, start: int, rnd: random.Random) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db), str(evidence), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + 5
    while not lines and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    time.sleep(rnd.uniform(0.0, 0.12))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    errors = proc.stderr.read() if proc.stderr else ""
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()
    assert "Traceback" not in errors, errors
    return lines


def _check_everything_acknowledged_is_there(db: Path, latest: dict[tuple[int, str], int], attached: set[int]) -> None:
    with Store(db) as store:
        insp = store.current_inspection()
        answers = store.answers(insp.id)
        for key, n in latest.items():
            stored = int(re.search(r"\d+", answers[key].note).group())
            assert stored >= n, f"answer {key} acknowledged as #{n} but stored #{stored}"
        names = {ref.original_name for _, _, ref in store.all_evidence(insp.id)}
        assert {f"现场照片-{n}.txt" for n in attached} <= names


@pytest.mark.slow
def test_acknowledged_answers_and_evidence_survive_sigkill(tmp_path):
    db = tmp_path / "crash.db"
    build_demo(db, DemoOptions(apps=3, accounts=3, groups=5, seed=11)).close()
    evidence = tmp_path / "incoming"
    evidence.mkdir()
    rnd = random.Random(2024)
    latest: dict[tuple[int, str], int] = {}
    attached: set[int] = set()
    counter = 0
    total_acks = 0
    for _ in range(KILLS):
        lines = _run_and_kill(db, evidence, counter * 1000, rnd)
        for line in lines:
            m = re.match(r"ACK (\w+) (\d+) (\S+) (\d+)\n", line)
            if not m:
                continue  # the last line may be cut by the kill
            kind, eid, item, n = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
            total_acks += 1
            if kind == "answer":
                latest[(eid, item)] = max(latest.get((eid, item), 0), n)
            else:
                attached.add(n)
        counter += 1
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        _check_everything_acknowledged_is_there(db, latest, attached)
        assert cli_main(["doctor", "--db", str(db)]) == 0, "selfcheck doctor found the evidence store inconsistent"
    assert total_acks > KILLS  # the writer really wrote between kills
