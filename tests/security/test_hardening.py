"""Finding 6 of issue 16, the smaller holes: each test replays the attack and shows it now fails."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lms.auth.passwords import common_passwords, is_common, password_problem
from lms.auth.tokens import make_reset_token
from lms.users.models import Role, User
from lms.users.operations import AccountError, create_user
from tests.conftest import PASSWORD

EN = {"Accept-Language": "en"}
COMMON = b"This password is one of the most common ones and easy to guess"
WEAK = ["12345678", "password", "Password", "azerty123", "motdepasse", "aaaaaaaaaa"]


# -- a line break in next= ------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/account/profile\r\nSet-Cookie: x=1", "/x\n", "/\x00", "/a\tb"])
def test_a_control_character_in_next_is_ignored_not_a_500(client, make_user, target):
    user = make_user()
    response = client.post(
        "/auth/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "\n" not in response.headers["Location"] and "Set-Cookie: x" not in response.headers["Location"]
    language = client.post("/language", data={"language": "fr", "next": target})
    assert language.status_code == 302


def test_a_plain_next_path_still_works(client, make_user):
    user = make_user()
    response = client.post(
        "/auth/login",
        query_string={"next": "/account/profile"},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"].endswith("/account/profile")


# -- weak passwords ------------------------------------------------------------------------------


def test_the_shipped_list_is_read_offline_and_holds_the_usual_suspects(app):
    assert len(common_passwords()) > 19_000
    assert all(is_common(p) for p in WEAK)
    assert not is_common(PASSWORD) and not is_common("Ma classe de 3e B, 2026")
    assert password_problem("short") and password_problem("12345678") and password_problem(PASSWORD) is None


@pytest.mark.parametrize("weak", WEAK)
def test_registration_refuses_a_common_password(client, db, weak):
    data = {"display_name": "Amina", "email": "amina@example.ma", "language": "en"}
    response = client.post("/auth/register", data={**data, "password": weak, "confirm": weak}, headers=EN)
    assert response.status_code == 200 and COMMON in response.data
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_the_refusal_is_translated(client):
    data = {"display_name": "Amina", "email": "amina@example.ma", "language": "ar"}
    response = client.post(
        "/auth/register",
        data={**data, "password": "12345678", "confirm": "12345678"},
        headers={"Accept-Language": "ar"},
    )
    assert COMMON not in response.data
    assert "شائعة".encode() in response.data


def test_password_change_and_reset_refuse_a_common_password(client, auth, make_user, db):
    user = make_user()
    auth.login(user)
    change = {"current_password": PASSWORD, "password": "password", "confirm": "password"}
    response = client.post("/account/password", data=change, headers=EN)
    assert response.status_code == 400 and COMMON in response.data
    token = make_reset_token(user)
    response = client.post(
        f"/auth/reset/{token}", data={"password": "12345678", "confirm": "12345678"}, headers=EN
    )
    assert response.status_code == 200 and COMMON in response.data
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_accounts_created_by_admins_teachers_or_the_cli_refuse_it_too(app, runner, db):
    with pytest.raises(AccountError) as refused:
        create_user(email="t@example.ma", display_name="T", password="12345678", role=Role.TEACHER)
    assert refused.value.field == "password"
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.ma",
            "--name",
            "A",
            "--role",
            "admin",
            "--password",
            "password",
        ]
    )
    assert result.exit_code != 0 and "most common" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
