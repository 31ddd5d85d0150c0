"""Locating TOML keys by line, and applying translation overlays."""

from __future__ import annotations

from lms.exercises.overlay import Translatable, apply_overlay
from lms.exercises.toml_source import index_lines, parse_toml

TEXT = '''title = "x"
intro = """
questions = "not a key"
"""
"dotted.key" = 1
a.b = 2

[limits]
cpu_seconds = 2

[[questions]]
id = "q1"
[[questions.choices]]
id = "a"
[[questions.choices]]
id = "b"
correct = true

[[questions]]
id = "q2"
[[questions.choices]]
id = "c"
'''


def test_every_key_and_table_has_its_line():
    lines = index_lines(TEXT)
    assert lines[("title",)] == 1
    assert ("questions",) not in lines or lines[("questions",)] == 11  # not fooled by the multi-line string
    assert lines[("dotted.key",)] == 5
    assert lines[("a", "b")] == 6
    assert lines[("limits", "cpu_seconds")] == 9
    assert lines[("questions", 0, "choices", 1, "correct")] == 17
    assert lines[("questions", 1)] == 19
    assert lines[("questions", 1, "choices", 0, "id")] == 22


def test_an_unknown_key_falls_back_to_its_table():
    doc, _ = parse_toml(TEXT, "x.toml")
    assert doc.line("questions", 1, "answer") == 19
    assert doc.line("nowhere") is None
    assert str(doc.problem("bad", "limits", "memory_mb")) == "x.toml:8: bad"


def test_a_syntax_error_gives_its_line_and_column():
    doc, problems = parse_toml('a = 1\nb = "open\n', "course/x.toml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "course/x.toml:2: invalid TOML: Illegal character '\\n' (column 10)"
    ]


QUIZ_SPEC = Translatable(
    frozenset({"title"}),
    {
        "questions": (
            ("id",),
            Translatable(frozenset({"text"}), {"choices": (("id",), Translatable(frozenset({"text"})))}),
        )
    },
)
ORIGINAL = {
    "title": "Quiz",
    "pass_mark": 0.5,
    "questions": [
        {
            "id": "q1",
            "text": "Un ?",
            "choices": [{"id": "a", "text": "oui", "correct": True}, {"id": "b", "text": "non"}],
        },
        {"id": "q2", "text": "Deux ?", "answer": 2},
    ],
}


def overlay(text: str):
    doc, problems = parse_toml(text, "locales/ar/x.toml")
    assert problems == []
    return apply_overlay(ORIGINAL, doc.data, QUIZ_SPEC, doc)


def test_overlay_replaces_translatable_keys_matched_by_id():
    merged, problems = overlay('title = "اختبار"\n[[questions]]\nid = "q2"\ntext = "اثنان؟"\n')
    assert problems == []
    assert merged["title"] == "اختبار"
    assert merged["questions"][1] == {"id": "q2", "text": "اثنان؟", "answer": 2}
    assert merged["questions"][0] == ORIGINAL["questions"][0]
    assert ORIGINAL["title"] == "Quiz"  # the original is not modified


def test_overlay_entries_without_id_match_by_position():
    merged, problems = overlay('[[questions]]\n[[questions]]\ntext = "اثنان؟"\n')
    assert problems == []
    assert merged["questions"][1]["text"] == "اثنان؟"


def test_overlay_refuses_answers_unknown_ids_and_wrong_kinds():
    text = (
        'pass_mark = 0.9\n[[questions]]\nid = "q1"\ntext = 3\n'
        '[[questions.choices]]\nid = "a"\ncorrect = false\n'
        '[[questions]]\nid = "q9"\ntext = "?"\n[[questions]]\n'
    )
    merged, problems = overlay(text)
    assert [str(p) for p in problems] == [
        "locales/ar/x.toml:1: 'pass_mark' cannot be translated (a translation may set: questions, title)",
        "locales/ar/x.toml:4: 'text' must be a string like the original, not an integer",
        "locales/ar/x.toml:7: 'correct' cannot be translated (a translation may set: text)",
        "locales/ar/x.toml:9: 'questions': the original has no entry with id 'q9'",
        "locales/ar/x.toml:11: 'questions': entry 3 has no counterpart (the original has 2)",
    ]
    assert merged == ORIGINAL
