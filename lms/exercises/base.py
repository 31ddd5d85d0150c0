"""The exercise-type contract: what the core may ask of a type, and what a type returns.

A type is a class with pure methods (no request, no database): the core keeps the policy
(attempts, persistence, events, who sees what and when) and asks the type only
type-specific questions. Configs and results are plain JSON-serialisable data so the core
can store them without knowing the type.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem

#: what a learner sends: quiz ``{"answers": {...}}``, python ``{"code": ...}``, reflection ``{"text": ...}``
Submission = dict[str, Any]
#: a reference submission the CLI grades through the sandbox: (label, submission, must pass)
ReferenceCheck = tuple[str, Submission, bool]


class FormData(Protocol):
    """What a posted form looks like to a type (werkzeug's ``MultiDict``): never the request itself."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...


@dataclass(frozen=True)
class GradeResult:
    """The outcome of grading one submission."""

    #: fraction of the exercise achieved, from 0.0 to 1.0
    score: float
    #: whether the attempt counts as a success (the type's own rule, e.g. a quiz's pass mark)
    passed: bool
    #: per-question or per-test entries, safe to show the learner (nothing secret)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    #: whatever staff may want to see (never shown to the learner)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SandboxRequest:
    """What the sandbox must run for one submission: the code, once per case.

    Defined here rather than imported from ``lms.sandbox`` so exercise types stay
    importable (and testable) without the sandbox.
    """

    #: the learner's code
    code: str
    #: one entry per test, in order: ``{"setup": str | None, "stdin": str, "call": str | None}``
    cases: list[dict[str, Any]]
    #: files copied into the working directory (read-only data), by name
    files: dict[str, bytes] = field(default_factory=dict)
    #: requested limits (``cpu_seconds``, ``memory_mb``, ``wall_seconds``), capped by the platform
    limits: dict[str, Any] = field(default_factory=dict)
    #: third-party modules the code may import (a subset of ``{"numpy", "sklearn"}``)
    packages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewContext:
    """What the core knows when a learner looks back at an attempt, for a type's review policy."""

    #: attempts the learner has used on the exercise
    attempts_used: int
    #: attempts still allowed (None: unlimited)
    attempts_left: int | None
    #: whether any attempt of the learner passed
    passed: bool
    #: whether a due date given to the learner for this item has passed (False when there is none)
    due_passed: bool


class ExerciseType:
    """Base class of exercise types; subclass it and register the subclass.

    Methods take the config that ``parse()`` returned (as stored by the core, i.e. after
    a JSON round trip) and never raise on a learner's malformed submission: it grades as
    wrong.
    """

    #: unique name, as written in ``exercise.toml``'s ``type`` (and the entry point's name)
    name: ClassVar[str]
    #: contract version; an exercise's ``type_version`` must not be newer
    version: ClassVar[int]
    #: human name shown to staff (a lazy translatable string)
    label: ClassVar[Any]
    #: folder holding the type's ``templates/`` and ``static/`` (None: the folder of the defining module)
    folder: ClassVar[Path | None] = None
    #: template (in the type's ``templates/``) that renders the exercise for the learner, given ``public_view()``
    template: ClassVar[str] = "exercise.html"
    #: template (in the type's ``templates/``) of the authoring editor's fields (None: not editable in the browser)
    editor_template: ClassVar[str | None] = "editor.html"
    #: template (in the type's ``templates/``) that edits one part (e.g. a question) of the config
    part_template: ClassVar[str] = "part.html"
    #: config key of the parts an editor adds, edits, reorders and removes one at a time (None: no parts)
    parts_key: ClassVar[str | None] = None
    #: whether grading needs a sandbox run (``sandbox_request()`` returns a request)
    needs_sandbox: ClassVar[bool] = False
    #: whether a teacher reviews answers by hand in the gradebook (accept, or ask to do it again)
    reviewed_by_teacher: ClassVar[bool] = False
    #: keys of exercise.toml a translation may set (Markdown files are replaced whole)
    translatable: ClassVar[Translatable] = Translatable(frozenset({"title"}))

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the folder into a JSON-serialisable config, reporting shape problems to ``files``.

        Shape problems are unknown keys, wrong kinds, missing files. The result is
        best-effort: meaning is checked by ``validate()`` once the shape is right.
        """
        raise NotImplementedError

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Return the exercise.toml keys (beyond type, type_version, title) and files that parse back to ``config``.

        The inverse of ``parse()``: a course edited in the browser is exported as a package with it,
        and loading that package must give the same config again.
        """
        raise NotImplementedError

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """Check the meaning of a well-shaped config (e.g. an answer key fits its question).

        Problems name the file inside the exercise folder (``exercise.toml``) and set
        ``key`` so the loader can find the line.
        """
        return []

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """Return what the learner's page may see: the one place that decides secrecy."""
        raise NotImplementedError

    def feedback_view(self, config: dict[str, Any], result: GradeResult) -> list[dict[str, Any]]:
        """Return what may be shown after an attempt beyond ``result.feedback`` (e.g. explanations)."""
        return []

    def sandbox_request(self, config: dict[str, Any], submission: Submission) -> SandboxRequest | None:
        """Return what the sandbox must run before ``grade()``, or None when nothing runs."""
        return None

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Grade a submission; ``run`` is the sandbox's result when ``needs_sandbox``."""
        raise NotImplementedError

    def reference_submissions(self, config: dict[str, Any]) -> list[ReferenceCheck]:
        """Return submissions shipped with the exercise that must pass or fail when graded."""
        return []

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the Markdown the exercise shows, so validation can check its asset links."""
        return []

    #: minutes a beginner spends on one exercise of this type besides reading its texts (estimated times)
    work_minutes: ClassVar[float] = 5.0

    def estimated_minutes(self, config: dict[str, Any]) -> float:
        """Minutes of work besides reading ``markdown_texts``; a type refines it from its config."""
        return self.work_minutes

    # --- one attempt's own state: a draw from a bank, a clock -----------------------------------------

    def new_state(self, config: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
        """Return the state of a new attempt (e.g. which questions were drawn), or None when it needs none.

        The core stores it (JSON) with the attempt from the moment the learner starts it, so the
        page, the grading and every later review see the same draw. ``rng`` is the only randomness.
        """
        return None

    def attempt_config(self, config: dict[str, Any], state: dict[str, Any] | None) -> dict[str, Any]:
        """Return the config as one attempt sees it, given its state (default: the config itself).

        Every other method is then called with this config: ``public_view`` shows only what was
        drawn, ``grade`` grades only that. A state that no longer fits the config (content edited)
        should give the best config it can, never raise.
        """
        return config

    def time_limit(self, config: dict[str, Any]) -> int | None:
        """Return the seconds an attempt may last from its start (None: no limit); the core enforces it."""
        return None

    def is_blank(self, config: dict[str, Any], submission: Submission) -> bool:
        """Whether the submission answers nothing: the core then refuses it, and it is not an attempt."""
        return False

    def review_shown(self, config: dict[str, Any], review: ReviewContext) -> bool:
        """Whether ``feedback_view`` (right answers, explanations) may be shown now (default: always)."""
        return True

    def computed_runs(self, config: dict[str, Any]) -> dict[str, SandboxRequest]:
        """Return sandbox runs whose results the exercise keeps in its config, by name (default: none).

        For what must never be typed by hand (the output a program prints): the core runs them
        when a package is validated, synced or published, caches the runs by content hash, and
        hands them to ``with_computed``.
        """
        return {}

    def with_computed(
        self, config: dict[str, Any], runs: dict[str, Any]
    ) -> tuple[dict[str, Any], list[Problem]]:
        """Return ``config`` completed with the ``computed_runs`` results (``runs``, by name), and problems.

        A run is duck-typed like ``grade()``'s (``.status``, ``.cases`` with ``.stdout``, ``.error``).
        Problems refuse the package, as ``validate()``'s do.
        """
        return config, []

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        """Return a submission as (question, answer) pairs a teacher can read (default: its keys and values)."""
        from flask_babel import gettext

        if not isinstance(submission, dict) or not submission:
            return [(gettext("Answer"), gettext("(no answer)"))]
        return [(gettext("Answer"), ", ".join(f"{key}: {value}" for key, value in submission.items()))]

    def review_criteria(self, config: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the rubric a reviewing teacher applies: ``{"id", "criterion", "levels": [...]}`` each.

        Levels go from weakest to strongest. Empty (the default): the review is accept or redo only.
        """
        return []

    def review_result(self, config: dict[str, Any], levels: dict[str, int]) -> tuple[float, dict[str, Any]]:
        """Return the score a teacher's chosen ``levels`` (criterion id -> level index) give, and the
        feedback entry (safe for the learner) that records them on the attempt."""
        raise NotImplementedError

    # --- the web: reading a learner's form, and editing in the browser -------------------------------

    @classmethod
    def template_folder(cls) -> Path:
        """Return the folder of the type's templates (``type:<name>/…`` in the app's template loader)."""
        return cls.package_folder() / "templates"

    @classmethod
    def static_folder(cls) -> Path:
        """Return the folder of the type's static files (served under ``/exercise-types/<name>/``)."""
        return cls.package_folder() / "static"

    @classmethod
    def translations_folder(cls) -> Path:
        """Return the folder of the type's own catalogues (``<lang>/LC_MESSAGES/messages.mo``), if it ships any."""
        return cls.package_folder() / "translations"

    @classmethod
    def package_folder(cls) -> Path:
        """Return ``folder``, or the folder of the module that defines the class."""
        if cls.folder is not None:
            return Path(cls.folder)
        module = sys.modules.get(cls.__module__)
        source = getattr(module, "__file__", None)
        return Path(source).resolve().parent if source else Path("/nonexistent")

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read the learner's posted form (the fields ``template`` renders) into a submission.

        Pure: the core passes the form data, never the request. What comes back is not trusted:
        ``grade()`` checks it. The default reads nothing.
        """
        return {}

    def new_config(self) -> dict[str, Any] | None:
        """Return what an exercise created in the browser starts with (None: it cannot be created there).

        A valid shape, not yet valid content: the author fills it in the editor.
        """
        return None

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> Any:
        """Return the editor's form (a WTForms form, without CSRF: the core's page carries the token).

        Its field names must not be ``title``, ``weight`` or ``required`` (the core's item settings).
        """
        return None

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        """Return the config the validated editor ``form`` describes, and translated errors (none: saved)."""
        return config, []

    def editor_problems(self, config: dict[str, Any]) -> list[str]:
        """Return what the author must still fix, shown on the editor page (default: ``validate()``'s messages)."""
        return [problem.message for problem in self.validate(config)]

    def part_kinds(self) -> dict[str, Any]:
        """Return the kinds of parts the editor may add (kind -> translated label)."""
        return {}

    def part_form(
        self, kind: str, part: dict[str, Any] | None, config: dict[str, Any], formdata: FormData | None = None
    ) -> Any:
        """Return the form that edits one part of ``kind`` (``part`` None: a new one in ``config``)."""
        return None

    def part_from_form(
        self, kind: str, form: Any, old: dict[str, Any] | None, config: dict[str, Any]
    ) -> tuple[dict[str, Any], list[str]]:
        """Return the part the validated ``form`` describes and translated errors; it must carry an ``id``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} v{self.version}>"


def clamp_score(value: float) -> float:
    """Keep a score within 0..1 whatever rounding did."""
    return max(0.0, min(1.0, float(value)))
