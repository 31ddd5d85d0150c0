"""A whole run's memory, kernel memory of its files and tasks are capped together, by a cgroup.

As root on a machine with cgroup v2 or the v1 memory and pids hierarchies (CI's), these tests fail if
no cgroup is made; elsewhere the sandbox runs in a logged degraded mode and the cap tests skip.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace

import pytest

from lms.sandbox import CaseSpec, Limits, SandboxUnavailable, cgroup, run_cases
from tests.sandbox.conftest import only_value


@pytest.fixture
def capped(sandbox):
    where, reason = cgroup.hierarchy()
    if where is None:
        if os.geteuid() == 0 and os.environ.get("MAHARAT_SANDBOX_CGROUP") != "skip":
            pytest.fail(f"running as root but no cgroup can cap sandboxed runs: {reason}", pytrace=False)
        pytest.skip(f"no cgroup here ({reason}): the sandbox runs degraded")
    # A small run budget so that the attacks below reach it quickly.
    return replace(sandbox, run_overhead_mb=64), where


def run_groups(where: cgroup.Hierarchy) -> list[str]:
    """Groups this process created and left (``run-<pid>-<n>``): other programs on a shared machine,
    another test worker or a killed validation, own theirs."""
    mine = f"run-{os.getpid()}-"
    return [name for base in {where.memory, where.pids} for name in os.listdir(base) if name.startswith(mine)]


def test_processes_each_under_their_limit_cannot_add_up(capped):
    config, where = capped
    # Fourteen processes of 200 MB, each under memory_mb: 2.8 GB together without a run-wide cap.
    code = (
        "import os, time\n"
        "def hog():\n"
        "    children = []\n"
        "    for _ in range(13):\n"
        "        pid = os.fork()\n"
        "        if pid == 0:\n"
        "            block = bytearray(b'x' * (200 * 2**20))\n"
        "            time.sleep(5)\n"
        "            os._exit(0)\n"
        "        children.append(pid)\n"
        "    block = bytearray(b'x' * (200 * 2**20))\n"
        "    for pid in children:\n"
        "        os.waitpid(pid, 0)\n"
        "    return 'all of it'\n"
    )
    limits = Limits(memory_mb=256, cpu_seconds=5, wall_seconds=30, max_processes=16)
    outcome = run_cases(config, code, [CaseSpec(call="hog()")], limits=limits)
    assert outcome.status == "memory", outcome
    assert "run's memory cap" in outcome.stderr
    assert run_groups(where) == []


def test_many_small_files_count_against_the_runs_memory(capped):
    config, where = capped
    # Empty files take no tmpfs blocks, only inodes and dentries: kernel memory no rlimit sees.
    code = (
        "import os\n"
        "def files():\n"
        "    n = 0\n"
        "    while True:\n"
        "        os.close(os.open('/sandbox/' + 'f' * 200 + str(n), os.O_CREAT | os.O_WRONLY, 0o600))\n"
        "        n += 1\n"
    )
    # A small cap (16 + 32 + the two tmpfs = 72 MB), reached in some 60 000 files even on a busy machine.
    config = replace(config, run_overhead_mb=32, work_tmpfs_mb=8)
    limits = Limits(memory_mb=16, cpu_seconds=10, wall_seconds=30)
    outcome = run_cases(config, code, [CaseSpec(call="files()")], limits=limits)
    # Each case's /sandbox is a tmpfs of its own with a cap on its inodes (runner.WORK_INODES):
    # the bomb ends there, as a plain error of its case, or at the run's memory cap if that comes first.
    if outcome.status == "ok":
        (case,) = outcome.cases
        assert case.error.startswith("OSError: [Errno 28] No space left on device"), case
    else:
        assert outcome.status == "memory", outcome
    assert run_groups(where) == []


def test_an_honest_run_is_not_disturbed_and_leaves_no_group(capped, sandbox):
    _, where = capped
    code = "import numpy as np\ndef result():\n    return float(np.arange(10).sum())\n"
    assert only_value(run_cases(sandbox, code, [CaseSpec(call="result()")])) == 45.0
    assert run_groups(where) == []


def test_without_a_cgroup_require_refuses_and_auto_says_it_is_degraded(sandbox, monkeypatch, caplog):
    monkeypatch.setattr(cgroup, "_detected", (None, "no cgroup in this test"))
    monkeypatch.setattr(cgroup, "_warned", False)
    with pytest.raises(SandboxUnavailable, match="no cgroup in this test"):
        run_cases(replace(sandbox, cgroup="require"), "x = 1", [CaseSpec(call="x")])
    with caplog.at_level(logging.WARNING, logger="lms.sandbox.cgroup"):
        assert only_value(run_cases(sandbox, "x = 1", [CaseSpec(call="x")])) == 1
    assert "sandbox DEGRADED" in caplog.text and "no cgroup in this test" in caplog.text
    from lms.sandbox.check import run_caps

    assert run_caps(sandbox).startswith("DEGRADED")
    with pytest.raises(ValueError, match="cgroup"):
        run_cases(replace(sandbox, cgroup="maybe"), "x = 1", [CaseSpec(call="x")])
