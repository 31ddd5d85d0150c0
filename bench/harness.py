"""Serve an app under gunicorn on a loopback port and drive it from a separate process.

Figures on a noisy 2-core machine only mean something next to a baseline measured the same way in the
same run, so every table prints each page's ratio to a minimal Flask "hello" app. The load client is
bounded in requests and in time, and talks only to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    app: str, env: dict[str, str], workers: int = 2, threads: int = 4, config: str | None = None
) -> Iterator[tuple[str, int]]:
    """Run ``gunicorn app`` on a free loopback port (with a config file's hooks, if given); yield
    (base URL, pid). The command line's workers and threads win over the file's."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
        *(["--config", config] if config else []),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    try:
        _wait(port, process)
        yield f"http://127.0.0.1:{port}", process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in time")


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (gunicorn's master and workers), in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(match.group(1)) if match else 0
    return total


@dataclass
class Scenario:
    """One page to measure: ``method path`` with an optional form body and a session cookie."""

    name: str
    path: str
    method: str = "GET"
    #: Builds the form body for each request (e.g. quiz answers with a fresh CSRF token); None for GET.
    body: object = None
    cookies: list[str] = field(default_factory=list)
    expect: tuple[int, ...] = (200,)


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    peak_rss_kib: int = 0
    #: Percentiles measured by the load generator itself (wrk), when it keeps no list of latencies.
    p50_ms: float | None = None
    p99_ms: float | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        measured = {50: self.p50_ms, 99: self.p99_ms}.get(p)
        if measured is not None:
            return measured
        if not self.latencies_ms:
            return float("nan")
        data = sorted(self.latencies_ms)
        return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))]


def _client(
    base: str, scenario: Scenario, seconds: float, max_requests: int, connections: int, queue
) -> None:
    """Runs in its own process: keep-alive connections hammering one scenario, bounded in time and count."""
    host = urllib.parse.urlsplit(base)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(max_requests))

    def loop(cookie: str) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        headers = {"Cookie": cookie, "Accept-Language": "fr"} if cookie else {"Accept-Language": "fr"}
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            body = scenario.body(cookie) if callable(scenario.body) else None
            send = dict(headers)
            if body is not None:
                send["Content-Type"] = "application/x-www-form-urlencoded"
            started = time.perf_counter()
            try:
                connection.request(scenario.method, scenario.path, body=body, headers=send)
                response = connection.getresponse()
                response.read()
                ok = response.status in scenario.expect
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors += 1
        connection.close()

    cookies = scenario.cookies or [""]
    threads = [threading.Thread(target=loop, args=(cookies[i % len(cookies)],)) for i in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put((len(latencies), errors, time.monotonic() - started, latencies))


def drive(
    base: str,
    server_pid: int,
    scenario: Scenario,
    seconds: float = 5.0,
    max_requests: int = 20_000,
    connections: int = 8,
) -> Result:
    """Measure one scenario from a separate process; sample the server's memory meanwhile."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(
        target=_client, args=(base, scenario, seconds, max_requests, connections, queue)
    )
    process.start()
    peak = 0
    outcome = None
    # Read the result while the client runs: a long list of latencies does not fit in the pipe, and the
    # client cannot exit before it is read (joining first would wait forever).
    while outcome is None:
        peak = max(peak, rss_kib(server_pid))
        try:
            outcome = queue.get(timeout=0.2)
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"the load client for {scenario.name!r} died") from None
    process.join()
    count, errors, elapsed, latencies = outcome
    return Result(scenario.name, count, errors, elapsed, latencies, peak)


WRK_SCRIPT = """
local requests = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return requests[(counter %% #requests) + 1]
end
init = function(args)
  local built = {}
  for i, r in ipairs(requests) do
    built[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
  requests = built
  counter = math.random(#requests)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000))
end
"""


def _lua(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def drive_wrk(
    base: str,
    server_pid: int,
    scenario: Scenario,
    seconds: float = 5.0,
    connections: int = 16,
    threads: int = 2,
) -> Result:
    """Measure one scenario with wrk (Debian's package): keep-alive connections, each request in turn
    with the next session cookie (and its form body); the server's memory is sampled meanwhile.

    Every cookie is tried once first with Python's client: a page that answers with something other
    than what the scenario expects (a redirect to the sign-in, a refused form) is an error, not a figure.
    """
    import shutil
    import tempfile

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run tools/install-system-deps.sh (apt-get install wrk)")
    host = urllib.parse.urlsplit(base)
    entries = []
    for cookie in scenario.cookies or [""]:
        headers = {"Accept-Language": "fr"}
        if cookie:
            headers["Cookie"] = cookie
        body = scenario.body(cookie) if callable(scenario.body) else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        connection.request(scenario.method, scenario.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status not in scenario.expect:
            raise RuntimeError(
                f"{scenario.name}: {scenario.method} {scenario.path} answered {response.status}"
            )
        lua_headers = "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in headers.items()) + "}"
        entries.append(
            f"{{{_lua(scenario.method)}, {_lua(scenario.path)}, {lua_headers}, "
            f"{_lua(body) if body is not None else 'nil'}}}"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(entries))
    try:
        command = [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds:g}s",
            "--timeout",
            "30s",
        ]
        process = subprocess.Popen(
            [*command, "-s", script.name, base], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, rss_kib(server_pid))
            time.sleep(0.2)
        out, err = process.communicate()
    finally:
        os.unlink(script.name)
    line = next((x for x in out.splitlines() if x.startswith("WRK ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed for {scenario.name!r}: {err or out}")
    count, duration_us, errors, p50, p99, mean = line.split()[1:]
    del mean
    return Result(
        scenario.name, int(count), int(errors), int(duration_us) / 1e6, [], peak, float(p50), float(p99)
    )


def print_table(results: list[Result], baseline: Result, title: str) -> None:
    print(f"\n{title}")
    header = (
        f"{'page':<28}{'req/s':>9}{'× hello':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'peak RSS MiB':>14}"
    )
    print(header)
    print("-" * len(header))
    for r in [baseline, *results]:
        ratio = r.rps / baseline.rps if baseline.rps else float("nan")
        print(
            f"{r.name:<28}{r.rps:>9.0f}{ratio:>9.2f}{r.percentile(50):>9.1f}{r.percentile(99):>9.1f}"
            f"{r.errors:>8}{r.peak_rss_kib / 1024:>14.0f}"
        )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
