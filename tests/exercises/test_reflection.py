"""The reflection type: complete at a minimum number of words, in any script."""

from __future__ import annotations

import pytest

from lms.exercises import ReflectionExercise
from lms.exercises.reflection import count_words

REFLECTION = ReflectionExercise()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("Bonjour à tous", 3),
        ("l'élève aujourd'hui va-et-vient", 3),
        ("أستعمل هذا النشاط مع تلاميذي", 5),
        ("كَتَبَ الطَّالِبُ الدَّرْسَ", 3),  # diacritics do not split words
        ("كـــتب", 1),  # nor does the tatweel
        ("J'utilise print() avec mes élèves — ثم نناقش النتائج.", 8),
        ("... !!! ---", 0),
        ("Python 3.12 est sorti en 2023", 6),
    ],
)
def test_words_are_counted_in_any_script(text, words):
    assert count_words(text) == words


def test_complete_at_min_words():
    config = {"prompt": "?", "min_words": 5}
    done = REFLECTION.grade(config, {"text": "أستعمل هذا النشاط مع تلاميذي"})
    assert (done.score, done.passed) == (1.0, True)
    short = REFLECTION.grade(config, {"text": "Trop court."})
    assert (short.score, short.passed) == (0.0, False)
    assert short.feedback[0]["words"] == 2
    assert short.feedback[0]["message"] == "2 words written; at least 5 are needed."


@pytest.mark.parametrize(
    "filler",
    [
        "bla " * 60,
        "Je pense que. " * 20,
        "نعم " * 40,
        "lorem ipsum dolor " * 15,
    ],
)
def test_repeated_filler_does_not_complete_a_reflection(filler):
    config = {"prompt": "?", "min_words": 30}
    result = REFLECTION.grade(config, {"text": filler})
    assert (result.score, result.passed) == (0.0, False)
    entry = result.feedback[0]
    assert entry["words"] >= 30 and entry["different_words"] < entry["different_needed"] == 15
    assert "different word" in entry["message"] and "at least 15 different words" in entry["message"]


@pytest.mark.parametrize(
    "text",
    [
        # Natural writing repeats its small words: still complete at the minimum.
        "Dans ma classe de tronc commun, je commencerai par une question sur la vie du quartier, puis les "
        "élèves travailleront par deux sur la machine et la feuille, et je passerai de table en table pour "
        "les aider.",
        "سأبدأ الحصة بسؤال عن الحي ثم يعمل التلاميذ في مجموعات صغيرة على الحاسوب وأتنقل بين المجموعات "
        "لأساعدهم وفي نهاية الحصة نعرض ما أنجزته كل مجموعة ونناقش الصعوبات التي واجهتها والحلول الممكنة "
        "للمرة القادمة مع الأستاذ",
    ],
)
def test_natural_writing_at_the_minimum_completes(text):
    result = REFLECTION.grade({"prompt": "?", "min_words": 30}, {"text": text})
    assert count_words(text) >= 30
    assert result.passed, result.feedback


def test_a_minimum_of_one_word_needs_one_word():
    assert REFLECTION.grade({"prompt": "?", "min_words": 1}, {"text": "Oui"}).passed


@pytest.mark.parametrize("submission", [{}, {"text": None}, {"text": ["a"] * 50}, None, "text"])
def test_malformed_submissions_are_incomplete(submission):
    assert not REFLECTION.grade({"prompt": "?", "min_words": 1}, submission).passed


def test_parse_reads_the_prompt_and_default_minimum(make_files, parse_checked):
    toml = 'type = "reflection"\ntype_version = 1\ntitle = "R"\n'
    config, problems = parse_checked(REFLECTION, make_files(toml, **{"prompt.md": "Comment ?"}))
    assert problems == []
    assert config == {"prompt": "Comment ?", "min_words": 30}
    assert REFLECTION.public_view(config) == config


@pytest.mark.parametrize(
    ("extra", "files", "message"),
    [
        ("min_words = 0\n", {"prompt.md": "?"}, "'min_words' must be at least 1"),
        ('min_words = "30"\n', {"prompt.md": "?"}, "'min_words' must be an integer, not a string"),
        ("", {}, "missing file prompt.md"),
        ("words = 3\n", {"prompt.md": "?"}, "unknown key 'words'"),
    ],
)
def test_parse_and_validate_report_problems(make_files, parse_checked, extra, files, message):
    toml = 'type = "reflection"\ntype_version = 1\ntitle = "R"\n' + extra
    _, problems = parse_checked(REFLECTION, make_files(toml, **files))
    assert problems == [message]


RUBRIC_TOML = (
    'type = "reflection"\ntype_version = 1\ntitle = "R"\nmin_words = 10\n'
    '[[rubric]]\nid = "a"\ncriterion = "Idée"\nlevels = ["absente", "claire"]\n'
    '[[rubric]]\nid = "b"\ncriterion = "Exemple"\nlevels = ["aucun", "vague", "concret"]\n'
)


def test_a_rubric_is_parsed_written_back_shown_and_scored(make_files, parse_checked):
    from lms.exercises import ReflectionExercise

    reflection = ReflectionExercise()
    config, problems = parse_checked(reflection, make_files(RUBRIC_TOML, **{"prompt.md": "Écris."}))
    assert problems == []
    assert [c["id"] for c in config["rubric"]] == ["a", "b"]
    assert reflection.write(config)[0]["rubric"] == config["rubric"]
    assert reflection.public_view(config)["rubric"] == config["rubric"]
    assert reflection.review_criteria(config) == config["rubric"]
    assert reflection.review_result(config, {"a": 1, "b": 1}) == (
        2 / 3,
        {"kind": "rubric", "levels": {"a": 1, "b": 1}, "score": 2 / 3},
    )
    for bad in ({"a": 1}, {"a": 2, "b": 0}, {"a": True, "b": 0}, {"a": -1, "b": 0}, {"a": "1", "b": 0}):
        with pytest.raises(ValueError):
            reflection.review_result(config, bad)


@pytest.mark.parametrize(
    ("rubric", "message"),
    [
        ([{"id": "a", "criterion": "A", "levels": ["x", "y"]}], "2 to 4 criteria"),
        ([{"id": "a", "criterion": "A", "levels": ["x", "y"]}] * 2, "used twice"),
        (
            [
                {"id": "a", "criterion": "A", "levels": ["x"]},
                {"id": "b", "criterion": "B", "levels": ["x", "y"]},
            ],
            "2 to 5 levels",
        ),
    ],
)
def test_a_rubric_is_validated(rubric, message):
    from lms.exercises import ReflectionExercise

    problems = ReflectionExercise().validate({"prompt": "x", "min_words": 5, "rubric": rubric})
    assert any(message in p.message for p in problems)


def test_the_editor_reads_a_rubric_line_by_line(app):
    from werkzeug.datastructures import MultiDict

    from lms.exercises import ReflectionExercise

    reflection = ReflectionExercise()
    old = {
        "prompt": "x",
        "min_words": 5,
        "rubric": [{"id": "idee", "criterion": "Idée", "levels": ["a", "b"]}],
    }
    with app.test_request_context():
        form = reflection.editor_form(old)
        assert form.rubric.data == "Idée | a | b"
        posted = MultiDict(
            {"prompt": "x", "min_words": "5", "rubric": "Idée | a | b | c\nExemple | non | oui"}
        )
        config, errors = reflection.config_from_editor(old, reflection.editor_form(old, posted))
        assert errors == [] and config["rubric"] == [
            {"id": "idee", "criterion": "Idée", "levels": ["a", "b", "c"]},
            {"id": "c2", "criterion": "Exemple", "levels": ["non", "oui"]},
        ]
        _config, errors = reflection.config_from_editor(
            old, reflection.editor_form(old, MultiDict({**posted, "rubric": "Idée | a"}))
        )
        assert len(errors) == 1
