"""Bulk import of pupils into a class from CSV: checked in full first, then all or nothing.

Columns: ``display_name``, ``email`` (required), ``massar_code``, ``password`` (optional). A row whose
email matches an existing pupil adds that pupil (their account is never changed); any other row creates
a pupil account at the class's school, with the given password or a generated one shown once.
:func:`check_csv` only reads; :func:`apply_plan` writes, and the caller commits.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from lms.auth.forms import PASSWORD_MAX, PASSWORD_MIN
from lms.auth.passwords import is_common
from lms.classes.models import ClassMember, SchoolClass
from lms.classes.operations import add_member
from lms.extensions import db
from lms.users.models import MASSAR_RE, Role, User, normalise_email, normalise_massar
from lms.users.operations import AccountError, create_user

COLUMNS = ("display_name", "email", "massar_code", "password")
REQUIRED_COLUMNS = ("display_name", "email")
MAX_ROWS = 2000
#: Generated passwords: lower case without the look-alikes (l/1, o/0), easy to copy from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a password


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    #: Translatable (lazy) reason.
    message: object


@dataclass
class PlannedRow:
    line: int
    display_name: str
    email: str
    massar_code: str | None
    password: str
    #: The pupil's existing account, or None when the row creates one.
    user: User | None = None
    already_member: bool = False


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def to_create(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user is None]

    @property
    def to_add(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user is not None and not r.already_member]

    @property
    def already(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.already_member]


@dataclass(frozen=True)
class CreatedAccount:
    display_name: str
    email: str
    #: The generated password to hand to the pupil, or None when the file gave one.
    password: str | None


def _read(text: str, plan: ImportPlan) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        plan.problems.append(RowProblem(1, ", ".join(missing), _l("missing column in the header line")))
        return []
    rows = []
    for row in reader:
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if any(values.values()):
            rows.append((reader.line_num, values))
    if len(rows) > MAX_ROWS:
        plan.problems.append(
            RowProblem(1, "", _l("more than %(max)s pupils: split the file into several files", max=MAX_ROWS))
        )
        return []
    return rows


def _existing(rows: list[tuple[int, dict[str, str]]], klass: SchoolClass) -> tuple[dict, dict, set]:
    emails = {normalise_email(v["email"]) for _, v in rows if v["email"]}
    codes = {normalise_massar(v["massar_code"]) for _, v in rows if v["massar_code"]}
    by_email = {
        u.email: u for u in db.session.scalars(select(User).where(func.lower(User.email).in_(emails)))
    }
    by_code = {u.massar_code: u for u in db.session.scalars(select(User).where(User.massar_code.in_(codes)))}
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == klass.id)))
    return by_email, by_code, members


def check_csv(klass: SchoolClass, text: str) -> ImportPlan:
    """Check every row and plan the import; nothing is written."""
    plan = ImportPlan()
    rows = _read(text, plan)
    by_email, by_code, members = _existing(rows, klass)
    seen_emails: set[str] = set()
    seen_codes: set[str] = set()
    for line, values in rows:
        problems = []

        def problem(column: str, message, problems=problems, line=line) -> None:
            problems.append(RowProblem(line, column, message))

        email = normalise_email(values["email"])
        massar = normalise_massar(values["massar_code"])
        user = by_email.get(email)
        if not email:
            problem("email", _l("empty: every pupil needs an email address"))
        else:
            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError:
                problem("email", _l("not a valid email address"))
            if email in seen_emails:
                problem("email", _l("this address appears twice in the file"))
            seen_emails.add(email)
        if user is not None and user.role is not Role.STUDENT:
            problem("email", _l("this address belongs to an account that is not a pupil's"))
        if massar:
            if not MASSAR_RE.fullmatch(massar):
                problem("massar_code", _l("not a Massar code (one letter and nine digits)"))
            if massar in seen_codes:
                problem("massar_code", _l("this Massar code appears twice in the file"))
            seen_codes.add(massar)
            owner = by_code.get(massar)
            if owner is not None and owner is not user:
                problem("massar_code", _l("this Massar code is already used by another account"))
            elif user is not None and user.massar_code and user.massar_code != massar:
                problem("massar_code", _l("the account with this email has another Massar code"))
        if user is None:
            if not values["display_name"]:
                problem("display_name", _l("empty: a new account needs the pupil's name"))
            elif len(values["display_name"]) > 120:
                problem("display_name", _l("longer than %(max)s characters", max=120))
            if values["password"] and not PASSWORD_MIN <= len(values["password"]) <= PASSWORD_MAX:
                problem(
                    "password",
                    _l("must be %(min)s to %(max)s characters long", min=PASSWORD_MIN, max=PASSWORD_MAX),
                )
            elif values["password"] and is_common(values["password"]):
                problem("password", _l("one of the most common passwords: choose a less obvious one"))
        plan.problems.extend(problems)
        if not problems:
            plan.rows.append(
                PlannedRow(
                    line,
                    values["display_name"],
                    email,
                    massar,
                    values["password"],
                    user,
                    user is not None and user.id in members,
                )
            )
    return plan


def _password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def apply_plan(klass: SchoolClass, plan: ImportPlan, teacher: User) -> list[CreatedAccount]:
    """Create the missing accounts and add every row's pupil to the class, all or nothing."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    created = []
    with db.session.begin_nested():
        for row in plan.rows:
            user = row.user
            if user is None:
                password = row.password or _password()
                try:
                    user = create_user(
                        email=row.email,
                        display_name=row.display_name,
                        password=password,
                        role=Role.STUDENT,
                        massar_code=row.massar_code,
                        school_id=klass.school_id,
                        programme_id=teacher.programme_id,
                    )
                except AccountError as error:
                    # Created by someone else since the check: report it like any other row problem.
                    plan.problems.append(RowProblem(row.line, error.field, error.message))
                    raise
                created.append(
                    CreatedAccount(row.display_name, row.email, None if row.password else password)
                )
            add_member(klass, user, source="import")
    return created
