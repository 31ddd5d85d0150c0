"""The built-in ``quiz`` type: questions of several kinds, scored by points, with a pass mark."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l

from lms.exercises.base import ExerciseType, FormData, GradeResult, Submission, clamp_score
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.questions import QUESTION_KINDS
from lms.exercises.tables import INTEGER, NUMBER, REQUIRED, STRING, TABLES, Spec, read_table

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

QUIZ_SPEC: Spec = {
    "pass_mark": (NUMBER, REQUIRED),
    "max_attempts": (INTEGER, 0),
    "intro": (STRING, ""),
    "questions": (TABLES, REQUIRED),
}
QUESTION_SPEC: Spec = {
    "id": (STRING, REQUIRED),
    "kind": (STRING, REQUIRED),
    "text": (STRING, REQUIRED),
    "points": (NUMBER, 1),
    "explanation": (STRING, ""),
}


class QuizExercise(ExerciseType):
    """Questions answered in a form, graded at once, no sandbox."""

    name = "quiz"
    version = 1
    label = _l("Quiz")
    folder = Path(__file__).resolve().parent / "types" / "quiz"
    needs_sandbox = False
    parts_key = "questions"
    #: thinking over one question once it is read (its text and choices are counted as reading)
    minutes_per_question: ClassVar[float] = 0.5
    translatable: ClassVar[Translatable] = Translatable(
        frozenset({"title", "intro"}),
        {
            "questions": (
                ("id",),
                Translatable(
                    frozenset({"text", "explanation", "accepted", "items"}),
                    {"choices": (("id",), Translatable(frozenset({"text"})))},
                ),
            )
        },
    )

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the quiz's settings and questions from exercise.toml."""
        values = files.read(files.data, QUIZ_SPEC)
        questions = []
        for index, raw in enumerate(values.get("questions", [])):
            kind = QUESTION_KINDS.get(raw.get("kind")) if isinstance(raw.get("kind"), str) else None
            spec = {**QUESTION_SPEC, **(kind.spec if kind else {})}
            if kind is None:  # only the kind is reported; its keys cannot be judged
                checked = read_table(raw, spec, files.toml, ("questions", index), files.problems, ignore=raw)
            else:
                checked = files.read(raw, spec, "questions", index)
            if kind is None and "kind" in checked:
                known = ", ".join(QUESTION_KINDS)
                files.report(
                    f"unknown question kind '{checked['kind']}' (known: {known})", "questions", index, "kind"
                )
            question = {name: checked.get(name) for name in QUESTION_SPEC}
            if kind is not None:
                question.update(kind.parse(files, checked, ("questions", index)))
            questions.append(question)
        return {
            "intro": values.get("intro", ""),
            "pass_mark": values.get("pass_mark"),
            "max_attempts": values.get("max_attempts", 0),
            "questions": questions,
        }

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Write the settings and every question with all its keys (so translations find them)."""
        return {
            "pass_mark": config["pass_mark"],
            "max_attempts": config["max_attempts"],
            "intro": config["intro"],
            "questions": [dict(question) for question in config["questions"]],
        }, {}

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """Check the pass mark, the ids and every question's answer key."""
        problems = []

        def report(message: str, *key: str | int) -> None:
            problems.append(Problem("exercise.toml", None, message, tuple(key)))

        if not 0 < config["pass_mark"] <= 1:
            report("'pass_mark' must be more than 0 and at most 1", "pass_mark")
        if config["max_attempts"] < 0:
            report("'max_attempts' must be 0 (unlimited) or more", "max_attempts")
        if not config["questions"]:
            report("a quiz needs at least one question", "questions")
        seen: set[str] = set()
        for index, question in enumerate(config["questions"]):
            qid = question["id"]
            if not _SLUG.match(qid):
                report(
                    f"question id '{qid}' must be a slug (lowercase letters, digits, hyphens)",
                    "questions",
                    index,
                    "id",
                )
            if qid in seen:
                report(f"duplicate question id '{qid}'", "questions", index, "id")
            seen.add(qid)
            if question["points"] <= 0:
                report(f"question '{qid}': 'points' must be more than 0", "questions", index, "points")
            for message, key in QUESTION_KINDS[question["kind"]].validate(question):
                report(f"question '{qid}': {message}", "questions", index, *key)
        return problems

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """Show the questions and choices; never correct flags, answers or explanations."""
        questions = []
        for question in config["questions"]:
            kind = QUESTION_KINDS.get(question["kind"])
            public = {name: question[name] for name in ("id", "kind", "text", "points")}
            if kind is not None:
                public.update(kind.public(question))
            questions.append(public)
        return {
            "intro": config["intro"],
            "pass_mark": config["pass_mark"],
            "max_attempts": config["max_attempts"],
            "total_points": sum(q["points"] for q in config["questions"]),
            "questions": questions,
        }

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Score each question; a missing or malformed answer earns nothing."""
        answers = submission.get("answers") if isinstance(submission, dict) else None
        if not isinstance(answers, dict):
            answers = {}
        earned_total = possible = 0.0
        feedback = []
        for question in config["questions"]:
            kind = QUESTION_KINDS.get(question["kind"])
            points = float(question["points"])
            fraction = kind.score(question, answers.get(question["id"])) if kind else 0.0
            earned = points * fraction
            earned_total += earned
            possible += points
            feedback.append(
                {"id": question["id"], "points": points, "earned": earned, "correct": fraction >= 1.0}
            )
        score = clamp_score(earned_total / possible) if possible else 0.0
        passed = score >= config["pass_mark"] - 1e-9
        return GradeResult(score, passed, feedback, {"earned": earned_total, "possible": possible})

    def feedback_view(self, config: dict[str, Any], result: GradeResult) -> list[dict[str, Any]]:
        """Return each question's explanation with what the attempt earned on it."""
        earned = {entry["id"]: entry for entry in result.feedback}
        return [
            {
                "id": q["id"],
                "explanation": q["explanation"],
                "earned": earned.get(q["id"], {}).get("earned", 0.0),
                "points": q["points"],
            }
            for q in config["questions"]
        ]

    def estimated_minutes(self, config: dict[str, Any]) -> float:
        return self.minutes_per_question * len(config["questions"])

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the intro, questions, choices and explanations (all Markdown)."""
        texts = [config["intro"]]
        for question in config["questions"]:
            texts += [question["text"], question["explanation"]]
            texts += [choice["text"] for choice in question.get("choices", [])]
            texts += list(question.get("items", []))
        return [t for t in texts if t]

    # --- the web: the learner's form, and the editor (lms.exercises.quiz_editor) -------------------

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read ``q-<id>`` fields into ``{"answers": {...}}``."""
        from lms.exercises.quiz_editor import answers_from_form

        return {"answers": answers_from_form(config, form)}

    def new_config(self) -> dict[str, Any]:
        from lms.exercises.quiz_editor import NEW_CONFIG

        return copy.deepcopy(NEW_CONFIG)

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> Any:
        from lms.exercises.quiz_editor import settings_form

        return settings_form(config, formdata)

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        from lms.exercises.quiz_editor import settings_from_form

        return settings_from_form(config, form), []

    def editor_problems(self, config: dict[str, Any]) -> list[str]:
        """Nothing to say about a quiz still without questions: the page invites adding one."""
        return [p.message for p in self.validate(config)] if config["questions"] else []

    def part_kinds(self) -> dict[str, Any]:
        from lms.exercises.quiz_editor import QUESTION_KINDS as LABELS

        return dict(LABELS)

    def part_form(
        self, kind: str, part: dict[str, Any] | None, config: dict[str, Any], formdata: FormData | None = None
    ) -> Any:
        from lms.exercises.quiz_editor import question_form

        return question_form(kind, part, config, formdata)

    def part_from_form(
        self, kind: str, form: Any, old: dict[str, Any] | None, config: dict[str, Any]
    ) -> tuple[dict[str, Any], list[str]]:
        from lms.exercises.quiz_editor import question_from_form

        return question_from_form(kind, form, old, config)
