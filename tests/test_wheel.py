"""The wheel serves the app outside a checkout: migrations, templates, static files and translations inside.

Built from a copy of the repository (the checkout stays clean), installed into a fresh virtualenv that
borrows the shared virtualenv's dependencies (offline, and fast), then run in an empty folder with no
path back to the checkout: ``flask --app lms db upgrade``, then ``flask --app lms run``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Generous: a loaded two-core machine builds, installs and starts slowly; a healthy one is much faster.
DEADLINE = 180


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, **options)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compile the catalogues, then build the wheel from a copy of the sources (no network, no isolation)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "lms", source / "lms", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "compile",
            "-d",
            "lms/translations",
            "-D",
            "messages",
        ],
        cwd=source,
    )
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    run([*command, "--wheel-dir", str(dist), str(source)], cwd=source)
    (built,) = dist.glob("maharat-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; the shared virtualenv lends its other packages.

    The ``.pth`` line adds the shared ``site-packages`` as a plain path: its own ``.pth`` files (the
    editable install that points at a checkout) are not run, so ``lms`` can only come from the wheel.
    """
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", "--clear", str(venv)])
    python = venv / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    ).stdout.strip()
    Path(purelib, "shared-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    # The shared site-packages also lends the example exercise type's metadata (its entry point), but
    # not its editable import path: install it here too, as a school server would install a plugin.
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            str(ROOT / "plugins" / "maharat-example-type"),
        ]
    )
    return python


def _check_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "lms/templates/base.html",
        "lms/static/css/app.css",
        "lms/static/certificates/contexts/index.json",
        "lms/migrations/env.py",
        "lms/migrations/alembic.ini",
        "lms/migrations/versions/0001_foundation.py",
        "lms/translations/ar/LC_MESSAGES/messages.mo",
        "lms/translations/fr/LC_MESSAGES/messages.mo",
        "lms/translations/en/LC_MESSAGES/messages.mo",
    ):
        assert expected in names, expected
    assert not any(name.startswith(("tests/", "courses/", "bench/")) for name in names)


def _child_environment() -> dict[str, str]:
    """This process's environment without anything that would lead back to the checkout or its settings."""
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("MAHARAT_", "PYTEST_"))}
    for key in ("PYTHONPATH", "DATABASE_URL", "REDIS_URL", "COURSES_DIR", "SANDBOX_PYTHON", "GRADING_QUEUE"):
        keep.pop(key, None)
    keep["PYTHONDONTWRITEBYTECODE"] = "1"
    return keep


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback http only)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def server(installed: Path, tmp_path: Path) -> Iterator[str]:
    """``flask --app lms run`` from the wheel in an empty folder; always stopped and waited for."""
    folder = tmp_path / "school"
    folder.mkdir()
    environment = _child_environment()
    upgrade = run(
        [str(installed), "-m", "flask", "--app", "lms", "db", "upgrade"], cwd=folder, env=environment
    )
    assert "Running upgrade" in upgrade.stderr
    assert (folder / "instance" / "maharat.sqlite3").is_file()  # the instance folder is where it runs

    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [str(installed), "-m", "flask", "--app", "lms", "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                _get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_the_installed_wheel_migrates_and_serves_from_an_empty_folder(wheel, installed, server):
    """One test, so xdist never builds the wheel twice (a module fixture is per worker)."""
    _check_contents(wheel)
    where = run([str(installed), "-c", "import lms; print(lms.__file__)"], env=_child_environment(), cwd="/")
    assert not Path(where.stdout.strip()).is_relative_to(ROOT), "lms was imported from the checkout"

    status, _, body = _get(f"{server}/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"

    status, _, page = _get(f"{server}/auth/login", **{"Accept-Language": "ar"})
    assert status == 200
    assert 'dir="rtl"' in page and "تسجيل الدخول" in page  # a template, translated into Arabic

    status, _, page = _get(f"{server}/auth/login", **{"Accept-Language": "fr"})
    assert status == 200 and "Se connecter" in page

    status, headers, css = _get(f"{server}/static/css/app.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and "font-family" in css
