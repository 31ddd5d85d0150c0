"""The built-in ``parsons`` type: put the shuffled lines of a Python program in order, and indent them.

Some lines may be distractors that belong nowhere. Grading compares the learner's program, line by
line (text and indentation), with the reference: identical lines are interchangeable, so a program
equal to the reference passes whatever line it was built from. The public view shows the lines in
an order fixed by a hash of their content (stable between visits, unrelated to the answer), with
opaque keys and no indentation, so nothing of the order, the indentation or which lines are
distractors reaches the browser before an attempt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from lms.exercises.base import ExerciseType, FormData, GradeResult, Submission, clamp_score
from lms.exercises.editing import EditorForm, text
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.tables import INTEGER, REQUIRED, STRING, STRINGS, Spec

PARSONS_SPEC: Spec = {
    "prompt": (STRING, REQUIRED),
    "solution": (STRING, REQUIRED),
    "distractors": (STRINGS, []),
    "max_attempts": (INTEGER, 0),
}
#: spaces per indentation level, in the reference and in the learner's program
INDENT = 4
#: deepest indentation a learner may choose
MAX_LEVEL = 6
#: most lines a submission may hold (more is malformed)
MAX_LINES = 200


def _lines(solution: str) -> list[dict[str, Any]]:
    """Split the reference program into non-blank lines with their indentation level."""
    lines = []
    for raw in solution.replace("\t", " " * INDENT).splitlines():
        if not raw.strip():
            continue
        spaces = len(raw) - len(raw.lstrip(" "))
        lines.append({"text": raw.strip(), "indent": spaces // INDENT, "spaces": spaces})
    return lines


def _key(line: str, occurrence: int) -> str:
    """An opaque, stable key made of the line's text alone (and which copy of it it is).

    Nothing else goes in, so the key cannot be traced back to a position, an indentation or a
    distractor flag, whatever a learner tries: it says no more than the text, which is shown.
    """
    return hashlib.sha256(f"{occurrence}\0{line}".encode()).hexdigest()[:10]


def blocks(config: dict[str, Any]) -> list[dict[str, Any]]:
    """Every line offered to the learner (reference and distractors), in the public, content-hashed order."""
    texts = [line["text"] for line in _lines(config["solution"])]
    texts += [line.strip() for line in config["distractors"] if line.strip()]
    seen: dict[str, int] = {}
    offered = []
    for line in texts:
        offered.append({"key": _key(line, seen.get(line, 0)), "text": line})
        seen[line] = seen.get(line, 0) + 1
    return sorted(offered, key=lambda block: block["key"])


def _common(expected: list[tuple[str, int]], given: list[tuple[str, int]]) -> int:
    """Length of the longest common subsequence: how much of the program is right and in order."""
    previous = [0] * (len(given) + 1)
    for item in expected:
        current = [0]
        for j, other in enumerate(given):
            current.append(previous[j] + 1 if item == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


class ParsonsForm(EditorForm):
    prompt = TextAreaField(
        _l("Statement (Markdown)"),
        validators=[InputRequired()],
        render_kw={"dir": "auto", "rows": 5, "class": "markdown-source"},
    )
    solution = TextAreaField(
        _l("The program, in order and indented with 4 spaces"),
        validators=[InputRequired()],
        description=_l("Each non-blank line becomes a block the learner places and indents."),
        render_kw={"dir": "ltr", "rows": 10, "class": "code-source", "spellcheck": "false"},
    )
    distractors = TextAreaField(
        _l("Distractors: wrong lines, one per line (optional)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "rows": 3, "class": "code-source", "spellcheck": "false"},
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (0 = unlimited)"),
        validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
        render_kw={"dir": "ltr"},
    )


class ParsonsExercise(ExerciseType):
    """Reorder and indent the lines of a program; distractor lines must be left out."""

    name = "parsons"
    version = 1
    label = _l("Parsons problem")
    folder = Path(__file__).resolve().parent / "types" / "parsons"
    translatable: ClassVar[Translatable] = Translatable(frozenset({"title", "prompt"}))

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the statement, the reference program and the distractors from exercise.toml."""
        values = files.read(files.data, PARSONS_SPEC)
        return {
            "prompt": values.get("prompt", ""),
            "solution": values.get("solution", ""),
            "distractors": values.get("distractors", []),
            "max_attempts": values.get("max_attempts", 0),
        }

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Everything lives in exercise.toml."""
        return {key: config[key] for key in PARSONS_SPEC}, {}

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """The program must compile, have two lines or more, be indented by 4, and differ from its distractors."""
        problems = []

        def report(message: str, *key: str | int) -> None:
            problems.append(Problem("exercise.toml", None, message, tuple(key)))

        lines = _lines(config["solution"])
        if len(lines) < 2:
            report("'solution' needs at least two non-blank lines", "solution")
        if any(line["spaces"] % INDENT for line in lines):
            report(f"'solution' must be indented by multiples of {INDENT} spaces", "solution")
        if any(line["indent"] > MAX_LEVEL for line in lines):
            report(f"'solution' is indented deeper than {MAX_LEVEL} levels", "solution")
        try:
            compile(config["solution"], "<parsons>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            report(f"'solution' is not valid Python: {getattr(error, 'msg', error)}", "solution")
        texts = {line["text"] for line in lines}
        for index, distractor in enumerate(config["distractors"]):
            if not distractor.strip():
                report("a distractor must not be empty", "distractors", index)
            elif distractor.strip() in texts:
                report(
                    f"distractor '{distractor.strip()}' is also a line of the solution", "distractors", index
                )
        if config["max_attempts"] < 0:
            report("'max_attempts' must be 0 (unlimited) or more", "max_attempts")
        return problems

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """The statement and the blocks, shuffled by content hash: no order, no indentation, no distractor flag."""
        return {
            "prompt": config["prompt"],
            "blocks": blocks(config),
            "max_attempts": config["max_attempts"],
            "max_level": MAX_LEVEL,
        }

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read ``pos-<key>`` (1…n, empty: not used) and ``indent-<key>`` into the ordered program."""
        placed = []
        for index, block in enumerate(blocks(config)):
            position = str(form.get(f"pos-{block['key']}", "")).strip()
            if not position.isdigit() or int(position) < 1:
                continue
            indent = str(form.get(f"indent-{block['key']}", "0")).strip()
            level = int(indent) if indent.isdigit() else 0
            placed.append((int(position), index, {"key": block["key"], "indent": min(level, MAX_LEVEL)}))
        return {"lines": [entry for _position, _index, entry in sorted(placed)]}

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Right when the program equals the reference, line for line and indentation included.

        The score is the longest run of right lines in the right order, over the longer of the two
        programs, so extra lines (distractors) cost as much as missing ones.
        """
        expected = [(line["text"], line["indent"]) for line in _lines(config["solution"])]
        texts = {block["key"]: block["text"] for block in blocks(config)}
        raw = submission.get("lines") if isinstance(submission, dict) else None
        given: list[tuple[str, int]] = []
        if isinstance(raw, list) and len(raw) <= MAX_LINES:
            for entry in raw:
                key = entry.get("key") if isinstance(entry, dict) else None
                indent = entry.get("indent") if isinstance(entry, dict) else None
                if key not in texts or isinstance(indent, bool) or not isinstance(indent, int) or indent < 0:
                    given = []
                    break
                given.append((texts[key], indent))
        right = bool(given) and given == expected
        common = _common(expected, given)
        score = 1.0 if right else clamp_score(common / max(len(expected), len(given), 1))
        feedback = [{"correct": right, "in_place": common, "lines": len(expected), "given": len(given)}]
        return GradeResult(score, right, feedback, {"common": common})

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        """The program the learner assembled, indented as they chose."""
        texts = {block["key"]: block["text"] for block in blocks(config)}
        raw = submission.get("lines") if isinstance(submission, dict) else None
        lines = [
            " " * INDENT * min(int(e.get("indent") or 0), MAX_LEVEL) + texts[e["key"]]
            for e in (raw if isinstance(raw, list) else [])
            if isinstance(e, dict) and e.get("key") in texts and isinstance(e.get("indent", 0), int)
        ]
        return [(gettext("Program"), "\n".join(lines) or gettext("(no answer)"))]

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        return [config["prompt"]]

    # --- the editor -----------------------------------------------------------------------------

    def new_config(self) -> dict[str, Any]:
        return {"prompt": "", "solution": "", "distractors": [], "max_attempts": 0}

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> ParsonsForm:
        return ParsonsForm(formdata, data={**config, "distractors": "\n".join(config["distractors"])})

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        new = {
            "prompt": text(form.prompt.data).strip(),
            "solution": text(form.solution.data).rstrip() + "\n",
            "distractors": [
                line.strip() for line in text(form.distractors.data).splitlines() if line.strip()
            ],
            "max_attempts": form.max_attempts.data,
        }
        return new, []
