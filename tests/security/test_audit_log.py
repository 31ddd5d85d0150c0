"""The audit log: what is recorded, and the admins' viewer (filters, pages, CSV)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.audit.operations import Action, record
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.users.models import User
from tests.conftest import count_queries
from tests.security.conftest import sign_in_as

EN = {"Accept-Language": "en"}


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def admin_client(app, world):
    client = app.test_client()
    sign_in_as(client, world, "admin")
    return client


def test_certificate_issue_revoke_and_reissue_are_recorded(world_app, world):
    (issued,) = entries("certificate.issued")
    assert issued.subject_user_id == world.users["student"]
    assert issued.target == f"certificate:{world.values['code']}"
    assert issued.details["automatic"] is True and issued.actor_id is None

    client = admin_client(world_app, world)
    response = client.post(
        f"/admin/certificates/{world.values['code']}/reissue", data={"reissue-reason": "Name typo"}
    )
    assert response.status_code == 302
    (reissued,) = entries("certificate.reissued")
    assert reissued.actor_id == world.users["admin"]
    assert reissued.details["reason"] == "Name typo"
    replacement = reissued.details["replacement"]
    assert [e.target for e in entries("certificate.revoked")] == [f"certificate:{world.values['code']}"]
    assert {e.target for e in entries("certificate.issued")} >= {f"certificate:{replacement}"}


def test_every_download_of_personal_data_is_recorded(world_app, world):
    client = app_client = admin_client(world_app, world)
    downloads = {
        "class_progress": f"/classes/{world.values['class_id']}/progress.csv",
        "report_places": "/reports/places.csv?programme=sic",
        "report_weeks": "/reports/weeks.csv?programme=sic",
        "certificates_zip": "/admin/certificates/export.zip",
        "audit_log": "/admin/audit/export.csv",
    }
    for url in downloads.values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get_data(), url  # audited once sent, not when the view returns
        response.close()
    del app_client
    recorded = {e.details["export"]: e for e in entries("data.exported")}
    assert set(recorded) == set(downloads)
    assert all(e.actor_id == world.users["admin"] for e in recorded.values())
    assert recorded["class_progress"].target == f"class:{world.values['class_id']}"
    assert recorded["report_places"].target == "programme:sic"


def test_exports_are_rate_limited_per_person(make_world_app, world):
    app = make_world_app(RATELIMIT_ENABLED=True, EXPORT_RATE_LIMIT="2 per hour")
    with app.app_context():
        client = app.test_client()
        sign_in_as(client, world, "teacher")
        url = f"/classes/{world.values['class_id']}/progress.csv"
        statuses = [client.get(url, headers=EN).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        # Another teacher (same address) has a budget of their own.
        other = app.test_client()
        sign_in_as(other, world, "other_teacher")
        assert other.get(f"/classes/{world.values['other_class_id']}/progress.csv").status_code == 200


def _add(action, *, actor_id=None, subject_id=None, at=None, **kwargs) -> None:
    actor = db.session.get(User, actor_id) if actor_id else None
    subject = db.session.get(User, subject_id) if subject_id else None
    entry = record(action, actor=actor, subject=subject, **kwargs)
    if at is not None:
        entry.at = at
    db.session.commit()


def test_the_viewer_filters_by_action_actor_subject_and_dates(world_app, world):
    admin, student = world.users["admin"], world.users["student"]
    _add(
        Action.ROLE_CHANGED, actor_id=admin, subject_id=student, details={"from": "student", "to": "teacher"}
    )
    _add(Action.SIGN_IN_FAILED, details={"email": "ghost@nowhere.ma", "reason": "unknown_email"})
    _add(Action.DATA_EXPORTED, actor_id=admin, at=utcnow() - timedelta(days=40), details={"export": "old"})
    client = admin_client(world_app, world)

    def rows(query: str) -> int:
        html = client.get(f"/admin/audit/?{query}", headers=EN).get_data(as_text=True)
        return html.count("<tr>") - 1 if "<tbody>" in html else 0

    assert rows("action=user.role_changed") == 1
    assert rows(f"actor={world.emails['admin'].upper()}") == 2
    assert rows(f"actor={admin}&action=data.exported") == 1
    assert rows(f"subject={world.emails['student']}&action=user.role_changed") == 1
    assert rows("subject=ghost@nowhere.ma") == 1, "a failed sign-in is found by the email typed"
    today = utcnow().date()
    assert rows(f"action=data.exported&until={today - timedelta(days=30)}") == 1
    assert rows(f"action=data.exported&since={today - timedelta(days=30)}") == 0
    assert rows("action=not-an-action&since=garbage") > 3, "malformed filters are ignored"


def test_the_viewer_pages_with_a_constant_number_of_queries(world_app, world):
    client = admin_client(world_app, world)

    def queries_for_first_page() -> int:
        with world_app.app_context():
            engine = db.engine
        with count_queries(engine) as statements:
            assert client.get("/admin/audit/").status_code == 200
        return len(statements)

    few = queries_for_first_page()
    users = list(db.session.scalars(select(User)))
    for n in range(120):
        _add(Action.SIGN_IN, actor_id=users[n % len(users)].id, subject_id=users[(n + 1) % len(users)].id)
    assert queries_for_first_page() == few
    page_two = client.get("/admin/audit/?page=2", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'rel="prev"' in page_two and 'rel="next"' in page_two
    assert page_two.count("<tr>") - 1 == 50


def test_the_csv_neutralises_formulas_planted_in_names_and_emails(world_app, world):
    sneaky = db.session.get(User, world.users["other_student"])
    sneaky.email = "=hyperlink(1)@evil.ma"
    db.session.commit()
    _add(Action.SIGN_IN_FAILED, subject_id=sneaky.id, target="+cmd|calc", details={"email": "@SUM(A1)"})
    client = admin_client(world_app, world)
    body = client.get("/admin/audit/export.csv?action=auth.sign_in_failed", headers=EN).get_data(as_text=True)
    header, *records = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert header[:2] == ["Date (UTC)", "Action"]
    (row,) = records
    assert row[5] == "'=hyperlink(1)@evil.ma"
    assert row[6] == "'+cmd|calc"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
