"""The admin list's filters, as one SQL query over certificates (names and titles come from snapshots).

Filtering by place uses the school and region recorded at issue time; a class means its current
members. A page costs a fixed number of queries whatever its size (rows, count, the filter choices).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from werkzeug.datastructures import MultiDict

from lms.certificates.models import Certificate
from lms.core.converters import database_id
from lms.core.pagination import Page, paginate
from lms.extensions import db

PAGE_SIZE = 50


@dataclass
class Filters:
    programme: int | None = None
    region: int | None = None
    school: int | None = None
    course: int | None = None
    klass: int | None = None
    status: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        """Read the query string; anything malformed is ignored rather than an error page."""

        def number(key: str) -> int | None:
            return database_id(args.get(key, ""))

        def day(key: str) -> date | None:
            try:
                return date.fromisoformat(args.get(key, ""))
            except ValueError:
                return None

        status = args.get("status", "")
        return cls(
            programme=number("programme"),
            region=number("region"),
            school=number("school"),
            course=number("course"),
            klass=number("class"),
            status=status if status in ("valid", "revoked") else "",
            since=day("since"),
            until=day("until"),
        )

    def as_args(self) -> dict[str, str]:
        """Back to query-string parameters (for pagination and export links)."""
        names = {"klass": "class"}
        return {
            names.get(f.name, f.name): str(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) not in (None, "")
        }


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def filtered(filters: Filters) -> Select:
    query = select(Certificate)
    if filters.programme:
        query = query.where(Certificate.programme_id == filters.programme)
    if filters.region:
        query = query.where(Certificate.region_id == filters.region)
    if filters.school:
        query = query.where(Certificate.school_id == filters.school)
    if filters.course:
        query = query.where(Certificate.course_id == filters.course)
    if filters.klass:
        from lms.classes.models import ClassMember

        members = select(ClassMember.user_id).where(ClassMember.class_id == filters.klass)
        query = query.where(Certificate.user_id.in_(members))
    if filters.status == "valid":
        query = query.where(Certificate.revoked_at.is_(None))
    elif filters.status == "revoked":
        query = query.where(Certificate.revoked_at.is_not(None))
    if filters.since:
        query = query.where(Certificate.issued_at >= _start(filters.since))
    if filters.until:
        query = query.where(Certificate.issued_at < _start(filters.until + timedelta(days=1)))
    return query


def page(filters: Filters, number: int) -> Page[Certificate]:
    query = filtered(filters)
    ordered = query.order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    return paginate(query, ordered, number, PAGE_SIZE)


def ids(filters: Filters) -> list[int]:
    """Just the ids, oldest first: a bulk export then loads rows in small batches."""
    return list(
        db.session.scalars(filtered(filters).with_only_columns(Certificate.id).order_by(Certificate.id))
    )
