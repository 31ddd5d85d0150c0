"""Browser journeys: the real app served on a free loopback port, driven by Debian's headless Chromium.

Each xdist worker starts its own server on its own temporary instance (database migrated, demo loaded,
shipped courses synced). Screenshots of failing tests are saved under ``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.server import serve

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _flask(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )


#: the live server's instance folder (its database), for tests that also use the CLI on it
LIVE: dict[str, Path] = {}


@pytest.fixture(scope="session")
def live_env(tmp_path_factory) -> dict:
    """The environment of this worker's server: its own instance, migrated, with the demo and two courses.

    Tests that need more than the demo run ``flask`` or ``python`` with it (see :func:`run_in_app`).
    """
    instance = tmp_path_factory.mktemp("browser-instance")
    LIVE["instance"] = instance
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # this checkout's code, wherever the shared virtualenv points
        "BROWSER_PORT": str(port),
        # Links in mails and certificates (made outside requests too) point at this server.
        "MAHARAT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MAHARAT_INSTANCE": str(instance),
        "SECRET_KEY": "browser-tests-secret",
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "REGISTER_RATE_LIMIT": "1000 per minute",
        "SUBMIT_RATE_LIMIT": "1000 per minute",
        # Sandbox slot 2 or 3 (the grading tests use 0 and 1), one per xdist worker.
        "GRADING_QUEUE": "thread",
        "GRADING_SLOTS": str(2 + worker % 2),
    }
    env.pop("DATABASE_URL", None)
    _flask(env, "db", "upgrade")
    _flask(env, "demo", "load")
    for slug in ("sic-python-fundamentals", "digischool-emerging-tech-for-teachers"):
        _flask(env, "courses", "sync", slug)
    return env


def run_in_app(env: dict, module: str) -> str:
    """Run ``python -m module`` against the live server's instance and return what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", module], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture(scope="session")
def live_server(live_env) -> Iterator[str]:
    """``flask run`` on the port chosen with the environment (tests/live/server.py waits and reaps)."""
    instance = Path(live_env["MAHARAT_INSTANCE"])
    with serve("flask", live_env, instance / "server.log", port=int(live_env["BROWSER_PORT"])) as server:
        yield server.url


@pytest.fixture(scope="session")
def live_instance(live_server) -> Path:
    """The instance folder of the live server (its SQLite database lives there)."""
    return LIVE["instance"]


@pytest.fixture(scope="session")
def world(live_env, live_server) -> dict:
    """Accounts of every role, a class, a pupil's progress and a certificate (see tests/browser/world.py)."""
    env = {**live_env, "WORLD_BASE_URL": live_server}
    return json.loads(run_in_app(env, "tests.browser.world").strip().splitlines()[-1])


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make test` (it installs Debian's chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def open_page(browser, live_server, world, request):
    """Open pages as the world's accounts: ``open_page(role, language)``; screenshots if the test fails."""
    pages = []

    def _open(role: str, language: str, **options):
        page = open_as(browser, live_server, world, role, language, **options)
        pages.append(page)
        return page

    yield _open
    failed = getattr(request.node, "rep_call", None)
    for number, page in enumerate(pages):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True)
        page.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page, email: str, password: str) -> None:
    page.goto("/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form:not(.language-switcher) button[type=submit]")


def open_as(browser, live_server, world: dict, role: str, language: str, **options):
    """A page signed in as the world's account for ``role`` (or a visitor), in ``language``.

    ``options`` go to the browser context (``java_script_enabled=False``, another ``viewport``…).
    """
    options = {"locale": "fr-FR", "viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(base_url=live_server, **options)
    page = context.new_page()
    page.set_default_timeout(60_000)
    if role != "visitor":
        email = world["pupil" if role == "pupil" else role]
        sign_in(page, email, world["password"])
    page.goto("/auth/login" if role == "visitor" else "/")
    page.click(f".language-switcher button[value={language}]")
    return page
