"""Finding 5 of issue 16: slow clients must not stall the platform as docs/deploy.md runs it.

The shipped deploy/nginx.conf is started in front of gunicorn (the deploy's gthread command, with a
single worker of two threads so that two slow clients would already be enough to stall it). Twenty
sockets then trickle a request to nginx, one header line every two seconds, and /healthz must answer
through nginx while every one of them is still connected. No timing is asserted: only that the
answer came while the slow clients were there.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLOW_CLIENTS = 20
DEADLINE = 120

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("nginx") is None, reason="nginx is installed by tools/install-system-deps.sh"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {DEADLINE} s")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MAHARAT_INSTANCE": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'maharat.sqlite3'}",
        "GRADING_QUEUE": "external",
    }
    env.pop("REDIS_URL", None)
    command = [sys.executable, "-m", "gunicorn", "wsgi:app", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", "2", "--worker-class", "gthread", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_for_port(port, process, "gunicorn")
        yield port
    finally:
        _stop(process)


def nginx_config(site: str, listen: int, upstream: int, folder: Path) -> str:
    """Wrap the shipped site file in a main context that runs unprivileged files under ``folder``."""
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    site, count = re.subn(r"^\s*listen 80;", f"    listen 127.0.0.1:{listen};", site, flags=re.MULTILINE)
    assert count == 1, "deploy/nginx.conf must keep its 'listen 80;' line"
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
{temp}
{site}
}}
"""


@pytest.fixture
def nginx(gunicorn: int, tmp_path: Path) -> Iterator[int]:
    folder = tmp_path / "nginx"
    folder.mkdir()
    folder.chmod(0o777)  # nginx's workers may run as another user when the suite runs as root
    port = _free_port()
    config = folder / "nginx.conf"
    config.write_text(nginx_config((ROOT / "deploy" / "nginx.conf").read_text(), port, gunicorn, folder))
    check = subprocess.run(
        ["nginx", "-t", "-p", str(folder), "-c", str(config)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(config)])
    try:
        _wait_for_port(port, process, "nginx")
        yield port
    finally:
        _stop(process)


class SlowClients:
    """Sockets that each send a request one header line at a time, every ``interval`` seconds."""

    def __init__(self, port: int, count: int, interval: float = 2.0) -> None:
        self.sockets = [socket.create_connection(("127.0.0.1", port), timeout=DEADLINE) for _ in range(count)]
        for s in self.sockets:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: maharat.test\r\n")
        self.stop = threading.Event()
        self.interval = interval
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self) -> None:
        n = 0
        while not self.stop.wait(self.interval):
            n += 1
            for s in self.sockets:
                with contextlib.suppress(OSError):  # closed by the server: all_connected() reports it
                    s.sendall(f"X-Slow-{n}: still here\r\n".encode())

    def all_connected(self) -> bool:
        """True while the server has neither answered nor closed any of them."""
        for s in self.sockets:
            s.setblocking(False)
            try:
                if s.recv(1, socket.MSG_PEEK) is not None:
                    return False  # data (a 408) or b"" (closed)
            except BlockingIOError:
                pass
            finally:
                s.setblocking(True)
        return True

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=DEADLINE)
        for s in self.sockets:
            s.close()


def test_health_check_answers_through_nginx_while_slow_clients_hold_connections(nginx):
    slow = SlowClients(nginx, SLOW_CLIENTS)
    try:
        assert slow.all_connected()
        with urllib.request.urlopen(f"http://127.0.0.1:{nginx}/healthz", timeout=DEADLINE) as response:
            body = response.read()
            status = response.status
        assert status == 200 and b'"status":"ok"' in body.replace(b" ", b"")
        assert slow.all_connected(), "the answer came while every slow client was still connected"
    finally:
        slow.close()


def test_the_shipped_config_passes_the_client_address_for_audit_and_limits(tmp_path):
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site, "overwritten, never appended to"
    assert "proxy_request_buffering on;" in site and "proxy_buffering on;" in site
    assert "client_max_body_size 8m;" in site
