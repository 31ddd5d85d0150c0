"""Run learner code in bubblewrap and collect what each test case computed.

The caller's process only spawns bubblewrap, feeds the harness its job and reads records:
learner code never runs here. Anything that stops the sandbox from starting raises
SandboxUnavailable; nothing ever falls back to running the code another way.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import marshal
import math
import os
import select
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import cgroup
from .cases import CaseOutcome, CaseSpec, RunOutcome
from .config import Limits, SandboxConfig, SandboxUnavailable
from .identity import Identity, identity_for, slot_lock, unreadable_reason
from .layout import HARNESS_INSIDE, SHM_MB, VENV_INSIDE, WORK_INSIDE, Layout, layout_for
from .protocol import ProtocolViolation, RecordReader, frame
from .seccomp import filter_bpf, filter_fd

BWRAP_PATHS = ("/usr/bin/bwrap", "/usr/local/bin/bwrap")
MAX_CODE_BYTES = 1 << 20
#: Largest encoded ``call`` value a case may report.
VALUE_BYTES = 1 << 20
#: Address space granted above the program's memory limit: shared code of libraries a case
#: imports itself (scikit-learn maps ~200 MB of it), thread stacks. Data stays capped by memory_mb.
ADDRESS_SLACK_MB = 512
#: Files and directories a case may create in /sandbox and in /dev/shm (each case's own tmpfs).
WORK_INODES = 16384
SHM_INODES = 1024

#: The sandbox's whole environment: no variable of the caller's (SECRET_KEY...) gets in.
SANDBOX_ENV = {
    "PATH": f"{VENV_INSIDE}/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "HOME": WORK_INSIDE,
    "TMPDIR": WORK_INSIDE,
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONUTF8": "1",
    "PYTHONNOUSERSITE": "1",
    "PYTHONSAFEPATH": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JOBLIB_MULTIPROCESSING": "0",
}

_harness_source = (Path(__file__).with_name("harness.py")).read_bytes()
_harness_programs: dict[str, tuple[str, bytes]] = {}
_checked: dict[tuple[Layout, Identity], str | None] = {}
_checked_lock = threading.Lock()


def run_cases(
    config: SandboxConfig,
    code: str,
    cases: list[CaseSpec],
    files: dict[str, bytes] | None = None,
    limits: Limits | None = None,
) -> RunOutcome:
    """Run ``code`` against each case in a fresh sandbox and report what each computed.

    ``files`` are copied into the working directory before every case. ``limits`` are
    clamped to ``config.max_limits``. Raises SandboxUnavailable when no sandbox can be made.
    """
    effective = (limits or Limits()).clamped_to(config.max_limits)
    files = dict(files or {})
    _check_job(config, code, cases, files)
    bwrap = next((p for p in BWRAP_PATHS if os.access(p, os.X_OK)), None)
    if bwrap is None:
        raise SandboxUnavailable("bubblewrap (bwrap) is not installed: run tools/setup-sandbox.sh")
    layout = layout_for(config.python)
    identity = identity_for(config.slot)
    with _checked_lock:
        if (layout, identity) not in _checked:
            _checked[(layout, identity)] = unreadable_reason(layout.host_paths, identity)
        reason = _checked[(layout, identity)]
    if reason:
        raise SandboxUnavailable(reason)
    with slot_lock(identity, config.slot):
        return _Run(config, layout, bwrap, identity, effective, code, cases, files).execute()


def _check_job(config: SandboxConfig, code: str, cases: list[CaseSpec], files: dict[str, bytes]) -> None:
    if config.cgroup not in ("auto", "require", "off"):
        raise ValueError(f"SandboxConfig.cgroup must be auto, require or off, not {config.cgroup!r}")
    if type(code) is not str or len(code.encode("utf-8", "surrogatepass")) > MAX_CODE_BYTES:
        raise ValueError("code must be a string of at most 1 MiB")
    for case in cases:
        if not isinstance(case, CaseSpec):
            raise TypeError(f"cases must be CaseSpec, not {type(case).__name__}")
        for text in (case.setup, case.stdin, case.call):
            if text is not None and type(text) is not str:
                raise TypeError("CaseSpec fields must be str or None")
    total = 0
    for name, data in files.items():
        if type(name) is not str or "\0" in name or any(p in ("", ".", "..") for p in name.split("/")):
            raise ValueError(f"data file name must be a plain relative path: {name!r}")
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"data file {name!r} must be bytes")
        total += len(data)
    if total > config.work_tmpfs_mb * (1 << 20) // 2:
        raise ValueError("data files take more than half of the working directory")


class _Run:
    """One spawn of bubblewrap and the conversation with its harness."""

    def __init__(
        self,
        config: SandboxConfig,
        layout: Layout,
        bwrap: str,
        identity: Identity,
        limits: Limits,
        code: str,
        cases: list[CaseSpec],
        files: dict[str, bytes],
    ) -> None:
        self.config, self.layout, self.bwrap, self.identity = config, layout, bwrap, identity
        self.limits, self.code, self.cases, self.files = limits, code, cases, files
        output = int(limits.output_kb * 1024)
        self.job_limits = {
            "cpu_soft": max(1, math.ceil(limits.cpu_seconds)),
            "memory_bytes": int(limits.memory_mb * (1 << 20)),
            "address_slack_bytes": ADDRESS_SLACK_MB << 20,
            "file_bytes": int(limits.max_file_mb * (1 << 20)),
            "open_files": max(8, int(limits.max_open_files)),  # the interpreter needs a few itself
            "processes": max(1, int(limits.max_processes)) + 3,  # + the harness, the case's holder and PID 1
            "output_bytes": output,
            "value_bytes": VALUE_BYTES,
            "report_bytes": VALUE_BYTES + 6 * output + 65536,  # JSON escaping at worst 6x
            # each case's fresh tmpfs: its own inode numbers, and a cap on their count
            "work_tmpfs": b"size=%d,nr_inodes=%d,mode=0755" % (config.work_tmpfs_mb << 20, WORK_INODES),
            "shm_tmpfs": b"size=%d,nr_inodes=%d,mode=1777" % (SHM_MB << 20, SHM_INODES),
            "seccomp": filter_bpf(),  # installed by the harness in each case's process
        }
        self.harness_path, self.harness_program = _harness_program(layout.version)
        self.diagnostics = bytearray()

    def execute(self) -> RunOutcome:
        start = time.monotonic()
        deadline = start + self.limits.wall_seconds
        reader = RecordReader(len(self.cases), self.job_limits["report_bytes"])
        seccomp_fd = filter_fd()
        record_r, record_w = os.pipe2(os.O_CLOEXEC)
        info_r, info_w = os.pipe2(os.O_CLOEXEC)
        harness_fd = _memfd("maharat-harness", self.harness_program)
        args = self._bwrap_args(seccomp_fd, harness_fd, info_w)
        args_fd = _memfd("maharat-bwrap-args", b"\0".join(a.encode() for a in args) + b"\0")
        group = None
        try:
            group = self._group()  # last before the spawn: nothing may fail between them unnoticed
            proc = self._spawn(record_w, seccomp_fd, harness_fd, args_fd, info_w)
        except (OSError, SandboxUnavailable) as e:
            os.close(record_r)
            os.close(info_r)
            if group:
                group.remove()
            if isinstance(e, SandboxUnavailable):
                raise
            raise SandboxUnavailable(f"cannot start {self.bwrap} as {self.identity.name}: {e}") from e
        finally:
            for fd in (record_w, seccomp_fd, harness_fd, args_fd, info_w):
                os.close(fd)
        timed_out = violation = False
        oom_kills = 0
        sandbox_pidfd = None
        try:
            sandbox_pid = _read_child_pid(info_r, deadline)
            if sandbox_pid:
                with contextlib.suppress(OSError):  # it already ended: bubblewrap's exit says the rest
                    sandbox_pidfd = os.pidfd_open(sandbox_pid)
            if group and sandbox_pid:
                # Before the job is sent: the harness forks nothing until it has read it, so every
                # process of a case starts inside the groups. bubblewrap itself stays out: were the
                # memory cap to kill it, PID 1 would be orphaned.
                with contextlib.suppress(ProcessLookupError):
                    group.add(sandbox_pid)
            timed_out, violation = self._converse(proc, record_r, reader, deadline)
        finally:
            os.close(record_r)
            os.close(info_r)
            if proc.poll() is None:
                _stop(proc, sandbox_pidfd)
            proc.wait()
            if sandbox_pidfd is not None:
                os.close(sandbox_pidfd)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream and not stream.closed:
                    stream.close()
            if group:
                oom_kills = group.oom_kills()
                group.remove()  # kills and waits for anything left in it
            if self.identity.switch and not (reader.done and proc.returncode == 0):
                # A clean end means the harness killed each case's leftovers and the PID
                # namespace is gone; after anything else, make sure.
                _kill_leftovers(self.identity.uid)
        duration = int((time.monotonic() - start) * 1000)
        stderr = self.diagnostics.decode("utf-8", "replace")
        if not reader.ready:
            why = f"did not start within {self.limits.wall_seconds}s" if timed_out else "failed to start"
            raise SandboxUnavailable(f"the sandbox {why} (exit {proc.returncode}): {stderr.strip()[-2000:]}")
        status, cases = self._verdict(proc.returncode, reader, timed_out, violation)
        if oom_kills and status != "timeout":
            # The run as a whole went over its memory: like a MemoryError, no case counts.
            self._note(f"[cgroup] {oom_kills} process(es) killed over the run's memory cap\n".encode())
            status, cases = "memory", []
            stderr = self.diagnostics.decode("utf-8", "replace")
        return RunOutcome(status, cases, duration, stderr)

    def _group(self) -> cgroup.RunGroup | None:
        """The run's cgroup, or None when the machine has none and the config allows that."""
        if self.config.cgroup == "off":
            return None
        where, reason = cgroup.hierarchy()
        if where is not None:
            memory = self.limits.memory_mb + self.config.run_overhead_mb + self.config.work_tmpfs_mb + SHM_MB
            try:
                return cgroup.RunGroup(where, int(memory) << 20, int(self.limits.max_processes) + 4)
            except OSError as e:
                reason = f"cannot create a run's group under {where.memory}: {e}"
        cgroup.degraded(reason, required=self.config.cgroup == "require")
        return None

    def _spawn(
        self, record_w: int, seccomp_fd: int, harness_fd: int, args_fd: int, info_fd: int
    ) -> subprocess.Popen:
        switch = {}
        if self.identity.switch:
            switch = {"user": self.identity.uid, "group": self.identity.gid, "extra_groups": []}
        return subprocess.Popen(  # noqa: S603 - a fixed argv; the learner's code travels on stdin
            [
                self.bwrap,
                "--args",
                str(args_fd),
                "--",
                self.layout.python_inside,
                "-B",
                "-s",
                self.harness_path,
                str(record_w),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(record_w, seccomp_fd, harness_fd, args_fd, info_fd),
            env=SANDBOX_ENV,
            cwd="/",
            start_new_session=True,
            umask=0o077,
            **switch,
        )

    def _bwrap_args(self, seccomp_fd: int, harness_fd: int, info_fd: int) -> list[str]:
        """The sandbox's options; passed through ``--args`` so host paths stay off its cmdline."""
        return [
            "--unshare-all",
            "--unshare-user",
            "--disable-userns",
            "--as-pid-1",  # the harness is PID 1: no reaper process a case could take over
            "--die-with-parent",
            "--new-session",
            "--cap-drop", "ALL",
            # inside its user namespace only: the harness makes each case's namespaces and
            # tmpfs with them, and each case's process gives them up (harness.py, _confine)
            "--cap-add", "CAP_SYS_ADMIN",
            "--cap-add", "CAP_SETPCAP",
            "--hostname", "sandbox",
            *self.layout.mount_args,
            "--ro-bind-data", str(harness_fd), self.harness_path,
            "--proc", "/proc",
            "--dev", "/dev",
            "--size", str(SHM_MB << 20), "--tmpfs", "/dev/shm",  # noqa: S108 - inside the sandbox
            "--remount-ro", "/dev",
            "--size", str(self.config.work_tmpfs_mb << 20), "--tmpfs", WORK_INSIDE,
            "--chdir", WORK_INSIDE,
            "--remount-ro", "/",
            "--seccomp", str(seccomp_fd),
            "--info-fd", str(info_fd),  # tells the sandbox's host PID, to put it in the run's cgroup
        ]  # fmt: skip

    def _converse(
        self, proc: subprocess.Popen, record_r: int, reader: RecordReader, deadline: float
    ) -> tuple[bool, bool]:
        """Feed frames and read records until the harness is done, or time runs out."""
        pending = bytearray(frame({
            "code": self.code,
            "files": [[name, bytes(data)] for name, data in self.files.items()],
            "limits": self.job_limits,
            "cases": len(self.cases),
        }))  # fmt: skip
        sent = 0
        if self.cases:
            pending += frame(_case_frame(self.cases[0]))
            sent = 1
        stdin_fd = proc.stdin.fileno()
        os.set_blocking(stdin_fd, False)
        sel = selectors.DefaultSelector()
        sel.register(record_r, selectors.EVENT_READ, "record")
        sel.register(proc.stdout.fileno(), selectors.EVENT_READ, "stdout")
        sel.register(proc.stderr.fileno(), selectors.EVENT_READ, "stderr")
        sel.register(stdin_fd, selectors.EVENT_WRITE, "stdin")
        readers = 3
        try:
            while readers:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return True, False
                for key, _ in sel.select(remaining):
                    if key.data == "stdin":
                        try:
                            del pending[: os.write(stdin_fd, pending[:65536])]
                        except BlockingIOError:
                            continue  # a small write waits for room for all of it
                        except BrokenPipeError:
                            pending.clear()  # the harness is gone; its records tell the rest
                        if not pending:
                            sel.unregister(stdin_fd)
                        continue
                    data = os.read(key.fd, 65536)
                    if not data:
                        sel.unregister(key.fd)
                        readers -= 1
                    elif key.data == "record":
                        try:
                            reader.feed(data)
                        except ProtocolViolation as e:
                            self._note(f"[protocol] {e}\n".encode())
                            return False, True
                    else:
                        self._note(data)
                wanted = reader.wants_case
                if wanted is not None and wanted == sent and sent < len(self.cases):
                    if not pending:
                        sel.register(stdin_fd, selectors.EVENT_WRITE, "stdin")
                    pending += frame(_case_frame(self.cases[sent]))
                    sent += 1
            return False, False
        finally:
            sel.close()

    def _note(self, data: bytes) -> None:
        """Keep the tail of what the sandbox wrote outside the protocol, for administrators."""
        self.diagnostics += data
        cap = int(self.limits.output_kb * 1024)
        if len(self.diagnostics) > cap:
            del self.diagnostics[: len(self.diagnostics) - cap]

    def _verdict(
        self, returncode: int, reader: RecordReader, timed_out: bool, violation: bool
    ) -> tuple[str, list[CaseOutcome]]:
        if timed_out:
            return "timeout", []
        if violation:
            return "protocol_error", []
        if reader.limits:
            return reader.limits[0], []
        try:
            cases = reader.finish()
        except ProtocolViolation as e:
            self._note(f"[protocol] {e}\n".encode())
            return ("crashed" if returncode != 0 else "protocol_error"), []
        if returncode != 0:
            return "crashed", []
        return "ok", cases


def _read_child_pid(fd: int, deadline: float) -> int | None:
    """The sandbox's PID 1 as the host sees it, from bubblewrap's ``--info-fd`` JSON (None if it failed)."""
    data = b""
    while len(data) < 4096:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    try:
        pid = json.loads(data).get("child-pid")
    except (ValueError, AttributeError):
        return None
    return pid if type(pid) is int and pid > 0 else None


def _memfd(name: str, data: bytes) -> int:
    """An in-memory file holding ``data``, positioned at its start, for bubblewrap to read."""
    fd = os.memfd_create(name)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _harness_program(version: str) -> tuple[str, bytes]:
    """The harness as the sandbox will run it: (path inside, file contents).

    Compiled here once when the grading interpreter has our own minor version (compiling it
    in the sandbox would cost ~2 ms per run); as source otherwise.
    """
    program = _harness_programs.get(version)
    if program is None:
        if version == f"{sys.version_info.major}.{sys.version_info.minor}":
            code = compile(_harness_source, HARNESS_INSIDE + ".py", "exec", dont_inherit=True)
            program = (HARNESS_INSIDE + ".pyc", importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code))
        else:
            program = (HARNESS_INSIDE + ".py", _harness_source)
        _harness_programs[version] = program
    return program


def _case_frame(case: CaseSpec) -> dict:
    return {"setup": case.setup, "stdin": case.stdin, "call": case.call}


def _stop(proc: subprocess.Popen, sandbox_pidfd: int | None) -> None:
    """End a run that is still going, leaving no zombie behind.

    The sandbox's PID 1 is killed first (through its pidfd, so never a recycled PID): the kernel then
    ends every process of its PID namespace, and bubblewrap, still alive, reaps it and exits. Killing
    bubblewrap first would orphan PID 1 to the host's init, which may never reap it.
    """
    if sandbox_pidfd is not None:
        with contextlib.suppress(ProcessLookupError, OSError):
            signal.pidfd_send_signal(sandbox_pidfd, signal.SIGKILL)
        try:
            proc.wait(5)
            return
        except subprocess.TimeoutExpired:
            pass
    _kill(proc)


def _kill(proc: subprocess.Popen) -> None:
    """Kill bubblewrap; its PID namespace takes every sandboxed process down with it."""
    for target in (lambda: os.killpg(proc.pid, signal.SIGKILL), proc.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            target()


def _kill_leftovers(uid: int) -> None:
    """Belt and braces: no process of the slot user may outlive its run."""
    for _ in range(50):
        alive = _processes_of(uid)
        if not alive:
            return
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.002)


def _processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes whose real uid is ``uid``."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status", "rb") as f:
                fields = dict(line.split(b":", 1) for line in f if line[:4] in (b"Stat", b"Uid:"))
        except (OSError, ValueError):
            continue
        state, uids = fields.get(b"State", b"").split(), fields.get(b"Uid", b"").split()
        if uids and int(uids[0]) == uid and state and state[0] not in (b"Z", b"X"):
            found.append(int(name))
    return found
