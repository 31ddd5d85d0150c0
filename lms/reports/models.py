"""Rollups for programme reports: derived data, kept up to date in the transaction of each event.

Three tables, all rebuildable from enrolments, progress and attempts (``flask reports rebuild-rollups``):

- :class:`Participant` — one row per person and programme: the set that lets counters count *people*
  once, however many courses of the programme they follow;
- :class:`RollupTotal` — per programme, school and role: people enrolled, people who did something
  themselves ("reached") and people who completed a course, so a national report reads a few thousand
  rows instead of every learner;
- :class:`RollupWeek` — the same counters per week (the Monday, UTC) for the trend charts;
- :class:`ActiveDay` — how many people's latest own action fell on each day, per place, so that
  "active in the last 30 days" sums 30 days of a few rows per place instead of reading every person.

Geography is copied onto the rows (a school never changes province) so that a region or province
report is a plain indexed filter. ``0`` stands for "no school recorded": a sentinel rather than NULL,
so that the unique keys work and an upsert can target them on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.dbtypes import UTCDateTime, one_of
from lms.extensions import db
from lms.users.models import Role, User

#: The geography columns' value for a person without a school.
NO_PLACE = 0
#: Roles whose participation the programmes report on.
COUNTED_ROLES = (Role.TEACHER.value, Role.STUDENT.value)


class _Place:
    #: Copied from the school when the row is written (``NO_PLACE`` without a school); no foreign key,
    #: because ``NO_PLACE`` is not a row and the counters are derived data.
    region_id: Mapped[int] = mapped_column(Integer, default=NO_PLACE)
    province_id: Mapped[int] = mapped_column(Integer, default=NO_PLACE)
    school_id: Mapped[int] = mapped_column(Integer, default=NO_PLACE)
    #: ``teacher`` or ``student``: other roles do not take part in programmes.
    role: Mapped[str] = mapped_column(String(16))


class Participant(_Place, db.Model):
    __tablename__ = "report_participants"
    __table_args__ = (UniqueConstraint("programme_id", "user_id"), one_of("role", COUNTED_ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: The first enrolment in a course of the programme.
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The first completion of a course of the programme ("trained" for a teacher).
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The learner's own latest learning action in the programme: opening an item, submitting an answer,
    #: completing a step. None until they do something themselves (being enrolled by a teacher is not it).
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RollupTotal(_Place, db.Model):
    __tablename__ = "report_totals"
    __table_args__ = (UniqueConstraint("programme_id", "school_id", "role"), one_of("role", COUNTED_ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    #: People with at least one learning action of their own in the programme ("learners reached").
    reached: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    completed: Mapped[int] = mapped_column(Integer, default=0)
    #: Active accounts of the programme ("registered"), whether or not they enrolled in anything.
    registered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RollupWeek(_Place, db.Model):
    __tablename__ = "report_weeks"
    __table_args__ = (
        UniqueConstraint("programme_id", "week", "school_id", "role"),
        one_of("role", COUNTED_ROLES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    #: The Monday (UTC) of the week.
    week: Mapped[date] = mapped_column(Date)
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)


#: The levels a report groups by. A person's latest active day is counted once at each, so a report
#: reads only the level of its own rows (a national report: the regions).
ACTIVE_LEVELS = ("region", "province", "school")


class ActiveDay(db.Model):
    """People of a programme whose latest own learning action fell on ``day``, per place and role.

    A person counts on one day only: when they act again on a later day, they move from their old day
    to the new one (:func:`lms.reports.rollups.note_activity`). The people active in the last 30 days
    are then the sum of the last 30 days' rows; nothing ages out, old days simply stop being read.
    """

    __tablename__ = "report_active_days"
    __table_args__ = (
        # Also the read path: a report takes one level under one parent over a range of days.
        UniqueConstraint("programme_id", "level", "parent_id", "day", "place_id", "role"),
        one_of("role", COUNTED_ROLES),
        one_of("level", ACTIVE_LEVELS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    #: ``region``, ``province`` or ``school``: what ``place_id`` is.
    level: Mapped[str] = mapped_column(String(8))
    #: The place one level up (the region of a province, the province of a school; ``NO_PLACE`` for a
    #: region), so a region's report reads its provinces' rows only.
    parent_id: Mapped[int] = mapped_column(Integer)
    #: ``NO_PLACE`` for people without a school, at every level.
    place_id: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    #: The UTC day.
    day: Mapped[date] = mapped_column(Date)
    people: Mapped[int] = mapped_column(Integer, default=0)


class ProgrammeTarget(db.Model):
    """What a programme aims to reach by the end of a school year, nationally or in one region.

    Figures are cumulative (since the programme started on the platform), like the public figures the
    programmes report; ``school_year`` is the year the school year starts (2026 = 2026–2027).
    """

    __tablename__ = "programme_targets"
    __table_args__ = (Index("ix_programme_targets_year", "programme_id", "school_year", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    school_year: Mapped[int] = mapped_column(Integer)
    #: None: the national target.
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), nullable=True)
    teachers_trained: Mapped[int] = mapped_column(Integer, default=0)
    learners_reached: Mapped[int] = mapped_column(Integer, default=0)
    certificates: Mapped[int] = mapped_column(Integer, default=0)


#: "Registered" per school and role, read from this index alone (lms/reports/queries.py): declared here
#: because the reports are its only reader.
Index("ix_users_programme_place", User.programme_id, User.school_id, User.role, User.active)
