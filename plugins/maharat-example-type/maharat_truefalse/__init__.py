"""A "true or false" exercise type: one statement; the learner says whether it is true."""

from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired

from lms.exercises import ExerciseFiles, ExerciseType, GradeResult, Problem, Translatable
from lms.exercises.base import FormData
from lms.exercises.editing import EditorForm
from lms.exercises.tables import BOOLEAN, REQUIRED, STRING


class TrueFalseForm(EditorForm):
    """The editor's fields (the page around them, with title, weight and CSRF, is the core's)."""

    statement = TextAreaField(_l("Statement (Markdown)"), [InputRequired()], render_kw={"dir": "auto"})
    answer = BooleanField(_l("The statement is true"))
    explanation = TextAreaField(_l("Explanation shown after answering (Markdown, optional)"))


class TrueFalseExercise(ExerciseType):
    """One statement; the learner says whether it is true."""

    name = "true-false"
    version = 1
    label = _l("True or false")
    translatable: ClassVar[Translatable] = Translatable(frozenset({"title", "statement", "explanation"}))
    # templates/exercise.html and templates/editor.html are found next to this module

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        spec = {"statement": (STRING, REQUIRED), "answer": (BOOLEAN, REQUIRED), "explanation": (STRING, "")}
        values = files.read(files.data, spec)  # reports unknown keys and wrong kinds, with lines
        return {key: values.get(key) for key in spec}

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        return dict(config), {}  # everything lives in exercise.toml

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        if not config["statement"].strip():
            return [Problem("exercise.toml", None, "the statement must not be empty", ("statement",))]
        return []

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        return {"statement": config["statement"]}  # never the answer, never the explanation

    def feedback_view(self, config: dict[str, Any], result: GradeResult) -> list[dict[str, Any]]:
        return [{"explanation": config["explanation"]}]

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> dict[str, Any]:
        choice = form.get("answer")
        return {"answer": {"true": True, "false": False}.get(choice)}

    def grade(self, config: dict[str, Any], submission: dict[str, Any], run: Any = None) -> GradeResult:
        given = submission.get("answer") if isinstance(submission, dict) else None
        right = isinstance(given, bool) and given == config["answer"]
        return GradeResult(1.0 if right else 0.0, right, [{"correct": right}])

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        return [config["statement"], config["explanation"]]

    def new_config(self) -> dict[str, Any]:
        return {"statement": "", "answer": True, "explanation": ""}

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> TrueFalseForm:
        return TrueFalseForm(formdata, data=config)

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        text = {
            key: (getattr(form, key).data or "").replace("\r\n", "\n").strip()
            for key in ("statement", "explanation")
        }
        return {**text, "answer": bool(form.answer.data)}, []
