"""A line break typed in a name never reaches a mail header, and never stops the outbox.

A notification's subject carries words people chose (a class's name, a teacher's name). A class
renamed ``3e A\\r\\nBcc: …`` made every announcement mail impossible to build: the sender raised on it,
kept it claimed and retried it forever, and each pass stopped at it, so with enough of them queued
(one per pupil) the mails behind, password resets included, never left. Security review (h2).
"""

from __future__ import annotations

import email
import email.policy

import pytest
from sqlalchemy import select

from lms.classes import operations
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.mail.delivery import build_message, deliver_pending
from lms.mail.models import OutboxMessage
from lms.programmes.models import Programme
from lms.users.models import Role
from tests.security.smtp import outbox_size

FORGED = "3e A\r\nBcc: everyone@evil.example"


@pytest.mark.parametrize("brk", ["\r\n", "\n", "\r", "\u2028", "\x85", "\x0b"])
def test_a_subject_with_a_line_break_is_sent_on_one_line(brk):
    message = build_message(
        "no-reply@maharat.test", "amina@example.ma", f"Bonjour{brk}Bcc: x@evil.example", "b"
    )
    raw = message.as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["Subject"].startswith("Bonjour")
    assert "x@evil.example" in parsed["Subject"], "the words stay, as text of the subject"


def _class_of_three(make_user):
    """A teacher's class with three pupils who have an address, in a school of Casablanca-Settat."""
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    school = School(
        code="SCH-MAIL", name_fr="Lycée", province=Province(code="P-MAIL", name_fr="P", region=region)
    )
    db.session.add(school)
    db.session.flush()
    sic = db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
    teacher = make_user(Role.TEACHER, school_id=school.id, programme_id=sic)
    klass = operations.create_class(teacher, "3e A", school, "2026-2027")
    pupils = []
    for n in range(3):
        pupil = make_user(Role.STUDENT, email=f"pupil{n}@example.ma", school_id=school.id)
        operations.add_member(klass, pupil, source="teacher")
        pupils.append(pupil)
    db.session.commit()
    return teacher, klass, pupils


def test_a_class_named_with_a_line_break_does_not_stop_the_mail_of_others(client, auth, make_user, sink):
    teacher, klass, pupils = _class_of_three(make_user)
    make_user(email="amina@example.ma")
    auth.login(teacher)
    renamed = client.post(f"/teaching/classes/{klass.id}/rename", data={"name": FORGED})
    assert renamed.status_code == 302
    posted = client.post(f"/notifications/classes/{klass.id}/announcements", data={"body": "Contrôle"})
    assert posted.status_code == 302
    auth.logout()
    assert client.post("/auth/forgot", data={"email": "amina@example.ma"}).status_code == 302
    assert outbox_size() == 4

    assert deliver_pending() == 4
    received = sink.wait_for(4)
    recipients = sorted(r for message in received for r in message["rcpt"])
    assert recipients == sorted(["<amina@example.ma>", *(f"<{u.email}>" for u in pupils)])
    for message in received:
        parsed = email.message_from_bytes(message["data"], policy=email.policy.default)
        assert parsed["Bcc"] is None
    assert outbox_size() == 0


def test_a_message_that_cannot_be_built_is_failed_and_the_others_still_leave(app, sink):
    db.session.add(OutboxMessage(recipient="amina@example.ma\r\nBcc: x@evil.example", subject="S", body="B"))
    db.session.add(OutboxMessage(recipient="youssef@example.ma", subject="S", body="B"))
    db.session.commit()
    assert deliver_pending() == 1
    [received] = sink.wait_for(1)
    assert received["rcpt"] == ["<youssef@example.ma>"]
    broken = db.session.scalar(select(OutboxMessage))
    assert broken.attempts == 1 and broken.claimed_until is None, "retried later, then given up"
