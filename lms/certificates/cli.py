"""``flask --app wsgi certificates …``: signing keys, and issuing what completion should have issued."""

from __future__ import annotations

import click
from flask.cli import AppGroup

certificates_cli = AppGroup("certificates", help="Certificates: signing keys and issuing.")


def _programme_codes() -> list[str]:
    from sqlalchemy import select

    from lms.extensions import db
    from lms.programmes.models import Programme

    return list(db.session.scalars(select(Programme.code).order_by(Programme.id)))


@certificates_cli.command("keygen")
@click.option("--programme", "programme", required=True, help="Programme code, e.g. sic or digischool.")
def keygen_command(programme: str):
    """Create a new signing key for a programme (rotation: older keys stay published for verification)."""
    from lms.certificates import keys

    if programme not in _programme_codes():
        raise click.BadParameter(f"unknown programme {programme!r}", param_hint="--programme")
    key = keys.generate(programme)
    click.echo(f"{programme}: new current key {key.multibase} in {keys.keys_dir() / programme}")
    click.echo("Back up this folder: it is not in the database dump, and losing it means no more signing.")


@certificates_cli.command("keys")
def keys_command():
    """List every programme's keys (the current one is marked)."""
    from lms.certificates import keys

    for programme in _programme_codes():
        published = keys.public_keys(programme)
        if not published:
            click.echo(f"{programme}: no key yet (run `certificates keygen --programme {programme}`)")
        for key in published:
            marker = "current" if key.current else "retired"
            click.echo(f"{programme}: {key.multibase} {marker}, created {key.created:%Y-%m-%d}")


@certificates_cli.command("reconcile")
def reconcile_command():
    """Issue certificates for completed courses that have none (safe to run again, e.g. from cron)."""
    from lms.certificates import operations
    from lms.extensions import db

    issued = operations.reconcile()
    db.session.commit()
    click.echo(f"issued {len(issued)} certificate(s)")
