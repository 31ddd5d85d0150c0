"""People pages through the test client: access, list and search, create, edit, role, access, password."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from lms.audit.models import AuditEntry
from lms.extensions import db
from lms.users.models import Role, User
from tests.conftest import PASSWORD
from tests.people.conftest import EN, count_queries

#: Every route of the area, with a method and a URL pattern (``{id}`` is replaced by a real user id).
ROUTES = [
    ("GET", "/admin/people/"),
    ("GET", "/admin/people/export.csv"),
    ("GET", "/admin/people/new"),
    ("POST", "/admin/people/new"),
    ("GET", "/admin/people/{id}"),
    ("POST", "/admin/people/{id}"),
    ("POST", "/admin/people/{id}/role"),
    ("POST", "/admin/people/{id}/deactivate"),
    ("POST", "/admin/people/{id}/reactivate"),
    ("POST", "/admin/people/{id}/password"),
    ("GET", "/admin/people/import"),
    ("POST", "/admin/people/import"),
    ("GET", "/admin/people/import/template.csv"),
    ("GET", "/admin/people/provinces/import"),
    ("POST", "/admin/people/provinces/import"),
    ("GET", "/admin/people/provinces/template.csv"),
    ("GET", "/admin/people/schools/import"),
    ("POST", "/admin/people/schools/import"),
    ("GET", "/admin/people/schools/template.csv"),
]


def _audit(action: str) -> list[AuditEntry]:
    return db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).all()


# --- access ----------------------------------------------------------------------------------------


def test_every_route_of_the_area_is_listed_here(app):
    rules = {
        (rule.rule.replace("<int:user_id>", "{id}"), method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("people.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert rules == {(url, method) for method, url in ROUTES}


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, make_user, method, url):
    target = make_user(Role.STUDENT)
    response = client.open(url.format(id=target.id), method=method)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER, Role.MANAGER])
@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_every_other_role_is_refused(client, auth, make_user, role, method, url):
    target = make_user(Role.STUDENT)
    auth.login(make_user(role))
    data = {"role": "admin", "display_name": "X", "email": "x@example.ma", "method": "temporary"}
    response = client.open(url.format(id=target.id), method=method, data=data)
    assert response.status_code == 403
    db.session.refresh(target)
    assert target.role is Role.STUDENT and target.active
    assert _audit("user.role_changed") == [] and _audit("data.exported") == []


def test_a_deactivated_admin_is_refused_even_with_an_open_session(as_admin, admin, make_user):
    other = make_user(Role.ADMIN)
    admin.active = False
    db.session.commit()
    assert as_admin.get("/admin/people/").status_code == 302
    assert other.active


# --- list, search, filters, sort, pages ------------------------------------------------------------


@pytest.fixture
def people(make_user, places, admin):
    return {
        "amina": make_user(
            Role.STUDENT,
            display_name="أمينة الإدريسي",
            email="amina@example.ma",
            massar_code="J130000001",
            school_id=places["fes"].id,
        ),
        "youssef": make_user(
            Role.STUDENT,
            display_name="Youssef Benali",
            email="youssef@example.ma",
            school_id=places["agadir"].id,
        ),
        "karima": make_user(
            Role.TEACHER, display_name="Karima Tazi", email="k.tazi@example.ma", school_id=places["fes"].id
        ),
        "pilot": make_user(
            Role.MANAGER,
            display_name="Pilote",
            email="pilote@example.ma",
            region_id=places["agadir"].province.region_id,
        ),
    }


def _names(response) -> list[str]:
    html = response.get_data(as_text=True)
    import re

    return re.findall(r'<th scope="row"><a href="/admin/people/\d+"><bdi>([^<]+)</bdi>', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=amina", ["أمينة الإدريسي"]),
        ("q=الإدريسي", ["أمينة الإدريسي"]),
        ("q=J1300", ["أمينة الإدريسي"]),
        ("q=TAZI@", ["Karima Tazi"]),
        ("q=tazi@nowhere", []),
        ("q=k.tazi", ["Karima Tazi"]),
        ("q=%25", []),
        ("role=teacher", ["Karima Tazi"]),
        ("role=student&sort=name&direction=desc", ["أمينة الإدريسي", "Youssef Benali"]),
        ("school={fes}", ["Karima Tazi", "أمينة الإدريسي"]),
        ("region={souss}", ["Pilote", "Youssef Benali"]),
        ("programme={sic}", ["Pilote"]),
        ("status=inactive", []),
    ],
)
def test_search_and_filters(as_admin, people, places, query, expected):
    from lms.programmes.models import Programme

    sic = db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
    url = "/admin/people/?" + query.format(
        fes=places["fes"].id, souss=places["agadir"].province.region_id, sic=sic
    )
    response = as_admin.get(url, headers=EN)
    assert response.status_code == 200
    assert _names(response) == expected


def test_inactive_filter_and_sorting_by_last_sign_in(as_admin, people, admin):
    people["youssef"].active = False
    db.session.commit()
    assert _names(as_admin.get("/admin/people/?status=inactive")) == ["Youssef Benali"]
    # The admin signed in: first by last sign-in; those who never did come last either way.
    for direction in ("asc", "desc"):
        names = _names(as_admin.get(f"/admin/people/?sort=last_sign_in&direction={direction}"))
        assert names[0] == "Admin One"


def test_pages(as_admin, make_user):
    for n in range(30):
        make_user(Role.STUDENT, display_name=f"Pupil {n:02d}")
    first = as_admin.get("/admin/people/?per_page=25&role=student", headers=EN)
    assert len(_names(first)) == 25 and "Page 1 of 2" in first.get_data(as_text=True)
    second = as_admin.get("/admin/people/?per_page=25&role=student&page=2")
    assert _names(second) == [f"Pupil {n}" for n in range(25, 30)]
    assert as_admin.get("/admin/people/?page=99&per_page=nonsense&sort=evil").status_code == 200


def test_a_page_costs_the_same_number_of_queries_for_5_or_50_rows(as_admin, make_user, places):
    def queries_for(rows: int) -> int:
        with count_queries() as queries:
            response = as_admin.get("/admin/people/?role=student&per_page=50&sort=last_sign_in")
        assert len(_names(response)) == rows
        return len(queries)

    def pupil(n: int) -> None:
        # Each with a school (province, region) and a programme: the joins must not cost a query each.
        make_user(Role.STUDENT, school_id=places["fes" if n % 2 else "agadir"].id, programme_id=n % 2 + 1)

    for n in range(5):
        pupil(n)
    five = queries_for(5)
    for n in range(45):
        pupil(n)
    assert queries_for(50) == five


# --- create ----------------------------------------------------------------------------------------


def _new(**fields) -> dict:
    data = {
        "role": "student",
        "display_name": "أمينة الإدريسي",
        "email": "amina@example.ma",
        "language": "ar",
        "massar_code": "j130000001",
        "school_code": "FES-1",
        "programme_id": "None",
        "region_id": "None",
        "first_password": "show",
    }
    data.update(fields)
    return data


def test_an_admin_creates_a_pupil_and_sees_the_password_once(as_admin, admin, places, auth, client):
    response = as_admin.post("/admin/people/new", data=_new(), headers=EN)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    html = response.get_data(as_text=True)
    import re

    password = re.search(r'<code id="one-time-password">([^<]+)</code>', html).group(1)
    user = db.session.scalar(select(User).where(User.email == "amina@example.ma"))
    assert (user.role, user.massar_code, user.school_id, user.language) == (
        Role.STUDENT,
        "J130000001",
        places["fes"].id,
        "ar",
    )
    [entry] = _audit("user.created")
    assert entry.actor_id == admin.id and entry.subject_user_id == user.id
    assert entry.details["massar_code"] == "J130000001"
    assert user.must_change_password
    auth.logout()
    assert auth.login("amina@example.ma", password).status_code == 302
    assert client.get("/courses/").headers["Location"].endswith("/account/profile")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "admin1@example.ma"}, "email", "An account with this email address already exists."),
        ({"massar_code": "J13"}, "massar_code", "A Massar code is one letter followed by nine digits."),
        (
            {"massar_code": "K000000001"},
            "massar_code",
            "This Massar code is already used by another account.",
        ),
        ({"role": "teacher"}, "massar_code", "Only pupils have a Massar code."),
        ({"school_code": "NOPE"}, "school_code", "No school has this code."),
        (
            {"role": "manager", "massar_code": ""},
            "programme_id",
            "A programme manager must be given a programme.",
        ),
        ({"email": "not an email"}, "email", "This is not a valid email address."),
        ({"display_name": "  "}, "display_name", "Please enter the person"),
        # The admin enters someone else's address, not their own ("your email address" before).
        ({"email": ""}, "email", "Please enter the person's email address."),
    ],
)
def test_creation_errors_are_shown_next_to_their_field(as_admin, make_user, places, fields, field, message):
    make_user(Role.STUDENT, email="pupil@example.ma", massar_code="K000000001")
    before = db.session.scalar(select(func.count()).select_from(User))
    response = as_admin.post("/admin/people/new", data=_new(**fields), headers=EN)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field}-error">{message}' in html
    assert db.session.scalar(select(func.count()).select_from(User)) == before
    assert _audit("user.created") == []


def test_an_admin_can_send_a_link_instead_of_showing_a_password(as_admin, places, mails):
    response = as_admin.post("/admin/people/new", data=_new(first_password="email", language="fr"))
    assert response.status_code == 302
    [(to, _subject, body)] = mails
    assert to == "amina@example.ma" and "/auth/reset/" in body
    assert [e.details["method"] for e in _audit("auth.password_reset")] == ["link"]


# --- edit and role ---------------------------------------------------------------------------------


def test_the_person_page_shows_details_and_history(as_admin, people):
    response = as_admin.get(f"/admin/people/{people['amina'].id}", headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="FES-1"' in html and "J130000001" in html
    assert as_admin.get("/admin/people/999999").status_code == 404


def test_editing_is_audited_with_before_and_after(as_admin, people, places):
    amina = people["amina"]
    data = _new(display_name="Amina El Idrissi", email="amina@example.ma", school_code="AGA-1", language="fr")
    response = as_admin.post(f"/admin/people/{amina.id}", data=data)
    assert response.status_code == 302
    [entry] = _audit("user.updated")
    assert entry.details["after"]["school_id"] == places["agadir"].id
    assert entry.details["before"]["school_id"] == places["fes"].id
    assert entry.details["after"]["display_name"] == "Amina El Idrissi"
    # Saving the same again changes nothing and records nothing.
    as_admin.post(f"/admin/people/{amina.id}", data=data)
    assert len(_audit("user.updated")) == 1


def test_editing_refuses_another_persons_email(as_admin, people):
    data = _new(email="youssef@example.ma")
    response = as_admin.post(f"/admin/people/{people['amina'].id}", data=data, headers=EN)
    assert response.status_code == 400
    assert "An account with this email address already exists." in response.get_data(as_text=True)


def test_a_pupil_with_a_username_can_be_edited_and_gets_a_temporary_password_not_a_link(as_admin, make_user):
    pupil = make_user(email="j130000001", display_name="Amina", massar_code="J130000001")
    assert not pupil.has_mailbox
    data = _new(display_name="Amina El Idrissi", email="j130000001", massar_code="J130000001", school_code="")
    assert as_admin.post(f"/admin/people/{pupil.id}", data=data).status_code == 302
    db.session.refresh(pupil)
    assert pupil.display_name == "Amina El Idrissi" and pupil.email == "j130000001"
    response = as_admin.post(f"/admin/people/{pupil.id}/password", data={"method": "link"}, headers=EN)
    page = as_admin.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "signs in with a username and has no email address" in page


def test_changing_a_role_is_audited_with_before_and_after(as_admin, admin, people):
    karima = people["karima"]
    response = as_admin.post(f"/admin/people/{karima.id}/role", data={"role": "admin"})
    assert response.status_code == 302
    db.session.refresh(karima)
    assert karima.role is Role.ADMIN
    [entry] = _audit("user.role_changed")
    assert (entry.actor_id, entry.subject_user_id) == (admin.id, karima.id)
    assert entry.details == {"before": "teacher", "after": "admin"}


def test_a_pupil_made_teacher_loses_the_massar_code_but_the_log_keeps_it(as_admin, people):
    as_admin.post(f"/admin/people/{people['amina'].id}/role", data={"role": "teacher"})
    db.session.refresh(people["amina"])
    assert people["amina"].massar_code is None
    assert _audit("user.role_changed")[0].details["massar_code"] == "J130000001"


def test_an_admin_cannot_demote_or_deactivate_themselves(as_admin, admin, make_user):
    make_user(Role.ADMIN)  # not the last admin: the refusal is about oneself
    response = as_admin.post(f"/admin/people/{admin.id}/role", data={"role": "teacher"}, headers=EN)
    assert response.status_code == 302
    page = as_admin.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "You cannot remove your own administrator rights" in page
    as_admin.post(f"/admin/people/{admin.id}/deactivate", data={"reason": ""})
    db.session.refresh(admin)
    assert admin.role is Role.ADMIN and admin.active
    assert _audit("user.role_changed") == [] and _audit("user.deactivated") == []


def test_the_last_active_admin_cannot_be_removed(app, client, auth, make_user):
    from lms.people import operations
    from lms.users.operations import AccountError

    first = make_user(Role.ADMIN)
    second = make_user(Role.ADMIN)
    operations.deactivate(first, second)
    db.session.commit()
    # ``second`` is deactivated; a third admin (also deactivated) tries to remove ``first``.
    third = make_user(Role.ADMIN)
    third.active = False
    with pytest.raises(AccountError):
        operations.change_role(third, first, Role.TEACHER)
    with pytest.raises(AccountError):
        operations.deactivate(third, first)
    assert first.role is Role.ADMIN and first.active


# --- deactivate, reactivate ------------------------------------------------------------------------


def test_deactivation_ends_sessions_and_sign_in_and_keeps_the_account(app, as_admin, people):
    youssef = people["youssef"]
    pupil_client = app.test_client()
    pupil_client.post("/auth/login", data={"email": youssef.email, "password": PASSWORD})
    assert pupil_client.get("/dashboard/learner").status_code == 200

    response = as_admin.post(f"/admin/people/{youssef.id}/deactivate", data={"reason": "left in June"})
    assert response.status_code == 302
    assert pupil_client.get("/dashboard/learner").status_code == 302  # the open session has ended
    refused = pupil_client.post("/auth/login", data={"email": youssef.email, "password": PASSWORD})
    assert refused.status_code == 200
    assert db.session.get(User, youssef.id) is not None
    [entry] = _audit("user.deactivated")
    assert entry.details == {"reason": "left in June"}

    as_admin.post(f"/admin/people/{youssef.id}/reactivate", data={})
    assert len(_audit("user.reactivated")) == 1
    assert (
        pupil_client.post("/auth/login", data={"email": youssef.email, "password": PASSWORD}).status_code
        == 302
    )


# --- password --------------------------------------------------------------------------------------


def test_a_reset_link_is_mailed_and_works_once(app, as_admin, people, mails):
    youssef = people["youssef"]
    response = as_admin.post(f"/admin/people/{youssef.id}/password", data={"method": "link"})
    assert response.status_code == 302
    [(_to, _subject, body)] = mails
    link = next(word for word in body.split() if "/auth/reset/" in word)
    pupil = app.test_client()
    path = urlsplit(link).path
    done = pupil.post(path, data={"password": "a-brand-new-one", "confirm": "a-brand-new-one"})
    assert done.status_code == 302 and "/auth/login" in done.headers["Location"]
    assert (
        pupil.post(path, data={"password": "again-and-again", "confirm": "again-and-again"}).status_code
        == 302
    )
    db.session.refresh(youssef)
    assert youssef.check_password("a-brand-new-one")
    assert _audit("auth.password_reset")[0].details == {"method": "link", "reason": "admin"}


def test_a_temporary_password_is_shown_once_and_ends_sessions(app, as_admin, people):
    youssef = people["youssef"]
    pupil = app.test_client()
    pupil.post("/auth/login", data={"email": youssef.email, "password": PASSWORD})
    response = as_admin.post(f"/admin/people/{youssef.id}/password", data={"method": "temporary"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    import re

    password = re.search(
        r'<code id="one-time-password">([^<]+)</code>', response.get_data(as_text=True)
    ).group(1)
    assert pupil.get("/dashboard/learner").status_code == 302
    assert pupil.post("/auth/login", data={"email": youssef.email, "password": password}).status_code == 302
    assert _audit("auth.password_reset")[0].details == {"method": "temporary_password"}

    # The admin has seen it: the pupil must choose their own before anything else.
    forced = pupil.get("/dashboard/learner")
    assert forced.status_code == 302 and forced.headers["Location"].endswith("/account/profile")
    assert pupil.get("/account/profile").status_code == 200
    changed = pupil.post(
        "/account/password",
        data={"current_password": password, "password": "my-own-password", "confirm": "my-own-password"},
    )
    assert changed.status_code == 302
    assert pupil.get("/dashboard/learner").status_code == 200
    db.session.refresh(youssef)
    assert not youssef.must_change_password


# --- export ----------------------------------------------------------------------------------------


def test_the_export_follows_the_filters_neutralises_formulas_and_is_audited(
    as_admin, admin, people, make_user
):
    make_user(Role.STUDENT, display_name='=HYPERLINK("http://evil")', email="evil@example.ma")
    response = as_admin.get("/admin/people/export.csv?role=student", headers=EN)
    assert response.status_code == 200
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Email address", "Full name", "Role"]
    emails = [r[0] for r in rows[1:]]
    assert sorted(emails) == ["amina@example.ma", "evil@example.ma", "youssef@example.ma"]
    evil = next(r for r in rows if r[0] == "evil@example.ma")
    assert evil[1].startswith("'=")
    amina = next(r for r in rows if r[0] == "amina@example.ma")
    assert amina[1] == "أمينة الإدريسي" and amina[4] == "J130000001" and amina[5] == "FES-1"
    [entry] = _audit("data.exported")
    assert entry.actor_id == admin.id and entry.details == {
        "export": "people",
        "filters": {"role": "student"},
        "rows": 3,
    }


def test_forms_need_their_csrf_token(migrated_database, tmp_path, monkeypatch):
    import re as regex
    import shutil

    from lms import create_app
    from lms.users.operations import create_user
    from tests.conftest import FreshContextClient

    database = tmp_path / "csrf.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    app.test_client_class = FreshContextClient
    with app.app_context():
        create_user(email="boss@example.ma", display_name="Boss", password=PASSWORD, role=Role.ADMIN)
        pupil = create_user(email="p@example.ma", display_name="P", password=PASSWORD)
        db.session.commit()
        client = app.test_client()
        page = client.get("/auth/login")
        token = regex.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page.data).group(1)
        client.post(
            "/auth/login",
            data={"email": "boss@example.ma", "password": PASSWORD, "csrf_token": token.decode()},
        )
        assert client.get("/admin/people/").status_code == 200
        refused = client.post(f"/admin/people/{pupil.id}/deactivate", data={"reason": "x"})
        assert refused.status_code == 400
        person = client.get(f"/admin/people/{pupil.id}").get_data(as_text=True)
        assert person.count('name="csrf_token"') >= 4  # details, role, deactivate, password
        token = regex.search(r'name="csrf_token" type="hidden" value="([^"]+)"', person).group(1)
        done = client.post(f"/admin/people/{pupil.id}/deactivate", data={"reason": "x", "csrf_token": token})
        assert done.status_code == 302
        db.session.refresh(pupil)
        assert not pupil.active
        db.session.remove()
        db.engine.dispose()
