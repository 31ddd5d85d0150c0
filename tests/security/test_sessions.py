"""Sessions end when the password changes: a stolen cookie stops working once the owner reacts."""

from __future__ import annotations

from lms.auth.tokens import make_reset_token
from tests.conftest import PASSWORD, AuthActions


def test_changing_the_password_signs_out_every_other_session(app, make_user):
    user = make_user()
    mine, stolen = app.test_client(), app.test_client()
    AuthActions(mine).login(user)
    AuthActions(stolen).login(user)
    assert stolen.get("/account/profile").status_code == 200
    new = {"current_password": PASSWORD, "password": "a new password!", "confirm": "a new password!"}
    assert mine.post("/account/password", data=new).status_code == 302
    assert mine.get("/account/profile").status_code == 200, "the session that changed it carries on"
    assert stolen.get("/account/profile").status_code == 302, "every other session is signed out"


def test_a_password_reset_signs_out_every_session(app, make_user, db):
    user = make_user()
    stolen = app.test_client()
    AuthActions(stolen).login(user)
    db.session.refresh(user)
    token = make_reset_token(user)
    app.test_client().post(
        f"/auth/reset/{token}", data={"password": "reset password!", "confirm": "reset password!"}
    )
    assert stolen.get("/account/profile").status_code == 302


def _cookies(client) -> dict[str, str]:
    found = {name: client.get_cookie(name, domain="maharat.test") for name in ("session", "remember_token")}
    return {name: cookie.value for name, cookie in found.items() if cookie is not None}


def test_a_copied_session_or_remember_me_cookie_stops_working_at_sign_out(app, make_user):
    """Finding 6 of issue 16: signing out rotates the token every cookie of the account carries."""
    user = make_user()
    mine = app.test_client()
    mine.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    copied = _cookies(mine)
    assert set(copied) == {"session", "remember_token"}
    for names in (["session"], ["remember_token"]):
        thief = app.test_client()
        for name in names:
            thief.set_cookie(name, copied[name], domain="maharat.test")
        assert thief.get("/account/profile").status_code == 200, "the copy works while I am signed in"
    assert mine.post("/auth/logout").status_code == 302
    for names in (["session"], ["remember_token"], ["session", "remember_token"]):
        thief = app.test_client()
        for name in names:
            thief.set_cookie(name, copied[name], domain="maharat.test")
        assert thief.get("/account/profile").status_code == 302, f"{names} still signed in after sign-out"
    again = app.test_client()
    AuthActions(again).login(user)
    assert again.get("/account/profile").status_code == 200, "signing in again works"
