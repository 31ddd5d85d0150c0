"""The class dashboard: heatmap, figures, who may need help, sorting, paging, drill-down and CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from lms.classes import operations
from lms.classes.models import ClassMember
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment
from tests.classes.conftest import EN, WRONG, complete_course, complete_first_unit, count_queries, submit
from tests.classes.html_tables import table_rows


@pytest.fixture
def assigned(klass, install):
    course = install(max_attempts=0)
    operations.assign_course(klass, course)
    db.session.commit()
    return course


def join(klass, pupil):
    operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    return pupil


def cells_of(page: str, pupil) -> dict[str, str]:
    row = re.search(rf'<tr data-learner="{pupil.id}">(.*?)</tr>', page, re.S).group(1)
    return dict(re.findall(r'data-unit="([^"]+)" data-status="([^"]+)"', row))


def test_the_heatmap_shows_a_completed_unit_with_symbol_text_and_score(
    client, auth, teacher, klass, assigned, make_user
):
    done, idle = join(klass, make_user(display_name="Amina")), join(klass, make_user(display_name="Badr"))
    complete_first_unit(done, assigned)
    auth.login(teacher)
    page = client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert cells_of(page, done) == {"bases": "completed", "suite": "not_started"}
    assert cells_of(page, idle) == {"bases": "not_started", "suite": "not_started"}
    cell = re.search(r'data-unit="bases" data-status="completed">(.*?)</td>', page, re.S).group(1)
    assert "✓" in cell and '<span class="visually-hidden">Completed</span>' in cell and "100%" in cell
    assert '<th scope="col" data-unit="bases">' in page and '<th scope="row"><a href=' in page
    assert '<caption id="heatmap-caption">Learners and units of Cours de test' in page


def test_figures_completion_rate_and_average_score_per_unit(
    client, auth, teacher, klass, assigned, make_user
):
    first, second = join(klass, make_user()), join(klass, make_user())
    complete_course(first, assigned)
    submit(second, assigned, "quiz-bases", {"answers": {"q1": "b", "q2": "class"}})  # 50%, not passed
    auth.login(teacher)
    page = client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert 'id="completion-rate">50%<' in page and "(1 of 2)" in page
    averages = re.search(r"Average score</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>([^<]+)</td>", averages) == ["75%", "100%"]


def test_at_risk_learners_are_listed_with_the_reason(client, auth, teacher, klass, assigned, make_user):
    idle = join(klass, make_user(display_name="Idle"))
    failing = join(klass, make_user(display_name="Failing"))
    ahead = [join(klass, make_user(display_name=f"Ahead {n}")) for n in range(3)]
    for pupil in ahead:
        complete_first_unit(pupil, assigned)
    for _ in range(3):
        submit(failing, assigned, "quiz-bases", WRONG)
    long_ago = utcnow() - timedelta(days=20)
    db.session.execute(update(Enrolment).where(Enrolment.user_id == idle.id).values(created_at=long_ago))
    db.session.execute(update(ClassMember).where(ClassMember.user_id == idle.id).values(joined_at=long_ago))
    db.session.commit()
    auth.login(teacher)
    page = client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True)
    risks = re.search(r'<ul class="at-risk" id="at-risk">(.*?)</ul>', page, re.S).group(1)
    assert "Idle" in risks and "No activity for 20 days" in risks
    assert "3 failed attempts on “Quiz des bases” without a pass" in risks
    assert "points under the class median" in risks
    assert "Ahead" not in risks
    # With a longer inactivity threshold, the idle pupil is only behind.
    page = client.get(f"/classes/{klass.id}?days=30", headers=EN).get_data(as_text=True)
    assert "No activity for" not in page


def test_sorting_filtering_and_paging(client, auth, teacher, klass, assigned, make_user, monkeypatch):
    monkeypatch.setattr("lms.classes.heatmap.PAGE_SIZE", 2)
    names = ["Chama", "amine", "Badr"]
    pupils = [join(klass, make_user(display_name=n)) for n in names]
    complete_first_unit(pupils[2], assigned)  # Badr progresses
    auth.login(teacher)

    def order(query: str) -> list[str]:
        page = client.get(f"/classes/{klass.id}?{query}", headers=EN).get_data(as_text=True)
        return re.findall(r'<th scope="row"><a href="[^"]+"><bdi>([^<]+)</bdi>', page)

    assert order("sort=name") == ["amine", "Badr"]
    assert order("sort=name&page=2") == ["Chama"]
    assert order("sort=name&dir=desc") == ["Chama", "Badr"]
    assert order("sort=progress&dir=desc")[0] == "Badr"
    assert order("sort=activity&dir=desc")[0] == "Badr"
    assert order("status=in_progress") == ["Badr"]
    assert order("status=not_started") == ["amine", "Chama"]
    page = client.get(f"/classes/{klass.id}?sort=name", headers=EN).get_data(as_text=True)
    assert 'aria-sort="ascending"' in page and "Page 1 of 2" in page


def test_queries_per_page_do_not_grow_with_learners(client, auth, teacher, klass, assigned, make_user):
    auth.login(teacher)

    def queries_for(count: int) -> int:
        while (
            db.session.scalar(db.select(db.func.count()).select_from(klass.member_ids().subquery())) < count
        ):
            pupil = join(klass, make_user())
            complete_first_unit(pupil, assigned)
            submit(pupil, assigned, "reflexion", {"text": "un deux trois quatre"})
        client.get(f"/classes/{klass.id}")  # the course's structure is read once per process and version
        with count_queries() as queries:
            assert client.get(f"/classes/{klass.id}").status_code == 200
        return len(queries)

    few = queries_for(3)
    many = queries_for(12)
    assert few == many, (few, many)
    assert many <= 15, many


def test_learner_drill_down_shows_every_attempt_and_answer(client, auth, teacher, klass, assigned, make_user):
    pupil = join(klass, make_user(display_name="Salma"))
    submit(pupil, assigned, "quiz-bases", WRONG)
    complete_first_unit(pupil, assigned)
    auth.login(teacher)
    page = client.get(f"/classes/{klass.id}/learners/{pupil.id}", headers=EN).get_data(as_text=True)
    assert "Attempt 1" in page and "Attempt 2" in page and "not passed" in page and "passed" in page
    assert "Combien font 2 + 2 ?" in page and '<div class="submission" dir="auto">3</div>' in page
    assert 'data-item="introduction"' in page
    stranger = make_user()
    assert client.get(f"/classes/{klass.id}/learners/{stranger.id}").status_code == 404


def test_the_csv_export_is_the_table_on_screen(client, auth, teacher, klass, assigned, make_user):
    arabic = join(klass, make_user(display_name="أمينة الإدريسي"))
    join(klass, make_user(display_name='=HYPERLINK("http://x")'))
    complete_first_unit(arabic, assigned)
    auth.login(teacher)
    page = client.get(f"/classes/{klass.id}?sort=progress&dir=desc", headers=EN).get_data(as_text=True)
    response = client.get(f"/classes/{klass.id}/progress.csv?sort=progress&dir=desc", headers=EN)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    screen = table_rows(page, "heatmap")[:-2]  # without the two footer lines (class averages)
    assert rows[0] == ["Learner", "Status", "Progress (%)", "Last activity", "Les bases", "La suite"]
    assert rows[1][0] == "أمينة الإدريسي" and rows[1][4] == "Completed 100%"
    assert rows[2][0] == '\'=HYPERLINK("http://x")'  # neutralised in the file, shown as typed on screen
    screen[2][0] = "'" + screen[2][0]
    assert rows == screen
