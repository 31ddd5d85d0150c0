"""A teacher's roster import: the school's file of pupils → accounts and members of one class.

It fits the files schools have: the tolerant reader of :mod:`lms.csvfiles` (Excel's encodings and
semicolons, headers in French, Arabic or English, Massar exports' separate first and last names),
through the shared scaffold of :mod:`lms.csvimport`. A row is a pupil:

- a full name, or first and last names; an email address and a Massar code, both optional: a pupil
  without an email signs in with their Massar code, or with a generated username;
- a row matching an existing account adds that pupil only if the teacher may reach them (a pupil of
  the teacher's own school, :func:`lms.classes.operations.may_add_existing`); any other match gets
  the same message whatever the account is, so a file cannot probe other schools or roles;
- passwords never come from the file: a new pupil gets a one-time password, printed on a sign-in
  slip, and must choose their own at the first sign-in (like an account an admin made).

:func:`check_csv` only reads. :func:`apply_plan` hashes every one-time password *before* writing,
then writes in batches, each its own short transaction: on SQLite, other people's writes wait at
most one batch, never the whole import.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from wtforms import Form

from lms.audit.models import AuditEntry
from lms.audit.operations import Action, record
from lms.auth.forms import email_field
from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.classes.operations import may_add_existing
from lms.csvimport import Column, CsvSchema, ImportPlan, Row, RowProblem, form_problems
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment
from lms.reports.rollups import record_enrolments, record_registrations
from lms.users.fields import display_name_field, massar_code_field, without_direction_controls
from lms.users.models import USERNAME_RE, Role, User, normalise_email, normalise_massar
from lms.users.operations import generate_one_time_password, hash_one_time_passwords

SCHEMA = CsvSchema(
    columns=(
        Column(
            "display_name",
            _l("Full name"),
            ("name", "nom complet", "nom et prénom", "nom prénom", "الاسم الكامل", "الاسم والنسب"),
        ),
        Column("last_name", _l("Last name"), ("nom", "nom de famille", "nomelevefr", "النسب", "اللقب")),
        Column("first_name", _l("First name"), ("prénom", "prenomelevefr", "الاسم", "الاسم الشخصي")),
        Column(
            "email",
            _l("Email address"),
            ("e-mail", "courriel", "mail", "adresse email", "adresse électronique", "البريد الإلكتروني"),
        ),
        Column(
            "massar_code",
            _l("Massar code"),
            ("massar", "code massar", "code élève", "codeeleve", "رمز مسار", "رقم مسار", "رمز التلميذ"),
        ),
    ),
    max_rows=2000,
    one_of=(("display_name", "last_name", "first_name"),),
    forbidden=("password", "mot de passe", "كلمة المرور"),
    forbidden_reason=_l(
        "passwords are never imported: remove this column (each new pupil gets a one-time password on "
        "their sign-in slip)"
    ),
)
MAX_ROWS = SCHEMA.max_rows
#: Rows written per transaction: short enough that nobody's write waits long for the lock.
BATCH_SIZE = 200
#: Seconds between two batches. SQLite's busy handler sleeps up to 100 ms between tries: without a
#: pause, the import takes the lock back at once after each commit and other writers starve.
BATCH_PAUSE = 0.1
#: Shown to the teacher for any existing account they may not add, whatever its school or role.
OUT_OF_REACH = _l(
    "an account already uses this, and it cannot be added from a file: the pupil can join with the class code"
)


class RosterRowForm(Form):
    """A line of the roster, judged by the same fields as the teacher's and the admin's forms."""

    display_name = display_name_field(required=_l("Please enter the pupil's name."))
    email = email_field()
    massar_code = massar_code_field()


@dataclass
class PlannedRow:
    line: int
    display_name: str
    #: The pupil's email address, or None: they sign in with :attr:`username`.
    email: str | None
    massar_code: str | None
    #: For a new pupil without email: their sign-in name (the Massar code, or a generated one).
    username: str | None = None
    #: The existing account's id (ids, not objects: the plan outlives the checking transaction).
    user_id: int | None = None
    #: How the existing account signs in (its email address or username), to print on its slip.
    account: str | None = None
    already_member: bool = False

    @property
    def sign_in(self) -> str:
        return self.account or self.email or self.username or ""


@dataclass
class RosterPlan(ImportPlan):
    rows: list[PlannedRow] = field(default_factory=list)

    @property
    def to_create(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user_id is None]

    @property
    def to_add(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.user_id is not None and not r.already_member]

    @property
    def already(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.already_member]


@dataclass(frozen=True)
class Slip:
    """What a pupil needs to sign in the first time, printed once for the teacher to hand out."""

    display_name: str
    sign_in: str
    #: The one-time password of a new account; None for an existing pupil (they keep theirs).
    password: str | None


def _chunks(values: Sequence, size: int = 500) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class _Lookups:
    by_email: dict[str, User]
    by_massar: dict[str, User]
    members: set[int]
    taken_names: set[str]


def _lookups(rows: list[Row], klass: SchoolClass) -> _Lookups:
    """Everything the checks need in a few queries, whatever the number of rows."""
    emails = sorted({normalise_email(r.values["email"]) for r in rows if r.values["email"]})
    codes = sorted({c for r in rows if (c := normalise_massar(r.values["massar_code"]))})
    by_email: dict[str, User] = {}
    by_massar: dict[str, User] = {}
    for chunk in _chunks(emails):
        by_email.update(
            (u.email, u) for u in db.session.scalars(select(User).where(func.lower(User.email).in_(chunk)))
        )
    for chunk in _chunks(codes):
        by_massar.update(
            (u.massar_code, u) for u in db.session.scalars(select(User).where(User.massar_code.in_(chunk)))
        )
    # Sign-in names a Massar code would take: taken when an account signs in with it already.
    taken: set[str] = set()
    for chunk in _chunks([c.lower() for c in codes]):
        taken.update(db.session.scalars(select(User.email).where(User.email.in_(chunk))))
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == klass.id)))
    return _Lookups(by_email, by_massar, members, taken)


def _name(values: dict[str, str]) -> str:
    """The pupil's name from its cells, without direction controls (as the name fields read it)."""
    name = values["display_name"] or " ".join(p for p in (values["first_name"], values["last_name"]) if p)
    return without_direction_controls(name)


def check_csv(klass: SchoolClass, text: str, actor: User) -> RosterPlan:
    """Check every row and plan the import for ``actor``; nothing is written."""
    plan = RosterPlan()
    rows = SCHEMA.read(text, plan)
    if plan.blocking:
        return plan
    look = _lookups(rows, klass)
    seen_emails: set[str] = set()
    seen_codes: set[str] = set()
    needs_username: list[PlannedRow] = []
    for row in rows:
        values = row.values
        values["display_name"] = _name(values)
        problems: list[RowProblem] = []

        def problem(column: str, message: object, problems=problems, line=row.line) -> None:
            problems.append(SCHEMA.problem(line, column, message))

        email = normalise_email(values["email"]) or None
        massar = normalise_massar(values["massar_code"])
        if email and email in seen_emails:
            problem("email", _l("this address appears twice in the file"))
        if massar and massar in seen_codes:
            problem("massar_code", _l("this Massar code appears twice in the file"))
        seen_emails.add(email or "")
        seen_codes.add(massar or "")

        # Which account is this row about? The Massar code first (it does not change), then the email.
        by_massar = look.by_massar.get(massar) if massar else None
        by_email = look.by_email.get(email) if email else None
        user = by_massar or by_email
        if user is not None and not may_add_existing(actor, klass, user):
            problem("massar_code" if by_massar is not None else "email", OUT_OF_REACH)
            user = None
        elif by_massar is not None and by_email is not None and by_email is not by_massar:
            problem("email", _l("this address belongs to another account than this Massar code"))
        elif user is not None and by_massar is None and massar and user.massar_code:
            problem("massar_code", _l("the account with this email address has another Massar code"))

        # The name matters only for a new account; an existing pupil's account is never changed.
        skip = ["email"] if not email else []
        if user is not None:
            skip.append("display_name")
        problems.extend(form_problems(RosterRowForm, row, SCHEMA, skip=skip))
        if problems:
            plan.problems.extend(problems)
            continue
        planned = PlannedRow(
            line=row.line,
            display_name=values["display_name"].strip(),
            email=email,
            massar_code=massar,
            user_id=user.id if user is not None else None,
            account=user.email if user is not None else None,
            already_member=user is not None and user.id in look.members,
        )
        if user is None and email is None:
            if massar and massar.lower() not in look.taken_names:
                planned.username = massar.lower()
            else:
                needs_username.append(planned)
        plan.rows.append(planned)
    _give_usernames(needs_username, {r.username for r in plan.rows if r.username})
    return plan


def username_base(name: str) -> str:
    """The ASCII letters of the first two words of a name (``amina.elidrissi``), or ``eleve``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name)
    return ".".join(words[:2])[:24].strip(".") or "eleve"


def _give_usernames(rows: list[PlannedRow], planned: set[str]) -> None:
    """Generate a free sign-in name for each row: name-based with digits, checked in one query per round."""
    pending = list(rows)
    while pending:
        candidates = {}
        for row in pending:
            base = username_base(row.display_name)
            digits = 4 if base != "eleve" else 6
            name = f"{base}.{secrets.randbelow(10**digits):0{digits}d}"
            if USERNAME_RE.fullmatch(name) and name not in planned and name not in candidates:
                candidates[name] = row
        taken: set[str] = set()
        for chunk in _chunks(sorted(candidates)):
            taken.update(db.session.scalars(select(User.email).where(User.email.in_(chunk))))
        for name, row in candidates.items():
            if name not in taken:
                row.username = name
                planned.add(name)
        pending = [row for row in pending if row.username is None]


def _enrol_new_members(klass: SchoolClass, user_ids: list[int]) -> None:
    """Enrol these members in the class's courses: one insert per course, rollups in bulk."""
    if not user_ids:
        return
    course_ids = list(
        db.session.scalars(select(ClassCourse.course_id).where(ClassCourse.class_id == klass.id))
    )
    now = utcnow()
    conn = db.session.connection()
    for course_id in course_ids:
        enrolled = set(
            db.session.scalars(
                select(Enrolment.user_id).where(
                    Enrolment.course_id == course_id, Enrolment.user_id.in_(user_ids)
                )
            )
        )
        fresh = [uid for uid in user_ids if uid not in enrolled]
        if not fresh:
            continue
        conn.execute(
            insert(Enrolment.__table__),
            [{"user_id": uid, "course_id": course_id, "source": "class", "created_at": now} for uid in fresh],
        )
        record_enrolments(conn, fresh, course_id, now)


def _write_batch(
    klass: SchoolClass, teacher: User, rows: list[PlannedRow], hashes: dict[int, str], language: str
) -> None:
    """Create this batch's accounts and members and audit them: a constant number of statements.

    Core ``executemany`` inserts (the ORM would insert accounts one by one to read their ids back on
    SQLite), then the new ids in one query by sign-in name, which is unique.
    """
    conn = db.session.connection()
    now = utcnow()
    ip = request.remote_addr if has_request_context() else None
    new = [row for row in rows if row.user_id is None]
    if new:
        conn.execute(
            insert(User.__table__),
            [
                {
                    "email": row.sign_in,
                    "display_name": row.display_name,
                    "role": Role.STUDENT,
                    "language": language,
                    "massar_code": row.massar_code,
                    "school_id": klass.school_id,
                    "programme_id": teacher.programme_id,
                    "password_hash": hashes[row.line],
                    "must_change_password": True,
                    "session_token": secrets.token_urlsafe(24),
                    "created_at": now,
                }
                for row in new
            ],
        )
        record_registrations(
            conn,
            [{"role": Role.STUDENT, "programme_id": teacher.programme_id, "school_id": klass.school_id}]
            * len(new),
        )
        ids = dict(
            conn.execute(select(User.email, User.id).where(User.email.in_([r.sign_in for r in new]))).all()
        )
        for row in new:
            row.user_id = ids[row.sign_in]
    joining = [row for row in rows if not row.already_member]
    if joining:
        conn.execute(
            insert(ClassMember.__table__),
            [
                {"class_id": klass.id, "user_id": row.user_id, "source": "import", "joined_at": now}
                for row in joining
            ],
        )
    entries = [
        {
            "at": now,
            "action": str(Action.USER_CREATED),
            "actor_id": teacher.id,
            "subject_user_id": row.user_id,
            "target": f"class:{klass.id}",
            "ip": ip,
            "details": {
                "role": Role.STUDENT.value,
                "source": "class_import",
                "sign_in": "email" if row.email else "username",
                "massar_code": row.massar_code,
                "school_id": klass.school_id,
            },
        }
        for row in new
    ] + [
        {
            "at": now,
            "action": str(Action.CLASS_MEMBER_ADDED),
            "actor_id": teacher.id,
            "subject_user_id": row.user_id,
            "target": f"class:{klass.id}",
            "ip": ip,
            "details": {"class": klass.name, "source": "import"},
        }
        for row in joining
    ]
    if entries:
        conn.execute(insert(AuditEntry.__table__), entries)
    _enrol_new_members(klass, [row.user_id for row in joining])


def apply_plan(
    klass: SchoolClass,
    plan: RosterPlan,
    teacher: User,
    *,
    valid_rows_only: bool = False,
    filename: str = "",
    language: str = "fr",
    batch_size: int = BATCH_SIZE,
    pause: float = BATCH_PAUSE,
) -> tuple[list[Slip], list[RowProblem]]:
    """Create the new pupils and add every planned row to the class; return the slips to print.

    Ends the checking transaction first (SQLite cannot turn a read that others have since written
    past into a write), hashes every one-time password with no transaction open, then commits one
    batch at a time. A batch that fails (an account created meanwhile by someone else) is rolled
    back alone and its lines are returned as problems; the batches before it stay imported.
    """
    if not plan.can_apply(valid_rows_only):
        raise ValueError("a plan with problems is applied only when the teacher chose the valid rows")
    class_id, teacher_id = klass.id, teacher.id
    db.session.commit()
    passwords = {row.line: generate_one_time_password() for row in plan.to_create}
    lines = list(passwords)
    hashes = dict(zip(lines, hash_one_time_passwords([passwords[line] for line in lines]), strict=True))
    slips: list[Slip] = []
    failed: list[RowProblem] = []
    rows = [replace(r) for r in plan.rows if not r.already_member]
    for number, chunk in enumerate(_chunks(rows, batch_size)):
        if number and pause:
            time.sleep(pause)  # let other people's writes in between two batches
        klass = db.session.get(SchoolClass, class_id)
        teacher = db.session.get(User, teacher_id)
        try:
            _write_batch(klass, teacher, list(chunk), hashes, language)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            failed.extend(
                SCHEMA.problem(row.line, "email" if row.email else "massar_code", OUT_OF_REACH)
                for row in chunk
            )
            continue
        slips.extend(Slip(row.display_name, row.sign_in, passwords.get(row.line)) for row in chunk)
    klass = db.session.get(SchoolClass, class_id)
    record(
        Action.CLASS_ROSTER_IMPORTED,
        actor=db.session.get(User, teacher_id),
        target=f"class:{class_id}",
        details={
            "file": filename[:200],
            "created": sum(1 for s in slips if s.password),
            "added": len(slips),
            "already": len(plan.already),
            "skipped_lines": sorted({p.line for p in [*plan.problems, *failed]}),
        },
    )
    db.session.commit()
    return slips, failed
