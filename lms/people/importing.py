"""Bulk import of accounts from CSV: check every row (a dry run), then apply the valid plan.

Rows are matched to accounts by Massar code for pupils who have one, else by email, so importing
the same file twice changes nothing the second time. An empty cell leaves the account's value as
it is (a file of names and emails never wipes a school). The file can never:

- carry a password (a ``password`` column is refused: new accounts get a generated password shown
  once to the admin, or a link to choose one by email);
- create an administrator or change an existing account's role (that is done one person at a time,
  on the person's page, with its own checks and audit entry).

:func:`check_csv` only reads; :func:`apply_plan` writes and audits, and the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from lms.audit.operations import Action, record
from lms.csvfiles import normalise_header
from lms.csvimport import Column, CsvSchema, Row, form_problems
from lms.csvimport import ImportPlan as BasePlan
from lms.csvimport import RowProblem as RowProblem
from lms.extensions import db
from lms.geo.models import Region, School
from lms.people.forms import PersonRowForm
from lms.people.operations import create_person, update_person
from lms.programmes.models import Programme
from lms.users.fields import without_direction_controls
from lms.users.models import ROLE_LABELS, Role, User, normalise_email, normalise_massar
from lms.users.operations import generate_one_time_password, hash_one_time_passwords

SCHEMA = CsvSchema(
    columns=(
        Column(
            "email",
            _l("Email address"),
            ("e-mail", "courriel", "mail", "adresse email", "adresse électronique", "البريد الإلكتروني"),
            required=True,
        ),
        Column(
            "display_name",
            _l("Full name"),
            ("name", "nom", "nom complet", "nom et prénom", "nom prénom", "الاسم", "الاسم الكامل"),
        ),
        Column("role", _l("Role"), ("rôle", "الدور")),
        Column("language", _l("Language"), ("langue", "اللغة")),
        Column(
            "massar_code", _l("Massar code"), ("massar", "code élève", "codeeleve", "رمز مسار", "رقم مسار")
        ),
        Column("school_code", _l("School code"), ("code établissement", "code école", "رمز المؤسسة")),
        Column("programme_code", _l("Programme code"), ("programme", "البرنامج")),
        Column("region_code", _l("Region code"), ("région", "code région", "رمز الجهة")),
    ),
    max_rows=5000,
    #: Never accepted as a column: passwords do not travel in spreadsheets.
    forbidden=("password", "mot de passe", "كلمة المرور"),
    forbidden_reason=_l(
        "passwords are never imported: remove this column (new accounts get a generated password or a "
        "link to choose one)"
    ),
)
#: Column key → its header in the admin's language. Headers are accepted in any interface language.
COLUMNS: dict[str, Any] = {column.key: column.label for column in SCHEMA.columns}
#: Roles a file may create; administrators are appointed one by one.
IMPORT_ROLES = (Role.STUDENT, Role.TEACHER, Role.MANAGER)
MAX_ROWS = SCHEMA.max_rows


@dataclass
class PlannedRow:
    line: int
    email: str
    display_name: str
    role: Role
    language: str
    massar_code: str | None
    school_id: int | None
    programme_id: int | None
    region_id: int | None
    #: The matched account, or None when the row creates one.
    user: User | None = None
    #: For a matched account: field → new value (empty when the row changes nothing).
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def changed_columns(self) -> list[str]:
        """The headers (in the admin's language) of the cells that change the account."""
        keys = {"school_id": "school_code", "programme_id": "programme_code", "region_id": "region_code"}
        return [str(COLUMNS[keys.get(name, name)]) for name in self.changes]


@dataclass
class ImportPlan(BasePlan):
    rows: list[PlannedRow] = field(default_factory=list)

    @property
    def to_create(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user is None]

    @property
    def to_update(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user is not None and r.changes]

    @property
    def unchanged(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user is not None and not r.changes]


@dataclass(frozen=True)
class CreatedAccount:
    display_name: str
    email: str
    #: The generated password to hand over, or None when a link was mailed instead.
    password: str | None


def _role_names() -> dict[str, Role]:
    names = {role.value: role for role in Role}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            for role, label in ROLE_LABELS.items():
                names.setdefault(normalise_header(str(label)), role)
    return names


@dataclass
class _Lookups:
    by_email: dict[str, User]
    by_massar: dict[str, User]
    schools: dict[str, int]
    programmes: dict[str, int]
    regions: dict[str, int]
    roles: dict[str, Role]


def _lookups(rows: list[Row]) -> _Lookups:
    """Everything the checks need, in a handful of queries whatever the number of rows."""
    emails = sorted({normalise_email(r.values["email"]) for r in rows if r.values["email"]})
    codes = sorted({c for r in rows if (c := normalise_massar(r.values["massar_code"]))})
    schools = sorted({r.values["school_code"] for r in rows if r.values["school_code"]})
    by_email: dict[str, User] = {}
    by_massar: dict[str, User] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        by_email.update(
            (u.email, u) for u in db.session.scalars(select(User).where(func.lower(User.email).in_(chunk)))
        )
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        by_massar.update(
            (u.massar_code, u) for u in db.session.scalars(select(User).where(User.massar_code.in_(chunk)))
        )
    school_ids: dict[str, int] = {}
    for start in range(0, len(schools), 500):
        chunk = schools[start : start + 500]
        school_ids.update(
            db.session.execute(select(School.code, School.id).where(School.code.in_(chunk))).all()
        )
    return _Lookups(
        by_email=by_email,
        by_massar=by_massar,
        schools=school_ids,
        programmes={
            code.casefold(): id_ for code, id_ in db.session.execute(select(Programme.code, Programme.id))
        },
        regions={code.upper(): id_ for code, id_ in db.session.execute(select(Region.code, Region.id))},
        roles=_role_names(),
    )


def check_csv(text: str) -> ImportPlan:
    """Check every row and plan the import; nothing is written."""
    plan = ImportPlan()
    rows = SCHEMA.read(text, plan)
    if plan.blocking:
        return plan
    look = _lookups(rows)
    languages = current_app.config["LANGUAGES"]
    seen_emails: set[str] = set()
    seen_codes: set[str] = set()
    for row in rows:
        line, values = row.line, row.values
        problems: list[RowProblem] = []

        def problem(column: str, message: object, problems=problems, line=line) -> None:
            problems.append(SCHEMA.problem(line, column, message))

        email = normalise_email(values["email"])
        massar = normalise_massar(values["massar_code"])
        if email:
            if email in seen_emails:
                problem("email", _l("this address appears twice in the file"))
            seen_emails.add(email)

        # Which account is this row about? The Massar code first (it does not change), then the email.
        user = look.by_massar.get(massar) if massar else None
        email_owner = look.by_email.get(email) if email else None
        if user is None:
            user = email_owner
            if user is not None and massar and user.massar_code and user.massar_code != massar:
                problem("massar_code", _l("the account with this email address has another Massar code"))
        elif email_owner is not None and email_owner is not user:
            problem("email", _l("this address belongs to another account than this Massar code"))

        role_cell = normalise_header(values["role"])
        role = look.roles.get(role_cell) if role_cell else (user.role if user else Role.STUDENT)
        if role is None:
            problem("role", _l("unknown role: use student, teacher or manager"))
            role = user.role if user else Role.STUDENT
        elif user is not None and role is not user.role:
            problem(
                "role",
                _l("this account is %(role)s: change roles on the person's page", role=user.role.label),
            )
        elif user is None and role not in IMPORT_ROLES:
            problem("role", _l("administrators are not created by import: use the person's page"))

        # The cells the person form also edits are judged by its own validators.
        display_name = values["display_name"] = without_direction_controls(values["display_name"])
        problems.extend(
            form_problems(
                PersonRowForm, row, SCHEMA, skip=() if display_name or user is None else ["display_name"]
            )
        )
        if massar:
            if role is not Role.STUDENT:
                problem("massar_code", _l("only pupils have a Massar code"))
            if massar in seen_codes:
                problem("massar_code", _l("this Massar code appears twice in the file"))
            seen_codes.add(massar)

        language = values["language"].casefold()
        if language and language not in languages:
            problem("language", _l("unknown language: use fr, ar or en"))

        school_id = look.schools.get(values["school_code"]) if values["school_code"] else None
        if values["school_code"] and school_id is None:
            problem("school_code", _l("unknown school code '%(code)s'", code=values["school_code"]))
        programme_id = (
            look.programmes.get(values["programme_code"].casefold()) if values["programme_code"] else None
        )
        if values["programme_code"] and programme_id is None:
            problem("programme_code", _l("unknown programme: use sic or digischool"))
        region_id = look.regions.get(values["region_code"].upper()) if values["region_code"] else None
        if values["region_code"]:
            if region_id is None:
                problem("region_code", _l("unknown region code '%(code)s'", code=values["region_code"]))
            elif role is not Role.MANAGER:
                problem("region_code", _l("only programme managers report on a region"))
        if role is Role.MANAGER and programme_id is None and (user is None or user.programme_id is None):
            problem("programme_code", _l("empty: a programme manager needs a programme"))

        plan.problems.extend(problems)
        if problems:
            continue
        row = PlannedRow(
            line=line,
            email=email,
            display_name=display_name,
            role=role,
            language=language or "fr",
            massar_code=massar,
            school_id=school_id,
            programme_id=programme_id,
            region_id=region_id,
            user=user,
        )
        if user is not None:
            wanted = {
                "email": email,
                "display_name": display_name,
                "language": language,
                "massar_code": massar,
                "school_id": school_id,
                "programme_id": programme_id,
                "region_id": region_id,
            }
            row.changes = {k: v for k, v in wanted.items() if v not in (None, "") and getattr(user, k) != v}
        plan.rows.append(row)
    return plan


def apply_plan(
    plan: ImportPlan, actor: User, *, valid_rows_only: bool = False, filename: str = ""
) -> list[tuple[User, CreatedAccount]]:
    """Create and update the planned accounts, audited; all or nothing (the caller commits).

    A plan with problems is applied only when the admin chose to import the valid rows anyway.
    """
    if plan.blocking or (plan.problems and not valid_rows_only):
        raise ValueError("a plan with problems is applied only when the admin chose the valid rows")
    created: list[tuple[User, CreatedAccount]] = []
    # Hash every generated password first: hashing thousands inside the write transaction would hold
    # SQLite's write lock for minutes and make other people's writes fail.
    passwords = [generate_one_time_password() for _ in plan.to_create]
    hashes = hash_one_time_passwords(passwords)
    with db.session.begin_nested():
        for row, secret in zip(plan.to_create, zip(passwords, hashes, strict=True), strict=True):
            user, password = create_person(
                actor,
                email=row.email,
                display_name=row.display_name,
                role=row.role,
                language=row.language,
                massar_code=row.massar_code,
                school_id=row.school_id,
                programme_id=row.programme_id,
                region_id=row.region_id,
                source="import",
                password=secret,
            )
            created.append((user, CreatedAccount(row.display_name, row.email, password)))
        for row in plan.to_update:
            update_person(actor, row.user, dict(row.changes), source="import")
    record(
        Action.USERS_IMPORTED,
        actor=actor,
        details={
            "file": filename[:200],
            "created": len(plan.to_create),
            "updated": len(plan.to_update),
            "unchanged": len(plan.unchanged),
            "skipped_lines": sorted({p.line for p in plan.problems}),
        },
    )
    return created
