"""Column types shared by every area's models."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint
from sqlalchemy.types import DateTime, TypeDecorator


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC (the only zone stored)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Store UTC timestamps and always hand back aware datetimes.

    SQLite forgets time zones; PostgreSQL keeps them. Normalising here means comparisons and
    formatting behave the same on both engines.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def one_of(column: str, values: Iterable[str]) -> CheckConstraint:
    """A CHECK that ``column`` holds one of ``values``, named ``ck_<table>_<column>``.

    Enums are stored as strings (portable, readable in a dump): the database itself refuses a value the
    code does not know, whichever program wrote it.
    """
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


def at_least(column: str, low: float) -> CheckConstraint:
    """A CHECK that ``column`` is at least ``low`` (NULL passes: "not yet" is not out of range)."""
    return CheckConstraint(f"{column} >= {low}", name=column)


def fraction(column: str) -> CheckConstraint:
    """A CHECK that ``column`` is a score from 0 to 1 (NULL passes: not graded yet)."""
    return CheckConstraint(f"{column} >= 0 AND {column} <= 1", name=column)
