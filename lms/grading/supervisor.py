"""``GRADING_QUEUE=process`` (the default without Redis): grading in worker processes the app watches.

Decoding what a sandboxed run reports, comparing values and recording results all cost CPU that a
hostile submission can try to inflate; none of it may hold up pages. So the web process only starts,
watches and restarts one ``flask grading worker --slot N`` child per slot in ``GRADING_SLOTS``; the
children poll the database queue exactly as external workers do.

One supervisor per instance folder: it holds ``<instance>/grading-supervisor.lock``, so several
gunicorn workers (or a second ``flask run`` on the same instance) do not start more workers than slots.
A child stops by itself when the process that started it is gone.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)

#: Seconds between checks of the children, and the longest wait before restarting one that died.
POLL_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
_started: set[str] = set()
_started_lock = threading.Lock()


def start_supervisor(app: Flask) -> None:
    """Start this process's supervisor thread once per instance folder (it waits for the lock)."""
    with _started_lock:
        if app.instance_path in _started:
            return
        _started.add(app.instance_path)
    supervisor = Supervisor(app)
    threading.Thread(target=supervisor.run, name="grading-supervisor", daemon=True).start()
    atexit.register(supervisor.stop)


def worker_environment(app: Flask) -> dict[str, str]:
    """The children's environment: ours, plus whatever this app was configured with in code."""
    config = app.config
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p),
            "MAHARAT_INSTANCE": app.instance_path,
            "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": config["SECRET_KEY"],
            "SANDBOX_PYTHON": config["SANDBOX_PYTHON"],
            "SANDBOX_CGROUP": config["SANDBOX_CGROUP"],
            "GRADING_QUEUE": "external",  # a child grades; it never supervises
            "GRADING_LEASE_SECONDS": str(config["GRADING_LEASE_SECONDS"]),
            "GRADING_MAX_TRIES": str(config["GRADING_MAX_TRIES"]),
            "COURSES_DIR": str(config["COURSES_DIR"]),
        }
    )
    return env


class Supervisor:
    """Keep one grading worker process alive per slot while this process holds the instance's lock."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.slots: list[int] = list(app.config["GRADING_SLOTS"])
        self.children: dict[int, subprocess.Popen] = {}
        self.failures: dict[int, int] = {}
        self.next_start: dict[int, float] = {}
        self.started_at: dict[int, float] = {}
        self.stopping = threading.Event()
        self.lock_fd: int | None = None

    def command(self, slot: int) -> list[str]:
        return [
            sys.executable, "-m", "flask", "--app", "lms:create_app",
            "grading", "worker", "--slot", str(slot), "--parent", str(os.getpid()),
        ]  # fmt: skip

    def run(self) -> None:
        """Wait for the lock, then start the children and restart any that dies, until stopped."""
        try:
            while not self.stopping.is_set() and not self._lock():
                self.stopping.wait(5)
            if self.stopping.is_set():
                return
            log.info("grading: supervising %d worker process(es), slots %s", len(self.slots), self.slots)
            while not self.stopping.is_set():
                self._tend()
                self.stopping.wait(POLL_SECONDS)
        except Exception:  # never take the web process down; say why grading stopped
            log.exception("grading supervisor stopped")

    def _lock(self) -> bool:
        path = Path(self.app.instance_path) / "grading-supervisor.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self.lock_fd = fd
        return True

    def _tend(self) -> None:
        now = time.monotonic()
        for slot in self.slots:
            child = self.children.get(slot)
            if child is not None and child.poll() is None:
                continue
            if child is not None:
                if now - self.started_at.get(slot, now) > 60:
                    self.failures[slot] = 0  # it worked for a while: not a crash loop
                self.failures[slot] = self.failures.get(slot, 0) + 1
                delay = min(MAX_BACKOFF_SECONDS, 2.0 ** self.failures[slot])
                log.error(
                    "grading worker for slot %s exited (%s); restarting in %.0f s",
                    slot,
                    child.returncode,
                    delay,
                )
                self.next_start[slot] = now + delay
                del self.children[slot]
            if now < self.next_start.get(slot, 0):
                continue
            self.children[slot] = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                self.command(slot), env=worker_environment(self.app), stdin=subprocess.DEVNULL
            )
            self.started_at[slot] = now

    def stop(self) -> None:
        """End the children (SIGTERM, then SIGKILL) and give the lock up."""
        self.stopping.set()
        children = list(self.children.values())
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                child.terminate()
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self.children.clear()
        if self.lock_fd is not None:
            os.close(self.lock_fd)
            self.lock_fd = None
