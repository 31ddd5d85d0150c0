"""Names never carry explicit direction controls (U+202A–U+202E, U+2066–U+2069).

Pages isolate every name already, but a name also reaches mail subjects and CSV cells, where an
override such as U+202E shows the text around it backwards. The name fields drop them as they read
the form (people, pupils in an import, classes); the marks U+200E and U+200F stay.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from lms.classes.forms import ClassForm
from lms.extensions import db
from lms.people.forms import PersonRowForm
from lms.teaching.forms import CopyForm, RenameForm


def test_a_profile_name_is_saved_without_direction_controls(client, auth, make_user):
    user = make_user(language="en")
    auth.login(user)
    response = client.post(
        "/account/profile", data={"display_name": "Amina\u202e txt.exe\u202c El Idrissi", "language": "en"}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.display_name == "Amina txt.exe El Idrissi"


@pytest.mark.parametrize("form_class", [ClassForm, RenameForm, CopyForm])
def test_a_class_name_is_read_without_direction_controls(app, form_class):
    with app.test_request_context():
        form = form_class(
            formdata=MultiDict({"name": "\u2067Tronc commun\u2069 \u202e3"}), meta={"csrf": False}
        )
        assert form.name.data == "Tronc commun 3"


def test_a_name_made_only_of_direction_controls_is_refused_as_empty(app):
    with app.test_request_context():
        empty = RenameForm(formdata=MultiDict({"name": ""}), meta={"csrf": False})
        empty.validate()
        form = RenameForm(formdata=MultiDict({"name": "\u202e\u202c "}), meta={"csrf": False})
        assert not form.validate()
        assert form.name.errors == empty.name.errors != []
        row = PersonRowForm(formdata=MultiDict({"display_name": "\u202e", "email": "a@example.ma"}))
        assert not row.validate() and row.display_name.errors


def test_the_direction_marks_stay(app):
    with app.test_request_context():
        form = RenameForm(formdata=MultiDict({"name": "3\u200fب"}), meta={"csrf": False})
        form.validate()
        assert form.name.data == "3\u200fب"
