"""Admins set each programme's yearly targets; reports show how far the figures have come."""

from __future__ import annotations

from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.reports.models import ProgrammeTarget
from lms.reports.targets import school_year_of
from lms.users.models import Role
from tests.classes.conftest import programme_id


def _form(year: int, **values) -> dict:
    data = {
        "programme": "sic",
        "school_year": str(year),
        "region": "",
        "teachers_trained": "780",
        "learners_reached": "1273",
        "certificates": "2053",
    }
    data.update(values)
    return data


def test_an_admin_sets_a_national_then_a_regional_target_and_the_change_is_audited(client, auth, make_user):
    admin = make_user(Role.ADMIN, language="en")
    auth.login(admin)
    year = school_year_of(utcnow())
    page = client.get("/reports/targets").get_data(as_text=True)
    assert f'selected value="{year}"' in page and f"{year}–{year + 1}" in page
    response = client.post("/reports/targets", data=_form(year))
    assert response.status_code == 302
    client.post("/reports/targets", data=_form(year, teachers_trained="800"))
    client.post("/reports/targets", data=_form(year, region="MA-06", teachers_trained="90"))
    targets = db.session.scalars(select(ProgrammeTarget).order_by(ProgrammeTarget.id)).all()
    assert [(t.region_id is None, t.teachers_trained) for t in targets] == [(True, 800), (False, 90)]
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "report.target_set")).all()
    assert len(entries) == 3 and entries[-1].details["region"] == "MA-06"
    report = client.get("/reports/?programme=sic").get_data(as_text=True)
    assert 'id="targets-title"' in report and "0 of 800 (0 %)" in report


def test_bad_targets_are_refused_with_a_translated_message_and_nothing_is_lost(client, auth, make_user):
    auth.login(make_user(Role.ADMIN, language="fr"))
    year = school_year_of(utcnow())
    page = client.post("/reports/targets", data=_form(year, teachers_trained="-3", certificates="beaucoup"))
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Entre 0 et 10\u202f000\u202f000." in text  # the reader's digits
    assert "N&#39;est pas un entier valide." in text
    assert 'value="1273"' in text  # what was typed right stays typed
    assert db.session.scalar(select(ProgrammeTarget.id)) is None
    page = client.post("/reports/targets", data=_form(year, programme="nope"))
    assert page.status_code == 200 and db.session.scalar(select(ProgrammeTarget.id)) is None


def test_managers_read_targets_but_cannot_set_them(client, auth, make_user):
    auth.login(make_user(Role.MANAGER, programme_id=programme_id("sic")))
    year = school_year_of(utcnow())
    assert client.get("/reports/targets").status_code == 403
    assert client.post("/reports/targets", data=_form(year)).status_code == 403
    assert db.session.scalar(select(ProgrammeTarget.id)) is None


def test_the_glossary_defines_every_figure_the_report_links_to(client, auth, make_user):
    import re

    auth.login(make_user(Role.MANAGER, programme_id=programme_id("sic"), language="ar"))
    glossary = client.get("/reports/glossary").get_data(as_text=True)
    report = client.get("/reports/").get_data(as_text=True)
    anchors = set(re.findall(r'/reports/glossary#(\w+)"', report))
    assert anchors >= {
        "registered",
        "enrolled",
        "reached",
        "active",
        "completed",
        "certified",
        "teachers_trained",
    }
    for anchor in anchors:
        assert f'<dt id="{anchor}">' in glossary, anchor
    assert "المتعلّمون المستفيدون" in glossary
