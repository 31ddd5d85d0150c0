"""Yearly targets per programme (nationally or per region), and how far the figures have come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from lms.extensions import db
from lms.reports.models import ProgrammeTarget
from lms.reports.queries import Scope
from lms.zones import MOROCCO, zone

#: The school year starts in September: 2026 stands for 2026–2027.
SCHOOL_YEAR_FIRST_MONTH = 9
#: Target field → the headline figure it is compared with.
TARGET_FIGURES = {
    "teachers_trained": "teachers_trained",
    "learners_reached": "learners_reached",
    "certificates": "certificates",
}


def school_year_of(moment: datetime) -> int:
    """The school year (its first calendar year) of a moment, in Morocco's time."""
    day = moment.astimezone(zone(MOROCCO)).date()
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1


@dataclass(frozen=True)
class Progress:
    key: str
    reached: int
    target: int

    @property
    def percent(self) -> int:
        """Whole percent of the target reached, capped at 100 for the bar (the figures say the rest)."""
        return min(100, (100 * self.reached) // self.target) if self.target else 0


def find_target(programme_id: int, school_year: int, region_id: int | None) -> ProgrammeTarget | None:
    query = select(ProgrammeTarget).where(
        ProgrammeTarget.programme_id == programme_id, ProgrammeTarget.school_year == school_year
    )
    query = query.where(
        ProgrammeTarget.region_id.is_(None) if region_id is None else ProgrammeTarget.region_id == region_id
    )
    return db.session.scalars(query.limit(1)).first()


def set_target(programme_id: int, school_year: int, region_id: int | None, **figures: int) -> ProgrammeTarget:
    """Create or replace the target of a programme for a school year and place; the caller commits."""
    target = find_target(programme_id, school_year, region_id)
    if target is None:
        target = ProgrammeTarget(programme_id=programme_id, school_year=school_year, region_id=region_id)
        db.session.add(target)
    for key in TARGET_FIGURES:
        setattr(target, key, int(figures.get(key) or 0))
    db.session.flush()
    return target


def target_progress(scope: Scope, figures: dict[str, int], now: datetime) -> tuple[int, list[Progress]]:
    """The school year and each target's progress for a national or regional scope (none per province)."""
    year = school_year_of(now)
    if scope.province is not None:
        return year, []
    target = find_target(scope.programme.id, year, scope.region.id if scope.region else None)
    if target is None:
        return year, []
    return year, [
        Progress(key, figures.get(figure, 0), getattr(target, key))
        for key, figure in TARGET_FIGURES.items()
        if getattr(target, key)
    ]
