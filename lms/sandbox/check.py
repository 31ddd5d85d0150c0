"""Prove, through the real path, that the sandbox starts and that its walls stand."""

from __future__ import annotations

from pathlib import Path

from .cases import CaseSpec
from .config import Limits, SandboxConfig, SandboxUnavailable
from .runner import run_cases

#: Host paths the sandbox must not see: this package's checkout stands for the app.
_APP_DIR = str(Path(__file__).resolve().parents[2])

_PROBE = f"""
import os, socket

def breaches():
    found = []
    if os.getuid() == 0:
        found.append("runs as root")
    for path in ("/bin/sh", "/usr/bin/sh", "/bin/bash", "/etc/passwd", {_APP_DIR!r}):
        if os.path.exists(path):
            found.append("sees " + path)
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
        found.append("may open internet sockets")
    except OSError:
        pass
    try:
        open("/probe", "w").close()
        found.append("may write to /")
    except OSError:
        pass
    if os.environ.get("SECRET_KEY") or os.environ.get("DATABASE_URL"):
        found.append("inherits the app's environment")
    return found
"""


def check_sandbox(config: SandboxConfig) -> tuple[bool, str]:
    """Run a trivial job through the real path; (False, reason for an admin) if unusable.

    It also probes from inside that the sandbox is one: not root, no shell, no /etc, no app
    directory, no internet socket, read-only root, clean environment.
    """
    cases = [CaseSpec(call="6 * 7"), CaseSpec(call="breaches()")]
    limits = Limits(wall_seconds=min(10, config.max_limits.wall_seconds))
    try:
        outcome = run_cases(config, _PROBE, cases, limits=limits)
    except SandboxUnavailable as e:
        return False, str(e)
    except (OSError, ValueError) as e:
        return False, f"the sandbox could not be run: {e}"
    if outcome.status != "ok":
        return False, f"the probe run ended with status {outcome.status}: {outcome.stderr.strip()[-500:]}"
    answer, breaches = outcome.cases
    if answer.value != 42 or type(answer.value) is not int:
        return False, f"the probe computed {answer.value!r} ({answer.error}) instead of 42"
    if breaches.error or breaches.value:
        return False, "the sandbox leaks: " + (breaches.error or ", ".join(map(str, breaches.value)))
    return True, f"sandbox ok ({outcome.duration_ms} ms for the probe; {run_caps(config)})"


def run_caps(config: SandboxConfig) -> str:
    """How a whole run's memory and tasks are capped here, for the admin."""
    from . import cgroup

    if config.cgroup == "off":
        return "no cgroup (SANDBOX_CGROUP=off): rlimits per process only"
    where, reason = cgroup.hierarchy()
    if where is None:
        return f"DEGRADED, no cgroup ({reason}): rlimits per process only"
    return where.describe()
