"""tools/setup-sandbox.sh may run while grading goes on: no run fails while the venv is replaced.

The grading venv of these tests holds no package (``SANDBOX_PACKAGES=""``), so building one takes
seconds and needs no download; the real one differs only by what pip installs into it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from lms.sandbox import CaseSpec, SandboxConfig, run_cases
from tests.sandbox.conftest import REPO

SCRIPT = REPO / "tools" / "setup-sandbox.sh"
BASE_PYTHON = "/usr/bin/python3.11"


def setup_script(venv: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT), str(venv)],
        env={
            **os.environ,
            "SANDBOX_PACKAGES": "",
            "SANDBOX_CHECK_IMPORTS": "import json",
            "SANDBOX_BASE_PYTHON": BASE_PYTHON,
            "APP_PYTHON": "/nonexistent",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def shared_dir():
    """A directory slot users can read (pytest's tmp_path is private to root)."""
    with tempfile.TemporaryDirectory(prefix="maharat-setup-") as path:
        os.chmod(path, 0o755)  # noqa: S103 - the slot users must reach it
        yield Path(path)


def test_replacing_the_venv_while_grading_fails_no_run(sandbox, shared_dir):
    if not os.access(BASE_PYTHON, os.X_OK):
        pytest.skip(f"{BASE_PYTHON} is needed to build a grading venv")
    venv = shared_dir / "grading-venv"
    first = setup_script(venv)
    assert first.returncode == 0, first.stderr
    assert venv.is_symlink() and (venv / "pyvenv.cfg").is_file()
    config = SandboxConfig(python=str(venv / "bin" / "python"), slot=sandbox.slot)
    stop = threading.Event()
    outcomes: list[str] = []

    def grade() -> None:
        while not stop.is_set():
            try:
                outcome = run_cases(config, "def f(x):\n    return x * 2\n", [CaseSpec(call="f(21)")])
            except Exception as error:  # SandboxUnavailable while the venv moved: the failure sought
                outcomes.append(f"{type(error).__name__}: {error}")
                continue
            ok = outcome.status == "ok" and outcome.cases[0].value == 42
            outcomes.append("ok" if ok else f"{outcome.status}: {outcome.cases} {outcome.stderr[-300:]}")

    grader = threading.Thread(target=grade)
    grader.start()
    try:
        versions = []
        for _ in range(3):
            done = setup_script(venv, SANDBOX_REBUILD="1")
            assert done.returncode == 0, done.stderr
            versions.append(os.readlink(venv))
            again = setup_script(venv)  # up to date: touches nothing
            assert again.returncode == 0 and "up to date" in again.stdout, again.stdout + again.stderr
            assert os.readlink(venv) == versions[-1]
    finally:
        stop.set()
        grader.join(120)
    assert len(set(versions)) == 3
    assert outcomes and all(o == "ok" for o in outcomes), [o for o in outcomes if o != "ok"][:3]
    # The version in use and the one before it are kept; older ones are gone.
    assert len(os.listdir(venv.parent / "grading-venv.d")) == 2


def test_a_venv_made_by_the_old_script_is_swapped_in_one_step(sandbox, shared_dir):
    if not os.access(BASE_PYTHON, os.X_OK):
        pytest.skip(f"{BASE_PYTHON} is needed to build a grading venv")
    venv = shared_dir / "grading-venv"
    subprocess.run([BASE_PYTHON, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    os.chmod(venv, 0o755)  # noqa: S103 - as the old script left it
    done = setup_script(venv, SANDBOX_REBUILD="1")
    assert done.returncode == 0, done.stderr
    assert venv.is_symlink()
    config = SandboxConfig(python=str(venv / "bin" / "python"), slot=sandbox.slot)
    outcome = run_cases(config, "x = 3", [CaseSpec(call="x")])
    assert outcome.status == "ok" and outcome.cases[0].value == 3
