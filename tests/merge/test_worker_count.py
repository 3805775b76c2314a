"""How many worker processes a merge starts: Windows refuses more than 61, and a small batch needs few."""

from __future__ import annotations

import os
import shutil

from app.merge import service
from app.merge.service import MAX_JOBS, worker_count


def test_a_request_above_the_windows_limit_is_capped_at_61():
    assert MAX_JOBS == 61
    assert worker_count(128, tasks=5000) == 61


def test_the_default_follows_the_cpus_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 96)
    assert worker_count(None, tasks=1000) == 3


def test_the_default_on_a_machine_without_affinity_uses_the_cpu_count_capped(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 128)
    assert worker_count(None, tasks=1000) == 61


def test_no_more_workers_than_files_but_a_multi_process_run_stays_isolated():
    assert worker_count(16, tasks=5) == 5
    # one file still goes to a worker process: a file that kills its reader must not kill the merge
    assert worker_count(16, tasks=1) == 2


def test_one_job_means_in_process():
    assert worker_count(1, tasks=100) == 1


def test_a_merge_asking_for_more_than_61_workers_runs_with_at_most_as_many_as_files(corpus, tmp_path,
                                                                                  monkeypatch, capsys):
    from app.cli import main

    started = []
    real = service.run_tasks
    monkeypatch.setattr(service, "run_tasks", lambda tasks, jobs, *a: started.append(jobs) or real(tasks, jobs, *a))
    good = tmp_path / "合格"
    good.mkdir()
    for p in list(corpus.good.values())[:2]:
        shutil.copy(p, good / p.name)
    code = main(["merge", str(good), "--out", str(tmp_path / "汇总.xlsx"), "--db", str(tmp_path / "p.db"),
                 "--trust", str(corpus.trust), "--jobs", "500"])
    assert code == 0 and "接收 2 个,退回 0 个" in capsys.readouterr().out
    assert started == [2]
