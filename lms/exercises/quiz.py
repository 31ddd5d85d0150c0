"""The built-in ``quiz`` type: questions of several kinds, scored by points, with a pass mark."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from lms.exercises.base import ExerciseType, FormData, GradeResult, ReviewContext, Submission, clamp_score
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.questions import QUESTION_KINDS, choice_options, matching_options, ordering_items
from lms.exercises.tables import BOOLEAN, INTEGER, NUMBER, REQUIRED, STRING, STRINGS, TABLES, Spec, read_table

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

QUIZ_SPEC: Spec = {
    "pass_mark": (NUMBER, REQUIRED),
    "max_attempts": (INTEGER, 0),
    "intro": (STRING, ""),
    "questions": (TABLES, REQUIRED),
    "draw": (TABLES, []),
    "shuffle_questions": (BOOLEAN, False),
    "shuffle_choices": (BOOLEAN, False),
    "time_limit_minutes": (INTEGER, 0),
    "review": (STRING, "after-attempt"),
    "review_after_attempts": (INTEGER, 0),
}
QUESTION_SPEC: Spec = {
    "id": (STRING, REQUIRED),
    "kind": (STRING, REQUIRED),
    "text": (STRING, REQUIRED),
    "points": (NUMBER, 1),
    "explanation": (STRING, ""),
    "tags": (STRINGS, []),
}
DRAW_SPEC: Spec = {"tag": (STRING, REQUIRED), "count": (INTEGER, REQUIRED)}
#: when right answers and explanations are shown (``review``), see ``QuizExercise.review_shown``
REVIEW_POLICIES = ("after-attempt", "after-passing", "after-attempts", "after-due", "never")
#: the quiz options and their defaults: a quiz written before them reads as it always did
OPTIONS: dict[str, Any] = {
    "draw": [],
    "shuffle_questions": False,
    "shuffle_choices": False,
    "time_limit_minutes": 0,
    "review": "after-attempt",
    "review_after_attempts": 0,
}


def option(config: dict[str, Any], name: str) -> Any:
    """A quiz option, with its default for configs stored before the option existed."""
    return config.get(name, OPTIONS[name])


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
                    frozenset({"text", "explanation", "accepted", "items", "distractors"}),
                    {
                        "choices": (("id",), Translatable(frozenset({"text"}))),
                        "pairs": ((), Translatable(frozenset({"left", "right"}))),
                        "gaps": (("id",), Translatable(frozenset({"accepted", "choices", "correct"}))),
                    },
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
        draw = []
        for index, raw in enumerate(values.get("draw", [])):
            checked = files.read(raw, DRAW_SPEC, "draw", index)
            draw.append({"tag": checked.get("tag", ""), "count": checked.get("count", 0)})
        config = {
            "intro": values.get("intro", ""),
            "pass_mark": values.get("pass_mark"),
            "max_attempts": values.get("max_attempts", 0),
            "questions": questions,
        }
        for name in OPTIONS:
            if name != "draw" and values.get(name, OPTIONS[name]) != OPTIONS[name]:
                config[name] = values[name]
        if draw:
            config["draw"] = draw
        return config

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Write the settings and every question with all its keys (so translations find them)."""
        options = {name: config[name] for name in OPTIONS if name in config and config[name] != OPTIONS[name]}
        return {
            "pass_mark": config["pass_mark"],
            "max_attempts": config["max_attempts"],
            "intro": config["intro"],
            **options,
            "questions": [
                {name: value for name, value in question.items() if not (name == "tags" and not value)}
                for question in config["questions"]
            ],
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
            for tag in question.get("tags") or []:
                if not _SLUG.match(tag):
                    report(f"question '{qid}': tag '{tag}' must be a slug", "questions", index, "tags")
        self._validate_options(config, report)
        return problems

    @staticmethod
    def _validate_options(config: dict[str, Any], report: Any) -> None:
        """Check the bank's draw rules, the time limit and the review policy."""
        draw = option(config, "draw")
        used: set[str] = set()
        for index, rule in enumerate(draw):
            tagged = [q for q in config["questions"] if rule["tag"] in (q.get("tags") or [])]
            if rule["tag"] in used:
                report(f"the tag '{rule['tag']}' is drawn from twice", "draw", index, "tag")
            used.add(rule["tag"])
            if not tagged:
                report(f"no question has the tag '{rule['tag']}'", "draw", index, "tag")
            elif not 1 <= rule["count"] <= len(tagged):
                report(
                    f"'count' must be between 1 and {len(tagged)} (the questions tagged '{rule['tag']}')",
                    "draw",
                    index,
                    "count",
                )
        if draw:
            for index, question in enumerate(config["questions"]):
                if not used & set(question.get("tags") or []):
                    report(
                        f"question '{question['id']}' has no tag that is drawn from: it would never be asked",
                        "questions",
                        index,
                        "tags",
                    )
        if not 0 <= option(config, "time_limit_minutes") <= 24 * 60:
            report("'time_limit_minutes' must be between 0 (no limit) and 1440", "time_limit_minutes")
        if option(config, "review") not in REVIEW_POLICIES:
            report(f"'review' must be one of: {', '.join(REVIEW_POLICIES)}", "review")
        after = option(config, "review_after_attempts")
        if option(config, "review") == "after-attempts" and after < 1:
            report("'review_after_attempts' must be 1 or more with review = \"after-attempts\"", "review")
        elif option(config, "review") != "after-attempts" and after:
            report(
                "'review_after_attempts' only applies with review = \"after-attempts\"",
                "review_after_attempts",
            )

    # --- one attempt's draw, its clock and its review -------------------------------------------------

    def new_state(self, config: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
        """Draw the attempt's questions from the tagged pools and shuffle what the quiz asks to."""
        draw = option(config, "draw")
        if not draw and not option(config, "shuffle_questions") and not option(config, "shuffle_choices"):
            return None
        questions = config["questions"]
        if draw:
            chosen: set[str] = set()
            for rule in draw:
                pool = [
                    q["id"]
                    for q in questions
                    if rule["tag"] in (q.get("tags") or []) and q["id"] not in chosen
                ]
                chosen.update(rng.sample(pool, min(max(int(rule["count"]), 0), len(pool))))
            ids = [q["id"] for q in questions if q["id"] in chosen]
        else:
            ids = [q["id"] for q in questions]
        if option(config, "shuffle_questions"):
            rng.shuffle(ids)
        state: dict[str, Any] = {"questions": ids}
        if option(config, "shuffle_choices"):
            by_id = {q["id"]: q for q in questions}
            state["orders"] = {qid: _shuffled_order(by_id[qid], rng) for qid in ids}
        return state

    def attempt_config(self, config: dict[str, Any], state: dict[str, Any] | None) -> dict[str, Any]:
        """Keep the drawn questions in the drawn order, each with its shuffled order to show."""
        if not isinstance(state, dict) or not isinstance(state.get("questions"), list):
            return config
        by_id = {q["id"]: q for q in config["questions"]}
        orders = state.get("orders") if isinstance(state.get("orders"), dict) else {}
        questions = []
        for qid in state["questions"]:
            if isinstance(qid, str) and qid in by_id:
                question = dict(by_id[qid])
                if orders.get(qid) is not None:
                    question["shown_order"] = orders[qid]
                questions.append(question)
        if not questions:  # the drawn questions were all removed since: the quiz as it is now
            return config
        return {**config, "questions": questions}

    def time_limit(self, config: dict[str, Any]) -> int | None:
        minutes = int(option(config, "time_limit_minutes") or 0)
        return minutes * 60 if minutes > 0 else None

    def is_blank(self, config: dict[str, Any], submission: Submission) -> bool:
        """No question answered: nothing typed, ticked, chosen or placed."""
        answers = submission.get("answers") if isinstance(submission, dict) else None
        return not isinstance(answers, dict) or not any(_answered(value) for value in answers.values())

    def review_shown(self, config: dict[str, Any], review: ReviewContext) -> bool:
        """Right answers and explanations follow the quiz's ``review`` policy.

        Passing, or having no attempt left, opens the review under ``after-passing`` and
        ``after-attempts`` alike: a learner who can no longer try may learn from it.
        """
        policy = option(config, "review")
        out_of_attempts = review.attempts_left == 0
        if policy == "after-attempt":
            return True
        if policy == "after-passing":
            return review.passed or out_of_attempts
        if policy == "after-attempts":
            return (
                review.attempts_used >= max(1, int(option(config, "review_after_attempts")))
                or out_of_attempts
            )
        if policy == "after-due":
            return review.due_passed
        return False

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
            "time_limit_minutes": option(config, "time_limit_minutes"),
            "review": option(config, "review"),
            "review_after_attempts": option(config, "review_after_attempts"),
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
        """Return each question's explanation and right answer with what the attempt earned on it."""
        earned = {entry["id"]: entry for entry in result.feedback}
        return [
            {
                "id": q["id"],
                "explanation": q["explanation"],
                "answer": right_answer(q),
                "earned": earned.get(q["id"], {}).get("earned", 0.0),
                "points": q["points"],
            }
            for q in config["questions"]
        ]

    def estimated_minutes(self, config: dict[str, Any]) -> float:
        return self.minutes_per_question * len(config["questions"])

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        """Each question with what the learner gave, in words: choices' and items' texts, each prompt with
        the option matched to it, each gap with what was typed in it."""
        answers = submission.get("answers") if isinstance(submission, dict) else None
        answers = answers if isinstance(answers, dict) else {}
        pairs = []
        for question in config.get("questions", []):
            given = answers.get(question.get("id"))
            pairs.append((str(question.get("text", question.get("id", ""))), _described(question, given)))
        return pairs

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the intro, questions, choices and explanations (all Markdown)."""
        texts = [config["intro"]]
        for question in config["questions"]:
            texts += [question["text"], question["explanation"]]
            texts += [choice["text"] for choice in question.get("choices", [])]
            texts += list(question.get("items", []))
            texts += [side for pair in question.get("pairs", []) for side in (pair["left"], pair["right"])]
            texts += list(question.get("distractors", []))
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

        return settings_from_form(config, form)

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


def _shuffled_order(question: dict[str, Any], rng: random.Random) -> list[str] | dict[str, list[str]] | None:
    """The order in which one attempt shows a question's choices, items or options (None: as authored)."""
    kind = question["kind"]
    if kind in ("single", "multiple"):
        order = [c["id"] for c in question.get("choices", [])]
    elif kind == "ordering":
        order = [item["id"] for item in ordering_items(question)]
    elif kind == "matching":
        order = [o["id"] for o in matching_options(question)]
    elif kind == "cloze":
        orders = {}
        for gap in question.get("gaps", []):
            if gap["kind"] == "choice":
                choices = choice_options(gap.get("choices", []))
                rng.shuffle(choices)
                orders[gap["id"]] = choices
        return orders
    else:
        return None
    rng.shuffle(order)
    return order


def _answered(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, dict):
        return any(_answered(v) for v in value.values())
    return value is not None


def right_answer(question: dict[str, Any]) -> list[str]:
    """The right answer of a question, as Markdown lines to show once the review policy allows it."""
    kind = question["kind"]
    if kind in ("single", "multiple"):
        return [c["text"] for c in question.get("choices", []) if c.get("correct")]
    if kind == "numeric":
        tolerance = question.get("tolerance", 0)
        return [f"{question['answer']:g}" + (f" ± {tolerance:g}" if tolerance else "")]
    if kind == "text":
        return list(question.get("accepted", []))[:1]
    if kind == "ordering":
        return list(question.get("items", []))
    if kind == "matching":
        return [f"{pair['left']} → {pair['right']}" for pair in question.get("pairs", [])]
    if kind == "cloze":
        lines = []
        for number, gap in enumerate(question.get("gaps", []), 1):
            if gap["kind"] == "text":
                value = (gap.get("accepted") or [""])[0]
            elif gap["kind"] == "number":
                value = f"{gap.get('answer', 0):g}"
            else:
                value = gap.get("correct", "")
            lines.append(f"({number}) {value}")
        return lines
    return []


def _described(question: dict[str, Any], given: Any) -> str:
    """What a learner gave to one question, as a teacher reads it."""
    if given in (None, "", [], {}):
        return gettext("(no answer)")
    if isinstance(given, dict):
        if question.get("kind") == "matching":
            options = {o["id"]: o["text"] for o in matching_options(question)}
            return "; ".join(
                f"{pair['left']} → {options.get(given.get(f'p{n}'), '—')}"
                for n, pair in enumerate(question.get("pairs", []), 1)
            )
        return "; ".join(f"{gap}: {value}" for gap, value in given.items())
    texts = {c.get("id"): c.get("text", "") for c in question.get("choices", [])}
    texts.update({i["id"]: i["text"] for i in ordering_items(question)})
    values = given if isinstance(given, list) else [given]
    return ", ".join(str(texts.get(v, v)) for v in values)
