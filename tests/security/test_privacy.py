"""Privacy: a learner takes a copy of their data; an admin anonymises a departed user."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from sqlalchemy import func, select

from lms.audit.models import AuditEntry
from lms.certificates import operations as certificates
from lms.certificates.documents import signature_valid
from lms.extensions import db
from lms.learning.models import Attempt, Enrolment, ItemProgress
from lms.users.models import User
from tests.security.conftest import sign_in_as

EN = {"Accept-Language": "en"}


def client_for(app, world, persona: str):
    client = app.test_client()
    sign_in_as(client, world, persona)
    return client


def test_a_learner_downloads_everything_about_them_and_nothing_else(world_app, world):
    response = client_for(world_app, world, "student").get("/account/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.data)
    assert data["profile"]["email"] == world.emails["student"]
    assert [e["course"] for e in data["enrolments"]] == [world.values["course"]]
    assert data["enrolments"][0]["completed_at"] is not None
    assert {p["item"] for p in data["progress"]} >= {"introduction", "quiz-bases", "reflexion"}
    submitted = {s["item"]: s for s in data["submissions"]}
    assert submitted["quiz-bases"]["submission"] == {"answers": {"q1": "b", "q2": "def"}}
    assert submitted["quiz-bases"]["passed"] is True
    assert [c["code"] for c in data["certificates"]] == [world.values["code"]]
    assert data["classes"][0]["name"] == "3e A"
    assert world.emails["other_student"] not in response.get_data(as_text=True)
    (entry,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "data.exported")).all()
    assert (entry.actor_id, entry.details["export"]) == (world.users["student"], "own_data_json")


def test_the_zip_holds_formula_safe_spreadsheets(world_app, world):
    student = db.session.get(User, world.users["student"])
    student.display_name = "=HYPERLINK(1)"
    db.session.commit()
    response = client_for(world_app, world, "student").get("/account/data.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert set(archive.namelist()) == {
        "profile.csv",
        "classes.csv",
        "enrolments.csv",
        "progress.csv",
        "submissions.csv",
        "certificates.csv",
    }
    profile = list(csv.DictReader(io.StringIO(archive.read("profile.csv").decode("utf-8-sig"))))
    assert profile[0]["name"] == "'=HYPERLINK(1)"
    submissions = list(csv.DictReader(io.StringIO(archive.read("submissions.csv").decode("utf-8-sig"))))
    assert len(submissions) == 2


def counts(user_id: int) -> tuple[int, int, int]:
    def count(model) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(model.user_id == user_id))

    return count(Enrolment), count(ItemProgress), count(Attempt)


def test_anonymising_erases_identity_keeps_statistics_and_certificates(world_app, world):
    student_id = world.users["student"]
    before = counts(student_id)
    learner = client_for(world_app, world, "student")
    assert learner.get("/account/profile").status_code == 200
    admin = client_for(world_app, world, "admin")
    url = f"/admin/privacy/{student_id}/anonymise"
    page = admin.get(url, headers=EN)
    assert page.status_code == 200 and world.emails["student"].encode() in page.data

    wrong = admin.post(url, data={"confirm_email": "someone@else.ma"}, headers=EN)
    assert wrong.status_code == 400
    assert db.session.get(User, student_id).anonymised_at is None

    done = admin.post(url, data={"confirm_email": world.emails["student"].upper()})
    assert done.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, student_id)
    assert user.anonymised_at is not None and not user.active
    assert user.display_name == f"#{student_id}"
    assert user.email.endswith("@anonymised.invalid") and user.massar_code is None
    assert counts(student_id) == before, "progress is kept for the statistics"
    reflection = db.session.scalar(
        select(Attempt)
        .where(Attempt.user_id == student_id, Attempt.submission.is_not(None))
        .order_by(Attempt.id.desc())
    )
    assert reflection.submission == {"text": ""}, "free text may name the pupil: erased"

    # Every session of the person has ended.
    assert learner.get("/account/profile").status_code == 302
    # The certificate still verifies, as issued.
    certificate = certificates.find(world.values["code"])
    assert not certificate.revoked and signature_valid(certificate)
    verification = admin.get(f"/verify/{world.values['code']}")
    assert verification.status_code == 200
    assert certificate.snapshot["learner"]["name"].encode() in verification.data
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.anonymised"))
    assert (entry.actor_id, entry.subject_user_id) == (world.users["admin"], student_id)
    # Twice is refused, and the page says it is done.
    assert admin.get(url).status_code == 200


def test_admins_cannot_anonymise_themselves(world_app, world):
    admin = client_for(world_app, world, "admin")
    response = admin.post(
        f"/admin/privacy/{world.users['admin']}/anonymise",
        data={"confirm_email": world.emails["admin"]},
        headers=EN,
    )
    assert response.status_code == 200
    assert db.session.get(User, world.users["admin"]).anonymised_at is None


def test_the_command_line_anonymises_by_email(world_app, world):
    result = world_app.test_cli_runner().invoke(
        args=["users", "anonymise", world.emails["other_student"], "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert db.session.get(User, world.users["other_student"]).anonymised_at is not None
    again = world_app.test_cli_runner().invoke(
        args=["users", "anonymise", world.emails["other_student"], "--yes"]
    )
    assert again.exit_code != 0
