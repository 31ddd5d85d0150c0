from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import current_app

from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.packages.loader import load_package

DEMO = Path(__file__).resolve().parents[1] / "fixtures/packages/demo-minimal"


def xdist_slot() -> int:
    """One sandbox slot user per xdist worker, so parallel runs never share a process limit."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw") or 0) % 4


@pytest.fixture
def slot(app) -> int:
    app.config["GRADING_SLOTS"] = [xdist_slot()]
    return xdist_slot()


@pytest.fixture
def demo_course(app) -> Course:
    package, problems = load_package(DEMO, current_app.extensions["exercise_types"])
    assert not problems
    sync_package(package)
    db.session.commit()
    return db.session.scalar(db.select(Course).where(Course.slug == package.slug))


@pytest.fixture
def learner(make_user, demo_course):
    user = make_user(language="en")
    operations.enrol(user, demo_course)
    db.session.commit()
    return user
