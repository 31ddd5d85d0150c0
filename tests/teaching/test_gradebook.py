"""The gradebook: the grid, its CSV, a pupil's attempts, comments, overrides, resets and reflection reviews."""

from __future__ import annotations

import csv
import html
import io
import re

from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.classes import operations as classes
from lms.extensions import db
from lms.learning import operations as learning
from lms.learning.models import Attempt, Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.notifications.models import Notification
from lms.teaching import operations as teaching
from lms.users.models import Role
from tests.teaching.conftest import EN, RIGHT, WRONG, count_queries, item, submit


def grid_cells(page: str) -> list[list[str]]:
    """The gradebook's body as text: one list per row (name, then every cell in order)."""
    body = page.split('<table class="gradebook"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_the_grid_shows_scores_attempts_and_totals(client, auth, teacher, klass, pupils, assigned):
    submit(pupils[0], assigned, "quiz-bases", WRONG)
    submit(pupils[0], assigned, "quiz-bases", RIGHT)
    learning.mark_lesson_done(pupils[1], item(assigned, "introduction"))
    db.session.commit()
    auth.login(teacher)
    page = client.get(f"/gradebook/classes/{klass.id}", headers=EN).get_data(as_text=True)
    rows = {r[0]: r for r in grid_cells(page)}
    amina = rows["Amina Benali"]
    assert "100% ×2" in amina  # best score, two attempts
    assert amina[-1] == "100%"  # course total: the only graded item
    assert rows["Youssef Idrissi"][1] == "✓"  # the lesson done
    assert rows["Salma Tazi"][-1] == "—"


def test_sorting_by_course_total(client, auth, teacher, klass, pupils, assigned):
    submit(pupils[2], assigned, "quiz-bases", RIGHT)
    submit(pupils[1], assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    page = client.get(f"/gradebook/classes/{klass.id}?sort=total&dir=desc", headers=EN).get_data(as_text=True)
    assert [r[0] for r in grid_cells(page)] == ["Salma Tazi", "Youssef Idrissi", "Amina Benali"]
    page = client.get(f"/gradebook/classes/{klass.id}?sort=name&dir=desc", headers=EN).get_data(as_text=True)
    assert [r[0] for r in grid_cells(page)] == ["Youssef Idrissi", "Salma Tazi", "Amina Benali"]


def test_the_csv_is_the_screen(client, auth, teacher, klass, pupils, assigned):
    submit(pupils[0], assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    page = client.get(f"/gradebook/classes/{klass.id}?sort=total&dir=desc", headers=EN).get_data(as_text=True)
    response = client.get(f"/gradebook/classes/{klass.id}/gradebook.csv?sort=total&dir=desc", headers=EN)
    assert response.status_code == 200
    assert response.data.startswith("\ufeff".encode())
    assert response.headers["Content-Disposition"].startswith("attachment; filename=maharat-gradebook-")
    lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert lines[0][0] == "Learner" and lines[0][-1] == "Course total"
    assert lines[1:] == grid_cells(page)
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "data.exported")).details["export"]
        == "gradebook"
    )


def test_queries_do_not_grow_with_pupils(client, auth, teacher, klass, pupils, assigned, make_user, school):
    auth.login(teacher)
    url = f"/gradebook/classes/{klass.id}"
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for n in range(12):
        pupil = make_user(Role.STUDENT, school_id=school.id)
        classes.add_member(klass, pupil, source="teacher")
        db.session.commit()
        submit(pupil, assigned, "quiz-bases", WRONG if n % 2 else RIGHT)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_override_is_audited_and_flows_into_completion(client, auth, teacher, klass, pupils, assigned):
    pupil = pupils[0]
    learning.mark_lesson_done(pupil, item(assigned, "introduction"))
    db.session.commit()
    attempt = submit(pupil, assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    response = client.post(
        f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/override",
        data={"score": "80", "reason": "Question 2 accepted: the answer was right in Arabic"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (attempt.score, attempt.passed) == (0.8, True)
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == attempt.item_id)
    )
    assert row.status is ItemStatus.COMPLETED and row.best_score == 0.8
    unit = db.session.scalar(
        select(UnitProgress).where(
            UnitProgress.user_id == pupil.id, UnitProgress.unit_id == attempt.item.unit_id
        )
    )
    assert unit.completed_at is not None  # the same rules as grading: the unit is done
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "grade.overridden"))
    assert entry.actor_id == teacher.id and entry.subject_user_id == pupil.id
    assert entry.details["before"]["score"] == 0.0 and entry.details["after"]["score"] == 0.8
    assert entry.details["reason"].startswith("Question 2")
    notification = db.session.scalar(select(Notification).where(Notification.kind == "grade"))
    assert notification.user_id == pupil.id and notification.params["score"] == 80


def test_an_override_can_lower_the_best_score_but_never_takes_completion_back(
    client, auth, teacher, klass, pupils, assigned
):
    pupil = pupils[0]
    attempt = submit(pupil, assigned, "quiz-bases", RIGHT)
    auth.login(teacher)
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/override",
        data={"score": "40", "reason": "Copied from a neighbour"},
    )
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == attempt.item_id)
    )
    db.session.refresh(row)
    assert row.best_score == 0.4
    assert row.status is ItemStatus.COMPLETED


def test_an_override_needs_a_reason_and_a_grade_from_0_to_100(client, auth, teacher, klass, pupils, assigned):
    attempt = submit(pupils[0], assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    for data in (
        {"score": "80", "reason": " "},
        {"score": "120", "reason": "why"},
        {"score": "x", "reason": "y"},
    ):
        response = client.post(
            f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/override", data=data, headers=EN
        )
        assert response.status_code == 302
        db.session.refresh(attempt)
        assert attempt.score == 0.0
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "The grade must be a number from 0 to 100." in page
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "grade.overridden")) is None


def test_the_pupil_sees_the_comment_and_the_new_grade(client, auth, teacher, klass, pupils, assigned):
    attempt = submit(pupils[0], assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/comment",
        data={"body": "Relis la question 2 <script>alert(1)</script>"},
    )
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/override",
        data={"score": "75", "reason": "Partial credit"},
    )
    auth.logout()
    auth.login(pupils[0])
    page = client.get("/notifications/feedback", headers=EN).get_data(as_text=True)
    assert "Relis la question 2 &lt;script&gt;" in page
    assert "75%" in page and "Partial credit" in page
    notifications = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert "Your teacher commented on Quiz des bases" in notifications
    assert "Your grade on Quiz des bases was changed to 75%" in notifications
    # Another pupil sees none of it.
    auth.logout()
    auth.login(pupils[1])
    assert "Relis" not in client.get("/notifications/feedback", headers=EN).get_data(as_text=True)


def test_reset_gives_the_attempts_back(client, auth, teacher, klass, pupils, assigned):
    pupil = pupils[0]
    quiz = item(assigned, "quiz-bases")
    submit(pupil, assigned, "quiz-bases", WRONG)
    submit(pupil, assigned, "quiz-bases", WRONG)  # max_attempts = 2: no more
    auth.login(teacher)
    response = client.post(f"/gradebook/classes/{klass.id}/learners/{pupil.id}/items/{quiz.id}/reset")
    assert response.status_code == 302
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == quiz.id)
    )
    db.session.refresh(row)
    assert row.attempts == 0
    assert len(db.session.scalars(select(Attempt).where(Attempt.user_id == pupil.id)).all()) == 2
    assert submit(pupil, assigned, "quiz-bases", RIGHT).number == 1
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "grade.attempts_reset")) is not None
    )


def test_reviewing_a_reflection(client, auth, teacher, klass, pupils, assigned):
    pupil = pupils[0]
    learning.mark_lesson_done(pupil, item(assigned, "introduction"))
    db.session.commit()
    submit(pupil, assigned, "quiz-bases", RIGHT)
    short = submit(pupil, assigned, "reflexion", {"text": "Trop court"})
    assert not short.passed
    auth.login(teacher)
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{short.id}/review",
        data={"decision": "accept", "body": "Court, mais juste."},
    )
    db.session.refresh(short)
    assert short.passed is True
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == short.item_id)
    )
    assert row.status is ItemStatus.COMPLETED
    learning.mark_lesson_done(pupils[1], item(assigned, "introduction"))
    db.session.commit()
    submit(pupils[1], assigned, "quiz-bases", RIGHT)
    other = submit(pupils[1], assigned, "reflexion", {"text": "Une réflexion assez longue ici."})
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{other.id}/review",
        data={"decision": "redo", "body": "Développe davantage."},
    )
    kinds = dict(db.session.execute(select(Notification.user_id, Notification.kind)).all())
    assert kinds[pupils[1].id] == "redo"
    row = db.session.scalar(
        select(ItemProgress).where(
            ItemProgress.user_id == pupils[1].id, ItemProgress.item_id == other.item_id
        )
    )
    db.session.refresh(row)
    assert row.attempts == 0
    # Only reflections are reviewed.
    quiz_attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == pupil.id, Attempt.number == 1))
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{quiz_attempt.id}/review",
        data={"decision": "accept", "body": "ok"},
    )
    assert db.session.scalar(select(Enrolment).where(Enrolment.user_id == pupil.id)) is not None


def test_who_is_refused(client, auth, make_user, school, teacher, other_teacher, klass, pupils, assigned):
    attempt = submit(pupils[0], assigned, "quiz-bases", WRONG)
    quiz = item(assigned, "quiz-bases")
    urls = [
        ("GET", f"/gradebook/classes/{klass.id}"),
        ("GET", f"/gradebook/classes/{klass.id}/gradebook.csv"),
        ("GET", f"/gradebook/classes/{klass.id}/learners/{pupils[0].id}/items/{quiz.id}"),
        ("POST", f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/comment"),
        ("POST", f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/override"),
        ("POST", f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/review"),
        ("POST", f"/gradebook/classes/{klass.id}/learners/{pupils[0].id}/items/{quiz.id}/reset"),
    ]
    auth.login(other_teacher)
    for method, url in urls:
        assert client.open(url, method=method).status_code == 404, url
    auth.logout()
    auth.login(pupils[0])
    for method, url in urls:
        assert client.open(url, method=method).status_code == 403, url
    auth.logout()
    # A co-teacher gets in; once removed, no more.
    teaching.add_co_teacher(klass, other_teacher.email, teacher)
    db.session.commit()
    auth.login(other_teacher)
    assert client.get(urls[0][1]).status_code == 200
    teaching.remove_co_teacher(klass, other_teacher.id)
    db.session.commit()
    assert client.get(urls[0][1]).status_code == 404
    auth.logout()
    # An archived class is read-only: pages open, writes are refused.
    teaching.archive(klass)
    db.session.commit()
    auth.login(teacher)
    for method, url in urls:
        assert client.open(
            url, method=method, data={"body": "x", "score": "1", "reason": "r"}
        ).status_code == (200 if method == "GET" else 403), url


def test_an_attempt_outside_the_class_is_not_found(
    client, auth, make_user, school, teacher, klass, pupils, assigned
):
    stranger = make_user(Role.STUDENT, school_id=school.id)
    learning.enrol(stranger, assigned)
    db.session.commit()
    attempt = submit(stranger, assigned, "quiz-bases", WRONG)
    auth.login(teacher)
    assert (
        client.post(
            f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/comment", data={"body": "hi"}
        ).status_code
        == 404
    )
    quiz = item(assigned, "quiz-bases")
    assert (
        client.get(f"/gradebook/classes/{klass.id}/learners/{stranger.id}/items/{quiz.id}").status_code == 404
    )


def test_a_head_request_downloads_nothing_and_is_not_audited(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    response = client.head(f"/gradebook/classes/{klass.id}/gradebook.csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "data.exported")) is None
