"""Private PostgreSQL and Redis servers for the tests, started on loopback from Debian's packages.

Each pytest process (each xdist worker) starts its own throw-away server in a temporary folder, so
tests never touch a developer's databases and need no configuration; the benchmarks use them too. ``make test`` sets
``MAHARAT_REQUIRE_SERVICES=1``: there a missing server is an error, not a skip, so CI cannot pass
green without having run the PostgreSQL and queue tests.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Seconds a server may take to start or stop on a loaded two-core machine.
DEADLINE = 240


class ServiceUnavailable(RuntimeError):
    """The server could not be started here (package missing, no permission…)."""


def services_required() -> bool:
    return os.environ.get("MAHARAT_REQUIRE_SERVICES") == "1"


@contextmanager
def for_tests(server) -> Iterator[str]:
    """Start ``server()`` for a fixture: fail loudly where required (make test, CI), skip elsewhere."""
    try:
        context = server()
        url = context.__enter__()
    except ServiceUnavailable as error:
        if services_required():
            pytest.fail(f"{error} (MAHARAT_REQUIRE_SERVICES=1)", pytrace=False)
        pytest.skip(str(error))
    try:
        yield url
    finally:
        context.__exit__(None, None, None)


def unavailable(reason: str):
    raise ServiceUnavailable(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a PostgreSQL cluster with trust auth on a free loopback port; yield its base URL."""
    bindir = _postgres_bin()
    if bindir is None:
        unavailable("PostgreSQL server binaries not found (Debian package postgresql)")
    # initdb refuses to run as root: run the server as the package's postgres user then.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="maharat-pg-"))
    data = folder / "data"
    if as_user:
        shutil.chown(folder, "postgres")
    port = free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=DEADLINE)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    except (subprocess.CalledProcessError, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        unavailable(f"could not start PostgreSQL: {error} {detail.decode(errors='replace')[-500:]}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=DEADLINE,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[str]:
    """Start a Redis server without persistence on a free loopback port; yield its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server not found (Debian package redis-server)")
    folder = Path(tempfile.mkdtemp(prefix="maharat-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    unavailable("redis-server did not start")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(process)
        shutil.rmtree(folder, ignore_errors=True)


def stop_process(process: subprocess.Popen) -> None:
    """Terminate and always reap (kill if it will not stop): an unreaped Popen warns in a later test."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
    process.wait()
