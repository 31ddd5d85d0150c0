"""Matching and fill-in-the-blanks (cloze) questions: package format, secrecy, the form, grading edge cases."""

from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises import QuizExercise
from lms.exercises.questions import QUESTION_KINDS, item_key
from lms.exercises.quiz_editor import gap_from_line, gap_line

MATCHING = QUESTION_KINDS["matching"]
CLOZE = QUESTION_KINDS["cloze"]
PAIRS = [
    {"left": "`3`", "right": "int"},
    {"left": "`3.0`", "right": "float"},
    {"left": "`-1`", "right": "int"},
]
MATCH_Q = {
    "id": "m1",
    "kind": "matching",
    "text": "Le type de chaque valeur :",
    "points": 3,
    "explanation": "Un point décimal fait un float.",
    "tags": [],
    "pairs": PAIRS,
    "distractors": ["str"],
}
CLOZE_Q = {
    "id": "c1",
    "kind": "cloze",
    "text": "`for i in {{fn}}(3):` répète {{times}} fois ; `i` commence à {{start}}.",
    "points": 3,
    "explanation": "range(3) donne 0, 1, 2.",
    "tags": [],
    "gaps": [
        {"id": "fn", "kind": "text", "accepted": ["range"], "case_sensitive": True},
        {"id": "times", "kind": "number", "answer": 3, "tolerance": 0},
        {"id": "start", "kind": "choice", "choices": ["1", "0", "-1"], "correct": "0"},
    ],
}
CONFIG = {"intro": "", "pass_mark": 1, "max_attempts": 0, "questions": [MATCH_Q, CLOZE_Q]}
INT, FLOAT, STR = (item_key(t) for t in ("int", "float", "str"))


# --- matching --------------------------------------------------------------------------------------


def test_matching_public_view_has_prompts_and_hash_ordered_options_only():
    public = QuizExercise().public_view(CONFIG)["questions"][0]
    assert public["prompts"] == [{"id": f"p{n}", "text": p["left"]} for n, p in enumerate(PAIRS, 1)]
    assert sorted(o["text"] for o in public["options"]) == ["float", "int", "str"]  # each answer once
    assert [o["id"] for o in public["options"]] == sorted(o["id"] for o in public["options"])
    assert "pairs" not in public and "explanation" not in json.dumps(public)
    assert "right" not in json.dumps(public) and "distractors" not in public


@pytest.mark.parametrize(
    ("value", "fraction"),
    [
        ({"p1": INT, "p2": FLOAT, "p3": INT}, 1.0),
        ({"p1": INT, "p2": INT, "p3": INT}, 2 / 3),
        ({"p1": STR, "p2": STR, "p3": STR}, 0.0),  # the distractor matches nothing
        ({"p1": INT}, 1 / 3),  # unanswered prompts earn nothing
        ({"p1": "forged", "p2": FLOAT, "p9": INT}, 1 / 3),
        ({"p1": ["int"], "p2": None}, 0.0),
        ([INT, FLOAT, INT], 0.0),
        ("int", 0.0),
        (None, 0.0),
    ],
)
def test_each_right_match_earns_its_share(value, fraction):
    assert MATCHING.score(MATCH_Q, value) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pairs": PAIRS[:1]}, "at least two pairs"),
        ({"pairs": [*PAIRS, {"left": "`3`", "right": "str"}]}, "appears twice"),
        ({"pairs": [*PAIRS, {"left": " ", "right": "x"}]}, "empty side"),
        ({"distractors": ["int"]}, "also the answer"),
        ({"distractors": [""]}, "distractor is empty"),
    ],
)
def test_matching_validation(change, message):
    findings = MATCHING.validate({**MATCH_Q, **change})
    assert any(message in text for text, _key in findings), findings


# --- cloze -----------------------------------------------------------------------------------------


def test_cloze_public_view_replaces_gaps_and_hides_answers():
    public = QuizExercise().public_view(CONFIG)["questions"][1]
    assert "{{" not in public["text"] and public["text"].count("xgap") == 3
    assert [g["kind"] for g in public["gaps"]] == ["text", "number", "choice"]
    assert sorted(public["gaps"][2]["choices"]) == ["-1", "0", "1"]
    dumped = json.dumps(public)
    for secret in ("accepted", "range", "answer", "correct", "tolerance", "explanation"):
        assert secret not in dumped


@pytest.mark.parametrize(
    ("value", "fraction"),
    [
        ({"fn": "range", "times": "3", "start": "0"}, 1.0),
        ({"fn": " range ", "times": "3,0", "start": "0"}, 1.0),  # spaces; a decimal comma
        ({"fn": "Range", "times": "3", "start": "0"}, 2 / 3),  # case matters for this gap
        ({"fn": "range", "times": "٣", "start": "1"}, 2 / 3),  # Arabic-Indic digits are a number
        ({"fn": "range", "times": "three", "start": "zero"}, 1 / 3),
        ({"times": "3"}, 1 / 3),
        ({"fn": ["range"], "times": 3, "start": None}, 0.0),  # not strings: never trusted
        ({}, 0.0),
        ("range 3 0", 0.0),
        (None, 0.0),
    ],
)
def test_each_right_gap_earns_its_share(value, fraction):
    assert CLOZE.score(CLOZE_Q, value) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "no gap here"}, "exactly once"),
        ({"text": CLOZE_Q["text"] + " {{fn}}"}, "exactly once"),
        ({"text": CLOZE_Q["text"] + " {{other}}"}, "not defined"),
        ({"gaps": []}, "at least one gap"),
        (
            {"gaps": [*CLOZE_Q["gaps"][:2], {**CLOZE_Q["gaps"][2], "correct": "2"}]},
            "one of the gap's choices",
        ),
        ({"gaps": [*CLOZE_Q["gaps"][:2], {**CLOZE_Q["gaps"][2], "choices": ["0", "0"]}]}, "two different"),
        ({"gaps": [{**CLOZE_Q["gaps"][0], "accepted": []}, *CLOZE_Q["gaps"][1:]]}, "accepted answers"),
        (
            {"gaps": [CLOZE_Q["gaps"][0], {**CLOZE_Q["gaps"][1], "tolerance": -1}, CLOZE_Q["gaps"][2]]},
            "negative",
        ),
    ],
)
def test_cloze_validation(change, message):
    findings = CLOZE.validate({**CLOZE_Q, **change})
    assert any(message in text for text, _key in findings), findings


def test_the_form_reads_matches_and_gaps():
    form = MultiDict(
        {
            "q-m1-p1": INT,
            "q-m1-p2": FLOAT,
            "q-m1-p3": INT,
            "q-c1-fn": "range",
            "q-c1-times": "3",
            "q-c1-start": "0",
        }
    )
    quiz = QuizExercise()
    submission = quiz.submission_from_form(CONFIG, form)
    assert submission["answers"] == {
        "m1": {"p1": INT, "p2": FLOAT, "p3": INT},
        "c1": {"fn": "range", "times": "3", "start": "0"},
    }
    result = quiz.grade(CONFIG, submission)
    assert (result.score, result.passed) == (1.0, True)
    assert not quiz.is_blank(CONFIG, submission)
    assert quiz.is_blank(CONFIG, quiz.submission_from_form(CONFIG, MultiDict({"q-c1-fn": "  "})))


def test_right_answers_are_given_only_by_the_feedback_view():
    quiz = QuizExercise()
    result = quiz.grade(CONFIG, {"answers": {}})
    answers = {entry["id"]: entry["answer"] for entry in quiz.feedback_view(CONFIG, result)}
    assert answers["m1"] == ["`3` → int", "`3.0` → float", "`-1` → int"]
    assert answers["c1"] == ["(1) range", "(2) 3", "(3) 0"]


@pytest.mark.parametrize("gap", CLOZE_Q["gaps"])
def test_the_editor_writes_and_reads_back_each_gap(gap):
    assert gap_from_line(gap_line(gap)) == gap


@pytest.mark.parametrize("line", ["fn range", "x: number: three", "x: essay: 1", ": text: a"])
def test_the_editor_refuses_a_malformed_gap_line(line):
    assert gap_from_line(line) is None


# --- the package format ----------------------------------------------------------------------------

TOML = """type = "quiz"
type_version = 1
title = "Types"
pass_mark = 0.5

[[questions]]
id = "m1"
kind = "matching"
text = "Le type de chaque valeur :"
pairs = [
  { left = "`3`", right = "int" },
  { left = "`3.0`", right = "float" },
]
distractors = ["str"]

[[questions]]
id = "c1"
kind = "cloze"
text = "`for i in {{fn}}(3):` répète {{times}} fois ; `i` commence à {{start}}."

[[questions.gaps]]
id = "fn"
kind = "text"
accepted = ["range"]

[[questions.gaps]]
id = "times"
kind = "number"
answer = 3

[[questions.gaps]]
id = "start"
kind = "choice"
choices = ["0", "1"]
correct = "0"
"""


def test_a_package_with_matching_and_cloze_loads_and_writes_back(make_files, parse_checked):
    quiz = QuizExercise()
    config, problems = parse_checked(quiz, make_files(TOML))
    assert problems == []
    assert config["questions"][0]["pairs"][1] == {"left": "`3.0`", "right": "float"}
    assert [g["kind"] for g in config["questions"][1]["gaps"]] == ["text", "number", "choice"]
    keys, files = quiz.write(json.loads(json.dumps(config)))
    import tomli_w

    again = make_files(tomli_w.dumps({"type": "quiz", "type_version": 1, "title": "Types", **keys}))
    assert quiz.parse(again) == config and again.problems == [] and files == {}


@pytest.mark.parametrize(
    ("before", "after", "message", "line"),
    [
        (
            'kind = "number"\nanswer = 3',
            'kind = "number"\nanswer = 3\naccepted = ["3"]',
            "'accepted' does not apply to a number gap",
            30,
        ),
        ('kind = "number"\nanswer = 3', 'kind = "essay"', "unknown gap kind 'essay'", 28),
        ('{ left = "`3`", right = "int" }', '{ left = "`3`" }', "missing required key 'right'", 10),
        ('correct = "0"', "correct = 0", "'correct' must be a string", 35),
    ],
)
def test_shape_problems_carry_file_and_line(make_files, before, after, message, line):
    files = make_files(TOML.replace(before, after))
    QuizExercise().parse(files)
    found = [p for p in files.problems if message in p.message]
    assert found, [p.message for p in files.problems]
    assert found[0].path.endswith("exercise.toml") and found[0].line == line


# --- the translations overlay ----------------------------------------------------------------------


def test_an_arabic_overlay_translates_pairs_distractors_and_gaps_but_not_ids(make_files):
    from lms.exercises.overlay import apply_overlay
    from lms.exercises.toml_source import parse_toml

    original = make_files(TOML).data
    overlay = (
        '[[questions]]\nid = "m1"\ntext = "نوع كل قيمة:"\n'
        'pairs = [{ left = "`3`", right = "عدد صحيح" }, { left = "`3.0`", right = "عدد عشري" }]\n'
        'distractors = ["نص"]\n'
        '[[questions]]\nid = "c1"\n[[questions.gaps]]\nid = "start"\nchoices = ["٠", "١"]\ncorrect = "٠"\n'
    )
    doc, problems = parse_toml(overlay, "locales/ar/exercise.toml")
    merged, problems = apply_overlay(original, doc.data, QuizExercise.translatable, doc)
    assert problems == []
    assert merged["questions"][0]["pairs"][1] == {"left": "`3.0`", "right": "عدد عشري"}
    assert merged["questions"][1]["gaps"][2]["correct"] == "٠"
    refused = parse_toml(
        '[[questions]]\nid = "c1"\n[[questions.gaps]]\nid = "times"\nanswer = 4\n', "x.toml"
    )[0]
    _merged, problems = apply_overlay(original, refused.data, QuizExercise.translatable, refused)
    assert [p.line for p in problems] == [5] and "'answer' cannot be translated" in problems[0].message
