"""The built-in ``reflection`` type: a written answer of a minimum length, read by a teacher."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from lms.exercises.base import ExerciseType, FormData, GradeResult, Submission
from lms.exercises.editing import EditorForm
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.tables import INTEGER, REQUIRED, STRING, STRINGS, TABLES, Spec

REFLECTION_SPEC: Spec = {"min_words": (INTEGER, 30), "rubric": (TABLES, [])}
CRITERION_SPEC: Spec = {
    "id": (STRING, REQUIRED),
    "criterion": (STRING, REQUIRED),
    "levels": (STRINGS, REQUIRED),
}
#: how many criteria a rubric has, and how many levels each criterion
RUBRIC_CRITERIA = (2, 4)
RUBRIC_LEVELS = (2, 5)
# \w is Unicode-aware (Arabic letters count); marks are dropped first so a vowelled
# Arabic word stays one word; l'élève, va-et-vient and 3.12 count once.
_WORD = re.compile(r"\w+(?:(?:['’-]|(?<=\d)[.,](?=\d))\w+)*")


def words_of(text: str) -> list[str]:
    """The words of a text in any script (vowel marks and the tatweel dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and c != "\u0640")
    return _WORD.findall(letters)


def count_words(text: str) -> int:
    """Count words in any script."""
    return len(words_of(text))


def different_words_needed(min_words: int) -> int:
    """Different words a reflection needs: half its minimum length.

    Natural writing repeats its small words (de, la, في…) but never comes close to half; a text of
    one word typed sixty times, or a sentence pasted over and over, is not a reflection.
    """
    return max(1, min_words // 2)


class ReflectionExercise(ExerciseType):
    """No right answer: complete once the learner writes at least ``min_words`` words, half of them different."""

    name = "reflection"
    reviewed_by_teacher = True
    version = 1
    label = _l("Written reflection")
    folder = Path(__file__).resolve().parent / "types" / "reflection"
    needs_sandbox = False
    translatable: ClassVar[Translatable] = Translatable(
        frozenset({"title"}), {"rubric": (("id",), Translatable(frozenset({"criterion", "levels"})))}
    )

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the prompt, the minimum length and the rubric the teacher applies (optional)."""
        values = files.read(files.data, REFLECTION_SPEC)
        prompt = files.read_text("prompt.md")
        if prompt is None and not files.exists("prompt.md"):
            files.report("missing file prompt.md", file="prompt.md")
        rubric = []
        for index, table in enumerate(values.get("rubric", [])):
            read = files.read(table, CRITERION_SPEC, "rubric", index)
            rubric.append({key: read.get(key, "" if key != "levels" else []) for key in CRITERION_SPEC})
        config: dict[str, Any] = {"prompt": prompt or "", "min_words": values.get("min_words", 30)}
        if rubric:  # only when declared: reflections without one keep their config (and content hash)
            config["rubric"] = rubric
        return config

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Write the minimum length, the rubric (when there is one) and the prompt file."""
        keys: dict[str, Any] = {"min_words": config["min_words"]}
        if config.get("rubric"):
            keys["rubric"] = config["rubric"]
        return keys, {"prompt.md": config["prompt"].encode()}

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """The minimum must be a sensible count; a rubric has 2 to 4 criteria of 2 to 5 levels."""
        problems = []
        if config["min_words"] < 1:
            problems.append(Problem("exercise.toml", None, "'min_words' must be at least 1", ("min_words",)))
        rubric = config.get("rubric") or []
        if rubric and not RUBRIC_CRITERIA[0] <= len(rubric) <= RUBRIC_CRITERIA[1]:
            problems.append(Problem("exercise.toml", None, "a rubric has 2 to 4 criteria", ("rubric",)))
        seen = set()
        for index, criterion in enumerate(rubric):
            if criterion["id"] in seen:
                problems.append(
                    Problem(
                        "exercise.toml",
                        None,
                        f"criterion id '{criterion['id']}' is used twice",
                        ("rubric", index),
                    )
                )
            seen.add(criterion["id"])
            levels = criterion["levels"]
            if not RUBRIC_LEVELS[0] <= len(levels) <= RUBRIC_LEVELS[1] or not all(x.strip() for x in levels):
                problems.append(
                    Problem(
                        "exercise.toml", None, "a criterion has 2 to 5 levels, none empty", ("rubric", index)
                    )
                )
        return problems

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """Everything is public: there is no answer to hide (the rubric is shown before writing)."""
        public = {"prompt": config["prompt"], "min_words": config["min_words"]}
        if config.get("rubric"):
            public["rubric"] = config["rubric"]
        return public

    def review_criteria(self, config: dict[str, Any]) -> list[dict[str, Any]]:
        """The rubric the teacher applies in the gradebook."""
        return list(config.get("rubric") or [])

    def review_result(self, config: dict[str, Any], levels: dict[str, int]) -> tuple[float, dict[str, Any]]:
        """Score = levels reached over the highest levels; every criterion needs a level in range."""
        rubric = config.get("rubric") or []
        chosen = {}
        for criterion in rubric:
            level = levels.get(criterion["id"])
            if (
                isinstance(level, bool)
                or not isinstance(level, int)
                or not 0 <= level < len(criterion["levels"])
            ):
                raise ValueError(criterion["id"])
            chosen[criterion["id"]] = level
        highest = sum(len(c["levels"]) - 1 for c in rubric)
        score = sum(chosen.values()) / highest if highest else 1.0
        return score, {"kind": "rubric", "levels": chosen, "score": score}

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Complete (score 1) at ``min_words`` words or more, half of them different, otherwise 0."""
        text = submission.get("text") if isinstance(submission, dict) else None
        found = words_of(text) if isinstance(text, str) else []
        words, different = len(found), len({word.casefold() for word in found})
        minimum, varied = config["min_words"], different_words_needed(config["min_words"])
        passed = words >= minimum and different >= varied
        if words >= minimum and different < varied:
            message = ngettext(
                "Your text uses %(num)d different word; write at least %(varied)d different words "
                "(repeated words count once).",
                "Your text uses %(num)d different words; write at least %(varied)d different words "
                "(repeated words count once).",
                different,
                varied=varied,
            )
        else:
            message = ngettext(
                "%(num)d word written; at least %(minimum)d are needed.",
                "%(num)d words written; at least %(minimum)d are needed.",
                words,
                minimum=minimum,
            )
        entry = {
            "words": words,
            "min_words": minimum,
            "different_words": different,
            "different_needed": varied,
            "passed": passed,
            "message": message,
        }
        return GradeResult(
            1.0 if passed else 0.0, passed, [entry], {"words": words, "different_words": different}
        )

    #: words a beginner writes per minute when thinking about their own class (typing is not the limit)
    words_per_minute: ClassVar[float] = 8.0

    def estimated_minutes(self, config: dict[str, Any]) -> float:
        """Thinking and writing the asked length, at least five minutes."""
        return max(5.0, config["min_words"] / self.words_per_minute)

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        answer = submission.get("text") if isinstance(submission, dict) else None
        return [(gettext("Answer"), str(answer) if answer else gettext("(no answer)"))]

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the prompt."""
        return [config["prompt"]] if config["prompt"] else []

    # --- the web ------------------------------------------------------------------------------------

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read the text area (at most 20,000 characters)."""
        return {"text": str(form.get("text", ""))[:20000]}

    def is_blank(self, config: dict[str, Any], submission: Submission) -> bool:
        """An empty text answers nothing: refused, not an attempt (a short one is graded and told why)."""
        text = submission.get("text") if isinstance(submission, dict) else None
        return not isinstance(text, str) or not text.strip()

    def new_config(self) -> dict[str, Any]:
        return {"prompt": "", "min_words": 30}

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> Any:
        return ReflectionForm(formdata, data={**config, "rubric": rubric_to_text(config.get("rubric") or [])})

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        rubric, errors = rubric_from_text(form.rubric.data or "", config.get("rubric") or [])
        new = {"prompt": (form.prompt.data or "").replace("\r\n", "\n"), "min_words": form.min_words.data}
        if rubric:
            new["rubric"] = rubric
        return new, errors


class ReflectionForm(EditorForm):
    """The editor: the question and the minimum length."""

    prompt = TextAreaField(
        _l("Question (Markdown)"),
        validators=[InputRequired()],
        render_kw={"dir": "auto", "rows": 12, "class": "markdown-source"},
    )
    min_words = IntegerField(
        _l("Minimum number of words"),
        validators=[InputRequired(), NumberRange(min=1, max=5000)],
        render_kw={"dir": "ltr"},
    )
    rubric = TextAreaField(
        _l("Rubric the teacher applies (optional): one criterion per line, then its levels, weakest first"),
        description=_l(
            "For example: Objective | absent | sketched | clear | precise (2 to 4 criteria, 2 to 5 levels)."
        ),
        render_kw={"dir": "auto", "rows": 4},
    )


def rubric_to_text(rubric: list[dict[str, Any]]) -> str:
    """Write a rubric as the editor's lines: ``criterion | level | level…``."""
    return "\n".join(" | ".join([c["criterion"], *c["levels"]]) for c in rubric)


def rubric_from_text(text: str, old: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Read the editor's lines back, keeping the ids of criteria already there (by position)."""
    rubric = []
    for number, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 3 or not all(parts):
            return old, [
                gettext(
                    "Rubric line %(number)d: write the criterion, then at least two levels, separated by |.",
                    number=number,
                )
            ]
        ident = old[number - 1]["id"] if number <= len(old) else f"c{number}"
        rubric.append({"id": ident, "criterion": parts[0], "levels": parts[1:]})
    if rubric and not RUBRIC_CRITERIA[0] <= len(rubric) <= RUBRIC_CRITERIA[1]:
        return old, [gettext("A rubric has 2 to 4 criteria.")]
    if any(len(c["levels"]) > RUBRIC_LEVELS[1] for c in rubric):
        return old, [gettext("A criterion has at most 5 levels.")]
    return rubric, []
