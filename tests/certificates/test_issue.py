"""Issuing: on completion, exactly once, in the completion's transaction; by admins; re-issue; audit."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from lms.certificates import documents, operations, pdf
from lms.certificates.models import Certificate, CertificateEvent, EventKind
from lms.learning import signals
from lms.learning.models import Enrolment
from lms.users.models import Role
from tests.certificates.conftest import ARABIC_NAME, complete


def count(db, **where) -> int:
    query = select(func.count(Certificate.id))
    for name, value in where.items():
        query = query.where(getattr(Certificate, name) == value)
    return db.session.scalar(query)


def test_completing_the_course_issues_exactly_one_certificate(learner, course, db):
    complete(learner, course)
    db.session.commit()
    certificate = db.session.scalars(select(Certificate)).one()
    assert (certificate.user_id, certificate.course_id) == (learner.id, course.id)
    assert certificate.automatic and certificate.issued_by_id is None
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == learner.id))
    assert certificate.issued_at == enrolment.completed_at.replace(microsecond=0)
    events = db.session.scalars(select(CertificateEvent)).all()
    assert [(e.kind, e.actor_id) for e in events] == [(EventKind.ISSUE, None)]


def test_the_snapshot_holds_everything_the_certificate_says(certificate, school):
    s = certificate.snapshot
    assert s["learner"] == {"name": ARABIC_NAME, "role": "student"}
    assert (s["course"]["title"], s["course"]["version"], s["course"]["hours"]) == ("Cours de test", 1, 1)
    assert (s["programme"]["code"], s["programme"]["name"]) == ("sic", "Samsung Innovation Campus")
    assert s["school"]["ar"] == school.name_ar and s["province"]["fr"] == "Préfecture de Casablanca"
    assert s["region"]["code"] == "MA-06" and s["region"]["ar"]
    assert s["language"] == certificate.language == "ar"
    assert s["signatory"]["name"] and s["signatory"]["title"]["ar"]
    assert s["template"] == "sic-v1"


def test_no_certificate_until_every_required_unit_is_done(learner, course, db):
    from lms.learning import operations as learning
    from tests.certificates.conftest import item

    learning.enrol(learner, course)
    learning.mark_lesson_done(learner, item(course, "introduction"))
    db.session.commit()
    assert count(db) == 0


def test_the_certificate_rolls_back_with_the_completion(learner, course, db):
    complete(learner, course)
    assert count(db) == 1  # flushed in the completion's transaction…
    db.session.rollback()
    assert count(db) == 0  # …and gone with it
    assert db.session.scalar(select(Enrolment.completed_at)) is None


def test_a_second_completion_event_issues_nothing_more(certificate, learner, course, db):
    enrolment = db.session.scalar(select(Enrolment))
    signals.course_completed.send(learner, course=course, enrolment=enrolment, at=enrolment.completed_at)
    db.session.commit()
    assert count(db) == 1


def test_two_racing_completion_events_issue_one_certificate(app, learner, course, db):
    """Two transactions on two connections deliver course_completed for the same learner at once."""
    from lms.extensions import db as _db

    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def deliver() -> None:
        with app.app_context():
            try:
                user = _db.session.get(type(learner), learner.id)
                again = _db.session.get(type(course), course.id)
                barrier.wait(timeout=120)
                outcomes.append(operations.issue_on_completion(user, again))
                _db.session.commit()
            except Exception as error:
                outcomes.append(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
        assert not thread.is_alive(), "a delivery did not finish"
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(o is not None for o in outcomes) == 1
    db.session.expire_all()
    assert count(db, user_id=learner.id, course_id=course.id) == 1


def test_an_admin_issues_manually_with_a_reason(learner, course, admin, db):
    certificate = operations.issue_manually(learner, course, admin, "  Session présentielle, Agadir  ")
    db.session.commit()
    assert not certificate.automatic and certificate.issue_reason == "Session présentielle, Agadir"
    event = db.session.scalars(select(CertificateEvent)).one()
    assert (event.kind, event.actor_id, event.reason) == (EventKind.ISSUE, admin.id, certificate.issue_reason)
    # Completing the course afterwards does not issue a second one.
    complete(learner, course)
    db.session.commit()
    assert count(db) == 1


def test_manual_issue_needs_a_reason_and_no_valid_certificate(certificate, learner, course, admin):
    with pytest.raises(operations.CertificateError):
        operations.issue_manually(learner, course, admin, "   ")
    with pytest.raises(operations.AlreadyCertified):
        operations.issue_manually(learner, course, admin, "again")


def test_issued_certificates_never_change(certificate, learner, course, db, app):
    """Later edits to the name, the course, the programme settings or the template change nothing."""
    credential, snapshot = certificate.credential, dict(certificate.snapshot)
    first_pdf = pdf.pdf_bytes(certificate)
    learner.display_name = "Amina El Idrissi"
    course.title, course.version = "Nouveau titre", 2
    app.config["CERTIFICATE_PROGRAMMES"] = {"sic": {"signatory": {"name": "Quelqu'un d'autre"}}}
    db.session.commit()
    app.jinja_env.cache = {}  # as if the template had been edited on disk
    db.session.expire_all()
    again = db.session.get(Certificate, certificate.id)
    assert again.snapshot == snapshot and again.credential == credential
    assert pdf.pdf_bytes(again) == first_pdf
    assert documents.signature_valid(again)


def test_reissue_revokes_the_old_keeps_both_and_takes_the_corrected_name(certificate, learner, admin, db):
    learner.display_name = "أمينة الإدريسي العلمي"
    replacement = operations.reissue(certificate, admin, "Nom corrigé à la demande de l'élève")
    db.session.commit()
    assert certificate.revoked and certificate.replaced_by_id == replacement.id
    assert certificate.revoke_reason == "Nom corrigé à la demande de l'élève"
    assert replacement.code != certificate.code and not replacement.revoked
    assert replacement.snapshot["learner"]["name"] == "أمينة الإدريسي العلمي"
    assert replacement.snapshot["course"] == certificate.snapshot["course"]
    assert replacement.snapshot["replaces"] == certificate.code
    assert count(db) == 2
    kinds = [
        (e.certificate_id, e.kind)
        for e in db.session.scalars(select(CertificateEvent).order_by(CertificateEvent.id))
    ]
    assert kinds == [
        (certificate.id, EventKind.ISSUE),
        (certificate.id, EventKind.REVOKE),
        (replacement.id, EventKind.ISSUE),
        (certificate.id, EventKind.REISSUE),
    ]
    with pytest.raises(operations.CertificateError):
        operations.reissue(certificate, admin, "twice")


def test_revoking_sets_the_bit_in_the_signed_status_list(certificate, admin, db):
    from lms.certificates import status_list

    programme = certificate.programme
    before = documents.status_list_credential(programme, certificate.status_list)
    bits = status_list.decode(before["credentialSubject"]["encodedList"])
    assert not status_list.is_set(bits, certificate.status_index)
    operations.revoke(certificate, admin, "Fraude constatée")
    db.session.commit()
    after = documents.status_list_credential(programme, certificate.status_list)
    bits = status_list.decode(after["credentialSubject"]["encodedList"])
    assert status_list.is_set(bits, certificate.status_index)
    assert sum(bin(b).count("1") for b in bits) == 1
    assert after["proof"]["proofValue"] != before["proof"]["proofValue"]
    with pytest.raises(operations.CertificateError):
        operations.revoke(certificate, admin, "again")


def test_reconcile_issues_missing_certificates_once(learner, course, db):
    from lms.learning.signals import course_completed

    with course_completed.muted():
        complete(learner, course)
        db.session.commit()
    assert count(db) == 0
    assert len(operations.reconcile()) == 1
    assert operations.reconcile() == []
    db.session.commit()
    assert count(db) == 1


def test_teachers_earn_certificates_too(make_user, course, db):
    teacher = make_user(Role.TEACHER, language="fr")
    complete(teacher, course)
    db.session.commit()
    certificate = operations.live_certificate(teacher.id, course.id)
    assert certificate.snapshot["learner"]["role"] == "teacher" and certificate.language == "fr"


def test_a_failure_to_issue_never_costs_the_completion_and_is_retried(
    learner, course, db, monkeypatch, caplog
):
    from lms.certificates import credentials

    def broken(*args, **kwargs):
        raise OSError("instance/keys is read-only")

    monkeypatch.setattr(credentials, "sign", broken)
    complete(learner, course)
    db.session.commit()
    assert db.session.scalar(select(Enrolment.completed_at)) is not None
    assert count(db) == 0 and "certificates reconcile" in caplog.text
    monkeypatch.undo()
    assert len(operations.reconcile()) == 1
    db.session.commit()
    assert count(db) == 1
