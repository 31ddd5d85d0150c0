"""One set of honest figures: a scripted year, checked against counts computed from the raw rows.

Every figure of the manager's landing page, the report's tables, their CSV downloads and the
headline must equal what an independent SQL count over enrolments, progress, attempts, accounts and
certificates says, with the glossary's definitions (lms/reports/vocabulary.py).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select, union

from lms.certificates import operations as certificates
from lms.certificates.models import Certificate
from lms.classes import operations as classes
from lms.courses.models import Course
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning import operations as learning
from lms.learning.models import Attempt, Enrolment, ItemProgress
from lms.learning.progress import record_visit
from lms.reports.vocabulary import ACTIVE_DAYS, MEASURES
from lms.users.models import Role, User
from tests.classes.conftest import complete_course, item, programme_id
from tests.classes.html_tables import table_rows
from tests.reports.test_report_pages import headline_text


@pytest.fixture
def year(make_user, make_school, install):
    """Teachers and pupils of both programmes in three regions, doing (or not doing) what people do."""
    sic = install(slug="sic-course")
    digi = install(slug="digi-course", programme="digischool")
    schools = {
        "casa": make_school("MA-06"),
        "settat": make_school("MA-06"),
        "agadir": make_school("MA-09"),
        "tanger": make_school("MA-01"),
    }
    admin = make_user(Role.ADMIN)
    people: dict[str, list[User]] = {}

    def person(key: str, role: Role, school: str, programme: str) -> User:
        user = make_user(role, school_id=schools[school].id, programme_id=programme_id(programme))
        people.setdefault(key, []).append(user)
        return user

    # SIC teachers in Casablanca: two complete (certified), one only opens a lesson, one never starts.
    for n in range(4):
        teacher = person("sic_teachers", Role.TEACHER, "casa", "sic")
        learning.enrol(teacher, sic)
        db.session.commit()
        if n < 2:
            complete_course(teacher, sic)
        elif n == 2:
            record_visit(teacher, item(sic, "introduction"))
            db.session.commit()
    # A class in Settat assigned the SIC course: 6 pupils enrolled by their teacher, 2 open a lesson,
    # 1 completes; 3 never do anything (not reached, not active).
    class_teacher = person("sic_teachers", Role.TEACHER, "settat", "sic")
    klass = classes.create_class(class_teacher, "2e année", schools["settat"], "2026-2027")
    db.session.commit()
    pupils = [person("sic_pupils", Role.STUDENT, "settat", "sic") for _ in range(6)]
    for pupil in pupils:
        classes.add_member(klass, pupil, "teacher")
    classes.assign_course(klass, sic)
    db.session.commit()
    for pupil in pupils[:2]:
        record_visit(pupil, item(sic, "introduction"))
    db.session.commit()
    complete_course(pupils[2], sic)
    # DigiSchool teachers in Agadir and Tanger: three complete; one certificate is then revoked.
    for school in ("agadir", "agadir", "tanger", "tanger"):
        teacher = person("digi_teachers", Role.TEACHER, school, "digischool")
        learning.enrol(teacher, digi)
        db.session.commit()
    for teacher in people["digi_teachers"][:3]:
        complete_course(teacher, digi)
    revoked = db.session.scalar(
        select(Certificate).where(Certificate.user_id == people["digi_teachers"][2].id)
    )
    certificates.revoke(revoked, admin, "Fraude constatée")
    db.session.commit()
    # A DigiSchool pupil registered but never enrolled; a SIC pupil without a school.
    person("digi_pupils", Role.STUDENT, "agadir", "digischool")
    orphan = make_user(Role.STUDENT, programme_id=programme_id("sic"))
    learning.enrol(orphan, sic)
    db.session.commit()
    return {"schools": schools, "people": people}


def independent_counts(programme_code: str, region_code: str | None = None) -> dict[str, int]:
    """role_measure → number, straight from primary rows (no rollup is read)."""
    programme = programme_id(programme_code)
    courses = select(Course.id).where(Course.programme_id == programme)
    region_of = (
        select(User.id)
        .join(School, User.school_id == School.id)
        .join(Province, School.province_id == Province.id)
        .join(Region, Province.region_id == Region.id)
        .where(Region.code == region_code)
    )
    # The first moment of the window: today (UTC) and the 29 days before.
    since = datetime.combine(utcnow().date() - timedelta(days=ACTIVE_DAYS - 1), time(), tzinfo=UTC)
    own_actions = union(
        select(ItemProgress.user_id, ItemProgress.last_activity_at.label("at")).where(
            ItemProgress.course_id.in_(courses), ItemProgress.last_activity_at.is_not(None)
        ),
        select(Attempt.user_id, Attempt.submitted_at.label("at")).where(Attempt.course_id.in_(courses)),
    ).subquery()
    people = {
        "registered": select(User.id).where(User.programme_id == programme, User.active.is_(True)),
        "enrolled": select(Enrolment.user_id).where(Enrolment.course_id.in_(courses)),
        "reached": select(own_actions.c.user_id),
        "active": select(own_actions.c.user_id).where(own_actions.c.at >= since),
        "completed": select(Enrolment.user_id).where(
            Enrolment.course_id.in_(courses), Enrolment.completed_at.is_not(None)
        ),
        "certified": select(Certificate.user_id).where(
            Certificate.programme_id == programme, Certificate.revoked_at.is_(None)
        ),
    }
    counts = {}
    for measure, ids in people.items():
        for role in ("teacher", "student"):
            query = select(func.count(func.distinct(User.id))).where(
                User.id.in_(ids), User.role == Role(role)
            )
            if region_code is not None:
                query = query.where(User.id.in_(region_of))
            counts[f"{role}_{measure}"] = db.session.scalar(query)
    counts["certificates"] = db.session.scalar(
        select(func.count(Certificate.id)).where(
            Certificate.programme_id == programme,
            Certificate.revoked_at.is_(None),
            *([Certificate.user_id.in_(region_of)] if region_code else []),
        )
    )
    return counts


def table_totals(page: str, role: str) -> dict[str, int]:
    rows = table_rows(page, f"report-places-{role}")
    total = rows[-1][-len(MEASURES) :]
    return {f"{role}_{key}": int(value) for key, value in zip(MEASURES, total, strict=True)}


def csv_totals(response, role: str) -> dict[str, int]:
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    return {
        f"{role}_{key}": int(value) for key, value in zip(MEASURES, rows[-1][-len(MEASURES) :], strict=True)
    }


def spoken(counts: dict[str, int]) -> str:
    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return " | ".join(
        (
            plural(counts["teacher_certified"], "teacher trained", "teachers trained"),
            plural(counts["student_reached"], "learner reached", "learners reached"),
            plural(counts["certificates"], "certificate issued", "certificates issued"),
        )
    )


@pytest.mark.parametrize(
    ("programme", "region"), [("sic", None), ("sic", "MA-06"), ("digischool", None), ("digischool", "MA-09")]
)
def test_every_figure_matches_an_independent_count(client, auth, make_user, year, programme, region):
    expected = independent_counts(programme, region)
    auth.login(make_user(Role.ADMIN, language="en"))
    query = f"programme={programme}" + (f"&region={region}" if region else "")
    page = client.get(f"/reports/?{query}").get_data(as_text=True)
    for role in ("teacher", "student"):
        want = {key: value for key, value in expected.items() if key.startswith(role)}
        assert table_totals(page, role) == want
        assert csv_totals(client.get(f"/reports/places.csv?{query}&role={role}"), role) == want
    assert headline_text(page) == spoken(expected)


def test_the_scripted_year_says_what_happened(year):
    """The independent counts themselves, spelled out, so the script above is known to mean something."""
    sic = independent_counts("sic")
    assert (sic["teacher_enrolled"], sic["teacher_reached"], sic["teacher_certified"]) == (4, 3, 2)
    assert (sic["student_registered"], sic["student_enrolled"], sic["student_reached"]) == (7, 7, 3)
    assert (sic["student_active"], sic["student_completed"], sic["student_certified"]) == (3, 1, 1)
    digi = independent_counts("digischool")
    assert (digi["teacher_completed"], digi["teacher_certified"], digi["certificates"]) == (3, 2, 2)
    assert (digi["student_registered"], digi["student_enrolled"]) == (1, 0)


def test_landing_page_and_report_never_disagree(client, auth, make_user, year):
    for code in ("sic", "digischool"):
        auth.login(make_user(Role.MANAGER, programme_id=programme_id(code), language="en"))
        landing = headline_text(
            client.get("/dashboard/manager").get_data(as_text=True), f"headline-figures-{code}"
        )
        report = headline_text(client.get("/reports/").get_data(as_text=True))
        assert landing == report == spoken(independent_counts(code))
        auth.logout()


def test_a_region_manager_sees_their_region_on_both_pages(client, auth, make_user, year):
    from tests.reports.test_report_pages import region

    manager = make_user(
        Role.MANAGER, programme_id=programme_id("digischool"), region_id=region("MA-09").id, language="en"
    )
    auth.login(manager)
    landing = headline_text(
        client.get("/dashboard/manager").get_data(as_text=True), "headline-figures-digischool"
    )
    report = headline_text(client.get("/reports/").get_data(as_text=True))
    assert landing == report == spoken(independent_counts("digischool", "MA-09"))


def test_the_rollups_agree_with_a_recomputation(runner, year):
    result = runner.invoke(args=["reports", "rebuild-rollups", "--check"])
    assert result.exit_code == 0, result.output


def test_a_programme_without_a_pupils_course_says_why_its_pupil_figures_are_zero(
    client, auth, make_user, year
):
    auth.login(make_user(Role.ADMIN, language="en"))
    digi = db.session.scalar(select(Course).where(Course.slug == "digi-course"))
    digi.for_students = False
    db.session.commit()
    assert 'id="why-no-pupils"' in client.get("/reports/?programme=digischool").get_data(as_text=True)
    assert 'id="why-no-pupils"' not in client.get("/reports/?programme=sic").get_data(as_text=True)


def test_the_courses_slice_counts_the_period_and_matches_its_csv(client, auth, make_user, year):
    from lms.reports.targets import school_year_of

    auth.login(make_user(Role.ADMIN, language="en"))
    this_year = school_year_of(utcnow())
    page = client.get(f"/reports/courses?programme=digischool&year={this_year}").get_data(as_text=True)
    rows = table_rows(page, "report-courses")
    assert rows[0] == [
        "Course code",
        "Course",
        "Enrolments",
        "Completions",
        "Enrolments of the period completed (%)",
        "Median days to complete",
        "Certificates issued",
        "Certificates revoked",
    ]
    digi = next(r for r in rows if r[0] == "digi-course")
    # 4 teachers enrolled this year, 3 completed (75 %), 3 certificates issued and 1 revoked.
    assert digi[2:5] == ["4", "3", "75"] and digi[6:] == ["3", "1"]
    response = client.get(f"/reports/courses.csv?programme=digischool&year={this_year}")
    assert list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")))) == rows
    last_year = client.get(f"/reports/courses?programme=digischool&year={this_year - 1}").get_data(
        as_text=True
    )
    digi = next(r for r in table_rows(last_year, "report-courses") if r[0] == "digi-course")
    assert digi[2:] == ["0", "0", "—", "—", "0", "0"]
    pupils_only = client.get("/reports/courses?programme=sic&role=student").get_data(as_text=True)
    sic = next(r for r in table_rows(pupils_only, "report-courses") if r[0] == "sic-course")
    assert sic[2:4] == ["7", "1"]


@pytest.mark.parametrize(
    "query",
    ["from=2026-13-01&to=2026-12-31", "from=2027-01-01&to=2026-01-01", "year=1900", "from=2026-01-01"],
)
def test_a_bad_period_is_explained_and_the_school_year_shown(client, auth, make_user, query):
    auth.login(make_user(Role.ADMIN, language="fr"))
    response = client.get(f"/reports/courses?programme=sic&{query}")
    assert response.status_code == 200
    assert 'class="flash flash-error"' in response.get_data(as_text=True)


def test_the_printable_summary_shows_the_report_figures(client, auth, make_user, year):
    auth.login(make_user(Role.MANAGER, programme_id=programme_id("sic"), language="en"))
    summary = client.get("/reports/summary").get_data(as_text=True)
    report = client.get("/reports/").get_data(as_text=True)
    assert headline_text(summary) == headline_text(report)
    totals = table_rows(summary, "summary-totals")
    expected = independent_counts("sic")
    assert totals[0] == ["", "Teachers", "Pupils"]
    assert [row[1:] for row in totals[1:]] == [
        [str(expected[f"teacher_{key}"]), str(expected[f"student_{key}"])] for key in MEASURES
    ]
    with client.get("/static/css/reports.css") as stylesheet:
        assert "@media print" in stylesheet.get_data(as_text=True)
