"""Signing in and out, registering, and recovering a password."""

import pytest
from sqlalchemy import func, select

from lms.auth.tokens import TokenProblem, make_reset_token, read_reset_token
from lms.users.models import Role, User
from tests.conftest import PASSWORD

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.ADMIN, "/dashboard/admin"),
        (Role.TEACHER, "/dashboard/teacher"),
        (Role.STUDENT, "/dashboard/learner"),
        (Role.MANAGER, "/dashboard/manager"),
    ],
)
def test_each_role_lands_on_its_own_page(client, auth, make_user, role, landing):
    user = make_user(role)
    response = auth.login(user)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(landing)
    assert client.get(landing).status_code == 200
    assert client.get("/").headers["Location"].endswith(landing)


def test_sign_in_records_the_time(auth, make_user, db):
    user = make_user()
    assert user.last_login_at is None
    auth.login(user)
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_email_is_case_insensitive_at_sign_in(auth, make_user):
    make_user(email="Amina.Idrissi@Example.MA")
    response = auth.login("  AMINA.idrissi@example.ma ")
    assert response.status_code == 302


@pytest.mark.parametrize("email", ["student1@example.ma", "nobody@example.ma"])
def test_wrong_credentials_get_one_generic_message(client, make_user, email):
    make_user()
    response = client.post("/auth/login", data={"email": email, "password": "wrong password"}, headers=EN)
    assert response.status_code == 200
    assert b"The email address or the password is not correct." in response.data


def test_inactive_account_cannot_sign_in(auth, make_user, db):
    user = make_user()
    user.active = False
    db.session.commit()
    assert auth.login(user).status_code == 200


def test_sign_in_redirects_only_to_local_next(client, make_user):
    make_user(email="a@example.ma")
    data = {"email": "a@example.ma", "password": PASSWORD}
    response = client.post("/auth/login?next=//evil.example/x", data=data)
    assert response.headers["Location"].endswith("/dashboard/learner")
    client.post("/auth/logout")
    response = client.post("/auth/login?next=/account/profile", data=data)
    assert response.headers["Location"].endswith("/account/profile")


def test_sign_out_ends_the_session(client, auth, make_user):
    auth.login(make_user())
    auth.logout()
    assert client.get("/account/profile").status_code == 302


def test_sign_out_needs_post(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/auth/logout").status_code == 405


def test_register_creates_a_signed_in_student(client, db):
    response = client.post(
        "/auth/register",
        data={
            "display_name": "أمينة الإدريسي",
            "email": "Amina@Example.ma",
            "language": "ar",
            "password": "a-good-password",
            "confirm": "a-good-password",
        },
    )
    assert response.headers["Location"].endswith("/dashboard/learner")
    user = db.session.scalar(select(User).where(User.email == "amina@example.ma"))
    assert user.role is Role.STUDENT
    assert user.display_name == "أمينة الإدريسي"
    assert user.language == "ar"
    assert user.check_password("a-good-password")
    assert user.password_hash.startswith("scrypt:")


def test_register_refuses_a_duplicate_email_and_changes_nothing(client, make_user, db):
    make_user(email="amina@example.ma")
    data = {
        "display_name": "Autre",
        "email": "AMINA@example.ma",
        "language": "fr",
        "password": "x" * 10,
        "confirm": "x" * 10,
    }
    response = client.post("/auth/register", data=data, headers=EN)
    assert response.status_code == 200
    # The wording does not confirm that the address has an account; it points to the ways back in.
    assert b"cannot be used to create a new account" in response.data
    assert b"already exists" not in response.data
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "short", "confirm": "short"}, b"The password must be 8 to 128 characters long."),
        ({"confirm": "something-else"}, b"The two passwords are not the same."),
        ({"email": "not-an-email"}, b"This is not a valid email address."),
        ({"display_name": "   "}, b"Please enter your name."),
    ],
)
def test_register_shows_each_error_next_to_its_field(client, db, changes, message):
    data = {
        "display_name": "Salma",
        "email": "salma@example.ma",
        "language": "fr",
        "password": "a-good-password",
        "confirm": "a-good-password",
    }
    data.update(changes)
    response = client.post("/auth/register", data=data, headers=EN)
    assert response.status_code == 200
    assert message in response.data
    assert b'class="error"' in response.data
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_registration_cannot_choose_a_role(client, db):
    data = {
        "display_name": "X",
        "email": "x@example.ma",
        "language": "fr",
        "password": "a-good-password",
        "confirm": "a-good-password",
        "role": "admin",
    }
    client.post("/auth/register", data=data)
    assert db.session.scalar(select(User.role)) is Role.STUDENT


def test_forgotten_password_says_the_same_for_known_and_unknown_addresses(client, make_user, caplog):
    make_user(email="known@example.ma")
    with caplog.at_level("INFO", logger="lms.mail"):
        known = client.post(
            "/auth/forgot", data={"email": "known@example.ma"}, headers=EN, follow_redirects=True
        )
    unknown = client.post(
        "/auth/forgot", data={"email": "unknown@example.ma"}, headers=EN, follow_redirects=True
    )
    assert known.data.count(b"If an account uses this address") == 1
    assert unknown.data.count(b"If an account uses this address") == 1
    assert "/auth/reset/" in caplog.text  # no mail server: the link is logged for an admin


def test_reset_token_changes_the_password_once(client, make_user, db):
    user = make_user()
    token = make_reset_token(user)
    response = client.post(
        f"/auth/reset/{token}", data={"password": "brand-new-pass", "confirm": "brand-new-pass"}
    )
    assert response.headers["Location"].endswith("/auth/login")
    db.session.refresh(user)
    assert user.check_password("brand-new-pass")
    assert read_reset_token(token) is TokenProblem.INVALID
    again = client.get(f"/auth/reset/{token}", headers=EN, follow_redirects=True)
    assert b"This link is not valid or has already been used." in again.data


def test_reset_token_expires(app, make_user, client):
    user = make_user()
    token = make_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1  # any age is past it: no need to wait
    assert read_reset_token(token) is TokenProblem.EXPIRED
    response = client.get(f"/auth/reset/{token}", headers=EN, follow_redirects=True)
    assert b"This link has expired." in response.data


def test_tampered_reset_token_is_refused(make_user):
    token = make_reset_token(make_user())
    assert (
        read_reset_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]) is TokenProblem.INVALID
    )
    assert read_reset_token("garbage") is TokenProblem.INVALID


def test_password_change_signs_out_other_sessions(app, make_user):
    user = make_user()
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    response = first.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": "another-password", "confirm": "another-password"},
    )
    assert response.status_code == 302
    assert first.get("/account/profile").status_code == 200
    assert second.get("/account/profile").status_code == 302


def test_password_change_needs_the_current_password(client, auth, make_user):
    auth.login(make_user(language="en"))
    response = client.post(
        "/account/password",
        data={"current_password": "wrong", "password": "another-password", "confirm": "another-password"},
        headers=EN,
    )
    assert response.status_code == 400
    assert b"The current password is not correct." in response.data


def test_the_sign_in_wall_speaks_the_visitors_language(client):
    response = client.get("/dashboard/learner", headers={"Accept-Language": "ar"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Please log in" not in page and "Please sign in" not in page
    assert 'lang="ar"' in page
