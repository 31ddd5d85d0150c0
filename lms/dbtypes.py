"""Column types shared by every area's models."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CheckConstraint
from sqlalchemy.types import JSON, DateTime, TypeDecorator


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


#: Longest string kept in a ``StorableJSON`` value, and the budget of all its strings together: a
#: learner's program decides what it prints and raises, and must not fill the database or a page.
STORED_STRING_CHARS = 8192
STORED_TOTAL_CHARS = 256 * 1024
STORED_DEPTH = 32
TRUNCATED = "… [truncated]"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def storable_text(text: str, limit: int = STORED_STRING_CHARS) -> str:
    """``text`` made safe to store and show: at most ``limit`` characters, no lone surrogate (which
    no UTF-8 page or export can encode), no NUL (PostgreSQL refuses it) nor other control character
    but newline and tab. Each replaced character becomes U+FFFD."""
    if len(text) > limit:
        text = text[: max(0, limit - len(TRUNCATED))] + TRUNCATED
    return _UNSAFE.sub("\ufffd", text)


def storable_json(value: Any, budget: int = STORED_TOTAL_CHARS) -> Any:
    """A copy of a JSON-like value with every string made storable and the whole capped.

    Strings past the shared budget are cut to a marker, containers past ``STORED_DEPTH`` become the
    marker too: what a learner's program printed cannot make a row (or a page) grow without bound.
    """
    left = [budget]
    return _storable(value, left, 0)


def _storable(value: Any, left: list[int], depth: int) -> Any:
    if isinstance(value, str):
        text = storable_text(value, max(len(TRUNCATED), min(STORED_STRING_CHARS, left[0])))
        left[0] -= len(text)
        return text
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if depth >= STORED_DEPTH or left[0] <= 0:
        return TRUNCATED
    left[0] -= 2
    if isinstance(value, dict):
        return {storable_text(str(k), 200): _storable(v, left, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(v, left, depth + 1) for v in value]
    return storable_text(str(value), 200)


class StorableJSON(TypeDecorator):
    """JSON whose strings are capped and sanitised on the way in and on the way out.

    On the way out too, so rows stored before the cap (an 18 MB attempt, an error message with a lone
    surrogate) still render and export instead of failing every time they are read.
    """

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect):
        return None if value is None else storable_json(value)

    def process_result_value(self, value: Any, dialect):
        return None if value is None else storable_json(value)
