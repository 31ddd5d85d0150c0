"""The built-in ``reflection`` type: a written answer of a minimum length, read by a teacher."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from lms.exercises.base import ExerciseType, FormData, GradeResult, Submission
from lms.exercises.editing import EditorForm
from lms.exercises.files import ExerciseFiles
from lms.exercises.problems import Problem
from lms.exercises.tables import INTEGER, Spec

REFLECTION_SPEC: Spec = {"min_words": (INTEGER, 30)}
# \w is Unicode-aware (Arabic letters count); marks are dropped first so a vowelled
# Arabic word stays one word; l'élève, va-et-vient and 3.12 count once.
_WORD = re.compile(r"\w+(?:(?:['’-]|(?<=\d)[.,](?=\d))\w+)*")


def count_words(text: str) -> int:
    """Count words in any script."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and c != "\u0640")
    return len(_WORD.findall(letters))


class ReflectionExercise(ExerciseType):
    """No right answer: complete once the learner writes at least ``min_words`` words."""

    name = "reflection"
    reviewed_by_teacher = True
    version = 1
    label = _l("Written reflection")
    folder = Path(__file__).resolve().parent / "types" / "reflection"
    needs_sandbox = False

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the prompt and the minimum length."""
        values = files.read(files.data, REFLECTION_SPEC)
        prompt = files.read_text("prompt.md")
        if prompt is None and not files.exists("prompt.md"):
            files.report("missing file prompt.md", file="prompt.md")
        return {"prompt": prompt or "", "min_words": values.get("min_words", 30)}

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Write the minimum length and the prompt file."""
        return {"min_words": config["min_words"]}, {"prompt.md": config["prompt"].encode()}

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """The minimum must be a sensible count."""
        if config["min_words"] < 1:
            return [Problem("exercise.toml", None, "'min_words' must be at least 1", ("min_words",))]
        return []

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """Everything is public: there is no answer to hide."""
        return {"prompt": config["prompt"], "min_words": config["min_words"]}

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Complete (score 1) at ``min_words`` words or more, otherwise 0."""
        text = submission.get("text") if isinstance(submission, dict) else None
        words = count_words(text) if isinstance(text, str) else 0
        minimum = config["min_words"]
        passed = words >= minimum
        message = gettext(
            "%(words)d words written; at least %(minimum)d are needed.", words=words, minimum=minimum
        )
        entry = {"words": words, "min_words": minimum, "passed": passed, "message": message}
        return GradeResult(1.0 if passed else 0.0, passed, [entry], {"words": words})

    #: words a beginner writes per minute when thinking about their own class (typing is not the limit)
    words_per_minute: ClassVar[float] = 8.0

    def estimated_minutes(self, config: dict[str, Any]) -> float:
        """Thinking and writing the asked length, at least five minutes."""
        return max(5.0, config["min_words"] / self.words_per_minute)

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the prompt."""
        return [config["prompt"]] if config["prompt"] else []

    # --- the web ------------------------------------------------------------------------------------

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read the text area (at most 20,000 characters)."""
        return {"text": str(form.get("text", ""))[:20000]}

    def new_config(self) -> dict[str, Any]:
        return {"prompt": "", "min_words": 30}

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> Any:
        return ReflectionForm(formdata, data=config)

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        return {
            "prompt": (form.prompt.data or "").replace("\r\n", "\n"),
            "min_words": form.min_words.data,
        }, []


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
