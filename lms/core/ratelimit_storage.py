"""Rate-limit counters shared by every process of one machine, without Redis: a small SQLite file.

Flask-Limiter's default ``memory://`` storage keeps counters inside each process, so with gunicorn's
N workers an address got N times ``LOGIN_RATE_LIMIT`` (issue 16, finding 6). The ``limits`` library
ships storages for Redis, Memcached and MongoDB only, none of which a school server runs, so this
one keeps the fixed-window counters in ``<instance>/ratelimits.sqlite3`` (WAL, one short write
transaction per hit). It is the default without ``REDIS_URL``; with ``REDIS_URL`` Redis is used, shared
by every machine. URI: ``maharat+sqlite:///absolute/path/to/file.sqlite3``.
"""

from __future__ import annotations

import sqlite3
import threading
import time

from limits.storage import Storage

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expiry REAL NOT NULL)"
)


class SQLiteStorage(Storage):
    """Fixed-window counters in one SQLite file; safe across threads and processes."""

    STORAGE_SCHEME = ["maharat+sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: object) -> None:
        self.path = uri.split("://", 1)[1]
        self._local = threading.local()
        self._hits = 0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        with self._connection() as connection:
            connection.execute(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=True)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=10000")
            self._local.connection = connection
        return connection

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Add ``amount`` to the counter, starting a new window of ``expiry`` seconds if it had ended."""
        now = time.time()
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("DELETE FROM counters WHERE key = ? AND expiry <= ?", (key, now))
            (value,) = connection.execute(
                "INSERT INTO counters (key, value, expiry) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value RETURNING value",
                (key, amount, now + expiry),
            ).fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        self._hits += 1
        if self._hits % 1000 == 0:
            self.prune()
        return int(value)

    def get(self, key: str) -> int:
        row = (
            self._connection()
            .execute("SELECT value FROM counters WHERE key = ? AND expiry > ?", (key, time.time()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expiry FROM counters WHERE key = ?", (key,)).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        connection = self._connection()
        (count,) = connection.execute("SELECT count(*) FROM counters").fetchone()
        connection.execute("DELETE FROM counters")
        return int(count)

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))

    def prune(self) -> None:
        """Delete the counters whose window has ended (called now and then; they are ignored anyway)."""
        self._connection().execute("DELETE FROM counters WHERE expiry <= ?", (time.time(),))
