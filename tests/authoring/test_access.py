"""Only admins reach authoring: every route, every method, every other role and anonymous visitors."""

from __future__ import annotations

import pytest

from lms.authoring import drafts
from lms.exercises import builtin_registry
from lms.extensions import db
from lms.users.models import Role
from tests.authoring.conftest import COURSE

VALUES = {
    "slug": "demo-authored",
    "unit_slug": "debut",
    "item_slug": "quiz",
    "part_id": "q1",
    "filename": "image.png",
}


def _routes(app) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("authoring."):
            url = rule.rule
            for name in rule.arguments:
                url = url.replace(f"<{name}>", VALUES[name]).replace(f"<path:{name}>", VALUES[name])
            found += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


@pytest.fixture
def course(app, make_user):
    admin = make_user(Role.ADMIN)
    values = {k: v for k, v in COURSE.items() if k != "slug"} | {"audience": ["student"], "hours": 2.0}
    values["self_enrol"] = True
    course = drafts.create_course(values, "demo-authored", admin)
    draft = drafts.open_draft(course)
    doc = dict(draft.document)
    drafts.add_unit(doc, "debut", "Début")
    drafts.add_item(doc, "debut", "quiz", "Quiz", builtin_registry().get("quiz"))
    drafts.save(draft, doc, admin)
    db.session.commit()
    return course


def test_every_route_is_checked(app):
    assert len(_routes(app)) >= 25


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER, Role.MANAGER])
def test_other_roles_are_refused_everywhere(app, client, auth, make_user, course, role):
    auth.login(make_user(role))
    for method, url in _routes(app):
        response = client.open(url, method=method, data={"direction": "up"})
        assert response.status_code == 403, (method, url)


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client, course):
    for method, url in _routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert "/auth/login" in response.headers["Location"]


def test_the_admin_reaches_every_page(app, client, auth, make_user, course):
    auth.login(make_user(Role.ADMIN))
    for method, url in _routes(app):
        if method == "GET" and "/assets/" not in url and "/parts/" not in url:
            assert client.get(url).status_code == 200, url
