"""A teacher reads a quiz answer in words: matched pairs, filled gaps, ordered items, chosen texts."""

from __future__ import annotations

from lms.exercises.questions import item_key, matching_options, ordering_items
from lms.exercises.quiz import QuizExercise


def test_every_kind_of_answer_is_described_in_words():
    matching = {
        "id": "m",
        "kind": "matching",
        "text": "Associe",
        "pairs": [{"left": "`3`", "right": "int"}, {"left": "`3.0`", "right": "float"}],
        "distractors": ["str"],
    }
    options = {o["text"]: o["id"] for o in matching_options(matching)}
    ordering = {"id": "o", "kind": "ordering", "text": "Range", "items": ["a", "b"]}
    keys = [i["id"] for i in ordering_items(ordering)]
    config = {
        "questions": [
            matching,
            {"id": "c", "kind": "cloze", "text": "{{fn}}(3)", "gaps": [{"id": "fn", "kind": "text"}]},
            ordering,
            {"id": "s", "kind": "single", "text": "Type ?", "choices": [{"id": "x", "text": "int"}]},
            {"id": "e", "kind": "single", "text": "Vide", "choices": []},
        ]
    }
    submission = {
        "answers": {
            "m": {"p1": options["int"], "p2": options["str"]},
            "c": {"fn": "range"},
            "o": list(reversed(keys)),
            "s": "x",
        }
    }
    described = dict(QuizExercise().describe_submission(config, submission))
    assert described["Associe"] == "`3` → int; `3.0` → str"
    assert described["{{fn}}(3)"] == "fn: range"
    assert described["Range"] == "b, a"
    assert described["Type ?"] == "int"
    assert described["Vide"] == "(no answer)"
    assert item_key("a") in keys
