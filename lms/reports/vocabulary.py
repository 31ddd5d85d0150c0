"""The reports' vocabulary, defined once: every page, export, chart and the glossary use these words.

A figure that appears anywhere (the manager's landing page, the report, the CSV, the printable summary)
is one of :data:`MEASURES` for one of :data:`ROLES`, or one of the two headline figures the programmes
publish, and its label links to its definition on the glossary page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

#: The moving window of "active".
ACTIVE_DAYS = 30
#: Roles whose participation the programmes report on, in the order of the tables.
ROLES = ("teacher", "student")


@dataclass(frozen=True)
class Measure:
    key: str
    #: Short column label.
    label: LazyString
    #: The one-sentence definition shown on the glossary page.
    definition: LazyString


#: Per role, in the order of the tables: each measure counts people, each person once per programme.
MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "registered",
            _l("Registered"),
            _l("Active accounts that joined the platform through the programme."),
        ),
        Measure(
            "enrolled",
            _l("Enrolled"),
            _l("People enrolled in at least one course of the programme, by themselves or by a teacher."),
        ),
        Measure(
            "reached",
            _l("Reached"),
            _l(
                "People who did at least one learning action themselves in a course of the programme: "
                "opened a lesson or an exercise, or submitted an answer."
            ),
        ),
        Measure(
            "active",
            _l("Active (30 days)"),
            _l(
                "People who did a learning action themselves in the last 30 days. Being enrolled or "
                "assigned a course by a teacher is not an action of their own."
            ),
        ),
        Measure(
            "completed",
            _l("Completed"),
            _l("People who completed every required step of at least one course of the programme."),
        ),
        Measure(
            "certified",
            _l("Certified"),
            _l(
                "People who hold at least one valid certificate of the programme (revoked ones do not count)."
            ),
        ),
    )
}

#: The figures the programmes publish: (key, label, definition, the measure behind it).
HEADLINES: dict[str, tuple[LazyString, LazyString, str]] = {
    "teachers_trained": (
        _l("Teachers trained"),
        _l("Teachers who hold a valid certificate of the programme (the teachers' line of “Certified”)."),
        "teacher_certified",
    ),
    "learners_reached": (
        _l("Learners reached"),
        _l(
            "Pupils with at least one learning action of their own in the programme (the pupils' line of “Reached”)."
        ),
        "student_reached",
    ),
    "certificates": (
        _l("Certificates issued"),
        _l("Valid certificates of the programme; a person who completed two courses holds two."),
        "certificates",
    ),
}

ROLE_LABELS: dict[str, LazyString] = {"teacher": _l("Teachers"), "student": _l("Pupils")}
