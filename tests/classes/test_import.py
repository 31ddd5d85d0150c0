"""The roster import: school files as Excel saves them, every bad line reported, valid lines importable,
pupils without email, one-time passwords on printed slips, audited, hashed before any write."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import event, func, select

from lms.audit.models import AuditEntry
from lms.classes import importing
from lms.classes.importing import check_csv, username_base
from lms.classes.models import ClassMember
from lms.extensions import db
from lms.users.models import Role, User
from tests.classes.conftest import EN, count_queries

#: As French Excel saves "CSV (séparateur: point-virgule)": Windows-1252, semicolons, French headers.
FRENCH_EXCEL = (
    "Nom;Prénom;Code Massar;E-mail\r\n"
    "El Idrissi;Amina;J130000001;\r\n"
    "Benali;Youssef;;youssef@example.ma\r\n"
    "Lahlou;Sara;;\r\n"
).encode("cp1252")


def upload(client, klass, data: bytes | str, filename: str = "eleves.csv"):
    raw = data if isinstance(data, bytes) else ("\ufeff" + data).encode()
    return client.post(
        f"/classes/{klass.id}/import",
        data={"file": (io.BytesIO(raw), filename)},
        content_type="multipart/form-data",
        headers=EN,
    )


def confirm(client, klass, page: str, choice: str = "all"):
    content = html.unescape(re.search(r'name="content" value="([^"]*)"', page, re.S).group(1))
    return client.post(
        f"/classes/{klass.id}/import", data={"content": content, "confirm": choice}, headers=EN
    )


def pupils() -> tuple[int, int]:
    users = db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.STUDENT))
    return users, db.session.scalar(select(func.count()).select_from(ClassMember))


def problems(page: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<tr><th scope="row" class="num">(\d+)</th><td><bdi>([^<]+)</bdi></td><td>([^<]+)</td></tr>', page
    )


def test_a_french_excel_file_is_checked_then_imported_with_slips_to_print(client, auth, teacher, klass):
    auth.login(teacher)
    dry = upload(client, klass, FRENCH_EXCEL)
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200, page
    assert "3 accounts will be created" in page and "2 pupils have no email address" in page
    assert pupils() == (0, 0)  # nothing saved by the check

    done = confirm(client, klass, page)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and "no-store" in done.headers["Cache-Control"]
    assert pupils() == (3, 3)
    amina = db.session.scalar(select(User).where(User.massar_code == "J130000001"))
    sara = db.session.scalar(select(User).where(User.display_name == "Sara Lahlou"))
    youssef = db.session.scalar(select(User).where(User.email == "youssef@example.ma"))
    # Without an email: the Massar code is the username, else one is made from the name.
    assert amina.email == "j130000001" and not amina.has_mailbox
    assert re.fullmatch(r"sara\.lahlou\.\d{4}", sara.email)
    assert all(u.school_id == klass.school_id and u.must_change_password for u in (amina, sara, youssef))
    # Each slip: name, sign-in name, one-time password, the class code as text and as a QR code.
    slips = re.findall(
        r'class="slip-login"><code>([^<]+)</code></dd>.*?class="slip-password"><code>([a-z2-9]{12})</code>',
        page,
        re.S,
    )
    assert [login for login, _ in slips] == ["j130000001", "youssef@example.ma", sara.email]
    assert all(
        db.session.get(User, u.id).check_password(pw)
        for u, (_, pw) in zip((amina, youssef, sara), slips, strict=True)
    )
    assert page.count(f"<code>{klass.join_code}</code>") == 3
    assert page.count('class="slip-qr" src="data:image/svg+xml') == 3
    assert "css/slips.css" in page and "data-print" in page
    # Every creation and every addition is audited, with the teacher as the actor.
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.actor_id == teacher.id)).all()
    actions = sorted(e.action for e in entries)
    assert actions.count("user.created") == 3 and actions.count("class.member_added") == 3
    assert "class.roster_imported" in actions


def test_the_print_stylesheet_puts_several_slips_on_an_a4_page(app):
    css = (Path(app.static_folder) / "css" / "slips.css").read_text()
    assert "@media print" in css and "size: A4" in css and "break-inside: avoid" in css


def test_a_pupil_made_by_a_teacher_signs_in_with_the_username_and_must_choose_a_password(
    client, auth, teacher, klass
):
    auth.login(teacher)
    page = confirm(client, klass, upload(client, klass, FRENCH_EXCEL).get_data(as_text=True))
    password = re.search(
        r'<code>j130000001</code></dd>.*?class="slip-password"><code>([a-z2-9]{12})</code>',
        page.get_data(as_text=True),
        re.S,
    ).group(1)
    auth.logout()
    response = client.post("/auth/login", data={"email": "J130000001", "password": password})
    assert response.status_code == 302
    assert client.get("/classes/join").headers["Location"].endswith("/account/profile")


def test_every_bad_line_is_reported_and_the_valid_lines_can_be_imported(client, auth, teacher, klass):
    text = (
        "Nom complet,Email,Massar\n"
        "Amina,amina@example.ma,J130000001\n"  # fine
        ",sans-nom@example.ma,\n"  # 3: no name
        "Ali,pas-un-email,\n"  # 4: bad email
        "Ali,,123\n"  # 5: bad Massar code
        "Sara,amina@example.ma,\n"  # 6: an address twice
        "Nour,,J130000001\n"  # 7: a Massar code twice
    )
    auth.login(teacher)
    response = upload(client, klass, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert problems(page) == [
        ("3", "Full name", "Please enter the pupil&#39;s name."),
        ("4", "Email address", "This is not a valid email address."),
        ("5", "Massar code", "A Massar code is one letter followed by nine digits."),
        ("6", "Email address", "this address appears twice in the file"),
        ("7", "Massar code", "this Massar code appears twice in the file"),
    ]
    assert "Nothing was imported: 5 problems to fix" in page
    assert 'id="confirm-import"' not in page and "Import the 1 valid line" in page
    # A forged "import everything" is checked again and refused; "the valid lines" imports them.
    assert confirm(client, klass, page, "all").status_code == 400 and pupils() == (0, 0)
    assert confirm(client, klass, page, "valid").status_code == 200
    assert pupils() == (1, 1)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "class.roster_imported"))
    assert entry.details["skipped_lines"] == [3, 4, 5, 6, 7]


def test_one_problem_is_singular(client, auth, teacher, klass):
    auth.login(teacher)
    page = upload(client, klass, "Nom complet\n\u0020\nAmina\n,\n").get_data(as_text=True)
    assert "problems" not in page
    page = upload(client, klass, "Nom complet,Massar\nAmina,X\n").get_data(as_text=True)
    assert "Nothing was imported: 1 problem to fix" in page
    teacher.language = "fr"  # the page said "1 problèmes"
    db.session.commit()
    page = upload(client, klass, "Nom complet,Massar\nAmina,X\n").get_data(as_text=True)
    assert "Rien n'a été importé\u00a0: 1 problème à corriger" in page and "1 problèmes" not in page


def test_a_password_column_or_no_name_column_blocks_the_file(client, auth, teacher, klass):
    plan = check_csv(klass, "display_name,password\nAmina,secret123\n", teacher)
    assert plan.blocking and plan.problems[0].column == "password"
    plan = check_csv(klass, "email\namina@example.ma\n", teacher)
    assert plan.blocking and (plan.problems[0].line, plan.problems[0].column) == (
        1,
        "display_name / last_name / first_name",
    )
    auth.login(teacher)
    page = upload(client, klass, "Nom,Mot de passe\nAmina,x\n").get_data(as_text=True)
    assert "passwords are never imported" in page and 'name="confirm"' not in page


@pytest.mark.parametrize(
    "raw",
    [
        "النسب;الاسم;رمز مسار\nالإدريسي;أمينة;J130000001\n".encode("utf-16"),
        "النسب;الاسم;رمز مسار\nالإدريسي;أمينة;J130000001\n".encode("cp1256"),
        "sep=;\nLast name;First name;Massar code\nالإدريسي;أمينة;J130000001\n".encode("utf-8-sig"),
    ],
    ids=["utf-16", "cp1256", "sep-line"],
)
def test_arabic_files_in_every_encoding_excel_writes_are_read(klass, teacher, raw):
    from lms.csvfiles import decode

    plan = check_csv(klass, decode(raw), teacher)
    assert plan.problems == []
    assert [(r.display_name, r.username) for r in plan.to_create] == [("أمينة الإدريسي", "j130000001")]


def test_the_template_is_in_the_teachers_language_and_reads_back(client, auth, teacher, klass):
    auth.login(teacher)
    response = client.get(f"/classes/{klass.id}/import/template.csv")
    text = response.get_data(as_text=True).lstrip("\ufeff")
    assert response.status_code == 200 and text.startswith("Last name,First name,Massar code,Email address")
    teacher.language = "ar"
    db.session.commit()
    arabic = client.get(f"/classes/{klass.id}/import/template.csv").get_data(as_text=True).lstrip("\ufeff")
    with force_locale("ar"):
        assert arabic.startswith(str(importing.SCHEMA.label("last_name")))
    plan = check_csv(klass, arabic, teacher)
    assert plan.problems == [] and len(plan.to_create) == 2


def test_existing_pupils_of_the_school_join_without_their_account_changing(
    client, auth, teacher, klass, make_user
):
    pupil = make_user(
        email="amina@example.ma", display_name="Amina", massar_code="J130000001", school_id=klass.school_id
    )
    before = pupil.password_hash
    auth.login(teacher)
    text = "Nom complet,Email,Massar\nAutre nom,AMINA@example.ma,J130000001\n"
    page = upload(client, klass, text).get_data(as_text=True)
    assert "1 existing pupil will join the class" in page
    done = confirm(client, klass, page).get_data(as_text=True)
    db.session.refresh(pupil)
    assert pupils() == (1, 1)
    assert pupil.display_name == "Amina" and pupil.password_hash == before
    assert "your usual password" in done and 'class="slip-password"' not in done
    # Importing the same file again changes nothing.
    assert "1 pupil is already in the class" in upload(client, klass, text).get_data(as_text=True)


def test_usernames_are_ascii_and_unique(klass, teacher, make_user):
    assert username_base("Amina El Idrissi") == "amina.el"
    assert username_base("Élodie") == "elodie"
    assert username_base("أمينة") == "eleve"
    text = "Nom complet\n" + "أمينة\n" * 30
    plan = check_csv(klass, text, teacher)
    names = [r.username for r in plan.to_create]
    assert len(set(names)) == 30 and all(re.fullmatch(r"eleve\.\d{6}", n) for n in names)


def test_passwords_are_hashed_before_any_write_and_rows_are_written_in_batches(klass, teacher, monkeypatch):
    hashed_inside_a_transaction = []
    real = importing.hash_one_time_passwords

    def spy(passwords):
        hashed_inside_a_transaction.append(db.session().in_transaction())
        return real(passwords)

    monkeypatch.setattr(importing, "hash_one_time_passwords", spy)
    commits = []

    def committed(_session) -> None:
        commits.append(1)

    event.listen(db.session, "after_commit", committed)
    text = "Nom complet\n" + "".join(f"Élève {n}\n" for n in range(50))
    plan = check_csv(klass, text, teacher)
    with count_queries() as statements:
        slips, failed = importing.apply_plan(klass, plan, teacher, batch_size=10)
    event.remove(db.session, "after_commit", committed)
    assert hashed_inside_a_transaction == [False]
    assert len(slips) == 50 and failed == []
    # One commit to end the check, one per batch of 10, one for the import's own audit entry.
    assert len(commits) >= 7
    assert len(statements) < 50 * 2  # a handful per batch, not several per pupil
    assert pupils() == (50, 50)


def test_a_fresh_import_into_a_class_with_a_course_enrols_everyone_in_bulk(klass, teacher, course):
    from lms.classes import operations
    from lms.learning.models import Enrolment
    from lms.reports.models import RollupTotal

    operations.assign_course(klass, course)
    db.session.commit()
    small = check_csv(klass, "Nom complet\n" + "".join(f"A{n} B\n" for n in range(10)), teacher)
    with count_queries() as few:
        importing.apply_plan(klass, small, teacher, batch_size=200)
    big = check_csv(klass, "Nom complet\n" + "".join(f"C{n} D\n" for n in range(100)), teacher)
    with count_queries() as many:
        importing.apply_plan(klass, big, teacher, batch_size=200)
    assert len(many) == len(few)  # ten times the pupils, the same statements
    assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 110
    assert db.session.scalar(select(func.sum(RollupTotal.enrolled))) == 110


def test_a_roster_name_loses_its_direction_controls(teacher, klass):
    """As the name fields read a typed name (tests/security/test_direction_controls.py)."""
    plan = check_csv(klass, "first_name,last_name\nYoussef\u2066,Benali\u202e\n", teacher)
    assert [row.display_name for row in plan.to_create] == ["Youssef Benali"]
