"""Due dates as teachers think of them (Morocco's local time) and as they are stored (UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from lms.zones import platform_zone


def due_from_local(day: date, at: time | None) -> datetime:
    """The UTC instant of a local day and time; a day alone means the end of that day (23:59)."""
    moment = datetime.combine(day, at if at is not None else time(23, 59), tzinfo=platform_zone())
    return moment.astimezone(UTC)


def local(moment: datetime) -> datetime:
    return moment.astimezone(platform_zone())


def end_of_tomorrow(now: datetime) -> datetime:
    """The last instant of the local day after ``now``'s: "due tomorrow" means due before it."""
    today = local(now).date()
    return datetime.combine(today + timedelta(days=2), time.min, tzinfo=platform_zone()).astimezone(UTC)
