"""One page of a filtered list: the admin lists (people, certificates, audit) share this shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from lms.extensions import db

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    rows: list[T]
    total: int
    #: 1-based, clamped to the existing pages (a stale link to page 9 of 3 shows page 3).
    number: int
    pages: int


def paginate(query: Select[Any], ordered: Select[Any], number: int, per_page: int) -> Page[Any]:
    """Count ``query``'s rows, then read page ``number`` of ``ordered``: two queries for any page size.

    ``ordered`` is ``query`` with its ORDER BY and eager loads (counting needs neither).
    """
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    number = min(max(1, number), pages)
    rows = db.session.scalars(ordered.limit(per_page).offset((number - 1) * per_page)).unique().all()
    return Page(list(rows), total, number, pages)
