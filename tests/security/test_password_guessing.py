"""The current password asked by "Change my password" cannot be guessed faster than at sign-in.

``POST /account/password`` checks the current password before setting a new one, with no limit: anyone
holding a session (a school computer left signed in, a copied cookie) could try thousands of guesses a
minute and learn the password itself, where the sign-in form allows ``LOGIN_RATE_LIMIT``. Wrong current
passwords now count against that same limit, per account. Security review (h2).
"""

from __future__ import annotations

from tests.security.conftest import sign_in_as
from tests.security.world import PASSWORD

NEW = "a brand new passphrase 2031"


def _change(client, current: str):
    return client.post(
        "/account/password",
        data={"current_password": current, "password": NEW, "confirm": NEW},
    )


def test_wrong_current_passwords_are_limited_like_sign_ins(make_world_app, world):
    app = make_world_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per hour")
    with app.app_context():
        client = app.test_client()
        sign_in_as(client, world, "student")
        guesses = [_change(client, f"guess number {n}").status_code for n in range(3)]
        assert guesses == [400, 400, 400]
        refused = _change(client, PASSWORD)
        assert refused.status_code == 429, "the fourth try within the hour is refused, even the right one"
        assert int(refused.headers["Retry-After"]) > 0


def test_a_right_current_password_is_not_counted(make_world_app, world):
    app = make_world_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="1 per hour")
    with app.app_context():
        client = app.test_client()
        sign_in_as(client, world, "student")
        assert _change(client, PASSWORD).status_code == 302
        assert _change(client, NEW).status_code == 302, "changing it again is not a guess"
