"""Publish a draft through the package pipeline, validate code exercises, unpublish.

Publishing writes the draft as a package in a temporary folder, loads it with the package loader
(every check ``courses validate`` makes) and syncs it with :func:`lms.courses.sync.sync_package`:
the version goes up by one, changed items get the new content version, removed ones are archived.
Learners mid-course are therefore treated exactly as after a package re-sync: completions are never
cleared, attempts keep the content version they answered, items added later show as new.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, exists, select

from lms.audit.operations import Action, record
from lms.authoring.drafts import config_digest, has_changes, open_draft, strip_validation
from lms.authoring.models import CourseRevision
from lms.courses.assets import open_declared
from lms.courses.export import ExportError, course_document, write_package
from lms.courses.models import Course, Item
from lms.courses.sync import SyncRefused, SyncReport, sync_package
from lms.exercises.registry import ExerciseTypeRegistry
from lms.extensions import db
from lms.grading.computed import prepare_for_app
from lms.grading.references import ReferenceOutcome, check_item
from lms.packages.loader import load_package
from lms.packages.model import ItemSpec
from lms.sandbox import SandboxUnavailable
from lms.users.models import User


class PublishRefused(Exception):
    """The draft cannot be published; ``problems`` are messages to show the author."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Validation:
    """A code exercise's reference run: the solution must pass, the starter and wrong answers fail."""

    ok: bool
    outcomes: list[dict[str, Any]]


def _find_asset(course: Course):
    """Open a draft's asset through the confined reader (never a link): see lms/core/confined.py."""

    def find(path: str):
        return open_declared(course.slug, [path], path)

    return find


def validate_exercise(item: dict[str, Any], registry: ExerciseTypeRegistry) -> Validation:
    """Run the exercise's reference code in the sandbox (raises SandboxUnavailable: never unsandboxed)."""
    spec = ItemSpec(
        item["slug"],
        "exercise",
        1,
        item["title"],
        type_name=item["exercise_type"],
        type_version=item["type_version"],
        config=item["config"],
    )
    outcomes: list[ReferenceOutcome] = check_item(spec, registry)
    shown = [
        {"label": o.label, "must_pass": o.must_pass, "passed": o.passed, "ok": o.ok, "detail": o.detail}
        for o in outcomes
    ]
    return Validation(bool(outcomes) and all(o.ok for o in outcomes), shown)


def remember_validation(item: dict[str, Any], validation: Validation) -> None:
    """Keep the result beside the item, tied to the exact config it was about."""
    item["validation"] = {
        "digest": config_digest(item["config"]),
        "ok": validation.ok,
        "outcomes": validation.outcomes,
    }


def validation_state(course: Course, item: dict[str, Any], live: dict[str, dict[str, Any]]) -> str:
    """``ok``, ``failed`` or ``missing`` for a sandboxed exercise; ``ok`` when it is unchanged since publish."""
    result = item.get("validation")
    if result and result["digest"] == config_digest(item["config"]):
        return "ok" if result["ok"] else "failed"
    published = live.get(item["slug"])
    if published is not None and published["config"] == item["config"]:
        return "ok"
    return "missing"


def _live_items(course: Course) -> dict[str, dict[str, Any]]:
    return {item["slug"]: item for unit in course_document(course)["units"] for item in unit["items"]}


def code_exercise_problems(course: Course, doc: dict[str, Any], registry: ExerciseTypeRegistry) -> list[str]:
    """Name every sandboxed exercise that was not validated with its current content, or failed."""
    live = _live_items(course)
    problems = []
    for unit in doc["units"]:
        for item in unit["items"]:
            exercise_type = registry.get(item.get("exercise_type") or "")
            if exercise_type is None or not exercise_type.needs_sandbox:
                continue
            state = validation_state(course, item, live)
            if state == "missing":
                problems.append(
                    _("“%(title)s” has not been validated since it last changed.", title=item["title"])
                )
            elif state == "failed":
                problems.append(
                    _("“%(title)s” failed its validation: fix it and validate again.", title=item["title"])
                )
    return problems


def publish(course: Course, actor: User, registry: ExerciseTypeRegistry) -> SyncReport:
    """Publish the draft as the next version; the caller commits. Raises PublishRefused with the reasons."""
    draft = open_draft(course)
    if course.published and not has_changes(draft):
        raise PublishRefused([_("Nothing changed since version %(version)s.", version=course.version)])
    problems = code_exercise_problems(course, draft.document, registry)
    if problems:
        raise PublishRefused(problems)
    doc = strip_validation(draft.document)
    doc["version"] = course.version + 1
    with tempfile.TemporaryDirectory(prefix="maharat-publish-") as folder:
        try:
            root = write_package(doc, Path(folder), registry, _find_asset(course))
        except ExportError as error:
            raise PublishRefused([str(error).removeprefix(f"{course.slug}: ")]) from None
        package, found = load_package(root, registry, course.version)
        if found or package is None:
            raise PublishRefused([str(problem).removeprefix(f"{course.slug}/") for problem in found])
        try:
            computed = prepare_for_app(package, registry)
        except SandboxUnavailable:
            computed = [
                _(
                    "The grading sandbox is not available on this server: exercises that compute their answers cannot be published."
                )
            ]
        if computed:
            raise PublishRefused(computed)
        try:
            report = sync_package(package)
        except SyncRefused as refused:
            raise PublishRefused([str(refused)]) from None
    _forget_untouched(course, report)
    course.published = True
    course.source = "authored"
    changes = {
        "added": report.added,
        "changed": report.changed,
        "archived": report.archived,
        "restored": report.restored,
    }
    db.session.add(
        CourseRevision(
            course_id=course.id,
            action="published",
            version=course.version,
            actor_id=actor.id,
            changes=changes,
        )
    )
    record(
        Action.COURSE_PUBLISHED,
        actor=actor,
        target=f"course:{course.slug}",
        details={"version": course.version, **changes},
    )
    db.session.flush()
    draft.document = course_document(course)
    draft.updated_at = course.synced_at  # the draft now equals what was published
    return report


def _forget_untouched(course: Course, report: SyncReport) -> None:
    """Delete items the publish archived that no learner ever touched: there is no history to keep."""
    from lms.learning.models import Attempt, ItemProgress

    slugs = [slug for slug in report.archived if not slug.startswith("unit ")]
    if not slugs:
        return
    untouched = db.session.scalars(
        select(Item.id).where(
            Item.course_id == course.id,
            Item.slug.in_(slugs),
            ~exists().where(ItemProgress.item_id == Item.id),
            ~exists().where(Attempt.item_id == Item.id),
        )
    ).all()
    if untouched:
        db.session.execute(delete(Item).where(Item.id.in_(untouched)))
        db.session.expire_all()


def unpublish(course: Course, actor: User) -> None:
    """Hide the course from learners; their history stays and publishing again brings it back."""
    course.published = False
    db.session.add(
        CourseRevision(
            course_id=course.id, action="unpublished", version=course.version, actor_id=actor.id, changes={}
        )
    )
    record(
        Action.COURSE_UNPUBLISHED,
        actor=actor,
        target=f"course:{course.slug}",
        details={"version": course.version},
    )
