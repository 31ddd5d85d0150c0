"""The people list: search, filters, sorting and pages as one SQL query (plus its count).

A page costs the same number of queries whatever its size: the rows come with their school,
province, region and programme in one joined SELECT, never one query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from lms.core.converters import database_id
from lms.core.pagination import Page, paginate
from lms.geo.models import Province, School
from lms.users.models import Role, User

PAGE_SIZES = (25, 50, 100)
#: Sort keys offered in the URL, each with its column; the secondary order is always the id.
SORTS = {
    "name": User.display_name,
    "created": User.created_at,
    "last_sign_in": User.last_login_at,
}


@dataclass
class Filters:
    q: str = ""
    role: str = ""
    programme: int | None = None
    region: int | None = None
    school: int | None = None
    status: str = ""
    sort: str = "name"
    direction: str = "asc"
    per_page: int = 50

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        """Read the query string; anything malformed is ignored rather than an error page."""

        def number(key: str) -> int | None:
            return database_id(args.get(key, ""))

        role = args.get("role", "")
        status = args.get("status", "")
        sort = args.get("sort", "name")
        per_page = number("per_page")
        return cls(
            q=args.get("q", "").strip()[:100],
            role=role if role in {r.value for r in Role} else "",
            programme=number("programme"),
            region=number("region"),
            school=number("school"),
            status=status if status in ("active", "inactive") else "",
            sort=sort if sort in SORTS else "name",
            direction="desc" if args.get("direction") == "desc" else "asc",
            per_page=per_page if per_page in PAGE_SIZES else 50,
        )

    def as_args(self, **overrides: object) -> dict[str, str]:
        """Back to query-string parameters (pagination, sorting and export links), defaults left out."""
        defaults = Filters()
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(overrides)
        return {
            name: str(value)
            for name, value in values.items()
            if value not in (None, "") and value != getattr(defaults, name)
        }


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filtered(filters: Filters) -> Select:
    """Users matching ``filters`` (no order, no limit)."""
    query = select(User)
    if filters.q:
        pattern = _like(filters.q)
        query = query.where(
            or_(
                User.display_name.ilike(pattern, escape="\\"),
                User.email.ilike(pattern, escape="\\"),
                User.massar_code.ilike(pattern, escape="\\"),
            )
        )
    if filters.role:
        query = query.where(User.role == Role(filters.role))
    if filters.programme:
        query = query.where(User.programme_id == filters.programme)
    if filters.school:
        query = query.where(User.school_id == filters.school)
    if filters.region:
        # A person belongs to the region of their school; a manager also to the region they report on.
        schools = select(School.id).join(Province).where(Province.region_id == filters.region)
        query = query.where(or_(User.school_id.in_(schools), User.region_id == filters.region))
    if filters.status == "active":
        query = query.where(User.active.is_(True))
    elif filters.status == "inactive":
        query = query.where(User.active.is_(False))
    return query


def ordered(query: Select, filters: Filters) -> Select:
    column = SORTS[filters.sort]
    key = column.desc() if filters.direction == "desc" else column.asc()
    if filters.sort == "last_sign_in":
        # Never signed in sorts last either way.
        return query.order_by(column.is_(None), key, User.id)
    return query.order_by(key, User.id)


def _with_places(query: Select) -> Select:
    return query.options(
        joinedload(User.school).joinedload(School.province).joinedload(Province.region),
        joinedload(User.programme),
        joinedload(User.region),
    )


def page(filters: Filters, number: int) -> Page[User]:
    """One page of people: two queries (the count and the rows with their places)."""
    query = filtered(filters)
    return paginate(query, _with_places(ordered(query, filters)), number, filters.per_page)
