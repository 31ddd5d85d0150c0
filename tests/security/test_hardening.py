"""Finding 6 of issue 16, the smaller holes: each test replays the attack and shows it now fails."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
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
    user = make_user(language="en")
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
    assert result.exit_code != 0 and "plus courants" in result.output  # the CLI speaks French by default
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


# -- the Massar code oracle ---------------------------------------------------------------------


def _profile(client, code: str, name: str = "Pupil"):
    return client.post(
        "/account/profile", data={"display_name": name, "language": "en", "massar_code": code}, headers=EN
    )


def test_probing_massar_codes_from_the_profile_is_rate_limited_and_says_no_owner(make_world_app, make_user):
    app = make_world_app(RATELIMIT_ENABLED=True, MASSAR_RATE_LIMIT="3 per hour")
    client = app.test_client()
    with app.app_context():
        make_user(massar_code="J123456789")
        prober = make_user(language="en")
        email = prober.email
    client.post("/auth/login", data={"email": email, "password": PASSWORD})
    answers = [_profile(client, f"K00000000{n}") for n in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 302]
    refused = _profile(client, "J123456789")
    assert refused.status_code == 429, "the fourth change of code within the hour is refused"
    assert _profile(client, "K000000002", name="Only my name").status_code == 302, "other edits are free"


# -- look-alike addresses ------------------------------------------------------------------------

STAFF = "admin@demo.maharat.ma"
DISGUISES = [
    "\u0430dmin@demo.maharat.ma",  # Cyrillic а
    "adm\u0456n@demo.maharat.ma",  # Cyrillic і
    "\u0430dm\u0456n@dem\u043e.m\u0430h\u0430r\u0430t.m\u0430",  # Cyrillic everywhere it can
    "ad\u200bmin@demo.maharat.ma",  # a zero-width space
    "\uff41\uff44\uff4d\uff49\uff4e@demo.maharat.ma",  # full-width letters
    "ADM\u0399N@demo.maharat.ma",  # Greek capital iota
]


@pytest.mark.parametrize("disguise", DISGUISES)
def test_a_look_alike_of_a_staff_address_cannot_register(client, make_user, db, disguise):
    make_user(role=Role.ADMIN, email=STAFF)
    data = {"display_name": "Admin", "email": disguise, "language": "en", "password": "quite a long phrase"}
    response = client.post("/auth/register", data={**data, "confirm": data["password"]}, headers=EN)
    assert response.status_code == 200
    refusals = (b"cannot be used to create a new account", b"This is not a valid email address.")
    assert any(refusal in response.data for refusal in refusals)
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_admins_and_imports_refuse_a_look_alike_too(app, make_user):
    make_user(role=Role.TEACHER, email="prof@lycee.ma")
    with pytest.raises(AccountError) as refused, force_locale("en"):
        create_user(email="pr\u043ef@lycee.ma", display_name="X", password="quite a long phrase")
    assert "looks like the address of another account" in refused.value.message


def test_an_ordinary_new_address_still_registers(client, make_user, db):
    make_user(role=Role.ADMIN, email=STAFF)
    data = {"display_name": "Amina", "email": "amina@demo.maharat.ma", "language": "en"}
    data |= {"password": "quite a long phrase", "confirm": "quite a long phrase"}
    assert client.post("/auth/register", data=data).status_code == 302
