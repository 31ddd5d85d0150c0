"""The per-process course structure: shared by every learner, never carrying one learner's data, and
replaced as soon as the database holds a new version (a sync or a publish in any worker)."""

from __future__ import annotations

import re

from sqlalchemy import update

from lms.core import fragments as core_fragments
from lms.courses.models import Course
from lms.extensions import db
from lms.learning import fragments, operations, structure
from lms.learning.structure import ItemInfo, UnitInfo
from lms.users.models import Role
from tests.conftest import PASSWORD, count_queries

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


# Rendered fragments (lms/learning/fragments.py, lms/core/fragments.py): shared only where the bytes are
# the same for everyone with that key, and never carrying a learner's own data to another learner.

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _masked(page: str) -> str:
    return TOKEN.sub('name="csrf_token" value="…"', page)


def _units(page: str) -> str:
    return page[page.index('<ol class="outline">') : page.index("</main>")]


def test_outline_units_are_shared_between_learners_in_the_same_state_only(
    app, client, auth, make_user, course
):
    first, second, third = (make_user(language="en") for _ in range(3))
    for user in (first, second, third):
        operations.enrol(user, course)
    db.session.commit()
    fragments.outline_units.clear()

    auth.login(first)
    client.post(f"/courses/{course.slug}/items/introduction/done")
    mine = _outline(client, course)
    assert "Completed" in mine and "In progress" in mine
    auth.logout()

    auth.login(second)
    theirs = _outline(client, course)
    auth.logout()
    # Nothing of the first learner's progress reached the second one's outline.
    assert "Completed" not in theirs and "In progress" not in theirs and "0% complete" in theirs

    hits = fragments.outline_units.hits
    other = app.test_client()
    other.post("/auth/login", data={"email": third.email, "password": PASSWORD})
    shared = _outline(other, course)
    # The third learner, in the second one's state, was served the second one's units from the cache…
    assert fragments.outline_units.hits >= hits + len(course.units)
    assert _units(shared) == _units(theirs)
    # …which are exactly what rendering them afresh gives.
    fragments.outline_units.clear()
    assert _masked(_outline(other, course)) == _masked(shared)

    auth.login(first)
    assert _units(_outline(client, course)) == _units(mine)


def test_a_publish_renders_the_outline_units_again(client, auth, make_user, install, course):
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    _outline(client, course)
    misses = fragments.outline_units.misses
    _outline(client, course)
    assert fragments.outline_units.misses == misses  # the same version and states: served from the cache

    install(version=2, extra_lesson=True)
    page = _outline(client, course)
    assert "Nouvelle leçon" in page
    assert fragments.outline_units.misses > misses

    # A publish that only another worker saw: the stamp read from the row changes the fragments' key.
    misses = fragments.outline_units.misses
    db.session.execute(
        update(Course)
        .where(Course.id == course.id)
        .values(version=Course.version + 1, synced_at=db.func.now())
    )
    db.session.commit()
    assert "Nouvelle leçon" in _outline(client, course)
    assert fragments.outline_units.misses > misses


def test_the_shared_header_carries_each_sessions_own_token_and_unread_count(app, client, auth, make_user):
    from itsdangerous import URLSafeTimedSerializer

    from lms.notifications.operations import notify

    notified, quiet = make_user(language="en"), make_user(language="en")
    notify([notified.id], "announcement", {}, None)
    notify([notified.id], "announcement", {}, None)
    db.session.commit()
    core_fragments.site_headers.clear()

    auth.login(notified)
    page = client.get("/account/profile", headers=EN).get_data(as_text=True)
    assert '<span class="unread-count" id="unread-count">2</span>' in page

    other = app.test_client()
    other.post("/auth/login", data={"email": quiet.email, "password": PASSWORD})
    theirs = other.get("/account/profile", headers=EN).get_data(as_text=True)
    assert 'id="unread-count"' not in theirs  # the other learner's count is never shown

    # Same role, language and address, no unread notifications: the header is served from the cache,
    # with the token of the session that asks for it (the one its sign-out and language forms need).
    hits = core_fragments.site_headers.hits
    again = other.get("/account/profile", headers=EN).get_data(as_text=True)
    assert core_fragments.site_headers.hits == hits + 1
    serializer = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token")
    for session_client, html in ((client, page), (other, again)):
        with session_client.session_transaction() as session:
            raw = session["csrf_token"]
        tokens = set(TOKEN.findall(html.split("</header>")[0]))
        assert tokens and all(serializer.loads(token) == raw for token in tokens)
    assert TOKEN.findall(page)[0] != TOKEN.findall(again)[0]


def test_the_fragment_cache_stays_bounded_and_right_under_threads():
    """gunicorn's gthread workers share one cache per process: every answer is its key's, the size is capped."""
    from concurrent.futures import ThreadPoolExecutor

    cache = core_fragments.FragmentCache(size=64)

    def work(seed: int) -> bool:
        keys = [(seed * 7919 + n * 104729) % 300 for n in range(2000)]
        return all(
            cache.get_or_render(key, lambda key=key: f"<p>{key}</p>") == f"<p>{key}</p>" for key in keys
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(16)))
    assert len(cache) <= 64
    assert cache.hits + cache.misses == 16 * 2000
