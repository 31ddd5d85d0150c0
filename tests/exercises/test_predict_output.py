"""Predict the output: parsing, the computed answer key, normalised and exact comparison, secrecy, feedback."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises.base import GradeResult
from lms.exercises.types.predict import (
    MAX_ANSWER,
    RUNS,
    PredictOutputExercise,
    first_difference,
    lines_of,
    output_key,
)
from lms.grading.computed import ComputedCache, complete_config, request_key

CODE = "for i in range(3):\n    print(i, i * i)\nprint('fin')\n"
OUTPUT = "0 0\n1 1\n2 4\nfin\n"
TOML = (
    'type = "predict-output"\ntype_version = 1\ntitle = "Carrés"\n'
    'prompt = "Que affiche ce programme ?"\n'
    f'code = """\n{CODE}"""\n'
    'explanation = "`print(a, b)` met une espace entre `a` et `b`."\n'
)


@pytest.fixture
def predict() -> PredictOutputExercise:
    return PredictOutputExercise()


def run_of(*outputs: str, status: str = "ok", error: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(status=status, cases=[SimpleNamespace(stdout=o, error=error) for o in outputs])


@pytest.fixture
def config(predict, make_files) -> dict:
    files = make_files(TOML)
    parsed = predict.parse(files)
    assert files.problems == [] and predict.validate(parsed) == []
    completed, problems = predict.with_computed(parsed, {"output": run_of(OUTPUT, OUTPUT)})
    assert problems == []
    return json.loads(json.dumps(completed))  # as stored by the core


def grade(predict, config, answer) -> GradeResult:
    return predict.grade(config, predict.submission_from_form(config, MultiDict({"answer": answer})))


def test_parse_and_write_round_trip_never_write_the_output(predict, make_files, config):
    keys, files = predict.write(config)
    assert files == {} and "output" not in keys and "output_key" not in keys
    assert keys["code"] == CODE and keys["compare"] == "normalised" and keys["show_difference"] is True
    again = predict.parse(
        make_files('type = "predict-output"\ntype_version = 1\ntitle = "x"\n' + _toml(keys))
    )
    assert again == {**keys, "output": None}


def _toml(keys: dict) -> str:
    import tomli_w

    return tomli_w.dumps(keys)


def test_a_hand_written_expected_output_is_refused(predict, make_files):
    files = make_files(TOML + 'expected_output = "0 0"\n')
    predict.parse(files)
    assert any("expected_output" in p.message for p in files.problems)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "print(1"}, "not valid Python"),
        ({"code": "  "}, "'code' must not be empty"),
        ({"prompt": ""}, "'prompt' must not be empty"),
        ({"compare": "fuzzy"}, "'compare' must be one of"),
        ({"max_attempts": -1}, "'max_attempts'"),
    ],
)
def test_validation_names_each_problem(predict, config, change, message):
    problems = predict.validate({**config, **change})
    assert any(message in p.message for p in problems), problems


def test_the_output_is_computed_by_two_agreeing_runs_of_the_program(predict, config):
    ((name, request),) = predict.computed_runs(config).items()
    assert name == "output" and request.code == CODE and len(request.cases) == RUNS
    assert all(c == {"setup": None, "stdin": "", "call": None} for c in request.cases)
    assert config["output"] == OUTPUT and config["output_key"] == output_key(config)


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (run_of("1\n", "2\n"), "does not print the same thing"),
        (
            run_of("", "", error="ZeroDivisionError: division by zero"),
            "fails in the sandbox: ZeroDivisionError",
        ),
        (run_of(status="timeout"), "did not finish in the sandbox (timeout)"),
        (run_of("\n\n", "\n\n"), "prints nothing"),
        (run_of("x" * 5000, "x" * 5000), "more than 4000 characters"),
        (None, "not run"),
    ],
)
def test_a_program_that_cannot_give_a_reliable_output_is_refused(predict, config, run, message):
    completed, problems = predict.with_computed(config, {"output": run} if run else {})
    assert completed["output"] is None
    assert [p.key for p in problems] == [("code",)] and message in problems[0].message


# --- grading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "0 0\n1 1\n2 4\nfin",  # a text area has no final line ending
        "0 0\r\n1 1\r\n2 4\r\nfin\r\n",  # browsers send CRLF
        "0 0   \n1 1\t\n2 4\nfin\n\n\n",  # normalised: spaces at line ends, blank lines at the end
        "0 0\r1 1\r2 4\rfin",  # old Mac line endings
    ],
)
def test_normalised_comparison_accepts_what_is_only_layout(predict, config, answer):
    result = grade(predict, config, answer)
    assert result.passed and result.score == 1.0
    assert result.feedback == [{"kind": "comparison", "correct": True, "lines": 4}]


@pytest.mark.parametrize(
    ("answer", "line", "hint"),
    [
        ("0 0\n1 1\n2 4", 4, "missing"),
        ("0 0\n1 1\n2 4\nfin\nfin", 5, "extra"),
        ("0 0\n1  1\n2 4\nfin", 2, "spaces"),  # spaces inside a line count
        ("0 0\n1 1\n2 4\nFin", 4, "case"),
        ("00\n1 1\n2 4\nfin", 1, "spaces"),
        ("0 0\n\n1 1\n2 4\nfin", 2, "different"),  # a blank line in the middle counts
        ("", 1, "missing"),
        ("0, 0\n1, 1\n2, 4\nfin", 1, "different"),
    ],
)
def test_a_wrong_prediction_names_its_first_differing_line(predict, config, answer, line, hint):
    result = grade(predict, config, answer)
    assert not result.passed and result.score == 0.0
    (entry,) = result.feedback
    assert entry["line"] == line and entry["hint"] == hint and entry["correct"] is False
    expected = lines_of(OUTPUT, "normalised")
    assert entry["expected_line"] == (expected[line - 1] if line <= len(expected) else None)
    assert result.details["first_difference"] == line


def test_exact_comparison_counts_trailing_spaces_and_blank_lines(predict, config):
    exact = {**config, "compare": "exact"}
    assert grade(predict, exact, "0 0\r\n1 1\r\n2 4\r\nfin").passed
    assert not grade(predict, exact, "0 0 \n1 1\n2 4\nfin").passed
    assert not grade(predict, exact, "0 0\n1 1\n2 4\nfin\n\n").passed


def test_without_show_difference_the_expected_line_is_kept_back(predict, config):
    (entry,) = grade(predict, {**config, "show_difference": False}, "0 0\n9 9").feedback
    assert entry["line"] == 2 and entry["given_line"] == "9 9" and "expected_line" not in entry


@pytest.mark.parametrize(
    "submission",
    [None, [], {}, {"output": None}, {"output": 3}, {"output": ["0 0"]}, {"output": "x" * (MAX_ANSWER + 1)}],
)
def test_a_malformed_submission_grades_as_wrong_without_raising(predict, config, submission):
    result = predict.grade(config, submission)
    assert result.score == 0.0 and not result.passed and result.feedback[0]["kind"] == "malformed"


def test_without_a_computed_output_nothing_passes(predict, config):
    for broken in ({**config, "output": None}, {**config, "code": "print('autre')\n"}):  # stale key
        result = grade(predict, broken, OUTPUT)
        assert not result.passed and result.feedback == [{"kind": "unavailable"}]


def test_the_form_reads_the_answer_and_nothing_else(predict, config):
    assert predict.submission_from_form(config, MultiDict({"answer": "a\r\nb"})) == {"output": "a\r\nb"}
    assert predict.submission_from_form(config, MultiDict({})) == {"output": ""}


def test_lines_and_first_difference():
    assert lines_of("a \nb\n\n", "normalised") == ["a", "b"]
    assert lines_of("a \nb\n\n", "exact") == ["a ", "b", ""]
    assert first_difference(["a"], ["a"]) is None and first_difference(["a"], []) == 0


# --- secrecy and teachers --------------------------------------------------------------------


def test_the_public_view_never_holds_the_output_or_the_explanation(predict, config):
    public = json.dumps(predict.public_view(config))
    for line in ("0 0", "1 1", "2 4"):
        assert line not in public
    assert "espace" not in public and "output_key" not in public
    assert predict.public_view(config)["ready"] is True
    assert predict.feedback_view(config, GradeResult(0.0, False)) == [{"explanation": config["explanation"]}]


def test_a_teacher_reads_the_prediction(predict, config, app):
    from flask_babel import gettext

    with app.test_request_context():
        label, none = gettext("Predicted output"), gettext("(no answer)")
        assert predict.describe_submission(config, {"output": "0 0\n1 1"}) == [(label, "0 0\n1 1")]
        assert predict.describe_submission(config, {}) == [(label, none)]


# --- the core's side: runs cached by content hash --------------------------------------------


def test_computed_runs_are_cached_by_content_hash(predict, make_files, tmp_path):
    parsed = predict.parse(make_files(TOML))
    calls = []

    def runner(request):
        calls.append(request_key(request))
        return run_of(OUTPUT, OUTPUT)

    cache = ComputedCache(tmp_path / "cache")
    first, problems = complete_config(predict, parsed, runner, cache)
    again, _ = complete_config(predict, parsed, runner, cache)
    assert problems == [] and first == again and first["output"] == OUTPUT and len(calls) == 1
    changed, _ = complete_config(predict, {**parsed, "code": CODE + "print()\n"}, runner, cache)
    assert len(calls) == 2 and changed["output_key"] != first["output_key"]
