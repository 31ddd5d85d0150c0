"""Mail goes out from the background sender, over real SMTP, and never inside the request.

A minimal SMTP sink on loopback (a ``socketserver`` thread) receives what ``smtplib`` sends, so the
SMTP path of lms/mail is exercised for real: headers, body and encoding (Arabic) are checked on the
bytes the server received.
"""

from __future__ import annotations

import email
import email.policy
import threading

from sqlalchemy import select

from lms.extensions import db
from lms.mail import send_mail
from lms.mail.delivery import deliver_pending, run_sender
from lms.mail.models import OutboxMessage
from tests.security.smtp import outbox_size

EN = {"Accept-Language": "en"}


def test_a_message_in_arabic_arrives_with_its_headers_and_body_intact(app, sink):
    body = "مرحبا أمينة،\nلاختيار كلمة مرور جديدة، افتحوا هذا الرابط:\nhttps://maharat.test/auth/reset/abc"
    send_mail("amina@example.ma", "مهارات: اختيار كلمة مرور جديدة", body)
    db.session.commit()
    assert sink.messages == [], "nothing leaves before the sender runs"
    assert deliver_pending() == 1
    [received] = sink.wait_for(1)
    assert received["rcpt"] == ["<amina@example.ma>"]
    assert received["data"].isascii(), "7-bit on the wire: any relay accepts it"
    message = email.message_from_bytes(received["data"], policy=email.policy.default)
    assert message["Subject"] == "مهارات: اختيار كلمة مرور جديدة"
    assert message["From"] == "Maharat <no-reply@maharat.test>"
    assert message["To"] == "amina@example.ma"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == body
    assert outbox_size() == 0, "a sent message is deleted (it may hold a reset link)"


def test_forgot_password_queues_and_never_talks_to_the_server_in_the_request(client, make_user, sink):
    make_user(email="amina@example.ma", language="ar")
    for address in ("amina@example.ma", "nobody@example.ma"):
        response = client.post("/auth/forgot", data={"email": address}, headers=EN)
        assert response.status_code == 302
    assert sink.messages == [], "the request did not send anything"
    assert outbox_size() == 2, "the same work for a known and an unknown address: one row each"
    assert deliver_pending() == 1
    [received] = sink.wait_for(1)
    assert received["rcpt"] == ["<amina@example.ma>"]
    message = email.message_from_bytes(received["data"], policy=email.policy.default)
    assert "/auth/reset/" in message.get_content()
    assert outbox_size() == 0, "the placeholder of the unknown address is dropped unsent"


def test_a_message_rolled_back_with_its_request_is_never_sent(app, sink):
    send_mail("amina@example.ma", "Subject", "Body")
    db.session.rollback()
    assert outbox_size() == 0 and deliver_pending() == 0


def test_an_unreachable_server_is_retried_later_then_given_up(app, sink, monkeypatch):
    app.config["MAIL_PORT"] = 1  # nothing listens there
    send_mail("amina@example.ma", "Subject", "Body")
    db.session.commit()
    assert deliver_pending() == 0
    row = db.session.scalar(select(OutboxMessage))
    assert row.attempts == 1 and "Error" in row.last_error and row.claimed_until is None
    assert deliver_pending() == 0, "not due again before its back-off"
    app.config["MAIL_MAX_TRIES"] = 2
    row.next_try_at = row.created_at
    db.session.commit()
    assert deliver_pending() == 0
    assert outbox_size() == 0, "given up (and logged) after MAIL_MAX_TRIES"


def test_the_background_sender_delivers_what_requests_queue(app, sink):
    stop = threading.Event()
    app.config["MAIL_POLL_SECONDS"] = 0.2
    sender = threading.Thread(target=run_sender, args=(app, stop), daemon=True)
    sender.start()
    try:
        send_mail("amina@example.ma", "Subject", "Body")
        db.session.commit()
        [received] = sink.wait_for(1)
        assert received["rcpt"] == ["<amina@example.ma>"]
    finally:
        stop.set()
        sender.join(timeout=120)
    assert not sender.is_alive()


def test_without_a_mail_server_the_message_goes_to_the_log(app, caplog):
    app.config["MAIL_SERVER"] = None
    with caplog.at_level("INFO", logger="lms.mail"):
        send_mail("amina@example.ma", "Subject", "Body text")
    assert "Body text" in caplog.text and outbox_size() == 0
