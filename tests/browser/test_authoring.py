"""Authoring in a real browser: an admin builds and publishes a course, a pupil completes it, and the
exported package validates and re-syncs into a fresh database identically."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, sign_in

pytestmark = pytest.mark.browser

SOLUTION = "def double(n):\n    return 2 * n\n"


def _flask(instance: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MAHARAT_INSTANCE": str(instance)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def _add_item(page, kind: str, title: str, slug: str) -> None:
    page.click("text=Add an item to this unit")
    page.select_option("select[name=item-kind]", kind)
    page.fill("input[name=item-title]", title)
    page.fill("input[name=item-slug]", slug)
    page.click("text=Add the item")


def _author_course(page, slug: str) -> None:
    sign_in(page, "admin@demo.maharat.ma", "demo-admin-2030")
    page.click(".language-switcher button[value=en]")
    page.goto("/admin/authoring/")
    page.click("text=Create a course")
    page.fill("input[name=slug]", slug)
    page.fill("input[name=title]", "Doubler des nombres")
    page.fill("textarea[name=summary]", "Un mini-cours écrit dans le navigateur.")
    page.select_option("select[name=programme]", "sic")
    page.select_option("select[name=language]", "fr")
    page.fill("input[name=hours]", "1")
    page.check("input[name=for_students]")
    page.click("text=Create the course")
    expect(page.locator("h1")).to_have_text("Doubler des nombres")

    page.fill("input[name=unit-title]", "Premiers pas")
    page.fill("input[name=unit-slug]", "premiers-pas")
    page.click("text=Add the unit")

    # A lesson, with the live preview rendered by the server
    _add_item(page, "lesson", "Bienvenue", "bienvenue")
    page.fill("textarea[name=body]", "Pour doubler, on **multiplie par deux**.<script>alert(1)</script>")
    expect(page.locator("#preview strong")).to_have_text("multiplie par deux")
    expect(page.locator("#preview script")).to_have_count(0)
    page.click("button[name=save]")
    expect(page.locator(".flash-success")).to_be_visible()
    page.click(f"nav.breadcrumbs a[href='/admin/authoring/{slug}']")

    # A quiz with one single-choice question
    _add_item(page, "quiz", "Quiz : doubler", "quiz-doubler")
    page.fill("input[name=pass_mark]", "100")
    page.click("main form.card button[type=submit] >> text=Save")
    page.select_option("select[name=kind]", "single")
    page.click("text=Add a question")
    page.fill("textarea[name=text]", "Combien vaut le double de 4 ?")
    page.fill("input[name=choices-0-text]", "6")
    page.fill("input[name=choices-1-text]", "8")
    page.check("input[name=choices-1-correct]")
    page.click("text=Save the question")
    expect(page.locator(".authoring-items")).to_contain_text("Combien vaut")
    page.click("text=Preview as a learner")
    expect(page.locator("main")).to_contain_text("Combien vaut le double de 4")
    page.click(f"nav.breadcrumbs a[href='/admin/authoring/{slug}']")

    # A code exercise, validated in the sandbox
    _add_item(page, "python", "Doubler", "doubler")
    page.fill("textarea[name=prompt]", "Écrivez `double(n)`.")
    page.fill("textarea[name=starter]", "def double(n):\n    pass\n")
    page.fill("textarea[name=solution]", SOLUTION)
    page.fill("textarea[name=wrong]", "def double(n):\n    return n + 2\n")
    page.fill("input[name=tests-0-name]", "double de 4")
    page.fill("input[name=tests-0-call]", "double(4)")
    page.fill("input[name=tests-0-expected]", "8")
    # A hidden test names the property it checks, never its input (validation refuses "double de 5").
    page.fill("input[name=tests-1-name]", "un nombre impair")
    page.fill("input[name=tests-1-call]", "double(5)")
    page.fill("input[name=tests-1-expected]", "10")
    page.check("input[name=tests-1-hidden]")
    page.click("main > form.card button[type=submit] >> text=Save")
    expect(page.locator(".flash-success")).to_contain_text("Validate it before publishing")
    page.click("#validation button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("Validated", timeout=120_000)
    page.click(f"nav.breadcrumbs a[href='/admin/authoring/{slug}']")

    # Reorder by drag and drop, then back with the keyboard-accessible buttons
    items = page.locator(".authoring-items > li code")
    expect(items).to_have_text(["bienvenue", "quiz-doubler", "doubler"])
    page.locator("#item-doubler").drag_to(page.locator("#item-bienvenue"))
    expect(items).to_have_text(["doubler", "bienvenue", "quiz-doubler"])
    page.get_by_role("button", name="Move down: Doubler").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Move down: Doubler").click()
    expect(items).to_have_text(["bienvenue", "quiz-doubler", "doubler"])

    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published")
    page.context.clear_cookies()


def _complete_course(page, slug: str) -> None:
    email = f"pupil-{uuid.uuid4().hex[:8]}@example.ma"
    page.goto("/auth/register")
    page.click(".language-switcher button[value=en]")
    page.fill("input[name=display_name]", "Nora")
    page.fill("input[name=email]", email)
    page.select_option("select[name=language]", "en")
    page.fill("input[name=password]", "a-good-password")
    page.fill("input[name=confirm]", "a-good-password")
    page.click("main button[type=submit]")
    page.goto(f"/courses/{slug}")
    page.click("text=Enrol in this course")
    page.goto(f"/courses/{slug}/items/bienvenue")
    expect(page.locator("article.lesson strong")).to_have_text("multiplie par deux")
    page.click("text=Mark as done and continue")
    page.goto(f"/courses/{slug}/items/quiz-doubler")
    page.check("input[name=q-q1][value=c2]")
    page.click("text=Submit my answers")
    expect(page.locator("#feedback")).to_contain_text("passed")
    page.goto(f"/courses/{slug}/items/doubler")
    page.locator(".cm-maharat .cm-content").click()
    page.evaluate(
        "(code) => { const t = document.getElementById('code'); t.value = code; t.dispatchEvent(new Event('input')); }",
        SOLUTION,
    )
    page.click("text=Test my code")
    expect(page.locator("#feedback")).to_contain_text("passed", timeout=120_000)
    page.goto(f"/courses/{slug}")
    expect(page.locator(".progress-value").first).to_have_text("100% complete")


def _dump(database: Path, slug: str, monkeypatch, tmp_path: Path) -> dict:
    from lms import create_app
    from lms.extensions import db
    from tests.authoring.roundtrip import dump_course

    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "dump-instance"))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        dumped = dump_course(slug)
        db.engine.dispose()
    return dumped


def test_an_admin_authors_a_course_a_pupil_completes_it_and_it_round_trips(
    page, live_instance, tmp_path, monkeypatch
):
    slug = f"doubler-{uuid.uuid4().hex[:6]}"
    _author_course(page, slug)
    _complete_course(page, slug)

    out = tmp_path / "export"
    result = _flask(live_instance, "courses", "export", slug, str(out))
    assert result.returncode == 0, result.stderr
    result = _flask(live_instance, "courses", "validate", slug, "--dir", str(out), "--no-sandbox")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"checked \(version 1, 3 items\)", result.stdout)

    fresh = tmp_path / "fresh"
    assert _flask(fresh, "db", "upgrade").returncode == 0
    result = _flask(fresh, "courses", "sync", slug, "--dir", str(out))
    assert result.returncode == 0, result.stderr
    live = _dump(live_instance / "maharat.sqlite3", slug, monkeypatch, tmp_path)
    again = _dump(fresh / "maharat.sqlite3", slug, monkeypatch, tmp_path)
    assert again == live
