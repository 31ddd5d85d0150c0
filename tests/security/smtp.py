"""A loopback SMTP server for the mail tests: ``smtplib`` talks to it for real (a ``socketserver``
thread), and the tests read the bytes it received. The ``sink`` fixture is in tests/security/conftest.py.
"""

from __future__ import annotations

import socketserver
import threading

from sqlalchemy import func, select

from lms.extensions import db
from lms.mail.models import OutboxMessage


class SmtpSink(socketserver.ThreadingTCPServer):
    """Accept SMTP conversations and keep every message's envelope and raw bytes."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.messages: list[dict] = []
        self.received = threading.Condition()

    def wait_for(self, count: int, timeout: float = 120) -> list[dict]:
        with self.received:
            assert self.received.wait_for(lambda: len(self.messages) >= count, timeout), self.messages
            return list(self.messages)


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        sink: SmtpSink = self.server  # type: ignore[assignment]
        envelope: dict = {"rcpt": []}
        self.reply("220 sink.test ESMTP")
        while line := self.rfile.readline():
            command = line.decode("ascii").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink.test")
            elif verb == "MAIL":
                envelope = {"from": command[10:], "rcpt": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt"].append(command[8:])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                with sink.received:
                    sink.messages.append({**envelope, "data": data})
                    sink.received.notify_all()
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


def outbox_size() -> int:
    """Messages still waiting in the outbox."""
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))
