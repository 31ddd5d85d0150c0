"""The background sender: takes messages from the outbox and delivers them over SMTP.

Several processes may run one (every gunicorn worker starts its thread): a message is claimed with a
conditional UPDATE before it is sent, so only one of them sends it; a claim lasts
``MAIL_CLAIM_SECONDS``, after which a message whose sender died is taken over. A failed delivery is
retried after 30 s, 1 min, 2 min… and given up (logged with its recipient and subject) after
``MAIL_MAX_TRIES``. A sent message is deleted: reset links do not linger in the database.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import unicodedata
from datetime import timedelta
from email.message import EmailMessage

from flask import Flask, current_app
from sqlalchemy import delete, or_, select, update

from lms.dbtypes import utcnow
from lms.extensions import db
from lms.mail import wake_up
from lms.mail.models import OutboxMessage

log = logging.getLogger(__name__)

_started: set[int] = set()
_lock = threading.Lock()


def one_line(text: str) -> str:
    """``text`` as a header value: every control character and line or paragraph separator a space.

    A subject carries words people chose (a class's or a teacher's name): a line break in them cannot
    be sent (``EmailMessage`` refuses it, and it would start a header of its own otherwise).
    """
    kept = ("  " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join("".join(kept).split())


def build_message(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    """A UTF-8 plain-text message that any relay accepts (7-bit: quoted-printable, RFC 2047 subject)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = one_line(subject)
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message


def smtp_send(message: EmailMessage) -> None:
    """Hand one message to the configured SMTP server (STARTTLS and login when configured)."""
    config = current_app.config
    timeout = float(config.get("MAIL_TIMEOUT_SECONDS", 10))
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _claim(message_id: int) -> bool:
    now = utcnow()
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .values(claimed_until=now + timedelta(seconds=current_app.config.get("MAIL_CLAIM_SECONDS", 120)))
    )
    db.session.commit()
    return claimed.rowcount == 1


def deliver_pending(limit: int = 50) -> int:
    """Send the messages that are due (at most ``limit``); return how many left this process."""
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.next_try_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    for message_id in due:
        if not _claim(message_id):
            continue  # another sender has it
        row = db.session.get(OutboxMessage, message_id)
        if row is None:
            continue
        if row.recipient is None:  # a placeholder (see send_mail): nothing to send
            db.session.delete(row)
            db.session.commit()
            continue
        config = current_app.config
        recipient, subject = row.recipient, row.subject
        try:
            smtp_send(build_message(config["MAIL_SENDER"], recipient, subject, row.body))
        # ValueError: a message that cannot be built is failed like one refused (retried, then given up),
        # never left claimed to stop every later pass at it.
        except (OSError, smtplib.SMTPException, ValueError) as error:
            _failed(row, error)
            continue
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message_id))
        db.session.commit()
        sent += 1
        log.info("mail sent to %s: %s", recipient, subject)
    return sent


def _failed(row: OutboxMessage, error: Exception) -> None:
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:500]
    if row.attempts >= int(current_app.config.get("MAIL_MAX_TRIES", 5)):
        log.error(
            "mail to %s given up after %d tries (%s): %s", row.recipient, row.attempts, error, row.subject
        )
        db.session.delete(row)
    else:
        row.next_try_at = utcnow() + timedelta(seconds=30 * 2 ** (row.attempts - 1))
        row.claimed_until = None
        log.warning("mail to %s failed (%s); retry %d", row.recipient, error, row.attempts)
    db.session.commit()


def run_sender(app: Flask, stop: threading.Event | None = None) -> None:
    """Deliver the outbox forever (or until ``stop``), waking at once when a message is queued."""
    stop = stop or threading.Event()
    poll = float(app.config.get("MAIL_POLL_SECONDS", 5))
    with app.app_context():
        while not stop.is_set():
            wake_up.clear()
            try:
                deliver_pending()
            except Exception:  # keep the sender alive: the rows stay and are retried
                db.session.rollback()
                log.exception("mail sender failed; retrying")
            finally:
                db.session.remove()
            wake_up.wait(poll)


def start_sender(app: Flask) -> None:
    """Start this process's sender thread once (used by the first request when MAIL_DELIVERY=thread)."""
    with _lock:
        if id(app) in _started:
            return
        _started.add(id(app))
    threading.Thread(target=run_sender, args=(app,), name="mail-sender", daemon=True).start()
    log.info("mail: background sender started")
