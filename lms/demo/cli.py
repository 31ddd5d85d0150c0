"""``flask --app wsgi demo load``: idempotent demo data, with the accounts printed for a first visit."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from lms.demo.data import ACCOUNTS, PROVINCES, SCHOOLS
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.programmes.models import Programme
from lms.users.models import Role
from lms.users.operations import create_user, find_user_by_email

demo_cli = AppGroup("demo", help="Demonstration data.")


def load_demo() -> list[tuple[str, str, str]]:
    """Create whatever of the demo world is missing; return (role, email, password) of each account."""
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    if len(regions) != 12:
        raise click.ClickException("the 12 regions are missing: run `flask --app wsgi db upgrade` first")
    for code, name_fr, name_ar, region_code in PROVINCES:
        if db.session.scalar(select(Province).where(Province.code == code)) is None:
            db.session.add(Province(code=code, name_fr=name_fr, name_ar=name_ar, region=regions[region_code]))
    db.session.flush()
    provinces = {p.code: p for p in db.session.scalars(select(Province))}
    for code, name_fr, name_ar, province_code in SCHOOLS:
        if db.session.scalar(select(School).where(School.code == code)) is None:
            db.session.add(
                School(code=code, name_fr=name_fr, name_ar=name_ar, province=provinces[province_code])
            )
    db.session.flush()
    schools = {s.code: s for s in db.session.scalars(select(School))}
    programmes = {p.code: p for p in db.session.scalars(select(Programme))}
    printed = []
    for email, name, role, language, school, programme, region, password in ACCOUNTS:
        if find_user_by_email(email) is None:
            create_user(
                email=email,
                display_name=name,
                password=password,
                role=Role(role),
                language=language,
                school_id=schools[school].id if school else None,
                programme_id=programmes[programme].id if programme else None,
                region_id=regions[region].id if region else None,
            )
        printed.append((role, email, password))
    db.session.commit()
    return printed


@demo_cli.command("load")
def load_command():
    """Load demo schools and one account per role (safe to run again)."""
    accounts = load_demo()
    click.echo("Demo accounts (role, email, password):")
    for role, email, password in accounts:
        click.echo(f"  {role:<8} {email:<40} {password}")


@demo_cli.command("activity")
def activity_command():
    """Demo cohorts moving through the shipped courses, and this year's targets (after `courses sync`)."""
    from lms.demo.activity import load_activity

    created = load_activity()
    click.echo(
        f"demo activity: {created['teachers']} teacher(s), {created['pupils']} pupil(s) and "
        f"{created['classes']} class(es) created; targets set for this school year"
    )
