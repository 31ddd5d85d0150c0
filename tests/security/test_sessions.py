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
