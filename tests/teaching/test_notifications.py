"""Announcements and notifications: sanitised Markdown, unread count, read marks, mail only after commit."""

from __future__ import annotations

from sqlalchemy import select

from lms.certificates.operations import issue_manually
from lms.extensions import db
from lms.notifications.models import Announcement, Notification
from lms.users.models import Role
from tests.teaching.conftest import EN


def test_an_announcement_reaches_the_pupils_sanitised(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    response = client.post(
        f"/notifications/classes/{klass.id}/announcements",
        data={"body": "**Contrôle vendredi** <script>alert(1)</script> [lien](javascript:alert(1))"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Announcement)).author_id == teacher.id
    auth.logout()
    auth.login(pupils[0])
    page = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    assert "<strong>Contrôle vendredi</strong>" in page
    assert "<script>alert" not in page and 'href="javascript:' not in page
    assert '<span class="unread-count" id="unread-count">1</span>' in page
    notifications = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert "New announcement in Tronc commun 3" in notifications
    notification = db.session.scalar(select(Notification).where(Notification.user_id == pupils[0].id))
    response = client.post(f"/notifications/{notification.id}/open")
    assert response.status_code == 302 and response.headers["Location"].endswith("/notifications/")
    assert 'id="unread-count"' not in client.get("/dashboard/learner").get_data(as_text=True)


def test_an_empty_or_long_announcement_is_refused_with_its_text_kept(client, auth, teacher, klass, pupils):
    auth.login(teacher)
    response = client.post(
        f"/notifications/classes/{klass.id}/announcements", data={"body": "  "}, headers=EN
    )
    assert response.status_code == 400 and "Write the announcement first." in response.get_data(as_text=True)
    long = "x" * 2001
    response = client.post(
        f"/notifications/classes/{klass.id}/announcements", data={"body": long}, headers=EN
    )
    assert response.status_code == 400 and long in response.get_data(as_text=True)
    assert db.session.scalar(select(Announcement)) is None


def test_nobody_opens_someone_elses_notification(client, auth, teacher, klass, pupils):
    auth.login(teacher)
    client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "Bonjour"})
    auth.logout()
    theirs = db.session.scalar(select(Notification).where(Notification.user_id == pupils[0].id))
    auth.login(pupils[1])
    assert client.post(f"/notifications/{theirs.id}/open").status_code == 404
    client.post("/notifications/read")
    db.session.refresh(theirs)
    assert theirs.read_at is None


def test_announcements_are_refused_to_others(client, auth, teacher, other_teacher, klass, pupils):
    auth.login(other_teacher)
    assert (
        client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "x"}).status_code == 404
    )
    auth.logout()
    auth.login(pupils[0])
    assert (
        client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "x"}).status_code == 403
    )


def test_mail_goes_through_the_mailer_only_with_a_server(
    app, client, auth, teacher, klass, pupils, monkeypatch
):
    sent = []
    monkeypatch.setattr("lms.mail.send_mail", lambda to, subject, body: sent.append((to, subject, body)))
    auth.login(teacher)
    client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "Sans serveur"})
    assert sent == []
    monkeypatch.setitem(app.config, "MAIL_SERVER", "mail.example.ma")  # the app is shared: restored after
    client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "Avec serveur"})
    assert sorted(to for to, _, _ in sent) == sorted(p.email for p in pupils)
    assert all("New announcement in Tronc commun 3" in subject for _, subject, _ in sent)


def test_a_certificate_ready_is_notified(make_user, school, assigned):
    admin = make_user(Role.ADMIN)
    pupil = make_user(Role.STUDENT, school_id=school.id)
    issue_manually(pupil, assigned, admin, "Session présentielle")
    db.session.commit()
    notification = db.session.scalar(select(Notification).where(Notification.user_id == pupil.id))
    assert notification.kind == "certificate" and notification.params["title"]["fr"] == "Cours de test"
