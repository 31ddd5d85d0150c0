"""Admin pages: only admins, filters and pagination at constant cost, revoke/re-issue/issue, bulk ZIP, CSRF."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile

import pytest
from sqlalchemy import select

from lms import create_app
from lms.certificates import operations
from lms.certificates.models import Certificate, CertificateEvent, EventKind
from lms.users.models import Role
from tests.certificates.conftest import ARABIC_NAME, complete
from tests.conftest import count_queries

ADMIN_ROUTES = [
    ("get", "/admin/certificates"),
    ("get", "/admin/certificates/export.zip"),
    ("get", "/admin/certificates/issue"),
    ("post", "/admin/certificates/issue"),
    ("get", "/admin/certificates/{code}"),
    ("post", "/admin/certificates/{code}/revoke"),
    ("post", "/admin/certificates/{code}/reissue"),
]


def test_every_admin_route_is_listed_here(app):
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/admin/certificates")}
    assert rules == {url.replace("{code}", "<code>") for _, url in ADMIN_ROUTES}


@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES)
def test_visitors_are_sent_to_sign_in(client, certificate, method, url):
    response = getattr(client, method)(url.format(code=certificate.code), data={"reason": "x"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.TEACHER, Role.STUDENT, Role.MANAGER])
@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES)
def test_no_one_but_admins_may_use_them(client, auth, make_user, certificate, db, role, method, url):
    auth.login(make_user(role))
    data = {"reason": "x", "revoke-reason": "x", "reissue-reason": "x", "email": certificate.user.email}
    response = getattr(client, method)(url.format(code=certificate.code), data=data)
    assert response.status_code == 403
    db.session.expire_all()
    assert not db.session.get(Certificate, certificate.id).revoked
    assert db.session.scalar(select(Certificate).where(Certificate.id != certificate.id)) is None


def test_the_learner_cannot_revoke_their_own_certificate(client, auth, certificate, learner):
    auth.login(learner)
    response = client.post(f"/admin/certificates/{certificate.code}/revoke", data={"revoke-reason": "x"})
    assert response.status_code == 403


def test_admin_revokes_with_a_reason(client, auth, admin, certificate, db):
    auth.login(admin)
    refused = client.post(f"/admin/certificates/{certificate.code}/revoke", data={"revoke-reason": "  "})
    assert refused.status_code == 302
    db.session.expire_all()
    assert not db.session.get(Certificate, certificate.id).revoked
    client.post(f"/admin/certificates/{certificate.code}/revoke", data={"revoke-reason": "Fraude"})
    db.session.expire_all()
    revoked = db.session.get(Certificate, certificate.id)
    assert revoked.revoked and revoked.revoked_by_id == admin.id and revoked.revoke_reason == "Fraude"
    html = client.get(f"/admin/certificates/{certificate.code}").get_data(as_text=True)
    assert "Fraude" in html and "Revoke this certificate" not in html


def test_admin_reissues_and_lands_on_the_new_certificate(client, auth, admin, certificate, db):
    auth.login(admin)
    response = client.post(
        f"/admin/certificates/{certificate.code}/reissue", data={"reissue-reason": "Nom corrigé"}
    )
    db.session.expire_all()
    old = db.session.get(Certificate, certificate.id)
    assert old.revoked and old.replaced_by is not None
    assert response.headers["Location"].endswith(f"/admin/certificates/{old.replaced_by.code}")


def test_admin_issues_manually(client, auth, admin, learner, course, db):
    auth.login(admin)
    page = client.get("/admin/certificates/issue").get_data(as_text=True)
    assert "Cours de test" in page
    data = {"email": learner.email.upper(), "course_id": course.id, "reason": "Session présentielle"}
    response = client.post("/admin/certificates/issue", data=data)
    certificate = operations.live_certificate(learner.id, course.id)
    assert response.headers["Location"].endswith(f"/admin/certificates/{certificate.code}")
    assert certificate.issued_by_id == admin.id and certificate.issue_reason == "Session présentielle"
    again = client.post("/admin/certificates/issue", data=data, follow_redirects=True)
    assert "already has a valid certificate" in again.get_data(as_text=True)
    unknown = client.post("/admin/certificates/issue", data={**data, "email": "nobody@example.ma"})
    assert "No account has this email address." in unknown.get_data(as_text=True)


def test_the_history_shows_every_event(client, auth, admin, certificate, db):
    operations.revoke(certificate, admin, "Erreur de saisie")
    db.session.commit()
    auth.login(admin)
    html = client.get(f"/admin/certificates/{certificate.code}").get_data(as_text=True)
    assert "the platform" in html and "Nadia Benali" in html and "Erreur de saisie" in html
    assert [e.kind for e in db.session.scalars(select(CertificateEvent))] == [
        EventKind.ISSUE,
        EventKind.REVOKE,
    ]


@pytest.fixture
def many(make_user, course, school, db):
    """Certificates for 12 learners of the school (and 3 without a school)."""
    learners = [make_user(Role.STUDENT, school_id=school.id) for _ in range(12)]
    learners += [make_user(Role.STUDENT) for _ in range(3)]
    for user in learners:
        complete(user, course)
    db.session.commit()
    return learners


def _count_queries(db, action) -> int:
    with count_queries() as statements:
        action()
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_the_list_filters_and_paginates_at_constant_cost(
    client, auth, admin, many, school, course, db, monkeypatch
):
    from lms.certificates import queries

    auth.login(admin)
    region = school.province.region_id
    html = client.get(f"/admin/certificates?region={region}").get_data(as_text=True)
    assert "12 certificates" in html
    assert "15 certificates" in client.get(f"/admin/certificates?course={course.id}").get_data(as_text=True)
    assert "0 certificates" in client.get("/admin/certificates?since=2999-01-01").get_data(as_text=True)
    assert "15 certificates" in client.get("/admin/certificates?status=valid&until=2999-01-01").get_data(
        as_text=True
    )
    assert "12 certificates" in client.get(f"/admin/certificates?school={school.id}").get_data(as_text=True)

    monkeypatch.setattr(queries, "PAGE_SIZE", 5)
    small = _count_queries(db, lambda: client.get("/admin/certificates?page=3"))
    monkeypatch.setattr(queries, "PAGE_SIZE", 50)
    large = _count_queries(db, lambda: client.get("/admin/certificates"))
    assert small == large


def test_the_list_filters_by_class(client, auth, admin, many, school, db):
    from lms.classes.models import ClassMember, SchoolClass

    klass = SchoolClass(
        name="TC 3", teacher_id=admin.id, school_id=school.id, school_year="2026-2027", join_code="K7MQ2XRA"
    )
    db.session.add(klass)
    db.session.flush()
    db.session.add_all([ClassMember(class_id=klass.id, user_id=user.id) for user in many[:4]])
    db.session.commit()
    auth.login(admin)
    html = client.get(
        f"/admin/certificates?region={school.province.region_id}&school={school.id}&class={klass.id}"
    )
    assert "4 certificates" in html.get_data(as_text=True) and "TC 3" in html.get_data(as_text=True)


def test_the_bulk_export_streams_pdfs_and_a_csv(client, auth, admin, many, school, db):
    auth.login(admin)
    certificate = db.session.scalars(select(Certificate).where(Certificate.school_id.is_(None))).first()
    operations.revoke(certificate, admin, '=HYPERLINK("http://evil")')
    db.session.commit()
    response = client.get("/admin/certificates/export.zip")
    assert response.is_streamed and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = archive.namelist()
    assert names[0] == "certificates.csv" and len(names) == 16
    assert all(archive.read(name).startswith(b"%PDF") for name in names[1:])
    rows = list(csv.reader(io.StringIO(archive.read("certificates.csv").decode("utf-8-sig"))))
    assert len(rows) == 16 and rows[0][0] == "Code"
    revoked = next(row for row in rows if row[1] == "Revoked")
    assert revoked[11].startswith("'=")  # a formula in a reason stays text in a spreadsheet
    assert archive.testzip() is None
    by_school = client.get(f"/admin/certificates/export.zip?school={school.id}")
    assert len(zipfile.ZipFile(io.BytesIO(by_school.get_data())).namelist()) == 13


@pytest.mark.parametrize(
    "url",
    ["/admin/certificates/issue", "/admin/certificates/{code}/revoke", "/admin/certificates/{code}/reissue"],
)
def test_posts_need_the_csrf_token(migrated_database, tmp_path, monkeypatch, url):
    database = tmp_path / "csrf.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "RATELIMIT_ENABLED": False,
        }
    )
    response = app.test_client().post(url.format(code="ABCD"), data={"reason": "x", "email": ARABIC_NAME})
    assert response.status_code == 400
