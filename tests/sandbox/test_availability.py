"""Failing closed: without a real sandbox nothing runs, and the admin is told why."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import pytest

from lms.sandbox import (
    CaseSpec,
    Limits,
    SandboxConfig,
    SandboxUnavailable,
    check_sandbox,
    run_cases,
    runner,
    seccomp,
)
from lms.sandbox.identity import Identity, unreadable_reason
from tests.sandbox.conftest import GRADING_PYTHON

MARKER_CODE = "open('/tmp/maharat-sandbox-ran', 'w').write('ran')\n"


@pytest.fixture
def config() -> SandboxConfig:
    """A config that does not need a working sandbox to be built."""
    return SandboxConfig(python=GRADING_PYTHON)


def refuses(config: SandboxConfig, match: str) -> None:
    """The run raises SandboxUnavailable, check_sandbox says why, and no code ran anywhere."""
    with pytest.raises(SandboxUnavailable, match=match):
        run_cases(config, MARKER_CODE, [CaseSpec()])
    ok, reason = check_sandbox(config)
    assert not ok and reason
    assert not os.path.exists("/tmp/maharat-sandbox-ran")


def test_an_interpreter_outside_a_virtualenv_is_refused(config):
    refuses(replace(config, python=sys.base_prefix + "/bin/python3"), "not the interpreter of a virtualenv")


def test_a_relative_or_missing_interpreter_is_refused(config, tmp_path):
    refuses(replace(config, python="venv/bin/python"), "absolute")
    (tmp_path / "pyvenv.cfg").write_text("home = /usr/bin\n")
    refuses(replace(config, python=str(tmp_path / "bin" / "python")), "does not exist")


def test_missing_bubblewrap_is_refused(config, monkeypatch):
    monkeypatch.setattr(runner, "BWRAP_PATHS", ("/nonexistent/bwrap",))
    refuses(config, "bubblewrap")


def test_a_bubblewrap_that_cannot_start_is_refused(config, monkeypatch):
    # e.g. user namespaces disabled: bwrap exits before the harness says it is ready
    monkeypatch.setattr(runner, "BWRAP_PATHS", ("/bin/false",))
    refuses(config, "failed to start")


def test_missing_seccomp_is_refused(config, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyseccomp", None)
    monkeypatch.setattr(seccomp, "_cached", {})
    refuses(config, "seccomp")


@pytest.mark.skipif(os.geteuid() != 0, reason="slot users are only used when the caller is root")
def test_root_without_a_slot_user_is_refused(config):
    refuses(replace(config, slot=97), "maharat-sbx97")


def test_a_private_directory_on_the_way_is_named(tmp_path):
    private = tmp_path / "private"
    (private / "venv").mkdir(parents=True)
    os.chmod(tmp_path, 0o755)  # noqa: S103 - only the next directory is private
    os.chmod(private, 0o700)
    stranger = Identity(uid=os.geteuid() + 12345, gid=os.getegid() + 12345, name="maharat-sbx9", switch=True)
    reason = unreadable_reason((str(private / "venv"),), stranger)
    assert reason and str(private) in reason and "0700" in reason
    assert unreadable_reason((str(private / "venv"),), replace(stranger, switch=False)) is None


def test_limits_are_clamped_to_the_platform_maximum():
    wanted = Limits(cpu_seconds=100, memory_mb=64, wall_seconds=1000, output_kb=1)
    assert wanted.clamped_to(Limits()) == Limits(memory_mb=64, output_kb=1)


@pytest.mark.parametrize("field", ["cpu_seconds", "memory_mb", "max_processes", "wall_seconds"])
@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), True, "2"])
def test_nonsense_limits_are_refused(field, value):
    with pytest.raises(ValueError):
        Limits(**{field: value}).clamped_to(Limits())


@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../../x", "", "a//b", "./x", "a\0b"])
def test_data_file_names_must_stay_in_the_working_directory(config, name):
    with pytest.raises(ValueError):
        run_cases(config, "", [CaseSpec()], files={name: b"x"})


def test_case_specs_must_be_text(config):
    with pytest.raises(TypeError):
        run_cases(config, "", [CaseSpec(call=b"1")])
    with pytest.raises(TypeError):
        run_cases(config, "", [{"call": "1"}])
