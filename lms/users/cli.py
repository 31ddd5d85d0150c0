"""``flask --app wsgi users …``: account administration from the shell."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from lms import languages
from lms.auth.passwords import password_problem
from lms.extensions import db
from lms.programmes.models import Programme
from lms.users.models import Role
from lms.users.operations import AccountError, create_user

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="Display name, in any script.")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default=Role.STUDENT.value, show_default=True
)
@click.option("--language", type=click.Choice(languages.CODES), default=languages.DEFAULT, show_default=True)
@click.option("--programme", "programme_code", help="Programme code (required for a programme manager).")
@click.password_option(prompt="Password", help="Prompted for when not given.")
def create_command(
    email: str, display_name: str, role: str, language: str, programme_code: str | None, password: str
):
    """Create an account (teachers, admins and managers are created this way or by an admin)."""
    if problem := password_problem(password):
        raise click.ClickException(problem)
    programme_id = None
    if programme_code:
        programme = db.session.scalar(select(Programme).where(Programme.code == programme_code))
        if programme is None:
            raise click.ClickException(f"unknown programme {programme_code!r}")
        programme_id = programme.id
    try:
        user = create_user(
            email=email,
            display_name=display_name,
            password=password,
            role=Role(role),
            language=language,
            programme_id=programme_id,
        )
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.field}: {error.message}") from None
    db.session.commit()
    click.echo(f"created {user.role.value} {user.email} (id {user.id})")


@users_cli.command("anonymise")
@click.argument("email")
@click.confirmation_option(prompt="Erase this person's name, email and Massar code for good?")
def anonymise_command(email: str):
    """Anonymise a departed user: identity erased, statistics and issued certificates kept."""
    from lms.privacy.operations import PrivacyError, anonymise
    from lms.users.operations import find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"no account with the email {email!r}")
    try:
        anonymise(user, admin=None)
    except PrivacyError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"anonymised account {user.id}")
