"""The people CSV: reading spreadsheets' files, checking every row, planning, applying, idempotence."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from lms.audit.models import AuditEntry
from lms.extensions import db
from lms.people.importing import COLUMNS, apply_plan, check_csv
from lms.programmes.models import Programme
from lms.users.models import Role, User

HEADER = "email,display_name,role,language,massar_code,school_code,programme_code,region_code\n"


def _problems(plan) -> list[tuple[int, str, str]]:
    with force_locale("en"):
        return [(p.line, p.column, str(p.message)) for p in plan.problems]


# Reading files (encodings, delimiters, line numbers): tests/test_csvfiles.py.


# --- checking and planning -------------------------------------------------------------------------


def test_a_clean_file_plans_creations_in_arabic_and_french_with_semicolons(app, places):
    text = (
        "email;display_name;massar_code;school_code;programme_code\n"
        "amina@example.ma;أمينة الإدريسي;j130000001;FES-1;SIC\n"
        "Youssef@Example.ma;Youssef Benali;;AGA-1;digischool\n"
    )
    plan = check_csv(text)
    assert plan.problems == []
    assert [(r.line, r.email, r.display_name, r.massar_code) for r in plan.to_create] == [
        (2, "amina@example.ma", "أمينة الإدريسي", "J130000001"),
        (3, "youssef@example.ma", "Youssef Benali", None),
    ]
    assert plan.to_create[0].school_id == places["fes"].id
    assert plan.to_create[1].role is Role.STUDENT
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_every_bad_cell_is_reported_with_its_line_and_column(app, places, make_user):
    make_user(Role.STUDENT, email="taken@example.ma", massar_code="K111111111")
    text = HEADER + (
        "ok@example.ma,Ok,student,fr,,,,\n"
        "not-an-email,Bad,student,fr,,,,\n"
        ",No Email,student,fr,,,,\n"
        "b@example.ma,,student,fr,,,,\n"
        "c@example.ma,C,pilot,xx,,NOPE,nasa,\n"
        "d@example.ma,D,student,fr,123,,,\n"
        "e@example.ma,E,teacher,fr,J130000009,,,\n"
        "f@example.ma,F,student,fr,K111111111,,,\n"
        "ok@example.ma,Twice,student,fr,,,,\n"
        "g@example.ma,G,admin,fr,,,,\n"
        "h@example.ma,H,manager,fr,,,,MA-99\n"
        "i@example.ma,I,student,fr,,,,MA-03\n"
    )
    plan = check_csv(text)
    problems = _problems(plan)
    # The cells the person form edits get the form's own messages (one rule, one message).
    assert (3, "email", "This is not a valid email address.") in problems
    assert (4, "email", "Please enter the person's email address.") in problems  # not "your" address
    assert (5, "display_name", "Please enter the person's name.") in problems
    assert (6, "role", "unknown role: use student, teacher or manager") in problems
    assert (6, "language", "unknown language: use fr, ar or en") in problems
    assert (6, "school_code", "unknown school code 'NOPE'") in problems
    assert (6, "programme_code", "unknown programme: use sic or digischool") in problems
    assert (7, "massar_code", "A Massar code is one letter followed by nine digits.") in problems
    assert (8, "massar_code", "only pupils have a Massar code") in problems
    assert (9, "email", "this address belongs to another account than this Massar code") not in problems
    assert (10, "email", "this address appears twice in the file") in problems
    assert (11, "role", "administrators are not created by import: use the person's page") in problems
    assert (12, "region_code", "unknown region code 'MA-99'") in problems
    assert (12, "programme_code", "empty: a programme manager needs a programme") in problems
    assert (13, "region_code", "only programme managers report on a region") in problems
    assert [r.line for r in plan.rows] == [2, 9]  # line 9: the Massar code finds the existing pupil
    assert plan.rows[1].changes == {"email": "f@example.ma", "display_name": "F"}
    with force_locale("en"):
        assert plan.problems[0].column_label == "Email address"


def test_a_password_column_or_a_missing_email_column_blocks_the_whole_file(app):
    plan = check_csv("email,display_name,password\na@example.ma,A,secret123\n")
    assert plan.blocking and plan.rows == []
    assert plan.problems[0].line == 1 and plan.problems[0].column == "password"
    plan = check_csv("display_name\nA\n")
    assert plan.blocking
    assert _problems(plan) == [(1, "email", "missing column in the header line")]


def test_headers_are_accepted_in_every_interface_language(app):
    with force_locale("fr"):
        french = [str(COLUMNS["email"]), str(COLUMNS["display_name"])]
    plan = check_csv(f"{french[0].upper()};{french[1]}\nprof@example.ma;Prof\n")
    assert plan.problems == [] and plan.to_create[0].email == "prof@example.ma"


def test_existing_accounts_are_matched_and_roles_never_change_by_file(app, make_user):
    teacher = make_user(Role.TEACHER, email="t@example.ma", display_name="Old Name")
    plan = check_csv("email,display_name,role\nt@example.ma,New Name,\nt@example.ma,,student\n")
    assert plan.rows[0].user is teacher and plan.rows[0].changes == {"display_name": "New Name"}
    assert (3, "role") in [(p.line, p.column) for p in plan.problems]


def test_an_email_with_another_massar_code_is_refused(app, make_user):
    make_user(Role.STUDENT, email="p@example.ma", massar_code="J000000001")
    plan = check_csv("email,massar_code\np@example.ma,J000000002\n")
    assert _problems(plan) == [
        (2, "massar_code", "the account with this email address has another Massar code")
    ]


# --- applying --------------------------------------------------------------------------------------


def test_applying_creates_updates_audits_and_a_second_import_changes_nothing(app, places, admin, make_user):
    pupil = make_user(Role.STUDENT, email="old@example.ma", massar_code="J130000002", display_name="Sara")
    text = HEADER + (
        "amina@example.ma,أمينة,student,ar,J130000001,FES-1,sic,\n"
        "new@example.ma,Sara Alaoui,,,J130000002,AGA-1,,\n"
        "manager@example.ma,Manager,manager,fr,,,digischool,MA-09\n"
    )
    plan = check_csv(text)
    assert (len(plan.to_create), len(plan.to_update), len(plan.unchanged)) == (2, 1, 0)
    created = apply_plan(plan, admin, filename="pupils.csv")
    db.session.commit()
    assert {account.email for _user, account in created} == {"amina@example.ma", "manager@example.ma"}
    assert all(len(account.password) == 12 for _user, account in created)
    amina = db.session.scalar(select(User).where(User.email == "amina@example.ma"))
    assert (amina.massar_code, amina.school_id, amina.language) == ("J130000001", places["fes"].id, "ar")
    assert amina.check_password(created[0][1].password)
    manager = db.session.scalar(select(User).where(User.email == "manager@example.ma"))
    assert manager.role is Role.MANAGER and manager.region.code == "MA-09"
    assert manager.programme_id == db.session.scalar(
        select(Programme.id).where(Programme.code == "digischool")
    )
    db.session.refresh(pupil)
    assert (pupil.email, pupil.display_name, pupil.school_id) == (
        "new@example.ma",
        "Sara Alaoui",
        places["agadir"].id,
    )
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count("user.created") == 2 and actions.count("user.updated") == 1
    summary = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.imported"))
    assert summary.details["created"] == 2 and summary.details["file"] == "pupils.csv"
    update = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.updated"))
    assert update.details["before"]["email"] == "old@example.ma"
    assert update.details["after"]["email"] == "new@example.ma"

    users_before = db.session.scalar(select(func.count()).select_from(User))
    entries_before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    again = check_csv(text)
    assert (len(again.to_create), len(again.to_update), len(again.unchanged)) == (0, 0, 3)
    assert apply_plan(again, admin) == []
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(User)) == users_before
    # Only the import's own summary is recorded: no account changed.
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == entries_before + 1


def test_a_plan_with_problems_is_applied_only_when_the_admin_chose_the_valid_rows(app, admin):
    plan = check_csv("email,display_name\ngood@example.ma,Good\nbad,Bad\n")
    with pytest.raises(ValueError):
        apply_plan(plan, admin)
    apply_plan(plan, admin, valid_rows_only=True)
    db.session.commit()
    assert db.session.scalars(select(User.email).where(User.role == Role.STUDENT)).all() == [
        "good@example.ma"
    ]
    summary = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.imported"))
    assert summary.details["skipped_lines"] == [3]


def test_passwords_are_hashed_before_the_import_writes_anything(app, admin, monkeypatch):
    """Hashing inside the write transaction would hold SQLite's write lock for the whole import."""
    from lms.people import importing
    from tests.people.conftest import count_queries

    text = HEADER + "".join(f"p{n}@example.ma,Pupil {n},student,fr,,,,\n" for n in range(5))
    plan = check_csv(text)
    writes_before_hashing: list[int] = []
    real = importing.hash_one_time_passwords
    with count_queries() as statements:

        def spy(passwords):
            writes_before_hashing.append(
                sum(1 for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")))
            )
            return real(passwords)

        monkeypatch.setattr(importing, "hash_one_time_passwords", spy)
        created = apply_plan(plan, admin)
    db.session.commit()
    assert writes_before_hashing == [0]
    assert all(user.check_password(account.password) for user, account in created)
    assert all(user.must_change_password for user, _account in created)


def test_an_imported_name_loses_its_direction_controls(app, places):
    """As the name fields read a typed name (tests/security/test_direction_controls.py)."""
    plan = check_csv("email;display_name\namina@example.ma;Amina\u202e El Idrissi\n")
    assert [row.display_name for row in plan.to_create] == ["Amina El Idrissi"]
