"""Column types shared by every area's models."""

from __future__ import annotations

from datetime import UTC, datetime

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
