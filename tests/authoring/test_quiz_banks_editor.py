"""The quiz editor for matching and cloze questions, tags, the bank's draw rules, the time limit and the
review policy: what the author types becomes the config a package would hold, and errors are translated."""

from __future__ import annotations

from lms.exercises import QuizExercise
from tests.authoring.test_quizzes import _add_quiz, _quiz


def _settings(**changes):
    return {
        "title": "Quiz",
        "weight": "1",
        "required": "y",
        "pass_mark": "60",
        "max_attempts": "3",
        "time_limit_minutes": "0",
        "review": "after-attempt",
        **changes,
    }


def test_matching_and_cloze_questions_are_authored_previewed_and_written_back(client, authored, db):
    base = _add_quiz(client, authored)
    matching = {
        "qid": "m1",
        "text": "Associez",
        "points": "2",
        "pairs": "`3` => int\n`3.0` => float\n",
        "distractors": "str",
        "tags": "types",
    }
    assert client.post(f"{base}/parts/new?kind=matching", data=matching).status_code == 302
    cloze = {
        "qid": "c1",
        "text": "`for i in {{fn}}(3)` fait {{n}} tours, depuis {{d}}.",
        "points": "1",
        "gaps": "fn: text (case): range\nn: number: 3 ± 0\nd: choice: *0 | 1",
        "tags": "boucles",
    }
    assert client.post(f"{base}/parts/new?kind=cloze", data=cloze).status_code == 302
    questions = {q["id"]: q for q in _quiz(db)["config"]["questions"]}
    assert questions["m1"]["pairs"] == [{"left": "`3`", "right": "int"}, {"left": "`3.0`", "right": "float"}]
    assert questions["m1"]["distractors"] == ["str"] and questions["m1"]["tags"] == ["types"]
    assert questions["c1"]["gaps"] == [
        {"id": "fn", "kind": "text", "accepted": ["range"], "case_sensitive": True},
        {"id": "n", "kind": "number", "answer": 3, "tolerance": 0},
        {"id": "d", "kind": "choice", "choices": ["0", "1"], "correct": "0"},
    ]
    edit = client.get(f"{base}/parts/c1").text  # the editor shows the gaps as it reads them
    assert "fn: text (case): range" in edit and "d: choice: *0 | 1" in edit
    page = client.get(f"{base}/learner-preview").text
    assert 'name="q-c1-fn"' in page and 'name="q-m1-p1"' in page and "range" not in page.split("<form", 1)[1]
    keys, _files = QuizExercise().write(_quiz(db)["config"])
    assert keys["questions"][-1]["gaps"][2]["correct"] == "0"


def test_bad_pairs_and_gaps_are_refused_with_a_message(client, authored):
    base = _add_quiz(client, authored)
    bad = {"qid": "m1", "text": "?", "points": "1", "pairs": "a -> b\nc => d"}
    response = client.post(f"{base}/parts/new?kind=matching", data=bad)
    assert "Pair “a -&gt; b”: write “prompt =&gt; answer”." in response.text
    bad = {"qid": "c1", "text": "{{x}}", "points": "1", "gaps": "x: essay: y"}
    response = client.post(f"{base}/parts/new?kind=cloze", data=bad)
    assert "write “name: text|number|choice: answers”" in response.text


def test_the_bank_time_limit_and_review_policy_are_settings(client, authored, db):
    base = _add_quiz(client, authored)
    client.post(f"{base}/parts/q1", data={**_question(), "tags": "bases"})
    response = client.post(
        base,
        data=_settings(
            draw="bases: 1",
            time_limit_minutes="15",
            review="after-attempts",
            review_after_attempts="2",
            shuffle_choices="y",
        ),
    )
    assert response.status_code == 302
    config = _quiz(db)["config"]
    assert config["draw"] == [{"tag": "bases", "count": 1}] and config["time_limit_minutes"] == 15
    assert config["review"] == "after-attempts" and config["review_after_attempts"] == 2
    assert config["shuffle_choices"] is True and "shuffle_questions" not in config  # defaults left out
    page = client.get(base).text
    assert "bases: 1" in page and "no tag that is drawn from" in page  # the untagged questions are listed
    refused = client.post(base, data=_settings(draw="deux questions"))
    assert "Bank rule “deux questions”" in refused.text
    assert _quiz(db)["config"]["draw"] == [{"tag": "bases", "count": 1}]  # nothing lost


def _question():
    return {
        "qid": "q1",
        "text": "Type de `3.5` ?",
        "points": "1",
        "explanation": "Un float.",
        "choices-0-text": "int",
        "choices-1-text": "float",
        "choices-1-correct": "y",
    }
