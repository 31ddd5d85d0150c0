"""The demo shows both programmes with this year's targets partly reached (``make run``)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from lms.courses.sync import sync_package
from lms.extensions import db
from lms.packages.loader import load_package
from lms.reports.models import ProgrammeTarget
from lms.users.models import User
from tests.reports.test_report_pages import headline_text

SHIPPED = Path(__file__).resolve().parents[2] / "courses"


def _demo(runner, fast_passwords) -> None:
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    for folder in sorted(SHIPPED.iterdir()):
        package, problems = load_package(folder, current_app.extensions["exercise_types"])
        assert not problems, problems
        sync_package(package)
    db.session.commit()


def test_demo_activity_sets_targets_and_shows_them_partly_reached(runner, client, auth, fast_passwords):
    _demo(runner, fast_passwords)
    first = runner.invoke(args=["demo", "activity"])
    assert first.exit_code == 0, first.output
    people = db.session.scalar(select(func.count(User.id)))
    again = runner.invoke(args=["demo", "activity"])
    assert again.exit_code == 0 and db.session.scalar(select(func.count(User.id))) == people
    assert db.session.scalar(select(func.count(ProgrammeTarget.id))) == 3

    auth.login("pilotage.sic@demo.maharat.ma", "demo-pilote-2030")
    page = client.get("/dashboard/manager").get_data(as_text=True)
    assert "780" in page and 'id="targets-title"' in page
    trained = int(headline_text(page, "headline-figures-sic").split()[0])
    assert 0 < trained < 780
    report = client.get("/reports/").get_data(as_text=True)
    assert headline_text(report) == headline_text(page, "headline-figures-sic")
    auth.logout()

    auth.login("pilotage.digischool@demo.maharat.ma", "demo-pilote-2030")
    page = client.get("/reports/").get_data(as_text=True)
    # The regional target (12 teachers in Souss-Massa) is under way; DigiSchool now offers its pupils a
    # course, so no note explains a 0 any more.
    values = [int(v) for v in _progress_values(page)]
    assert values and 0 < values[0] < 100
    assert 'id="why-no-pupils"' not in page


def _progress_values(page: str) -> list[str]:
    import re

    return re.findall(r'<progress max="100" value="(\d+)"', page)


def test_the_demo_teacher_has_a_class_with_pupils_at_every_stage(runner, client, auth, fast_passwords):
    """A first visit as the demo teacher finds a class to look at, and the demo pupil finds work to do."""
    from lms.assignments.models import Assignment
    from lms.classes.models import ClassMember, SchoolClass

    _demo(runner, fast_passwords)
    assert runner.invoke(args=["demo", "activity"]).exit_code == 0
    assert runner.invoke(args=["demo", "activity"]).exit_code == 0  # once, however often it runs
    klass = db.session.scalars(select(SchoolClass)).one()
    members = db.session.scalar(select(func.count(ClassMember.id)).where(ClassMember.class_id == klass.id))
    assert members == 25  # the demo pupil and her school's cohort of 24
    assert db.session.scalar(select(func.count(Assignment.id))) == 1

    auth.login("enseignant@demo.maharat.ma", "demo-prof-2030")
    assert klass.name in client.get("/dashboard/teacher").get_data(as_text=True)
    page = client.get(f"/classes/{klass.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("<tr data-learner=") == 25
    auth.logout()
    auth.login("eleve@demo.maharat.ma", "demo-eleve-2030")
    page = client.get("/dashboard/learner").get_data(as_text=True)
    assert 'id="todo"' in page and "Bienvenue dans la classe" in page
