"""Configuration: safe single-machine defaults, overridden by environment variables.

A school server runs with nothing set (SQLite under ``instance/``); a national deployment sets
``DATABASE_URL``, ``REDIS_URL`` and ``SECRET_KEY`` and runs the very same code.
"""

from __future__ import annotations

import os
from pathlib import Path

from lms import languages

#: The development key. Refused in production (see :func:`check_production_config`).
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105


class ConfigError(RuntimeError):
    """The configuration cannot be used safely; the message says what to set."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def base_dir() -> Path:
    """The checkout beside the package, or the current folder for an installed wheel."""
    checkout = Path(__file__).resolve().parent.parent
    return checkout if (checkout / "setup.cfg").is_file() else Path.cwd()


def engine_options(url: str) -> dict:
    """Connection pool settings per engine (docs/performance.md, "PostgreSQL").

    On SQLite a liveness check is a function call. On PostgreSQL it is a round trip before every
    request's first query (with the BEGIN it implies), a tenth of a learner page's time: the pool
    instead keeps enough connections for every thread, replaces them after half an hour, and a
    connection found dead (a restarted server) invalidates the pool, so only the request that met it
    fails. ``MAHARAT_DB_PRE_PING=1`` turns the check back on.
    """
    if url.startswith("sqlite"):
        return {"pool_pre_ping": True}
    return {
        "pool_pre_ping": os.environ.get("MAHARAT_DB_PRE_PING", "") == "1",
        "pool_size": int(os.environ.get("MAHARAT_DB_POOL_SIZE", "8")),
        "max_overflow": 8,
        "pool_recycle": 1800,
    }


def default_config(instance_path: str) -> dict:
    """Return the configuration for this process, from defaults and the environment."""
    instance = Path(instance_path)
    production = os.environ.get("MAHARAT_ENV", "development") == "production"
    redis_url = os.environ.get("REDIS_URL") or None
    return {
        "ENV_NAME": os.environ.get("MAHARAT_ENV", "development"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance / 'maharat.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(os.environ.get("DATABASE_URL") or "sqlite://"),
        "REDIS_URL": redis_url,
        #: The public address of the site: every link in mails, QR codes and signed credentials is built
        #: from it (lms/core/urls.py), never from a request's Host. Unset in development: make run's address.
        "PUBLIC_URL": os.environ.get("MAHARAT_PUBLIC_URL") or None,
        # Sessions are signed cookies so that any web node can serve any request.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Production is served over HTTPS: cookies never travel in clear unless explicitly allowed.
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 14,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        #: How many reverse proxies (nginx, a load balancer) stand in front and set X-Forwarded-For and
        #: X-Forwarded-Proto. 0 trusts no such header: a client could forge them to dodge rate limits.
        "TRUSTED_PROXIES": int(os.environ.get("MAHARAT_TRUSTED_PROXIES", "0")),
        "WTF_CSRF_TIME_LIMIT": 60 * 60 * 8,
        # i18n: French is the programmes' working language.
        "LANGUAGES": languages.CODES,
        "BABEL_DEFAULT_LOCALE": languages.DEFAULT,
        "BABEL_DEFAULT_TIMEZONE": "Africa/Casablanca",
        # Rate limits: memory for one process, Redis when several nodes must share counters.
        # Without Redis, counters live in a SQLite file shared by every process of this machine
        # (lms/core/ratelimit_storage.py): gunicorn's workers do not each get their own allowance.
        "RATELIMIT_STORAGE_URI": redis_url or f"maharat+sqlite:///{instance / 'ratelimits.sqlite3'}",
        # With Redis away, limits fall back to this process's memory instead of failing requests.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": bool(redis_url),
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1} if redis_url else {},
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "REGISTER_RATE_LIMIT": os.environ.get("REGISTER_RATE_LIMIT", "10 per hour"),
        "RESET_RATE_LIMIT": os.environ.get("RESET_RATE_LIMIT", "5 per hour"),
        "PASSWORD_RESET_MAX_AGE": 60 * 60,
        #: Downloads of personal data (class CSVs, reports, certificate archives, one's own data).
        "EXPORT_RATE_LIMIT": os.environ.get("EXPORT_RATE_LIMIT", "30 per hour"),
        #: classes one teacher may own in one school year (lms/classes/operations.py)
        "CLASSES_PER_TEACHER": int(os.environ.get("CLASSES_PER_TEACHER", "40")),
        #: changes of one's own Massar code (a refused code tells that it is taken): per account
        "MASSAR_RATE_LIMIT": os.environ.get("MASSAR_RATE_LIMIT", "5 per hour"),
        #: A teacher's roster checks and additions by email or Massar code, per account: each answer says
        #: whether a pupil of their school exists, so probing is bounded.
        "ROSTER_RATE_LIMIT": os.environ.get("ROSTER_RATE_LIMIT", "60 per hour"),
        #: Sign-in back-off per account (lms/auth/lockout.py): after this many failures, 1 min, 2, 4…
        "LOCKOUT_THRESHOLD": int(os.environ.get("LOCKOUT_THRESHOLD", "5")),
        "LOCKOUT_MAX_SECONDS": int(os.environ.get("LOCKOUT_MAX_SECONDS", str(15 * 60))),
        # Mail: without a server, messages (such as reset links) are written to the log.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", True),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "Maharat <no-reply@maharat.local>"),
        #: thread (a sender thread in each web process) | external (`flask mail deliver --loop`)
        "MAIL_DELIVERY": os.environ.get("MAIL_DELIVERY", "thread"),
        "MAIL_POLL_SECONDS": float(os.environ.get("MAIL_POLL_SECONDS", "2")),
        "MAIL_MAX_TRIES": int(os.environ.get("MAIL_MAX_TRIES", "5")),
        # Grading of code exercises (docs/sandbox.md): no sandbox, no grading.
        "SANDBOX_PYTHON": os.environ.get("SANDBOX_PYTHON", str(base_dir() / ".venv-sandbox/bin/python")),
        #: auto (a cgroup caps each run where the machine allows, else a logged degraded mode) |
        #: require (refuse to grade without one) | off.
        "SANDBOX_CGROUP": os.environ.get("SANDBOX_CGROUP", "auto"),
        #: process (worker processes the app starts and watches; the default without Redis) | rq (RQ
        #: workers on Redis; the default when REDIS_URL is set) | external (``grading worker`` processes
        #: started by the admin) | thread (threads in the web process) | inline (tests).
        "GRADING_QUEUE": os.environ.get("GRADING_QUEUE") or ("rq" if redis_url else "process"),
        #: Seconds between the RQ workers' sweeps for attempts whose job was lost (Redis restarted,
        #: worker killed mid-run); the database stays the record of what must be graded.
        "GRADING_SWEEP_SECONDS": int(os.environ.get("GRADING_SWEEP_SECONDS", "30")),
        "GRADING_SLOTS": [int(s) for s in os.environ.get("GRADING_SLOTS", "0,1").split(",") if s.strip()],
        "GRADING_LEASE_SECONDS": int(os.environ.get("GRADING_LEASE_SECONDS", "120")),
        "GRADING_MAX_TRIES": int(os.environ.get("GRADING_MAX_TRIES", "3")),
        "SUBMIT_RATE_LIMIT": os.environ.get("SUBMIT_RATE_LIMIT", "10 per minute"),
        "RUN_RATE_LIMIT": os.environ.get("RUN_RATE_LIMIT", "20 per minute;300 per hour"),
        "COURSES_DIR": os.environ.get("COURSES_DIR", str(base_dir() / "courses")),
    }


def check_production_config(config: dict) -> None:
    """Refuse to run a production process with settings that are only safe on a laptop."""
    if config.get("ENV_NAME") != "production":
        return
    if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise ConfigError(
            "MAHARAT_ENV=production needs a SECRET_KEY of its own: set the SECRET_KEY environment "
            "variable to a long random value (e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if len(config["SECRET_KEY"]) < 32:
        raise ConfigError("SECRET_KEY is too short for production: use at least 32 random characters.")
    if not config.get("PUBLIC_URL"):
        raise ConfigError(
            "MAHARAT_ENV=production needs MAHARAT_PUBLIC_URL (e.g. https://maharat.ma): certificates are "
            "signed with it, and it must not come from a request's Host header."
        )
