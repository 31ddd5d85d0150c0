"""Programme reports: scoping, drill-down, totals that add up, CSV equal to the screen, few queries."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from lms.classes import operations
from lms.extensions import db
from lms.geo.models import Province, Region
from lms.learning import operations as learning
from lms.users.models import Role
from tests.classes.conftest import complete_course, count_queries, programme_id
from tests.classes.html_tables import table_rows


def region(code: str) -> Region:
    return db.session.scalar(select(Region).where(Region.code == code))


@pytest.fixture
def world(make_user, make_school, install):
    """SIC in Casablanca-Settat (two provinces) and DigiSchool in Souss-Massa, with a few completions."""
    sic, digi = install(slug="sic-course"), install(slug="digi-course", programme="digischool")
    casa_a, agadir = make_school("MA-06"), make_school("MA-09")
    casa_b = make_school("MA-06")  # another province of the same region
    places = {"casa_a": casa_a, "casa_b": casa_b, "agadir": agadir}
    for school, course, teachers, pupils, trained in (
        (casa_a, sic, 2, 5, 1),
        (casa_b, sic, 1, 3, 1),
        (agadir, digi, 3, 7, 2),
    ):
        joined = {"school_id": school.id, "programme_id": course.programme_id}
        people = [make_user(Role.TEACHER, **joined) for _ in range(teachers)]
        people += [make_user(**joined) for _ in range(pupils)]
        for person in people:
            learning.enrol(person, course)
        db.session.commit()
        for person in people[:trained]:
            complete_course(person, course)
    return places


def admin_login(auth, make_user, language="en"):
    auth.login(make_user(Role.ADMIN, language=language))


def headline_text(page: str, element_id: str = "headline") -> str:
    """The headline paragraph as read aloud: tags and decorations dropped, spaces collapsed."""
    start = page.index(f'id="{element_id}"')
    html = page[page.index(">", start) + 1 : page.index("</p>", start)]
    html = re.sub(r'<span class="sep" aria-hidden="true">·</span>', "|", html)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


MEASURE_HEADERS = ["Registered", "Enrolled", "Reached", "Active (30 days)", "Completed", "Certified"]


def test_admin_sees_every_region_with_totals_that_add_up(client, auth, make_user, world):
    admin_login(auth, make_user)
    page = client.get("/reports/?programme=sic").get_data(as_text=True)
    teachers = table_rows(page, "report-places-teacher")
    assert teachers[0] == ["Region code", "Region", *MEASURE_HEADERS]
    body, total = teachers[1:-1], teachers[-1]
    assert len(body) == 12 and total[:2] == ["", "Total"]
    casa = next(r for r in body if r[0] == "MA-06")
    # 3 teachers enrolled; the 2 who completed are the only ones who did anything themselves.
    assert casa[2:] == ["3", "3", "2", "2", "2", "2"]
    assert [sum(int(r[i]) for r in body) for i in range(2, 8)] == [int(v) for v in total[2:]]
    pupils = table_rows(page, "report-places-student")
    casa = next(r for r in pupils if r[0] == "MA-06")
    # Enrolled but never opened anything: not reached, not active.
    assert casa[2:] == ["8", "8", "0", "0", "0", "0"]
    assert headline_text(page) == "2 teachers trained | 0 learners reached | 2 certificates issued"
    programmes = table_rows(page, "report-programmes")
    assert [r[0] for r in programmes[1:]] == ["Samsung Innovation Campus", "DigiSchool"]
    assert programmes[1][1:] == ["2", "0", "2"] and programmes[2][1:] == ["2", "0", "2"]


def test_drill_down_region_then_province(client, auth, make_user, world):
    admin_login(auth, make_user)
    page = client.get("/reports/?programme=sic&region=MA-06").get_data(as_text=True)
    rows = table_rows(page, "report-places-teacher")
    assert rows[0][:4] == ["Region code", "Region", "Province code", "Province"]
    assert len(rows) == 4 and rows[-1][4:] == ["3", "3", "2", "2", "2", "2"]
    province = world["casa_a"].province
    page = client.get(f"/reports/?programme=sic&province={province.code}").get_data(as_text=True)
    rows = table_rows(page, "report-places-student")
    assert rows[0][:7] == [
        "Region code",
        "Region",
        "Province code",
        "Province",
        "School code",
        "School",
        "Registered",
    ]
    assert rows[1][:6] == ["MA-06", rows[1][1], province.code, province.name_fr, "SCH-0001", "Lycée 1"]
    assert rows[1][6:] == ["5", "5", "0", "0", "0", "0"]
    page = client.get(f"/reports/?programme=sic&province={world['casa_b'].province.code}").get_data(
        as_text=True
    )
    assert headline_text(page) == "1 teacher trained | 0 learners reached | 1 certificate issued"


def test_a_sic_manager_never_sees_digischool(client, auth, make_user, world):
    auth.login(make_user(Role.MANAGER, programme_id=programme_id("sic"), language="en"))
    page = client.get("/reports/").get_data(as_text=True)
    main = page[page.index("<main") : page.index("</main>")]
    assert "Samsung Innovation Campus" in main and "DigiSchool" not in main and "digischool" not in main
    assert headline_text(page) == "2 teachers trained | 0 learners reached | 2 certificates issued"
    for url in ("/reports/?programme=digischool", "/reports/places.csv?programme=digischool"):
        assert client.get(url).status_code == 403
    assert client.get("/reports/weeks.csv?programme=digischool").status_code == 403
    assert client.get("/reports/?programme=nope").status_code == 404


def test_a_region_manager_sees_only_their_region(client, auth, make_user, world):
    manager = make_user(
        Role.MANAGER, programme_id=programme_id("digischool"), region_id=region("MA-09").id, language="en"
    )
    auth.login(manager)
    page = client.get("/reports/").get_data(as_text=True)
    rows = table_rows(page, "report-places-teacher")
    assert rows[0][3] == "Province" and rows[-1][4:7] == ["3", "3", "2"]
    assert "All regions</a>" not in page
    casa = world["casa_a"].province.code
    for url in (
        "/reports/?region=MA-06",
        f"/reports/?province={casa}",
        "/reports/places.csv?region=MA-06",
        "/reports/?programme=sic",
    ):
        assert client.get(url).status_code == 403, url
    own = db.session.scalar(select(Province).where(Province.region_id == region("MA-09").id))
    assert client.get(f"/reports/?province={own.code}").status_code == 200


REPORT_URLS = [
    "/reports/",
    "/reports/places.csv",
    "/reports/weeks.csv",
    "/reports/glossary",
    "/reports/targets",
]


@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize("role", [Role.TEACHER, Role.STUDENT])
def test_teachers_and_pupils_are_refused(client, auth, make_user, role, url):
    auth.login(make_user(role))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", REPORT_URLS)
def test_visitors_are_sent_to_sign_in(client, url):
    assert "/auth/login" in client.get(url).headers["Location"]


def test_a_manager_without_a_programme_is_refused(client, auth, make_user, db):
    manager = make_user(Role.MANAGER)
    manager.programme_id = None
    db.session.commit()
    auth.login(manager)
    assert client.get("/reports/").status_code == 403


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8"))))


@pytest.mark.parametrize(
    "query", ["programme=sic", "programme=sic&region=MA-06", "programme=digischool&region=MA-09"]
)
def test_csv_is_the_table_on_screen(client, auth, make_user, world, query):
    admin_login(auth, make_user)
    page = client.get(f"/reports/?{query}").get_data(as_text=True)
    for role in ("teacher", "student"):
        screen = table_rows(page, f"report-places-{role}")
        rows = csv_rows(client.get(f"/reports/places.csv?{query}&role={role}"))
        rows[0][0] = rows[0][0].removeprefix("\ufeff")
        assert rows == screen
    weeks_screen = table_rows(page, "report-weeks")
    weeks = csv_rows(client.get(f"/reports/weeks.csv?{query}"))
    weeks[0][0] = weeks[0][0].removeprefix("\ufeff")
    assert weeks == weeks_screen and len(weeks) == 14


def test_an_unknown_role_in_the_csv_address_is_not_found(client, auth, make_user, world):
    admin_login(auth, make_user)
    assert client.get("/reports/places.csv?programme=sic&role=admin").status_code == 404


def test_csv_headers_are_translated_and_arabic_names_survive(client, auth, make_user, world):
    school = world["agadir"]
    auth.login(make_user(Role.ADMIN, language="ar"))
    rows = csv_rows(client.get(f"/reports/places.csv?programme=digischool&province={school.province.code}"))
    assert rows[1][4:6] == [school.code, school.name_ar]
    auth.logout()
    auth.login(make_user(Role.ADMIN, language="fr"))
    rows = csv_rows(client.get("/reports/places.csv?programme=sic"))
    assert rows[0][:2] == ["\ufeffCode de la région", "Région"] and rows[-1][1] == "Total"


def test_the_report_costs_the_same_queries_for_more_learners(client, auth, make_user, make_school, install):
    course = install()
    schools = [make_school("MA-06") for _ in range(2)]
    admin_login(auth, make_user)

    def queries_with(learners: int) -> int:
        for n in range(learners):
            pupil = make_user(school_id=schools[n % 2].id)
            learning.enrol(pupil, course)
        db.session.commit()
        with count_queries() as queries:
            assert client.get("/reports/?programme=sic&region=MA-06").status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(10)


def test_the_manager_dashboard_shows_the_headline(client, auth, make_user, world):
    auth.login(make_user(Role.MANAGER, programme_id=programme_id("sic"), language="en"))
    page = client.get("/dashboard/manager").get_data(as_text=True)
    assert (
        headline_text(page, "headline-figures-sic")
        == "2 teachers trained | 0 learners reached | 2 certificates issued"
    )
    assert "/reports/?programme=sic" in page


def test_the_weekly_trend_counts_this_weeks_enrolments(client, auth, make_user, world):
    admin_login(auth, make_user)
    rows = table_rows(client.get("/reports/?programme=digischool").get_data(as_text=True), "report-weeks")
    assert rows[-2][1:] == ["10", "2"] and rows[-1] == ["Total", "10", "2"]
    assert operations  # classes and reports share the enrolment path
