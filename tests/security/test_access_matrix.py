"""The access-control matrix: every route × every persona, against the hand-written policy.

CSRF is off in these apps (``WTF_CSRF_ENABLED`` False), so a POST reaches the view: a persona
without the right must be refused by the access check itself, not by a missing token.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from lms import create_app
from tests.security.access_policy import IDOR_PROBES, PERSONAS, POLICY, Entry
from tests.security.conftest import sign_in_as

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app: Flask) -> set[tuple[str, str]]:
    """Every (rule, method) the app answers."""
    return {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in IGNORED_METHODS
    }


def missing_from_policy(app: Flask) -> list[str]:
    return sorted(f"{method} {rule}" for rule, method in routes(app) - POLICY.keys())


def test_every_route_has_a_policy_entry(world_app):
    assert missing_from_policy(world_app) == [], "add these routes to tests/security/access_policy.py"


def test_no_policy_entry_is_stale(world_app):
    stale = sorted(f"{method} {rule}" for rule, method in POLICY.keys() - routes(world_app))
    assert stale == [], "these routes no longer exist: remove them from the policy"


def test_an_unlisted_route_makes_the_matrix_fail(world_app, tmp_path, monkeypatch):
    """The guard works: a throw-away app with a deliberately unprotected route is caught."""
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "other"))
    throwaway = create_app(dict(world_app.config))

    @throwaway.get("/debug/everything")
    def everything():
        return "all the data"

    assert missing_from_policy(throwaway) == ["GET /debug/everything"]


def test_an_unprotected_route_fails_the_access_check(make_world_app, world):
    """Listing a route is not enough: one that forgets its permission check is caught for what it is."""
    throwaway = make_world_app()

    @throwaway.get("/admin/leak")
    def leak():
        return "every pupil's Massar code"

    with throwaway.app_context():
        check(throwaway, world, "admin", "GET", "/admin/leak", allowed=True)
        for persona in ("anonymous", "student", "teacher", "other_manager"):
            with pytest.raises(AssertionError, match="allowed"):
                check(throwaway, world, persona, "GET", "/admin/leak", allowed=False)


def denied(persona: str, response: TestResponse) -> bool:
    """Visitors are sent to sign in; signed-in people get 403, or 404 where the object is not theirs."""
    if persona == "anonymous":
        return response.status_code == 302 and "/auth/login?next=" in response.headers["Location"]
    if response.status_code in (403, 404):
        return True
    # A learner not enrolled who opens a page of a course is led to the course page and its "Enrol"
    # (issue 18, item 6): not a bare 403, and still nothing of the course's inside.
    location = response.headers.get("Location", "")
    return (
        response.request.method == "GET"
        and response.status_code == 302
        and re.fullmatch(r"/courses/[a-z0-9-]+", location) is not None
        and response.request.path.startswith(location + "/")
    )


def check(app: Flask, world, persona: str, method: str, url: str, allowed: bool) -> None:
    client = app.test_client()
    sign_in_as(client, world, persona)
    response = client.open(world.url(url), method=method, data={})
    response.close()
    assert response.status_code < 500, f"{method} {url} as {persona}: {response.status_code}"
    assert response.status_code != 405
    verdict = "denied" if denied(persona, response) else "allowed"
    expected = "allowed" if allowed else "denied"
    assert verdict == expected, f"{method} {url} as {persona}: {response.status_code} ({verdict})"


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize(("rule", "method"), sorted(POLICY), ids=lambda v: v)
def test_access_matrix(world_app, world, rule, method, persona):
    entry: Entry = POLICY[(rule, method)]
    check(world_app, world, persona, method, entry.url, persona in entry.allow)


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize(
    ("method", "url", "allow"), IDOR_PROBES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_someone_elses_object(world_app, world, method, url, allow, persona):
    check(world_app, world, persona, method, url, persona in allow)
