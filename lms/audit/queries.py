"""Read the audit log: filters from the query string, one page, or every matching entry for a CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, joinedload
from werkzeug.datastructures import MultiDict

from lms.audit.models import AuditEntry
from lms.audit.operations import Action
from lms.core.converters import database_id
from lms.core.pagination import Page, paginate
from lms.extensions import db
from lms.users.models import User, normalise_email
from lms.zones import platform_zone

PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    """What the admin asked for; malformed values are ignored rather than turned into an error page."""

    action: str = ""
    #: An email address (exact, any case) or an account number.
    actor: str = ""
    subject: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        def day(key: str) -> date | None:
            try:
                return date.fromisoformat(args.get(key, ""))
            except ValueError:
                return None

        action = args.get("action", "")
        return cls(
            action=action if action in {a.value for a in Action} else "",
            actor=args.get("actor", "").strip()[:254],
            subject=args.get("subject", "").strip()[:254],
            since=day("since"),
            until=day("until"),
        )

    def as_args(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)}


def _person(column, text: str):
    """Match a user column by account number or by email (the email typed at a failed sign-in too)."""
    number = database_id(text)
    if number is not None:
        return column == number
    return column.in_(select(User.id).where(func.lower(User.email) == normalise_email(text)))


def _local_midnight(day: date) -> datetime:
    # Dates are the admin's calendar days (the platform's time zone), as the page displays them.
    return datetime.combine(day, time.min, tzinfo=platform_zone())


def filtered(filters: Filters) -> Select:
    query = select(AuditEntry)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor:
        query = query.where(_person(AuditEntry.actor_id, filters.actor))
    if filters.subject:
        condition = _person(AuditEntry.subject_user_id, filters.subject)
        if database_id(filters.subject) is None:
            # A failed sign-in for an unknown address has no subject, only the email typed.
            typed = func.lower(AuditEntry.details["email"].as_string()) == normalise_email(filters.subject)
            condition = or_(condition, typed)
        query = query.where(condition)
    if filters.since:
        query = query.where(AuditEntry.at >= _local_midnight(filters.since))
    if filters.until:
        query = query.where(AuditEntry.at < _local_midnight(filters.until + timedelta(days=1)))
    return query


def page(filters: Filters, number: int) -> Page[AuditEntry]:
    """One page, newest first: two queries whatever the page size (the people are joined in)."""
    query = filtered(filters)
    ordered = query.options(joinedload(AuditEntry.actor), joinedload(AuditEntry.subject_user)).order_by(
        AuditEntry.at.desc(), AuditEntry.id.desc()
    )
    return paginate(query, ordered, number, PAGE_SIZE)


def every(filters: Filters) -> Iterator[tuple]:
    """Every matching entry as plain values, oldest first, read in batches (the CSV export streams it).

    ``(at, action, actor_id, actor_email, subject_user_id, subject_email, target, ip, details)``.
    """
    actor, subject = aliased(User), aliased(User)
    query = (
        filtered(filters)
        .with_only_columns(
            AuditEntry.at,
            AuditEntry.action,
            AuditEntry.actor_id,
            actor.email,
            AuditEntry.subject_user_id,
            subject.email,
            AuditEntry.target,
            AuditEntry.ip,
            AuditEntry.details,
            maintain_column_froms=True,
        )
        .outerjoin(actor, actor.id == AuditEntry.actor_id)
        .outerjoin(subject, subject.id == AuditEntry.subject_user_id)
        .order_by(AuditEntry.at, AuditEntry.id)
        .execution_options(yield_per=500)
    )
    for row in db.session.execute(query):
        yield tuple(row)
