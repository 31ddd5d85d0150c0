"""Sign-in abuse: per-account back-off that slows guessing but never locks the owner out for good."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.auth.lockout import backoff_seconds
from lms.auth.models import SignInThrottle
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


ATTACKER, VICTIM = "203.0.113.66", "198.51.100.7"


def attempt(client, email: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        "/auth/login",
        data={"email": email, "password": password},
        headers=EN,
        environ_base={"REMOTE_ADDR": address},
    )


def fail(client, user, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        assert attempt(client, user.email, "wrong password", address).status_code == 200


def throttle(user, address: str = "127.0.0.1") -> tuple[int, datetime | None]:
    row = db_session().scalar(
        select(SignInThrottle).where(SignInThrottle.user_id == user.id, SignInThrottle.address == address)
    )
    return (row.failures, row.locked_until) if row is not None else (0, None)


def db_session():
    from lms.extensions import db

    db.session.expire_all()
    return db.session


def test_back_off_doubles_from_one_minute_and_is_capped_at_fifteen(app):
    assert [backoff_seconds(n) for n in range(1, 11)] == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900]
    assert backoff_seconds(500) == 900


def test_five_failures_lock_that_address_even_against_the_right_password(client, make_user, clock):
    user = make_user()
    fail(client, user, 5)
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert GENERIC in response.data
    assert throttle(user)[0] == 5, "attempts during the lock are not counted"


def test_the_right_password_works_once_the_window_has_passed(client, make_user, clock):
    user = make_user()
    fail(client, user, 5)
    clock.advance(61)
    assert attempt(client, user.email, PASSWORD).status_code == 302
    assert throttle(user) == (0, None)


def test_each_further_failure_doubles_the_wait(client, make_user, clock):
    user = make_user()
    fail(client, user, 5)
    clock.advance(61)
    fail(client, user, 1)
    assert throttle(user)[1] == clock.now + timedelta(minutes=2)
    clock.advance(61)
    assert attempt(client, user.email, PASSWORD).status_code == 200
    clock.advance(60)
    assert attempt(client, user.email, PASSWORD).status_code == 302


def test_the_attack_of_finding_4_no_longer_locks_the_victim_out(client, make_user, clock):
    """One wrong password every lock period from address A, for hours: the owner at B signs in."""
    user = make_user()
    fail(client, user, 5, ATTACKER)
    for _ in range(16):  # four hours of one request every 15 minutes
        clock.advance(15 * 60 + 1)
        fail(client, user, 1, ATTACKER)
        assert attempt(client, user.email, PASSWORD, ATTACKER).status_code == 200, "the attacker stays locked"
    victim = attempt(client, user.email, PASSWORD, VICTIM)
    assert victim.status_code == 302, "the owner, from an address with no failures, is let in"
    assert throttle(user, ATTACKER)[1] > clock.now, "and signing in elsewhere does not free the attacker"
    assert throttle(user, VICTIM) == (0, None)


def test_the_attacker_is_still_throttled_and_cannot_extend_the_lock_by_hammering(client, make_user, clock):
    user = make_user()
    fail(client, user, 5, ATTACKER)
    locked_until = throttle(user, ATTACKER)[1]
    for _ in range(20):
        clock.advance(1)
        response = attempt(client, user.email, PASSWORD, ATTACKER)  # even the right password
        assert response.status_code == 200 and GENERIC in response.data
    assert throttle(user, ATTACKER) == (5, locked_until), "refused unchecked, uncounted, not extended"


def test_the_lock_of_one_account_does_not_touch_another_from_the_same_address(client, make_user, clock):
    first, second = make_user(), make_user()
    fail(client, first, 5, ATTACKER)
    assert attempt(client, second.email, PASSWORD, ATTACKER).status_code == 302


def test_failures_from_a_day_ago_are_forgotten(client, make_user, clock):
    user = make_user()
    fail(client, user, 4, ATTACKER)
    clock.advance(24 * 3600 + 1)
    fail(client, user, 1, VICTIM)  # any new failure on the account prunes the old rows
    assert throttle(user, ATTACKER) == (0, None)
    assert throttle(user, VICTIM)[0] == 1


def test_a_reset_link_works_during_the_lock_and_clears_it(client, make_user, clock):
    user = make_user()
    fail(client, user, 9)
    fail(client, user, 5, ATTACKER)
    token = make_reset_token(user)
    new = {"password": "a brand new password", "confirm": "a brand new password"}
    assert client.post(f"/auth/reset/{token}", data=new).status_code == 302
    assert throttle(user) == throttle(user, ATTACKER) == (0, None)
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
        "password": "quite a long phrase",
        "confirm": "quite a long phrase",
    }
    response = client.post("/auth/register", data=data, headers=EN)
    assert b"already exists" not in response.data
    assert b"cannot be used to create a new account" in response.data


def _without_csrf_tokens(page: bytes) -> bytes:
    """The page with its CSRF tokens emptied: a token carries the second it was signed in, so two
    answers a second apart (a loaded machine) differ there, whatever else they say."""
    return re.sub(rb'(name="csrf_token" value=")[^"]*', rb"\1", page)


def test_forgot_password_answers_the_same_for_any_address(client, make_user):
    make_user(email="amina@example.ma")
    known = client.post("/auth/forgot", data={"email": "amina@example.ma"}, headers=EN, follow_redirects=True)
    unknown = client.post("/auth/forgot", data={"email": "zz@example.ma"}, headers=EN, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert b'name="csrf_token" value="' in known.data  # the page has tokens: only their values are masked
    assert _without_csrf_tokens(known.data) == _without_csrf_tokens(unknown.data)
