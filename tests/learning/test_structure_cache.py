"""The per-process course structure: shared by every learner, never carrying one learner's data, and
replaced as soon as the database holds a new version (a sync or a publish in any worker)."""

from __future__ import annotations

from sqlalchemy import update

from lms.courses.models import Course
from lms.extensions import db
from lms.learning import operations, structure
from lms.learning.structure import ItemInfo, UnitInfo
from lms.users.models import Role
from tests.conftest import count_queries

EN = {"Accept-Language": "en"}


def _outline(client, course) -> str:
    return client.get(f"/courses/{course.slug}", headers=EN).get_data(as_text=True)


def test_two_learners_share_the_structure_but_never_each_others_progress(client, auth, make_user, course):
    first, second = make_user(language="en"), make_user(language="en")
    for user in (first, second):
        operations.enrol(user, course)
    db.session.commit()

    auth.login(first)
    client.post(f"/courses/{course.slug}/items/introduction/done")
    client.get(f"/courses/{course.slug}/items/pour-aller-plus-loin")
    loads = structure.loads
    mine = _outline(client, course)
    assert "25% complete" in mine and "In progress" in mine
    auth.logout()

    auth.login(second)
    theirs = _outline(client, course)
    dashboard = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    # The same structure served both learners: it was not read again for the second one.
    assert structure.loads == loads
    assert "0% complete" in theirs and "In progress" not in theirs and "Completed" not in theirs
    assert "0 of 4 required steps done" in dashboard
    # The second learner's next step is the first item, not the first learner's.
    assert client.get(f"/courses/{course.slug}/continue").headers["Location"].endswith("/items/introduction")
    auth.logout()

    auth.login(first)
    assert "25% complete" in _outline(client, course)


def test_the_cache_holds_no_learner_data():
    """Only course content lives in the process cache: titles, order and flags, never a user's rows."""
    learner_fields = {"user_id", "status", "best_score", "attempts", "completed_at", "last_activity_at"}
    for kind in (ItemInfo, UnitInfo, structure.Structure):
        assert not learner_fields & set(kind.__dataclass_fields__), kind


def test_a_new_version_replaces_the_structure_without_a_signal(client, auth, make_user, install, course):
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    assert "Nouvelle leçon" not in _outline(client, course)
    cached = structure.structure_of(course)

    # A sync (what a publish from the browser also runs) in *another* worker changes only the database:
    # nothing here is told. The next request sees the new version because the key is read from the row.
    install(version=2, extra_lesson=True)
    assert structure._cache and cached in structure._cache.values()  # the old entry was not cleared
    page = _outline(client, course)
    assert "Nouvelle leçon" in page
    assert structure.structure_of(db.session.get(Course, course.id)) is not cached


def test_a_publish_in_another_process_is_seen_from_the_stamp_in_the_database(client, auth, make_user, course):
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    _outline(client, course)
    loads = structure.loads
    _outline(client, course)
    assert structure.loads == loads  # served from the cache
    # What another worker's publish leaves behind: a new version and sync time on the course row.
    db.session.execute(
        update(Course)
        .where(Course.id == course.id)
        .values(version=Course.version + 1, synced_at=db.func.now())
    )
    db.session.commit()
    _outline(client, course)
    assert structure.loads == loads + 1


def test_learner_pages_read_a_fixed_number_of_queries_whatever_the_progress(client, auth, make_user, course):
    """Query counts do not grow with the learner's progress rows or with the number of learners."""
    fresh = make_user(language="en")
    busy = make_user(language="en")
    for user in (fresh, busy):
        operations.enrol(user, course)
    for _ in range(30):
        operations.enrol(make_user(Role.STUDENT), course)
    db.session.commit()
    pages = [
        f"/courses/{course.slug}",
        "/dashboard/learner",
        f"/courses/{course.slug}/items/introduction",
    ]
    counts = {}
    for user in (fresh, busy):
        auth.login(user)
        if user is busy:
            client.post(f"/courses/{course.slug}/items/introduction/done")
            client.post(f"/courses/{course.slug}/items/pour-aller-plus-loin/done")
        for path in pages:
            client.get(path)  # a visit that is news writes once; measure the steady state
            with count_queries() as statements:
                assert client.get(path, headers=EN).status_code == 200
            counts[(user.id, path)] = len(statements)
        auth.logout()
    for path in pages:
        assert counts[(fresh.id, path)] == counts[(busy.id, path)], path
