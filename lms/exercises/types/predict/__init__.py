"""The built-in ``predict-output`` type: read a program, type exactly what it prints.

The expected output is never written by hand: ``computed_runs`` asks the core to run the program
in the sandbox when the package is validated, synced or published (cached by content hash), and
``with_computed`` stores what it printed in the config. So the answer key cannot be wrong, and a
package holds only the program. The program runs twice: both runs must print the same thing, or
the exercise is refused as non-deterministic (random numbers, time, set order of objects…).

Comparison (``compare``):

* ``"exact"``: character for character, but for line endings (``\\r\\n`` and ``\\r`` count as
  ``\\n``: browsers send ``\\r\\n`` from a text area) and the one line ending after the last line
  (a text area does not show it).
* ``"normalised"`` (the default): as exact, and also ignoring spaces and tabs at the end of each
  line and blank lines at the end of the output. Spaces inside a line, blank lines between lines
  and letter case still count: ``print(a, b)`` and ``print(a + b)`` differ.

After an attempt the learner sees the number of the first line that differs, and (unless the item
says ``show_difference = false``) that line as expected and as typed, so the feedback teaches where
the prediction went wrong. Nothing of the output reaches the page before an attempt.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from lms.exercises.base import ExerciseType, FormData, GradeResult, SandboxRequest, Submission
from lms.exercises.editing import EditorForm, text
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.tables import BOOLEAN, INTEGER, REQUIRED, STRING, Spec

PREDICT_SPEC: Spec = {
    "prompt": (STRING, REQUIRED),
    "code": (STRING, REQUIRED),
    "stdin": (STRING, ""),
    "compare": (STRING, "normalised"),
    "show_difference": (BOOLEAN, True),
    "explanation": (STRING, ""),
    "max_attempts": (INTEGER, 0),
}
COMPARISONS = ("normalised", "exact")
#: most characters a learner's answer may have (more is malformed and graded as wrong)
MAX_ANSWER = 20_000
#: most characters the program may print (a prediction is meant to be typed)
MAX_OUTPUT = 4_000
#: the program's limits when its output is computed (the platform caps them again)
LIMITS = {"cpu_seconds": 2, "memory_mb": 128, "wall_seconds": 30}
#: how many times the program runs to compute its output: the runs must agree
RUNS = 2


def output_key(config: dict[str, Any]) -> str:
    """Hash of everything the output depends on: the program and what it reads."""
    relevant = {"code": config["code"], "stdin": config["stdin"], "limits": LIMITS}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:24]


def lines_of(textual: str, compare: str) -> list[str]:
    """The output as the comparison sees it: a list of lines (see the module's docstring)."""
    unified = textual.replace("\r\n", "\n").replace("\r", "\n")
    if unified.endswith("\n"):
        unified = unified[:-1]
    lines = unified.split("\n")
    if compare == "normalised":
        lines = [line.rstrip(" \t") for line in lines]
        while lines and lines[-1] == "":
            lines.pop()
    return lines


def first_difference(expected: list[str], given: list[str]) -> int | None:
    """The index of the first line that differs (a missing line counts), or None when all agree."""
    for index in range(max(len(expected), len(given))):
        if index >= len(expected) or index >= len(given) or expected[index] != given[index]:
            return index
    return None


class PredictForm(EditorForm):
    prompt = TextAreaField(
        _l("Statement (Markdown)"),
        validators=[InputRequired()],
        render_kw={"dir": "auto", "rows": 4, "class": "markdown-source"},
    )
    code = TextAreaField(
        _l("The program the learner reads"),
        validators=[InputRequired()],
        description=_l(
            "What it prints is computed by running it in the sandbox when the course is published: "
            "never type the expected output."
        ),
        render_kw={"dir": "ltr", "rows": 10, "class": "code-source", "spellcheck": "false"},
    )
    stdin = TextAreaField(
        _l("What the program reads with input() (optional)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "rows": 2, "class": "code-source", "spellcheck": "false"},
    )
    compare = RadioField(
        _l("Comparison"),
        choices=[
            SelectChoice(
                "normalised",
                _l("Normalised: spaces at the end of lines and blank lines at the end do not count"),
            ),
            SelectChoice("exact", _l("Exact: every character counts (only line endings are unified)")),
        ],
        default="normalised",
    )
    show_difference = BooleanField(_l("After an attempt, show the first line that differs, as expected"))
    explanation = TextAreaField(
        _l("Explanation shown after an attempt (Markdown, optional)"),
        validators=[Optional()],
        render_kw={"dir": "auto", "rows": 3, "class": "markdown-source"},
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (0 = unlimited)"),
        validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
        render_kw={"dir": "ltr"},
    )


class PredictOutputExercise(ExerciseType):
    """Show a program; the learner types what it prints; the answer key is computed in the sandbox."""

    name = "predict-output"
    version = 1
    label = _l("Predict the output")
    translatable: ClassVar[Translatable] = Translatable(frozenset({"title", "prompt", "explanation"}))
    # templates/ and static/ are next to this module

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read exercise.toml; the output is not in the package (it is computed, see the module)."""
        values = files.read(files.data, PREDICT_SPEC)
        config = {key: values.get(key, default) for key, (_kind, default) in PREDICT_SPEC.items()}
        config["prompt"] = config["prompt"] or ""
        config["code"] = config["code"] or ""
        config["output"] = None
        return config

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Everything lives in exercise.toml, the computed output never does."""
        return {key: config[key] for key in PREDICT_SPEC}, {}

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        problems = []

        def report(message: str, *key: str) -> None:
            problems.append(Problem("exercise.toml", None, message, tuple(key)))

        if not config["prompt"].strip():
            report("'prompt' must not be empty", "prompt")
        if not config["code"].strip():
            report("'code' must not be empty", "code")
        else:
            try:
                compile(config["code"], "<predict-output>", "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as error:
                report(f"'code' is not valid Python: {getattr(error, 'msg', error)}", "code")
        if config["compare"] not in COMPARISONS:
            report(f"'compare' must be one of {', '.join(map(repr, COMPARISONS))}", "compare")
        if config["max_attempts"] < 0:
            report("'max_attempts' must be 0 (unlimited) or more", "max_attempts")
        return problems

    # --- the output, computed by the core in the sandbox ----------------------------------------

    def computed_runs(self, config: dict[str, Any]) -> dict[str, SandboxRequest]:
        case = {"setup": None, "stdin": config["stdin"], "call": None}
        return {
            "output": SandboxRequest(
                code=config["code"], cases=[dict(case) for _ in range(RUNS)], limits=LIMITS
            )
        }

    def with_computed(
        self, config: dict[str, Any], runs: dict[str, Any]
    ) -> tuple[dict[str, Any], list[Problem]]:
        """Store what the program printed; refuse a program that fails, prints too much or varies."""
        run = runs.get("output")

        def refused(message: str) -> tuple[dict[str, Any], list[Problem]]:
            return {**config, "output": None}, [Problem("exercise.toml", None, message, ("code",))]

        if run is None or run.status != "ok" or len(run.cases) != RUNS:
            return refused(f"the program did not finish in the sandbox ({getattr(run, 'status', 'not run')})")
        errors = [case.error for case in run.cases if case.error]
        if errors:
            return refused(f"the program fails in the sandbox: {errors[0]}")
        printed = [case.stdout for case in run.cases]
        if any(output != printed[0] for output in printed):
            return refused("the program does not print the same thing each time it runs (random, time, ids…)")
        if len(printed[0]) > MAX_OUTPUT:
            return refused(f"the program prints more than {MAX_OUTPUT} characters: too much to predict")
        if not lines_of(printed[0], "normalised"):
            return refused("the program prints nothing: there is nothing to predict")
        return {**config, "output": printed[0], "output_key": output_key(config)}, []

    # --- the learner ------------------------------------------------------------------------------

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """The statement, the program and what it reads: never the output, nor the explanation."""
        return {
            "prompt": config["prompt"],
            "code": config["code"],
            "stdin": config["stdin"],
            "compare": config["compare"],
            "max_attempts": config["max_attempts"],
            "ready": isinstance(config.get("output"), str),
        }

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        answer = form.get("answer", "")
        return {"output": answer if isinstance(answer, str) else ""}

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Right when the lines agree under the item's comparison; the feedback names the first difference."""
        output = config.get("output")
        answer = submission.get("output") if isinstance(submission, dict) else None
        if not isinstance(output, str) or output_key_matches(config) is False:
            return GradeResult(0.0, False, [{"kind": "unavailable"}], {"reason": "output not computed"})
        if not isinstance(answer, str) or len(answer) > MAX_ANSWER:
            return GradeResult(0.0, False, [{"kind": "malformed"}], {"reason": "malformed submission"})
        compare = config["compare"] if config.get("compare") in COMPARISONS else "normalised"
        expected, given = lines_of(output, compare), lines_of(answer, compare)
        index = first_difference(expected, given)
        right = index is None
        entry: dict[str, Any] = {"kind": "comparison", "correct": right, "lines": len(expected)}
        if not right:
            entry["line"] = index + 1
            entry["given_line"] = given[index] if index < len(given) else None
            if config.get("show_difference", True):
                entry["expected_line"] = expected[index] if index < len(expected) else None
            entry["hint"] = _hint(expected, given, index)
        details = {"first_difference": None if right else index + 1, "compare": compare}
        return GradeResult(1.0 if right else 0.0, right, [entry], details)

    def feedback_view(self, config: dict[str, Any], result: GradeResult) -> list[dict[str, Any]]:
        return [{"explanation": config["explanation"]}] if config.get("explanation") else []

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        from flask_babel import gettext as _

        answer = submission.get("output") if isinstance(submission, dict) else None
        return [(_("Predicted output"), answer if isinstance(answer, str) and answer else _("(no answer)"))]

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        return [config["prompt"], config["explanation"]]

    # --- the editor -----------------------------------------------------------------------------

    def new_config(self) -> dict[str, Any]:
        return {
            "prompt": "",
            "code": "",
            "stdin": "",
            "compare": "normalised",
            "show_difference": True,
            "explanation": "",
            "max_attempts": 0,
            "output": None,
        }

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> PredictForm:
        return PredictForm(formdata, data=config)

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        new = {
            "prompt": text(form.prompt.data).strip(),
            "code": text(form.code.data).rstrip() + "\n",
            "stdin": text(form.stdin.data),
            "compare": form.compare.data if form.compare.data in COMPARISONS else "normalised",
            "show_difference": bool(form.show_difference.data),
            "explanation": text(form.explanation.data).strip(),
            "max_attempts": form.max_attempts.data,
            "output": None,  # the program changed, or may have: computed again when published
        }
        return new, []


def output_key_matches(config: dict[str, Any]) -> bool | None:
    """Whether the stored output was computed from this very program (None: no key stored)."""
    key = config.get("output_key")
    return None if key is None else key == output_key(config)


def _hint(expected: list[str], given: list[str], index: int) -> str:
    """A short, non-revealing reason for the first difference, for the learner."""
    if index >= len(given):
        return "missing"  # the program prints more lines
    if index >= len(expected):
        return "extra"  # the answer has more lines than the program prints
    if "".join(expected[index].split()) == "".join(given[index].split()):
        return "spaces"  # same characters, other spaces
    if expected[index].lower() == given[index].lower():
        return "case"
    return "different"
