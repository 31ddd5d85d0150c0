"""The app as users meet it: a real server process (gunicorn or ``flask run``) on a free loopback port.

Flask's test client runs a view and its response iterator inside the same contexts, so a streamed
download that reads objects after the request ended works there and breaks on a real server. Every
route that returns a file or a stream, every page reached from a mail or a QR code, and every URL built
outside a request is therefore also exercised here (docs/testing.md).

Rules kept by this module: the child gets ``PYTHONPATH`` = this checkout (so a worktree tests its own
code), its own instance folder; every wait is on a condition with a generous deadline (a loaded 2-core
machine), and every process is terminated *and waited for*, its log file closed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.services import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
#: Seconds a child may take to start or to run a command on a loaded machine.
DEADLINE = 240


def child_env(instance: Path, **extra: str) -> dict[str, str]:
    """The environment of a server or command of the live layer: this checkout, its own instance."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MAHARAT_INSTANCE": str(instance),
        "SECRET_KEY": "live-tests-secret-key-live-tests-secret",
        "LOGIN_RATE_LIMIT": "10000 per minute",
        "RESET_RATE_LIMIT": "10000 per minute",
        "EXPORT_RATE_LIMIT": "10000 per minute",
        "CERTIFICATE_VERIFY_RATE_LIMIT": "10000 per minute",
        # No embedded grading pool: the sandbox slots belong to the grading tests.
        "GRADING_QUEUE": "external",
        "PYTHONWARNINGS": "ignore",
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


def run(env: dict[str, str], *args: str) -> str:
    """Run ``python *args`` with ``env`` to completion; return what it printed (fail with its output)."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def flask(env: dict[str, str], *args: str) -> str:
    return run(env, "-m", "flask", "--app", "wsgi", *args)


@dataclass
class LiveServer:
    kind: str
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def command(kind: str, port: int) -> list[str]:
    if kind == "gunicorn":
        return [
            sys.executable,
            "-m",
            "gunicorn",
            # the deployed settings (gthread workers and threads, gc.freeze), on this test's port:
            # a stream a client is slow to read holds one thread, not a whole worker
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "300",
            "wsgi:app",
        ]
    return [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--host", "127.0.0.1", "--port", str(port)]


def wait_until_healthy(url: str, process: subprocess.Popen, deadline: float) -> None:
    """Poll ``/healthz`` until it answers 200, the process dies, or the deadline passes."""
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer /healthz within {DEADLINE} s")
        time.sleep(0.25)


@contextmanager
def serve(kind: str, env: dict[str, str], log: Path, port: int | None = None) -> Iterator[LiveServer]:
    """Start the app under ``kind`` (``gunicorn`` or ``flask``) and yield it once healthy."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(
            command(kind, port), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            try:
                wait_until_healthy(url, process, time.monotonic() + DEADLINE)
            except RuntimeError as error:
                raise RuntimeError(f"{kind}: {error}\n{log.read_text(errors='replace')[-3000:]}") from None
            yield LiveServer(kind, url, log)
        finally:
            stop_process(process)
