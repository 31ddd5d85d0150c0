"""Who may reach every route of the app: the explicit policy the access-control matrix checks.

This table is written by hand, not derived from the code: it is the specification. Every
``(rule, method)`` of ``app.url_map`` must have an entry, so a new route fails the matrix test until
someone decides who may use it. Branches that add routes add their entries here.

Each entry gives a sample URL (``{placeholders}`` are filled from :class:`tests.security.world.World`,
so object rules are exercised with ids that exist) and the personas allowed. Everyone else must be
denied: a visitor is sent to sign in (never shown a 403 that confirms the page exists), a signed-in
person gets 403 or 404 (404 where even the existence of the object is not theirs to know).

Personas (see ``world.py``): ``student`` is a pupil of ``teacher``'s class who completed the course
(attempt ``{attempt_id}``, certificate ``{code}``); ``other_student`` is in ``other_teacher``'s class
and has attempt ``{other_attempt_id}``; ``manager`` reports on SIC, ``other_manager`` on DigiSchool.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSONAS = frozenset(
    {
        "anonymous",
        "student",
        "other_student",
        "teacher",
        "other_teacher",
        "manager",
        "other_manager",
        "admin",
    }
)

ANYONE = PERSONAS
SIGNED_IN = PERSONAS - {"anonymous"}
NOBODY: frozenset[str] = frozenset()
#: Permission.LEARN: pupils, teachers (their own training) and admins.
LEARNERS = frozenset({"student", "other_student", "teacher", "other_teacher", "admin"})
#: Permission.TEACH.
TEACHERS = frozenset({"teacher", "other_teacher", "admin"})
#: Permission.VIEW_REPORTS.
REPORT_READERS = frozenset({"manager", "other_manager", "admin"})
PUPILS = frozenset({"student", "other_student"})
#: Enrolled in the course (through their classes).
ENROLLED = PUPILS
ADMIN = frozenset({"admin"})
#: The owner of ``{class_id}`` and the admins who oversee every class.
CLASS_OWNER = frozenset({"teacher", "admin"})


@dataclass(frozen=True)
class Entry:
    #: A URL for the rule, with ``{placeholders}`` from the world.
    url: str
    #: The personas who get through; every other persona must be denied.
    allow: frozenset[str]


POLICY: dict[tuple[str, str], Entry] = {
    # Public pages.
    ("/", "GET"): Entry("/", ANYONE),
    ("/healthz", "GET"): Entry("/healthz", ANYONE),
    ("/language", "POST"): Entry("/language", ANYONE),
    ("/static/<path:filename>", "GET"): Entry("/static/css/app.css", ANYONE),
    ("/exercise-types/<type_name>/<path:filename>", "GET"): Entry(
        "/exercise-types/python/exercise.js", ANYONE
    ),
    ("/auth/login", "GET"): Entry("/auth/login", ANYONE),
    ("/auth/login", "POST"): Entry("/auth/login", ANYONE),
    ("/auth/logout", "POST"): Entry("/auth/logout", ANYONE),
    ("/auth/register", "GET"): Entry("/auth/register", ANYONE),
    ("/auth/register", "POST"): Entry("/auth/register", ANYONE),
    ("/auth/forgot", "GET"): Entry("/auth/forgot", ANYONE),
    ("/auth/forgot", "POST"): Entry("/auth/forgot", ANYONE),
    ("/auth/reset/<token>", "GET"): Entry("/auth/reset/not-a-token", ANYONE),
    ("/auth/reset/<token>", "POST"): Entry("/auth/reset/not-a-token", ANYONE),
    # Public verification of certificates (rate-limited per address).
    ("/verify", "GET"): Entry("/verify", ANYONE),
    ("/verify/<code>", "GET"): Entry("/verify/{code}", ANYONE),
    ("/certificates/<code>.json", "GET"): Entry("/certificates/{code}.json", ANYONE),
    ("/issuers/<programme>", "GET"): Entry("/issuers/{programme}", ANYONE),
    ("/status/<programme>/<int:number>", "GET"): Entry("/status/{programme}/{status_list}", ANYONE),
    # One's own account.
    ("/account/profile", "GET"): Entry("/account/profile", SIGNED_IN),
    ("/account/profile", "POST"): Entry("/account/profile", SIGNED_IN),
    ("/account/password", "POST"): Entry("/account/password", SIGNED_IN),
    # One's own data (a copy, under 09-08): whoever is signed in, only their own.
    ("/account/data.json", "GET"): Entry("/account/data.json", SIGNED_IN),
    ("/account/data.zip", "GET"): Entry("/account/data.zip", SIGNED_IN),
    # Anonymising a departed user: people managers (admins).
    ("/admin/privacy/<int:user_id>/anonymise", "GET"): Entry("/admin/privacy/{student_id}/anonymise", ADMIN),
    ("/admin/privacy/<int:user_id>/anonymise", "POST"): Entry("/admin/privacy/{student_id}/anonymise", ADMIN),
    # Dashboards.
    ("/dashboard/learner", "GET"): Entry("/dashboard/learner", LEARNERS),
    ("/dashboard/teacher", "GET"): Entry("/dashboard/teacher", TEACHERS),
    ("/dashboard/admin", "GET"): Entry("/dashboard/admin", ADMIN),
    ("/dashboard/manager", "GET"): Entry("/dashboard/manager", REPORT_READERS),
    # Learning: the catalogue for every learner, the course's inside for those enrolled.
    ("/courses/", "GET"): Entry("/courses/", LEARNERS),
    ("/courses/<slug>", "GET"): Entry("/courses/{course}", LEARNERS),
    ("/courses/<slug>/enrol", "POST"): Entry("/courses/{course}/enrol", LEARNERS),
    ("/courses/<slug>/continue", "GET"): Entry("/courses/{course}/continue", ENROLLED),
    ("/courses/<slug>/items/<item_slug>", "GET"): Entry("/courses/{course}/items/{item}", ENROLLED),
    ("/courses/<slug>/items/<item_slug>/done", "POST"): Entry(
        "/courses/{course}/items/{lesson}/done", ENROLLED
    ),
    ("/courses/<slug>/items/<item_slug>/submit", "POST"): Entry(
        "/courses/{course}/items/{item}/submit", ENROLLED
    ),
    ("/courses/<slug>/items/<item_slug>/start", "POST"): Entry(
        "/courses/{course}/items/{item}/start", ENROLLED
    ),
    # "Run" exists only on items whose type can run code; the world's course has none, so every persona
    # is refused here (signed out: sign in; others: 403 not enrolled, 404 not runnable). The allowed
    # path, a locked or foreign run and CSRF are in tests/grading/test_run.py.
    ("/courses/<slug>/items/<item_slug>/run", "POST"): Entry("/courses/{course}/items/{item}/run", NOBODY),
    ("/courses/<slug>/items/<item_slug>/runs/<int:run_id>", "GET"): Entry(
        "/courses/{course}/items/{item}/runs/1", NOBODY
    ),
    ("/courses/<slug>/assets/<path:filename>", "GET"): Entry("/courses/{course}/assets/{asset}", ENROLLED),
    # Issue 18: drafts, lessons read to the end, time spent, the progress page and the completion screen.
    ("/courses/<slug>/items/<item_slug>/draft", "POST"): Entry(
        "/courses/{course}/items/{item}/draft", ENROLLED
    ),
    ("/courses/<slug>/items/<item_slug>/read", "POST"): Entry(
        "/courses/{course}/items/{lesson}/read", ENROLLED
    ),
    ("/courses/<slug>/items/<item_slug>/time", "POST"): Entry(
        "/courses/{course}/items/{item}/time", ENROLLED
    ),
    ("/courses/<slug>/progress", "GET"): Entry("/courses/{course}/progress", ENROLLED),
    ("/courses/<slug>/complete", "GET"): Entry("/courses/{course}/complete", ENROLLED),
    # IDOR: an attempt is seen by the learner who made it, nobody else through this route.
    ("/courses/<slug>/items/<item_slug>/attempts/<int:attempt_id>", "GET"): Entry(
        "/courses/{course}/items/{item}/attempts/{attempt_id}", frozenset({"student"})
    ),
    # Certificates: one's own; the admin pages for admins only.
    ("/certificates", "GET"): Entry("/certificates", LEARNERS),
    ("/certificates/<code>.pdf", "GET"): Entry("/certificates/{code}.pdf", frozenset({"student", "admin"})),
    ("/admin/certificates", "GET"): Entry("/admin/certificates", ADMIN),
    ("/admin/certificates/export.zip", "GET"): Entry("/admin/certificates/export.zip", ADMIN),
    ("/admin/certificates/issue", "GET"): Entry("/admin/certificates/issue", ADMIN),
    ("/admin/certificates/issue", "POST"): Entry("/admin/certificates/issue", ADMIN),
    ("/admin/certificates/<code>", "GET"): Entry("/admin/certificates/{code}", ADMIN),
    ("/admin/certificates/<code>/revoke", "POST"): Entry("/admin/certificates/{code}/revoke", ADMIN),
    ("/admin/certificates/<code>/reissue", "POST"): Entry("/admin/certificates/{code}/reissue", ADMIN),
    # The audit log: admins only (emails and addresses of everyone).
    ("/admin/audit/", "GET"): Entry("/admin/audit/", ADMIN),
    ("/admin/audit/export.csv", "GET"): Entry("/admin/audit/export.csv", ADMIN),
    # Classes: teachers their own, admins all; pupils only join.
    ("/classes/", "GET"): Entry("/classes/", TEACHERS),
    ("/classes/new", "GET"): Entry("/classes/new", TEACHERS),
    ("/classes/new", "POST"): Entry("/classes/new", TEACHERS),
    ("/classes/join", "GET"): Entry("/classes/join", PUPILS),
    ("/classes/join", "POST"): Entry("/classes/join", PUPILS),
    ("/classes/<int:class_id>", "GET"): Entry("/classes/{class_id}", CLASS_OWNER),
    ("/classes/<int:class_id>/courses", "POST"): Entry("/classes/{class_id}/courses", CLASS_OWNER),
    ("/classes/<int:class_id>/code", "POST"): Entry("/classes/{class_id}/code", CLASS_OWNER),
    ("/classes/<int:class_id>/members", "GET"): Entry("/classes/{class_id}/members", CLASS_OWNER),
    ("/classes/<int:class_id>/members", "POST"): Entry("/classes/{class_id}/members", CLASS_OWNER),
    ("/classes/<int:class_id>/members/<int:user_id>/remove", "POST"): Entry(
        "/classes/{class_id}/members/{student_id}/remove", CLASS_OWNER
    ),
    ("/classes/<int:class_id>/import", "GET"): Entry("/classes/{class_id}/import", CLASS_OWNER),
    ("/classes/<int:class_id>/import", "POST"): Entry("/classes/{class_id}/import", CLASS_OWNER),
    ("/classes/<int:class_id>/import/template.csv", "GET"): Entry(
        "/classes/{class_id}/import/template.csv", CLASS_OWNER
    ),
    ("/classes/<int:class_id>/progress.csv", "GET"): Entry("/classes/{class_id}/progress.csv", CLASS_OWNER),
    ("/classes/<int:class_id>/learners/<int:user_id>", "GET"): Entry(
        "/classes/{class_id}/learners/{student_id}", CLASS_OWNER
    ),
    # Teachers' tools (issue 19): the class's teachers (co-teachers too) and the admins; one's own notifications.
    ("/gradebook/classes/<int:class_id>", "GET"): Entry("/gradebook/classes/{class_id}", CLASS_OWNER),
    ("/gradebook/classes/<int:class_id>/gradebook.csv", "GET"): Entry(
        "/gradebook/classes/{class_id}/gradebook.csv", CLASS_OWNER
    ),
    ("/gradebook/classes/<int:class_id>/learners/<int:user_id>/items/<int:item_id>", "GET"): Entry(
        "/gradebook/classes/{class_id}/learners/{student_id}/items/{item_id}", CLASS_OWNER
    ),
    ("/gradebook/classes/<int:class_id>/learners/<int:user_id>/items/<int:item_id>/reset", "POST"): Entry(
        "/gradebook/classes/{class_id}/learners/{student_id}/items/{item_id}/reset", CLASS_OWNER
    ),
    ("/gradebook/classes/<int:class_id>/attempts/<int:attempt_id>/comment", "POST"): Entry(
        "/gradebook/classes/{class_id}/attempts/{attempt_id}/comment", CLASS_OWNER
    ),
    ("/gradebook/classes/<int:class_id>/attempts/<int:attempt_id>/override", "POST"): Entry(
        "/gradebook/classes/{class_id}/attempts/{attempt_id}/override", CLASS_OWNER
    ),
    ("/gradebook/classes/<int:class_id>/attempts/<int:attempt_id>/review", "POST"): Entry(
        "/gradebook/classes/{class_id}/attempts/{attempt_id}/review", CLASS_OWNER
    ),
    ("/assignments/classes/<int:class_id>", "GET"): Entry("/assignments/classes/{class_id}", CLASS_OWNER),
    ("/assignments/classes/<int:class_id>", "POST"): Entry("/assignments/classes/{class_id}", CLASS_OWNER),
    ("/assignments/classes/<int:class_id>/<int:assignment_id>/remove", "POST"): Entry(
        "/assignments/classes/{class_id}/{assignment_id}/remove", CLASS_OWNER
    ),
    ("/assignments/classes/<int:class_id>/<int:assignment_id>/due", "POST"): Entry(
        "/assignments/classes/{class_id}/{assignment_id}/due", CLASS_OWNER
    ),
    ("/notifications/", "GET"): Entry("/notifications/", LEARNERS),
    ("/notifications/read", "POST"): Entry("/notifications/read", LEARNERS),
    ("/notifications/feedback", "GET"): Entry("/notifications/feedback", LEARNERS),
    # IDOR: a notification is opened by the person it was for.
    ("/notifications/<int:notification_id>/open", "POST"): Entry(
        "/notifications/{notification_id}/open", frozenset({"student"})
    ),
    ("/notifications/classes/<int:class_id>/announcements", "GET"): Entry(
        "/notifications/classes/{class_id}/announcements", CLASS_OWNER
    ),
    ("/notifications/classes/<int:class_id>/announcements", "POST"): Entry(
        "/notifications/classes/{class_id}/announcements", CLASS_OWNER
    ),
    ("/teaching/help", "GET"): Entry("/teaching/help", TEACHERS),
    ("/teaching/classes/<int:class_id>/settings", "GET"): Entry(
        "/teaching/classes/{class_id}/settings", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/rename", "POST"): Entry(
        "/teaching/classes/{class_id}/rename", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/archive", "POST"): Entry(
        "/teaching/classes/{class_id}/archive", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/unarchive", "POST"): Entry(
        "/teaching/classes/{class_id}/unarchive", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/copy", "POST"): Entry(
        "/teaching/classes/{class_id}/copy", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/co-teachers", "POST"): Entry(
        "/teaching/classes/{class_id}/co-teachers", CLASS_OWNER
    ),
    ("/teaching/classes/<int:class_id>/co-teachers/<int:user_id>/remove", "POST"): Entry(
        "/teaching/classes/{class_id}/co-teachers/{co_teacher_id}/remove", CLASS_OWNER
    ),
    # Reports: the SIC programme's, for its manager and the admins.
    ("/reports/", "GET"): Entry("/reports/?programme={programme}", frozenset({"manager", "admin"})),
    ("/reports/places.csv", "GET"): Entry(
        "/reports/places.csv?programme={programme}", frozenset({"manager", "admin"})
    ),
    ("/reports/weeks.csv", "GET"): Entry(
        "/reports/weeks.csv?programme={programme}", frozenset({"manager", "admin"})
    ),
    ("/reports/glossary", "GET"): Entry("/reports/glossary", REPORT_READERS),
    ("/reports/courses", "GET"): Entry(
        "/reports/courses?programme={programme}", frozenset({"manager", "admin"})
    ),
    ("/reports/courses.csv", "GET"): Entry(
        "/reports/courses.csv?programme={programme}", frozenset({"manager", "admin"})
    ),
    ("/reports/summary", "GET"): Entry(
        "/reports/summary?programme={programme}", frozenset({"manager", "admin"})
    ),
    ("/reports/targets", "GET"): Entry("/reports/targets", ADMIN),
    ("/reports/targets", "POST"): Entry("/reports/targets", ADMIN),
    # People management (admins only); the routes act on ``{spare_id}``, an account that is no persona.
    ("/admin/people/", "GET"): Entry("/admin/people/", ADMIN),
    ("/admin/people/new", "GET"): Entry("/admin/people/new", ADMIN),
    ("/admin/people/new", "POST"): Entry("/admin/people/new", ADMIN),
    ("/admin/people/export.csv", "GET"): Entry("/admin/people/export.csv", ADMIN),
    ("/admin/people/import", "GET"): Entry("/admin/people/import", ADMIN),
    ("/admin/people/import", "POST"): Entry("/admin/people/import", ADMIN),
    ("/admin/people/import/template.csv", "GET"): Entry("/admin/people/import/template.csv", ADMIN),
    ("/admin/people/provinces/import", "GET"): Entry("/admin/people/provinces/import", ADMIN),
    ("/admin/people/provinces/import", "POST"): Entry("/admin/people/provinces/import", ADMIN),
    ("/admin/people/provinces/template.csv", "GET"): Entry("/admin/people/provinces/template.csv", ADMIN),
    ("/admin/people/schools/import", "GET"): Entry("/admin/people/schools/import", ADMIN),
    ("/admin/people/schools/import", "POST"): Entry("/admin/people/schools/import", ADMIN),
    ("/admin/people/schools/template.csv", "GET"): Entry("/admin/people/schools/template.csv", ADMIN),
    ("/admin/people/<int:user_id>", "GET"): Entry("/admin/people/{spare_id}", ADMIN),
    ("/admin/people/<int:user_id>", "POST"): Entry("/admin/people/{spare_id}", ADMIN),
    ("/admin/people/<int:user_id>/role", "POST"): Entry("/admin/people/{spare_id}/role", ADMIN),
    ("/admin/people/<int:user_id>/password", "POST"): Entry("/admin/people/{spare_id}/password", ADMIN),
    ("/admin/people/<int:user_id>/deactivate", "POST"): Entry("/admin/people/{spare_id}/deactivate", ADMIN),
    ("/admin/people/<int:user_id>/reactivate", "POST"): Entry("/admin/people/{spare_id}/reactivate", ADMIN),
    # Authoring (admins only), on a course authored for the matrix so that no persona's course changes.
    ("/admin/authoring/", "GET"): Entry("/admin/authoring/", ADMIN),
    ("/admin/authoring/<slug>", "GET"): Entry("/admin/authoring/{authored}", ADMIN),
    ("/admin/authoring/<slug>/assets", "POST"): Entry("/admin/authoring/{authored}/assets", ADMIN),
    ("/admin/authoring/<slug>/assets/<path:filename>", "GET"): Entry(
        "/admin/authoring/{authored}/assets/image.png", ADMIN
    ),
    ("/admin/authoring/<slug>/history", "GET"): Entry("/admin/authoring/{authored}/history", ADMIN),
    ("/admin/authoring/<slug>/items/<item_slug>", "GET"): Entry(
        "/admin/authoring/{authored}/items/quiz", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/learner-preview", "GET"): Entry(
        "/admin/authoring/{authored}/items/quiz/learner-preview", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/learner-preview", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/learner-preview", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/move", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/move", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/parts/<part_id>", "GET"): Entry(
        "/admin/authoring/{authored}/items/quiz/parts/new", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/parts/<part_id>", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/parts/new", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/parts/<part_id>/move", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/parts/q1/move", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/parts/<part_id>/remove", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/parts/q1/remove", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/remove", "GET"): Entry(
        "/admin/authoring/{authored}/items/quiz/remove", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/remove", "POST"): Entry(
        "/admin/authoring/{authored}/items/quiz/remove", ADMIN
    ),
    ("/admin/authoring/<slug>/items/<item_slug>/validate", "POST"): Entry(
        "/admin/authoring/{authored}/items/code/validate", ADMIN
    ),
    ("/admin/authoring/<slug>/preview", "POST"): Entry("/admin/authoring/{authored}/preview", ADMIN),
    ("/admin/authoring/<slug>/publish", "POST"): Entry("/admin/authoring/{authored}/publish", ADMIN),
    ("/admin/authoring/<slug>/settings", "GET"): Entry("/admin/authoring/{authored}/settings", ADMIN),
    ("/admin/authoring/<slug>/settings", "POST"): Entry("/admin/authoring/{authored}/settings", ADMIN),
    ("/admin/authoring/<slug>/units", "POST"): Entry("/admin/authoring/{authored}/units", ADMIN),
    ("/admin/authoring/<slug>/units/<unit_slug>", "GET"): Entry(
        "/admin/authoring/{authored}/units/debut", ADMIN
    ),
    ("/admin/authoring/<slug>/units/<unit_slug>", "POST"): Entry(
        "/admin/authoring/{authored}/units/debut", ADMIN
    ),
    ("/admin/authoring/<slug>/units/<unit_slug>/items", "POST"): Entry(
        "/admin/authoring/{authored}/units/debut/items", ADMIN
    ),
    ("/admin/authoring/<slug>/units/<unit_slug>/move", "POST"): Entry(
        "/admin/authoring/{authored}/units/debut/move", ADMIN
    ),
    ("/admin/authoring/<slug>/units/<unit_slug>/remove", "GET"): Entry(
        "/admin/authoring/{authored}/units/debut/remove", ADMIN
    ),
    ("/admin/authoring/<slug>/units/<unit_slug>/remove", "POST"): Entry(
        "/admin/authoring/{authored}/units/debut/remove", ADMIN
    ),
    ("/admin/authoring/<slug>/unpublish", "POST"): Entry("/admin/authoring/{authored}/unpublish", ADMIN),
    ("/admin/authoring/new", "GET"): Entry("/admin/authoring/new", ADMIN),
    ("/admin/authoring/new", "POST"): Entry("/admin/authoring/new", ADMIN),
}

#: Object-level checks beyond the one sample URL per rule: the same rule, someone else's object.
IDOR_PROBES: list[tuple[str, str, frozenset[str]]] = [
    # Another learner's attempt, by its id.
    ("GET", "/courses/{course}/items/{item}/attempts/{other_attempt_id}", frozenset({"other_student"})),
    # A pupil who is not in the class, seen through the class.
    ("GET", "/classes/{class_id}/learners/{other_student_id}", NOBODY),
    ("POST", "/classes/{class_id}/members/{other_student_id}/remove", NOBODY),
    # Another teacher's class: dashboard, members, CSV.
    ("GET", "/classes/{other_class_id}", frozenset({"other_teacher", "admin"})),
    ("GET", "/classes/{other_class_id}/progress.csv", frozenset({"other_teacher", "admin"})),
    ("GET", "/classes/{other_class_id}/learners/{other_student_id}", frozenset({"other_teacher", "admin"})),
    ("POST", "/classes/{other_class_id}/code", frozenset({"other_teacher", "admin"})),
    ("GET", "/classes/{other_class_id}/members", frozenset({"other_teacher", "admin"})),
    ("POST", "/classes/{other_class_id}/import", frozenset({"other_teacher", "admin"})),
    ("GET", "/classes/{other_class_id}/import/template.csv", frozenset({"other_teacher", "admin"})),
    # Teachers' tools: another class, an attempt or a pupil outside the class (issue 19).
    ("GET", "/gradebook/classes/{other_class_id}", frozenset({"other_teacher", "admin"})),
    ("GET", "/gradebook/classes/{other_class_id}/gradebook.csv", frozenset({"other_teacher", "admin"})),
    ("POST", "/gradebook/classes/{class_id}/attempts/{other_attempt_id}/override", NOBODY),
    ("POST", "/gradebook/classes/{class_id}/attempts/{other_attempt_id}/comment", NOBODY),
    ("GET", "/gradebook/classes/{class_id}/learners/{other_student_id}/items/{item_id}", NOBODY),
    ("POST", "/assignments/classes/{other_class_id}/{assignment_id}/remove", NOBODY),
    ("POST", "/assignments/classes/{other_class_id}/{assignment_id}/due", NOBODY),
    ("POST", "/notifications/classes/{other_class_id}/announcements", frozenset({"other_teacher", "admin"})),
    ("GET", "/teaching/classes/{other_class_id}/settings", frozenset({"other_teacher", "admin"})),
    ("POST", "/teaching/classes/{other_class_id}/co-teachers/{co_teacher_id}/remove", NOBODY),
    # Another programme's report.
    ("GET", "/reports/?programme={other_programme}", frozenset({"other_manager", "admin"})),
    ("GET", "/reports/places.csv?programme={other_programme}", frozenset({"other_manager", "admin"})),
    ("GET", "/reports/weeks.csv?programme={other_programme}", frozenset({"other_manager", "admin"})),
    ("GET", "/reports/courses?programme={other_programme}", frozenset({"other_manager", "admin"})),
    ("GET", "/reports/summary?programme={other_programme}", frozenset({"other_manager", "admin"})),
]
