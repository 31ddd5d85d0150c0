"""Accounts: uniqueness rules and the admin command."""

import pytest
from sqlalchemy import select

from lms.users.models import Role, User
from lms.users.operations import AccountError, create_user
from tests.conftest import PASSWORD


def test_massar_code_is_unique_when_present(make_user, db):
    make_user(massar_code="j130000001")
    with pytest.raises(AccountError) as error:
        make_user(massar_code="J130000001 ")
    assert error.value.field == "massar_code"
    # Many accounts may have none.
    make_user()
    make_user()
    assert db.session.scalar(select(User.massar_code).where(User.massar_code.is_not(None))) == "J130000001"


def test_massar_uniqueness_is_also_enforced_by_the_database(make_user, db):
    from sqlalchemy.exc import IntegrityError

    make_user(massar_code="J130000002")
    other = make_user()
    other.massar_code = "J130000002"
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_email_is_unique_case_insensitively(make_user):
    make_user(email="Youssef@Example.ma")
    with pytest.raises(AccountError) as error:
        make_user(email="youssef@example.MA")
    assert error.value.field == "email"


def test_a_manager_needs_a_programme(db):
    with pytest.raises(AccountError):
        create_user(email="m@example.ma", display_name="M", password=PASSWORD, role=Role.MANAGER)


def test_profile_saves_name_language_and_massar(client, auth, make_user, db):
    user = make_user()
    auth.login(user)
    response = client.post(
        "/account/profile",
        data={"display_name": "Youssef  ⵢⵓⵙⴼ", "language": "ar", "massar_code": "j123456789"},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.display_name, user.language, user.massar_code) == ("Youssef  ⵢⵓⵙⴼ", "ar", "J123456789")


def test_profile_refuses_a_taken_or_malformed_massar_code(client, auth, make_user, db):
    make_user(massar_code="J123456789")
    user = make_user(language="en")
    auth.login(user)
    en = {"Accept-Language": "en"}
    taken = client.post(
        "/account/profile",
        data={"display_name": "X", "language": "en", "massar_code": "J123456789"},
        headers=en,
    )
    assert b"This Massar code cannot be saved on your account." in taken.data
    assert b"another account" not in taken.data
    bad = client.post(
        "/account/profile", data={"display_name": "X", "language": "en", "massar_code": "123"}, headers=en
    )
    assert b"A Massar code is one letter followed by nine digits." in bad.data
    db.session.refresh(user)
    assert user.massar_code is None and user.display_name != "X"


def test_users_create_command_prompts_for_the_password(runner, db):
    result = runner.invoke(
        args=["users", "create", "--role", "admin", "--email", "Admin@Example.ma", "--name", "Nadia"],
        input="long-enough-pass\nlong-enough-pass\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "admin@example.ma"))
    assert user.role is Role.ADMIN and user.check_password("long-enough-pass")


def test_users_create_refuses_a_duplicate(runner, make_user):
    make_user(email="dup@example.ma")
    result = runner.invoke(
        args=["users", "create", "--email", "dup@example.ma", "--name", "X", "--password", "long-enough-pass"]
    )
    assert result.exit_code != 0
    assert "email: Un compte existe déjà avec cette adresse e-mail." in result.output
