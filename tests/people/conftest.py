"""Fixtures for people management: a signed-in admin, places, mail capture and a query counter."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.users.models import Role
from tests.conftest import cheap_password_hashes, count_queries  # noqa: F401 (re-exported to the tests)

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def fast_passwords(monkeypatch):
    cheap_password_hashes(monkeypatch)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, display_name="Admin One", language="en")


@pytest.fixture
def as_admin(client, auth, admin):
    """The test client, signed in as an admin whose interface is in English."""
    auth.login(admin)
    return client


@pytest.fixture
def places(app):
    """Two provinces in two regions, a school in each: ``{"fes": School, "agadir": School}``."""
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    fes = Province(code="FES", name_fr="Préfecture de Fès", name_ar="عمالة فاس", region=regions["MA-03"])
    agadir = Province(code="AGA", name_fr="Agadir Ida-Outanane", name_ar="أكادير", region=regions["MA-09"])
    schools = {
        "fes": School(code="FES-1", name_fr="Lycée Al Qaraouiyine", name_ar="ثانوية القرويين", province=fes),
        "agadir": School(code="AGA-1", name_fr="Lycée Youssef Ibn Tachfine", name_ar="", province=agadir),
    }
    db.session.add_all([fes, agadir, *schools.values()])
    db.session.commit()
    return schools


@pytest.fixture
def mails(monkeypatch):
    """Capture outgoing mail as (to, subject, body)."""
    sent: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        "lms.people.operations.send_mail", lambda to, subject, body: sent.append((to, subject, body))
    )
    return sent
