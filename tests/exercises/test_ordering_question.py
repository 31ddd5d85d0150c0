"""Ordering questions in quizzes: secrecy of the shuffled items, reading the form, grading edge cases."""

from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises import QuizExercise
from lms.exercises.questions import QUESTION_KINDS, ordering_items

ORDERING = QUESTION_KINDS["ordering"]
QUESTION = {
    "id": "q1",
    "kind": "ordering",
    "text": "Dans l'ordre d'exécution :",
    "points": 2,
    "explanation": "",
    "items": ["`x = 1`", "`x = x + 1`", "`print(x)`"],
}
CONFIG = {"intro": "", "pass_mark": 1, "max_attempts": 0, "questions": [QUESTION]}
IDS = [item["id"] for item in ordering_items(QUESTION)]


def test_the_public_items_are_shuffled_by_hash_and_carry_no_order():
    public = QuizExercise().public_view(CONFIG)["questions"][0]
    assert [i["text"] for i in public["items"]] != QUESTION["items"]
    assert sorted(i["text"] for i in public["items"]) == sorted(QUESTION["items"])
    assert all(set(i) == {"id", "text"} for i in public["items"])
    assert [i["id"] for i in public["items"]] == sorted(IDS)
    assert "answer" not in json.dumps(public)


@pytest.mark.parametrize(
    ("value", "fraction"),
    [
        (IDS, 1.0),
        ([IDS[1], IDS[0], IDS[2]], 1 / 3),
        (list(reversed(IDS)), 1 / 3),
        ([IDS[2], IDS[0], IDS[1]], 0.0),
        (IDS[:2], 0.0),  # an item left out
        ([IDS[0], IDS[0], IDS[2]], 0.0),  # an item twice
        ([*IDS, "forged"], 0.0),
        ("q1", 0.0),
        (None, 0.0),
        ([1, 2, 3], 0.0),
    ],
)
def test_each_item_in_its_place_earns_its_share(value, fraction):
    assert ORDERING.score(QUESTION, value) == pytest.approx(fraction)


def test_identical_items_are_interchangeable():
    question = {**QUESTION, "items": ["a", "b", "a"]}
    ids = [item["id"] for item in ordering_items(question)]
    assert len(set(ids)) == 3
    assert ORDERING.score(question, [ids[2], ids[1], ids[0]]) == 1.0


@pytest.mark.parametrize("items", [["seul"], [], ["a", "  "]])
def test_too_few_or_empty_items_are_refused(items):
    assert ORDERING.validate({**QUESTION, "items": items})


def test_the_form_gives_each_item_its_place():
    form = MultiDict({f"q-q1-{IDS[0]}": "1", f"q-q1-{IDS[1]}": "2", f"q-q1-{IDS[2]}": "3"})
    quiz = QuizExercise()
    submission = quiz.submission_from_form(CONFIG, form)
    assert submission == {"answers": {"q1": IDS}}
    result = quiz.grade(CONFIG, submission)
    assert (result.score, result.passed) == (1.0, True)
    partial = MultiDict({f"q-q1-{IDS[2]}": "1", f"q-q1-{IDS[0]}": "x"})
    order = quiz.submission_from_form(CONFIG, partial)["answers"]["q1"]
    assert order[0] == IDS[2] and sorted(order) == sorted(IDS)  # unplaced items go last


def test_a_package_with_an_ordering_question_loads(make_files):
    toml = (
        'type = "quiz"\ntype_version = 1\ntitle = "Q"\npass_mark = 1\n'
        '[[questions]]\nid = "q1"\nkind = "ordering"\ntext = "Ordre ?"\nitems = ["a", "b"]\n'
    )
    files = make_files(toml)
    config = QuizExercise().parse(files)
    assert files.problems == [] and config["questions"][0]["items"] == ["a", "b"]
    assert QuizExercise().validate(config) == []
