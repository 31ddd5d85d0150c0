"""Sign-in abuse: per-account back-off that slows guessing but never locks the owner out for good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.auth.lockout import backoff_seconds
from lms.auth.tokens import make_reset_token
from tests.conftest import PASSWORD

EN = {"Accept-Language": "en"}
GENERIC = b"The email address or the password is not correct."


class Clock:
    """The time the sign-in code sees; tests move it forward instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("lms.auth.operations.utcnow", clock)
    return clock


def attempt(client, email: str, password: str):
    return client.post("/auth/login", data={"email": email, "password": password}, headers=EN)


def fail(client, user, times: int) -> None:
    for _ in range(times):
        assert attempt(client, user.email, "wrong password").status_code == 200


def test_back_off_doubles_from_one_minute_and_is_capped_at_fifteen(app):
    assert [backoff_seconds(n) for n in range(1, 11)] == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900]
    assert backoff_seconds(500) == 900


def test_five_failures_lock_the_account_even_against_the_right_password(client, make_user, clock, db):
    user = make_user()
    fail(client, user, 5)
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert GENERIC in response.data
    db.session.refresh(user)
    assert user.failed_sign_ins == 5, "attempts during the lock are not counted"


def test_the_right_password_works_once_the_window_has_passed(client, make_user, clock, db):
    user = make_user()
    fail(client, user, 5)
    clock.advance(61)
    assert attempt(client, user.email, PASSWORD).status_code == 302
    db.session.refresh(user)
    assert (user.failed_sign_ins, user.locked_until) == (0, None)


def test_each_further_failure_doubles_the_wait(client, make_user, clock, db):
    user = make_user()
    fail(client, user, 5)
    clock.advance(61)
    fail(client, user, 1)
    db.session.refresh(user)
    assert user.locked_until == clock.now + timedelta(minutes=2)
    clock.advance(61)
    assert attempt(client, user.email, PASSWORD).status_code == 200
    clock.advance(60)
    assert attempt(client, user.email, PASSWORD).status_code == 302


def test_a_reset_link_works_during_the_lock_and_clears_it(client, make_user, clock, db):
    user = make_user()
    fail(client, user, 9)
    token = make_reset_token(user)
    new = {"password": "a brand new password", "confirm": "a brand new password"}
    assert client.post(f"/auth/reset/{token}", data=new).status_code == 302
    db.session.refresh(user)
    assert (user.failed_sign_ins, user.locked_until) == (0, None)
    assert attempt(client, user.email, "a brand new password").status_code == 302


def test_a_locked_account_and_an_unknown_email_look_the_same(client, make_user, clock):
    user = make_user()
    fail(client, user, 5)
    locked = attempt(client, user.email, PASSWORD)
    unknown = attempt(client, "nobody@example.ma", PASSWORD)
    wrong = attempt(client, make_user().email, "wrong password")

    def errors(response) -> list[bytes]:
        import re

        return re.findall(rb'class="[^"]*error[^"]*"[^>]*>([^<]+)<', response.data)

    assert errors(locked) == errors(unknown) == errors(wrong)
    assert GENERIC in locked.data


def test_sign_ins_are_audited_with_the_email_typed_on_failure(client, make_user, db):
    user = make_user()
    attempt(client, "Nobody@Example.ma", "x")
    attempt(client, user.email, "wrong password")
    attempt(client, user.email, PASSWORD)
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.details.get("reason")) for e in entries] == [
        ("auth.sign_in_failed", "unknown_email"),
        ("auth.sign_in_failed", "wrong_password"),
        ("auth.sign_in", None),
    ]
    assert entries[0].details["email"] == "Nobody@Example.ma"
    assert entries[0].subject_user_id is None and entries[1].subject_user_id == user.id
    assert entries[2].actor_id == user.id
    assert all(e.ip == "127.0.0.1" for e in entries)


def test_password_change_and_reset_are_audited(client, auth, make_user, db):
    user = make_user()
    auth.login(user)
    client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": "another password", "confirm": "another password"},
    )
    db.session.refresh(user)
    token = make_reset_token(user)
    client.post(f"/auth/reset/{token}", data={"password": "third password!", "confirm": "third password!"})
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["auth.password_changed", "auth.password_reset"]


def test_registration_does_not_say_that_an_address_has_an_account(client, make_user):
    make_user(email="amina@example.ma")
    data = {
        "display_name": "Autre",
        "email": "amina@example.ma",
        "language": "en",
        "password": "x" * 10,
        "confirm": "x" * 10,
    }
    response = client.post("/auth/register", data=data, headers=EN)
    assert b"already exists" not in response.data
    assert b"cannot be used to create a new account" in response.data


def test_forgot_password_answers_the_same_for_any_address(client, make_user):
    make_user(email="amina@example.ma")
    known = client.post("/auth/forgot", data={"email": "amina@example.ma"}, headers=EN, follow_redirects=True)
    unknown = client.post("/auth/forgot", data={"email": "zz@example.ma"}, headers=EN, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert known.data == unknown.data
