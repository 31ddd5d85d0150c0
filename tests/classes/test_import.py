"""CSV import of pupils: a dry run first, every problem with its line and column, nothing half-imported."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from lms.classes.importing import check_csv
from lms.classes.models import ClassMember
from lms.extensions import db
from lms.users.models import Role, User

GOOD = (
    "display_name,email,massar_code,password\n"
    "أمينة الإدريسي,amina@example.ma,J130000001,\n"
    "Youssef Benali,youssef@example.ma,,a-good-password\n"
)


def upload(client, klass, text: str, **extra):
    data = {"file": (io.BytesIO(("\ufeff" + text).encode()), "eleves.csv"), **extra}
    return client.post(f"/classes/{klass.id}/import", data=data, content_type="multipart/form-data")


def people() -> tuple[int, int]:
    users = db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.STUDENT))
    return users, db.session.scalar(select(func.count()).select_from(ClassMember))


def test_upload_is_a_dry_run_then_confirmation_imports(client, auth, teacher, klass):
    auth.login(teacher)
    response = upload(client, klass, GOOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 accounts will be created" in page
    assert people() == (0, 0)  # nothing saved by the check
    content = re.search(r'name="content" value="([^"]*)"', page, re.S).group(1)
    import html

    response = client.post(
        f"/classes/{klass.id}/import", data={"content": html.unescape(content), "confirm": "1"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="created-accounts"' in page
    assert people() == (2, 2)
    amina = db.session.scalar(select(User).where(User.email == "amina@example.ma"))
    assert amina.display_name == "أمينة الإدريسي" and amina.school_id == klass.school_id
    assert amina.massar_code == "J130000001"
    # A generated password is shown once (and works); a given one is not echoed.
    generated = re.search(r"amina@example.ma</td>\s*<td dir=\"ltr\"><code>([a-z2-9]{10})</code>", page).group(
        1
    )
    assert amina.check_password(generated)
    assert "a-good-password" not in page


def test_every_problem_is_reported_with_line_and_column_and_nothing_is_imported(
    client, auth, teacher, klass, make_user
):
    make_user(email="taken@example.ma", massar_code="J999999999")
    make_user(Role.TEACHER, email="prof@example.ma")
    text = (
        "display_name,email,massar_code,password\n"
        "Amina,amina@example.ma,J130000001,\n"  # fine
        ",sans-nom@example.ma,,\n"  # 3: no name
        "Ali,pas-un-email,,\n"  # 4: bad email
        "Ali,ali@example.ma,123,\n"  # 5: bad Massar
        "Sara,amina@example.ma,,\n"  # 6: duplicate email
        "Omar,omar@example.ma,J999999999,\n"  # 7: Massar of another account
        "Prof,prof@example.ma,,\n"  # 8: not a pupil
        "Nour,nour@example.ma,,court\n"  # 9: short password
    )
    auth.login(teacher)
    response = upload(client, klass, text)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    rows = re.findall(
        r'<tr><th scope="row" class="num">(\d+)</th><td dir="ltr"><code>(\w+)</code></td><td>([^<]+)</td></tr>',
        page,
    )
    assert [(int(line), column) for line, column, _ in rows] == [
        (3, "display_name"),
        (4, "email"),
        (5, "massar_code"),
        (6, "email"),
        (7, "massar_code"),
        (8, "email"),
        (9, "password"),
    ]
    assert "appears twice" in rows[3][2] and "already used by another account" in rows[4][2]
    assert "Nothing was imported" in page and 'name="confirm"' not in page
    assert people() == (1, 0)
    # A confirmation forged with the same text is checked again and refused.
    response = client.post(f"/classes/{klass.id}/import", data={"content": text, "confirm": "1"})
    assert response.status_code == 400 and people() == (1, 0)


def test_a_missing_column_is_reported_on_line_1(klass):
    plan = check_csv(klass, "name,email\nAmina,amina@example.ma\n")
    assert [(p.line, p.column) for p in plan.problems] == [(1, "display_name")]


def test_existing_pupils_join_without_their_account_changing(client, auth, teacher, klass, make_user):
    pupil = make_user(email="amina@example.ma", display_name="Amina", massar_code="J130000001")
    before = pupil.password_hash
    auth.login(teacher)
    text = "display_name,email,massar_code,password\nAutre nom,AMINA@example.ma,J130000001,another-password\n"
    client.post(f"/classes/{klass.id}/import", data={"content": text, "confirm": "1"})
    db.session.refresh(pupil)
    assert people() == (1, 1)
    assert pupil.display_name == "Amina" and pupil.password_hash == before
    # Importing the same file again changes nothing.
    page = upload(client, klass, text).get_data(as_text=True)
    assert "1 are already in the class" in page


def test_a_file_that_is_not_utf8_is_refused(client, auth, teacher, klass):
    auth.login(teacher)
    data = {"file": (io.BytesIO("display_name,email\nAmina,é@x.ma\n".encode("latin-1")), "x.csv")}
    response = client.post(f"/classes/{klass.id}/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and b"UTF-8" in response.data
