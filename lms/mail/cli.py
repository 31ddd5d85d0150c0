"""``flask --app wsgi mail deliver``: send the outbox from a separate process (MAIL_DELIVERY=external)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running and deliver new messages as they come.")
def deliver_command(loop: bool):
    """Send the messages waiting in the outbox (once, or for ever with --loop)."""
    from lms.mail.delivery import deliver_pending, run_sender

    if not current_app.config.get("MAIL_SERVER"):
        raise click.ClickException("MAIL_SERVER is not set: messages go to the log, nothing is queued")
    if loop:
        run_sender(current_app._get_current_object())
    else:
        click.echo(f"{deliver_pending(limit=10_000)} message(s) sent")
