"""Finding 6 of issue 16: without Redis, rate limits are shared by every gunicorn worker of a machine.

Each worker used to count in its own memory, so with N workers an address got N times the limit. The
default storage is now a SQLite file in the instance folder (lms/core/ratelimit_storage.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lms.core.ratelimit_storage import SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_storage_without_redis_is_the_shared_file(app, monkeypatch):
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("maharat+sqlite:///")
    assert app.config["RATELIMIT_STORAGE_URI"].endswith("/ratelimits.sqlite3")


_WORKER = """
import json, sys
from pathlib import Path
from lms import create_app
from tests.conftest import _test_config
config = {**_test_config(Path(sys.argv[1])), "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "4 per hour"}
client = create_app(config).test_client()
statuses = [
    client.post("/auth/login", data={"email": "x@example.ma", "password": "wrong one"}).status_code
    for _ in range(3)
]
print(json.dumps(statuses))
"""


def test_two_worker_processes_share_one_allowance(migrated_database, tmp_path):
    """Two processes on one instance folder stand for two gunicorn workers: the limit holds across both."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAHARAT_INSTANCE": str(tmp_path / "instance")}
    env.pop("REDIS_URL", None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _WORKER, str(database)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert runs == [[200, 200, 200], [200, 429, 429]]


def test_counting_from_several_processes_loses_no_hit(tmp_path):
    uri = f"maharat+sqlite:///{tmp_path / 'limits.sqlite3'}"
    script = (
        "import sys; from lms.core.ratelimit_storage import SQLiteStorage\n"
        "s = SQLiteStorage(sys.argv[1])\n"
        "for _ in range(100): s.incr('k', 3600)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen([sys.executable, "-c", script, uri], env=env) for _ in range(3)]
    for process in processes:
        assert process.wait(timeout=120) == 0
    storage = SQLiteStorage(uri)
    assert storage.get("k") == 300


def test_a_window_ends_and_counting_starts_again(tmp_path):
    storage = SQLiteStorage(f"maharat+sqlite:///{tmp_path / 'limits.sqlite3'}")
    assert storage.incr("a", 3600) == 1 and storage.incr("a", 3600) == 2
    assert storage.incr("b", -1) == 1  # a window that has already ended
    assert storage.get("b") == 0 and storage.incr("b", 3600) == 1
    storage.clear("a")
    assert storage.get("a") == 0 and storage.check()
    assert storage.reset() == 1
