"""Check a package's shipped code through the real sandbox: each solution passes, each starter and
wrong answer fails. Run by ``courses validate`` and by the test suite for every shipped exercise."""

from __future__ import annotations

from dataclasses import dataclass

from lms.exercises.registry import ExerciseTypeRegistry
from lms.grading.sandboxing import run_request
from lms.packages.model import CoursePackage, ItemSpec


@dataclass(frozen=True)
class ReferenceOutcome:
    item: str
    label: str
    must_pass: bool
    passed: bool
    score: float
    detail: str

    @property
    def ok(self) -> bool:
        return self.passed == self.must_pass


def check_item(item: ItemSpec, registry: ExerciseTypeRegistry, slot: int = 0) -> list[ReferenceOutcome]:
    """Grade every reference submission of one exercise in the sandbox (raises SandboxUnavailable)."""
    exercise_type = registry.get(item.type_name or "")
    if item.kind != "exercise" or exercise_type is None or item.config is None:
        return []
    outcomes = []
    for label, submission, must_pass in exercise_type.reference_submissions(item.config):
        request = exercise_type.sandbox_request(item.config, submission)
        run = run_request(request, slot) if request is not None else None
        result = exercise_type.grade(item.config, submission, run)
        failing = [t["name"] for t in result.details.get("tests", []) if not t["passed"]]
        detail = f"run {result.details.get('status')}; failing: {', '.join(failing) or 'none'}"
        outcomes.append(ReferenceOutcome(item.slug, label, must_pass, result.passed, result.score, detail))
    return outcomes


def check_package(package: CoursePackage, registry: ExerciseTypeRegistry) -> list[ReferenceOutcome]:
    return [outcome for _, item in package.items() for outcome in check_item(item, registry)]
