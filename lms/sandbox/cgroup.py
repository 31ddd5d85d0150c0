"""One control group per run: the whole run's memory (kernel memory included) and tasks, capped together.

Per-process rlimits cap each process, not their sum: sixteen processes each under ``memory_mb`` once
took 2.5 GB of the host, and a million empty files in the working tmpfs cost kernel memory (inodes,
dentries) that no rlimit sees and that bubblewrap 0.8 cannot cap with ``nr_inodes``. A memory cgroup
charges all of it, tmpfs pages and slab included, to the run; a pids cgroup counts every task.

Both cgroup v2 (``/sys/fs/cgroup`` with the memory and pids controllers) and the v1 ``memory`` and
``pids`` hierarchies are used; creating groups needs root (or a delegated hierarchy). Where neither
works, ``SandboxConfig.cgroup`` decides: ``"auto"`` runs in a logged degraded mode (rlimits only),
``"require"`` refuses to run.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass

from .config import SandboxUnavailable

log = logging.getLogger(__name__)

ROOT = "/sys/fs/cgroup"
GROUP = "maharat-sandbox"
_counter = itertools.count()
_detected: tuple[Hierarchy | None, str] | None = None
_detect_lock = threading.Lock()
_warned = False


@dataclass(frozen=True)
class Hierarchy:
    """Where this machine's run groups are made: one directory (v2) or one per controller (v1)."""

    version: int
    memory: str  #: parent directory of the runs' memory groups
    pids: str  #: parent directory of the runs' pids groups (the same as memory on v2)

    def describe(self) -> str:
        return f"cgroup v{self.version} memory+pids caps per run"


def hierarchy() -> tuple[Hierarchy | None, str]:
    """This machine's usable hierarchy, or None and why not (worked out once per process)."""
    global _detected
    with _detect_lock:
        if _detected is None:
            try:
                _detected = (_detect(), "")
            except OSError as e:
                _detected = (None, f"{e.filename or ''}: {e.strerror}" if e.strerror else str(e))
            except _NoCgroup as e:
                _detected = (None, str(e))
        return _detected


class _NoCgroup(Exception):
    pass


def _own_path(controller: str) -> str:
    """This process's group in a v1 controller's hierarchy ("" for v2's), from /proc/self/cgroup."""
    with open("/proc/self/cgroup", encoding="ascii") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controller in controllers.split(","):
                return path
    raise _NoCgroup(f"no {controller} controller in /proc/self/cgroup")


def _detect() -> Hierarchy:
    if os.path.isfile(f"{ROOT}/cgroup.controllers"):
        available = _read(f"{ROOT}/cgroup.controllers").split()
        if not {"memory", "pids"} <= set(available):
            raise _NoCgroup(f"cgroup v2 without the memory and pids controllers ({' '.join(available)})")
        base = f"{ROOT}/{GROUP}"
        with contextlib.suppress(FileExistsError):
            os.mkdir(base, 0o755)
        _write(f"{ROOT}/cgroup.subtree_control", "+memory +pids")
        _write(f"{base}/cgroup.subtree_control", "+memory +pids")
        return Hierarchy(2, base, base)
    mounts = _v1_mounts()
    if not {"memory", "pids"} <= set(mounts):
        raise _NoCgroup("neither cgroup v2 nor the v1 memory and pids hierarchies are mounted")
    bases = []
    for controller in ("memory", "pids"):
        root = mounts[controller]
        base = os.path.normpath(f"{root}/{_own_path(controller)}/{GROUP}")
        with contextlib.suppress(FileExistsError):
            os.mkdir(base, 0o755)
        bases.append(base)
    return Hierarchy(1, *bases)


def _v1_mounts() -> dict[str, str]:
    """Mount point of each cgroup v1 controller, from /proc/self/mounts."""
    found = {}
    with open("/proc/self/mounts", encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) > 3 and fields[2] == "cgroup":
                for option in fields[3].split(","):
                    if option in ("memory", "pids"):
                        found.setdefault(option, fields[1])
    return found


def _write(path: str, value: str) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write(value)


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii") as f:
            return f.read()
    except OSError:
        return ""


def degraded(reason: str, required: bool) -> None:
    """Refuse (``required``) or carry on without whole-run caps, saying so once in the log."""
    global _warned
    message = f"no cgroup for sandboxed runs ({reason}): a run's processes together are not capped"
    if required:
        raise SandboxUnavailable(message + "; SandboxConfig.cgroup is 'require' (SANDBOX_CGROUP)")
    if not _warned:
        _warned = True
        log.warning("sandbox DEGRADED: %s, only each process's rlimits apply (SANDBOX_CGROUP=auto)", message)


class RunGroup:
    """The groups of one run: created before it starts, emptied and removed after it ends."""

    def __init__(self, where: Hierarchy, memory_bytes: int, tasks: int) -> None:
        self.where = where
        name = f"run-{os.getpid()}-{next(_counter)}"
        self.memory = os.path.join(where.memory, name)
        self.pids = os.path.join(where.pids, name)
        self.dirs = [self.memory] if where.version == 2 else [self.memory, self.pids]
        for path in self.dirs:
            os.mkdir(path, 0o755)
        try:
            if where.version == 2:
                _write(f"{self.memory}/memory.max", str(memory_bytes))
                _write(f"{self.memory}/memory.swap.max", "0")
                _write(f"{self.memory}/memory.oom.group", "0")
            else:
                _write(f"{self.memory}/memory.limit_in_bytes", str(memory_bytes))
                with contextlib.suppress(OSError):  # swap accounting may be off: then there is no swap
                    _write(f"{self.memory}/memory.memsw.limit_in_bytes", str(memory_bytes))
            _write(f"{self.pids}/pids.max", str(tasks))
        except OSError:
            self.remove()
            raise

    def add(self, pid: int) -> None:
        """Move a process (and so everything it starts afterwards) into the run's groups."""
        for path in self.dirs:
            _write(f"{path}/cgroup.procs", str(pid))

    def oom_kills(self) -> int:
        """How many processes the kernel killed for going over the run's memory."""
        name = "memory.events" if self.where.version == 2 else "memory.oom_control"
        for line in _read(f"{self.memory}/{name}").splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def remove(self) -> None:
        """Kill whatever is left in the groups, wait until they are empty, and delete them."""
        for path in self.dirs:
            if not os.path.isdir(path):
                continue
            if os.path.isfile(f"{path}/cgroup.kill"):
                with contextlib.suppress(OSError):
                    _write(f"{path}/cgroup.kill", "1")
            deadline = time.monotonic() + 60  # a killed process can take long to go on a loaded machine
            while True:
                pids = [int(p) for p in _read(f"{path}/cgroup.procs").split()]
                for pid in pids:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                try:
                    os.rmdir(path)
                    break
                except OSError as e:
                    if e.errno != errno.EBUSY or time.monotonic() > deadline:
                        log.error("sandbox cgroup %s could not be removed: %s", path, e)
                        break
                time.sleep(0.005)
