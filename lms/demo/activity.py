"""``flask demo activity``: a year's worth of demo cohorts, so the reports show targets partly reached.

Run after ``courses sync`` (``make run`` does): it enrols demo cohorts in the shipped courses and moves
them through the same progress rules as real learners (visits, completed steps, certificates on
completion), then sets each programme's targets for the current school year to the figures the
programmes publish, and gives the demo teacher a class (the demo pupil and her school's cohort, the
Python course, a unit due next week, a welcome announcement). Idempotent: the cohorts are recognised
by their addresses, the class by its teacher and name.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from lms.courses.models import Course, Item, Unit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Region, School
from lms.learning import operations as learning
from lms.learning.progress import complete_item, record_visit
from lms.programmes.models import Programme
from lms.reports.targets import school_year_of, set_target
from lms.users.models import Role, User
from lms.users.operations import create_user

#: The programmes' published figures (Maroc Digital 2030), used as this year's national targets.
PUBLISHED_TARGETS = {
    "sic": {"teachers_trained": 780, "learners_reached": 1273, "certificates": 2053},
    "digischool": {"teachers_trained": 265, "learners_reached": 2650, "certificates": 265},
}
#: A regional target at the demo's scale, so a regional manager sees a bar well under way.
REGIONAL_TARGETS = {
    ("digischool", "MA-09"): {"teachers_trained": 12, "learners_reached": 120, "certificates": 12}
}
#: school code → (programme, teachers' course, pupils' course or None, teachers, pupils)
COHORTS = {
    "DEMO-L001": ("sic", "sic-python-fundamentals", "sic-python-fundamentals", 6, 24),
    "DEMO-C002": ("sic", "sic-python-fundamentals", "sic-python-fundamentals", 4, 18),
    "DEMO-L003": ("sic", "sic-ai-foundations", "sic-ai-foundations", 5, 20),
    "DEMO-L004": ("digischool", "digischool-emerging-tech-for-teachers", None, 8, 16),
}
NAMES = ["Amina", "Youssef", "Salma", "Omar", "Khadija", "Hamza", "Imane", "Anas", "Meryem", "Ayoub"]


def _course(slug: str) -> Course | None:
    return db.session.scalar(select(Course).where(Course.slug == slug, Course.archived_at.is_(None)))


def _required_items(course: Course) -> list[Item]:
    return list(
        db.session.scalars(
            select(Item)
            .join(Unit, Item.unit_id == Unit.id)
            .where(
                Item.course_id == course.id,
                Item.required.is_(True),
                Item.archived_at.is_(None),
                Unit.archived_at.is_(None),
            )
            .order_by(Unit.position, Item.position)
        )
    )


def _person(email: str, name: str, role: Role, school: School, programme: Programme) -> tuple[User, bool]:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    user = create_user(
        email=email,
        display_name=name,
        # Nobody signs in as a cohort member: a random password nobody knows.
        password=secrets.token_urlsafe(24),
        role=role,
        language="fr",
        school_id=school.id,
        programme_id=programme.id,
    )
    return user, True


def _progress(user: User, course: Course, items: list[Item], share: float) -> None:
    """Open the first step, then complete the first ``share`` of the steps (1.0: the whole course)."""
    learning.enrol(user, course, source="self")
    if not items or share <= 0:
        return
    record_visit(user, items[0])
    for item in items[: round(len(items) * share)]:
        complete_item(user, item)


#: The demo teacher's class: (teacher, school, course, class name, the demo pupil in it). Its members
#: are that pupil and the cohort of the school, so the class dashboard, gradebook and reports have
#: pupils at every stage from the first visit.
DEMO_CLASS = (
    "enseignant@demo.maharat.ma",
    "DEMO-L001",
    "sic-python-fundamentals",
    "Tronc commun 3 — Python",
    "eleve@demo.maharat.ma",
)


def _demo_class() -> bool:
    """Give the demo teacher a class once: members, the course, a unit due next week, a welcome."""
    from lms.assignments.dates import due_from_local, local
    from lms.assignments.operations import assign
    from lms.classes.models import SchoolClass
    from lms.classes.operations import add_member, assign_course, create_class, school_years
    from lms.notifications.operations import post_announcement

    teacher_email, school_code, slug, name, pupil_email = DEMO_CLASS
    teacher = db.session.scalar(select(User).where(User.email == teacher_email))
    school = db.session.scalar(select(School).where(School.code == school_code))
    course = _course(slug)
    if teacher is None or school is None or course is None or not course.for_students:
        return False
    made = select(SchoolClass.id).where(SchoolClass.teacher_id == teacher.id, SchoolClass.name == name)
    if db.session.scalar(made) is not None:
        return False
    today = local(utcnow()).date()
    klass = create_class(teacher, name, school, school_years(today)[0])
    cohort = f"cohorte.{school_code.lower()}.eleve%@demo.maharat.ma"
    pupils = db.session.scalars(
        select(User)
        .where(
            (User.email == pupil_email) | User.email.like(cohort),
            User.role == Role.STUDENT,
        )
        .order_by(User.id)
    ).all()
    for pupil in pupils:
        add_member(klass, pupil, source="teacher", actor=teacher)
    assign_course(klass, course)
    units = [unit for unit in course.units if unit.archived_at is None]
    if len(units) > 1:
        assign(klass, course, teacher, unit=units[1], due_at=due_from_local(today + timedelta(days=7), None))
    post_announcement(
        klass,
        teacher,
        "Bienvenue dans la classe ! Commencez par la première unité du cours Python ; "
        "la deuxième est à rendre la semaine prochaine.",
    )
    db.session.commit()
    return True


def load_activity() -> dict[str, int]:
    """Create the cohorts that are missing and set the targets; return how many people were created."""
    programmes = {p.code: p for p in db.session.scalars(select(Programme))}
    created = {"teachers": 0, "pupils": 0, "classes": 0}
    for school_code, (programme_code, teachers_course, pupils_course, teachers, pupils) in COHORTS.items():
        school = db.session.scalar(select(School).where(School.code == school_code))
        programme = programmes[programme_code]
        course = _course(teachers_course)
        if school is None or course is None:
            continue
        items = _required_items(course)
        for n in range(teachers):
            user, new = _person(
                f"cohorte.{school_code.lower()}.prof{n + 1}@demo.maharat.ma",
                f"{NAMES[n % len(NAMES)]} (prof {school_code} {n + 1})",
                Role.TEACHER,
                school,
                programme,
            )
            if new:
                # Half of the teachers finish (and get their certificate), a quarter are half-way.
                _progress(user, course, items, 1.0 if n % 2 == 0 else 0.5 if n % 4 == 1 else 0)
                created["teachers"] += 1
                db.session.commit()
        pupil_course = _course(pupils_course) if pupils_course else None
        pupil_items = _required_items(pupil_course) if pupil_course else []
        for n in range(pupils):
            user, new = _person(
                f"cohorte.{school_code.lower()}.eleve{n + 1}@demo.maharat.ma",
                f"{NAMES[(n + 3) % len(NAMES)]} ({school_code} {n + 1})",
                Role.STUDENT,
                school,
                programme,
            )
            if new:
                if pupil_course is not None:
                    # Most pupils start; one in six finishes; one in four never opens anything.
                    share = 1.0 if n % 6 == 0 else 0 if n % 4 == 3 else 0.3
                    if n % 4 == 3:
                        learning.enrol(user, pupil_course, source="class")
                    else:
                        _progress(user, pupil_course, pupil_items, share)
                created["pupils"] += 1
                db.session.commit()
    created["classes"] = int(_demo_class())
    year = school_year_of(utcnow())
    for code, figures in PUBLISHED_TARGETS.items():
        set_target(programmes[code].id, year, None, **figures)
    for (code, region_code), figures in REGIONAL_TARGETS.items():
        region = db.session.scalar(select(Region).where(Region.code == region_code))
        set_target(programmes[code].id, year, region.id, **figures)
    db.session.commit()
    return created
