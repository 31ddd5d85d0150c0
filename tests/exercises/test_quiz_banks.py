"""Question banks and variation, pure: the draw, the shuffles, a state that no longer fits, the review policy,
blank submissions and the package keys of banks, time limits and review."""

from __future__ import annotations

import json
import random

import pytest

from lms.exercises import QuizExercise, ReviewContext

QUIZ = QuizExercise()


def question(n: int, tag: str) -> dict:
    return {
        "id": f"q{n}",
        "kind": "single",
        "text": f"Question {n}",
        "points": 1,
        "explanation": f"Explication {n}",
        "tags": [tag],
        "choices": [{"id": "a", "text": "A", "correct": False}, {"id": "b", "text": "B", "correct": True}],
    }


CONFIG = {
    "intro": "",
    "pass_mark": 1,
    "max_attempts": 0,
    "questions": [question(n, "boucles" if n <= 4 else "fonctions") for n in range(1, 7)],
    "draw": [{"tag": "boucles", "count": 2}, {"tag": "fonctions", "count": 1}],
    "shuffle_choices": True,
}


def test_each_draw_takes_count_questions_from_each_pool_and_shows_only_them():
    draws = set()
    for seed in range(40):
        state = QUIZ.new_state(CONFIG, random.Random(seed))
        ids = state["questions"]
        assert len(ids) == 3 and len(set(ids) & {"q1", "q2", "q3", "q4"}) == 2
        config = QUIZ.attempt_config(json.loads(json.dumps(CONFIG)), json.loads(json.dumps(state)))
        public = QUIZ.public_view(config)
        assert [q["id"] for q in public["questions"]] == ids and public["total_points"] == 3
        hidden = [q for q in CONFIG["questions"] if q["id"] not in ids]
        assert not any(q["text"] in json.dumps(public) for q in hidden)
        draws.add(tuple(ids))
    assert len(draws) > 3  # the draw varies


def test_grading_follows_the_draw_and_ignores_answers_to_questions_not_drawn():
    state = {"questions": ["q2", "q5"], "orders": {"q2": ["b", "a"], "q5": ["a", "b"]}}
    config = QUIZ.attempt_config(CONFIG, state)
    assert [c["id"] for c in QUIZ.public_view(config)["questions"][0]["choices"]] == ["b", "a"]
    result = QUIZ.grade(config, {"answers": {"q2": "b", "q5": "b", "q1": "b", "q3": "b"}})
    assert (result.score, result.passed, result.details["possible"]) == (1.0, True, 2.0)
    assert QUIZ.grade(config, {"answers": {"q1": "b", "q3": "b", "q4": "b"}}).score == 0.0


@pytest.mark.parametrize(
    "state",
    [
        None,
        {},
        {"questions": "q1"},
        {"questions": ["gone", 3]},  # every drawn question removed since: the quiz as it is now
    ],
)
def test_a_state_that_does_not_fit_gives_the_whole_quiz(state):
    assert QUIZ.attempt_config(CONFIG, state)["questions"] == CONFIG["questions"]


def test_a_forged_order_is_ignored_and_a_removed_question_is_skipped():
    config = QUIZ.attempt_config(CONFIG, {"questions": ["q1", "gone"], "orders": {"q1": ["a", "zzz"]}})
    assert [q["id"] for q in config["questions"]] == ["q1"]
    assert [c["id"] for c in QUIZ.public_view(config)["questions"][0]["choices"]] == ["a", "b"]


def test_a_quiz_without_bank_or_shuffle_keeps_no_state():
    plain = {k: v for k, v in CONFIG.items() if k not in ("draw", "shuffle_choices")}
    assert QUIZ.new_state(plain, random.Random(1)) is None
    assert QUIZ.time_limit(plain) is None and QUIZ.time_limit({**plain, "time_limit_minutes": 2}) == 120


@pytest.mark.parametrize(
    ("policy", "review", "shown"),
    [
        ({}, ReviewContext(1, None, False, False), True),
        ({"review": "never"}, ReviewContext(9, 0, True, True), False),
        ({"review": "after-passing"}, ReviewContext(3, None, False, True), False),
        ({"review": "after-passing"}, ReviewContext(1, None, True, False), True),
        ({"review": "after-passing"}, ReviewContext(2, 0, False, False), True),  # no attempt left
        ({"review": "after-attempts", "review_after_attempts": 2}, ReviewContext(1, 5, True, False), False),
        ({"review": "after-attempts", "review_after_attempts": 2}, ReviewContext(2, 5, False, False), True),
        ({"review": "after-due"}, ReviewContext(5, 0, True, False), False),
        ({"review": "after-due"}, ReviewContext(1, 2, False, True), True),
    ],
)
def test_the_review_policy(policy, review, shown):
    assert QUIZ.review_shown({**CONFIG, **policy}, review) is shown


@pytest.mark.parametrize(
    ("answers", "blank"),
    [
        ({}, True),
        ({"q1": ""}, True),
        ({"q1": "  ", "q2": []}, True),
        ({"q1": "a"}, False),
        ({"q1": ["a"]}, False),
    ],
)
def test_a_blank_submission(answers, blank):
    assert QUIZ.is_blank(CONFIG, {"answers": answers}) is blank
    assert QUIZ.is_blank(CONFIG, {"answers": "forged"}) and QUIZ.is_blank(CONFIG, {})


BANK = """type = "quiz"
type_version = 1
title = "Banque"
pass_mark = 1
shuffle_questions = true
time_limit_minutes = 10
review = "after-attempts"
review_after_attempts = 2

[[draw]]
tag = "boucles"
count = 1

[[questions]]
id = "q1"
kind = "numeric"
tags = ["boucles"]
text = "2 + 2 ?"
answer = 4

[[questions]]
id = "q2"
kind = "numeric"
tags = ["boucles"]
text = "3 + 3 ?"
answer = 6
"""


def test_a_bank_loads_and_writes_back(make_files, parse_checked):
    import tomli_w

    config, problems = parse_checked(QUIZ, make_files(BANK))
    assert problems == []
    assert config["draw"] == [{"tag": "boucles", "count": 1}] and config["time_limit_minutes"] == 10
    keys, _files = QUIZ.write(config)
    again = make_files(tomli_w.dumps({"type": "quiz", "type_version": 1, "title": "Banque", **keys}))
    assert QUIZ.parse(again) == config


@pytest.mark.parametrize(
    ("before", "after", "message", "line"),
    [
        ("count = 1", "count = 3", "'count' must be between 1 and 2", 12),
        ('tag = "boucles"', 'tag = "fonctions"', "no question has the tag 'fonctions'", 11),
        ('tags = ["boucles"]\ntext = "3', 'tags = ["autre"]\ntext = "3', "it would never be asked", 24),
        ('review = "after-attempts"', 'review = "sometimes"', "'review' must be one of", 7),
        ("review_after_attempts = 2", "review_after_attempts = 0", "must be 1 or more", 7),
        ("time_limit_minutes = 10", "time_limit_minutes = -1", "'time_limit_minutes' must be between", 6),
        ('tags = ["boucles"]\ntext = "2', 'tags = ["Boucles!"]\ntext = "2', "must be a slug", 17),
    ],
)
def test_bad_banks_are_reported_with_their_line(make_files, before, after, message, line):
    """As the package loader reports them: the file, and the line of the key (``doc.line``)."""
    files = make_files(BANK.replace(before, after, 1))
    config = QUIZ.parse(files)
    assert files.problems == []
    problems = [p for p in QUIZ.validate(config) if message in p.message]
    assert problems, [p.message for p in QUIZ.validate(config)]
    assert problems[0].path == "exercise.toml" and files.toml.line(*problems[0].key) == line
