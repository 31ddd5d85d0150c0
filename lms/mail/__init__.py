"""Outgoing e-mail, always sent from a background job and never inside the request.

``send_mail(to, subject, body)`` (the signature every area uses) writes a row in the outbox
(``mail_outbox``) in the caller's transaction: the message leaves only if the caller commits, and a
request never waits for, nor depends on, a mail server. A sender thread of the web process (or
``flask --app wsgi mail deliver --loop`` with ``MAIL_DELIVERY=external``) sends the rows over SMTP
and deletes them (see :mod:`lms.mail.delivery`). Why: an SMTP conversation inside "forgot password"
took hundreds of milliseconds for a known address and none for an unknown one, which told an
attacker which addresses have accounts (issue 16, finding 6).

Without ``MAIL_SERVER`` the message goes to the log at once, so an admin can relay it.
"""

from __future__ import annotations

import logging
import threading

from flask import current_app

from lms.extensions import db

log = logging.getLogger(__name__)

#: set when a message is queued, so the sender thread does not wait for its next poll
wake_up = threading.Event()


def mail_configured() -> bool:
    """Tell whether messages go to an SMTP server (else to the log)."""
    return bool(current_app.config.get("MAIL_SERVER"))


def send_mail(to: str | None, subject: str, body: str) -> None:
    """Queue a plain-text message; it is sent after the caller commits (logged when no server is set).

    ``to=None`` queues a placeholder that is dropped unsent: callers that must not reveal whether
    an address exists queue one where they would otherwise queue nothing.
    """
    if not mail_configured():
        if to is not None:
            log.info("mail (no MAIL_SERVER configured) to=%s subject=%s\n%s", to, subject, body)
        return
    from lms.mail.models import OutboxMessage

    db.session.add(OutboxMessage(recipient=to, subject=subject[:500], body=body))
    wake_up.set()
