"""The exercise-type contract holds end to end: the core never names a type; types own their files.

Built-in types take exactly the path of third-party ones (their templates and static files in their
own folders, their form reading and editor in the type), so removing a built-in type's name from
the learning and authoring areas and from the app's templates changes nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises import ExerciseType, GradeResult, builtin_registry
from lms.exercises.templating import static_file

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = builtin_registry().names()
#: where the core lives: the player, the editor and every app template (types' own are elsewhere)
CORE = [ROOT / "lms" / "learning", ROOT / "lms" / "authoring", ROOT / "lms" / "templates"]
#: a Markdown code fence names the language, not the type ("```python" in the lesson editor's help)
FENCE = re.compile(r"```python\b")
#: "Python" the subject, in the home page's prose about the programmes
SUBJECT = "courses in Python"


def _sources() -> list[Path]:
    return sorted(p for folder in CORE for p in folder.rglob("*") if p.suffix in (".py", ".html", ".js"))


def test_no_core_module_mentions_a_built_in_type():
    names = re.compile(rf"\b({'|'.join(map(re.escape, BUILT_IN))})\b", re.I)
    found = []
    for path in _sources():
        text = FENCE.sub("", path.read_text(encoding="utf-8")).replace(SUBJECT, "")
        for number, line in enumerate(text.splitlines(), 1):
            if names.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert BUILT_IN == ["parsons", "predict-output", "python", "quiz", "reflection", "webpage"]
    assert found == []


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_types_ship_their_templates_in_their_own_folders(name):
    exercise_type = builtin_registry().get(name)
    folder = exercise_type.template_folder()
    assert (folder / exercise_type.template).is_file()
    assert (folder / exercise_type.editor_template).is_file()
    assert not (ROOT / "lms" / "templates" / "exercises").exists()
    assert exercise_type.new_config() is not None


@pytest.mark.parametrize(
    ("name", "form", "submission"),
    [
        ("python", MultiDict({"code": "x = 1"}), {"code": "x = 1"}),
        ("reflection", MultiDict({"text": "Un texte."}), {"text": "Un texte."}),
        ("python", MultiDict(), {"code": ""}),
        ("predict-output", MultiDict({"answer": "1\r\n2"}), {"output": "1\r\n2"}),
    ],
)
def test_types_read_their_own_submissions_from_form_data(name, form, submission):
    exercise_type = builtin_registry().get(name)
    assert exercise_type.submission_from_form(exercise_type.new_config(), form) == submission


def test_a_quiz_reads_choices_lists_and_typed_answers():
    quiz = builtin_registry().get("quiz")
    config = {
        "questions": [
            {"id": "q1", "kind": "single"},
            {"id": "q2", "kind": "multiple"},
            {"id": "q3", "kind": "numeric"},
            {"id": "q4", "kind": "text"},
        ]
    }
    form = MultiDict([("q-q1", "c2"), ("q-q2", "c1"), ("q-q2", "c3"), ("q-q3", "3,5"), ("other", "x")])
    assert quiz.submission_from_form(config, form) == {
        "answers": {"q1": "c2", "q2": ["c1", "c3"], "q3": "3,5"}
    }


class Bare(ExerciseType):
    """A type with no folder of its own: nothing to render, so "unavailable"."""

    name = "bare"
    version = 1
    label = "Bare"
    folder: ClassVar[Path] = Path("/nonexistent/bare")

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        return {}

    def grade(self, config: dict[str, Any], submission: Any, run: Any = None) -> GradeResult:
        return GradeResult(0.0, False)


def test_a_type_without_templates_is_unavailable_not_an_error(app):
    from lms.exercises.templating import editor_template, learner_template

    registry = app.extensions["exercise_types"]
    with registry.temporary(Bare) as bare:
        assert learner_template(app.jinja_env, bare) is None
        assert editor_template(app.jinja_env, bare) is None
    assert learner_template(app.jinja_env, registry.get("quiz")) == "type:quiz/exercise.html"


def test_type_static_files_are_served_from_the_types_folder(client):
    with client.get("/exercise-types/python/exercise.js") as response:
        assert response.status_code == 200 and b"data-poll" in response.data
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for url in (
        "/exercise-types/python/../templates/exercise.html",
        "/exercise-types/python/%2e%2e/templates/exercise.html",
        "/exercise-types/python/missing.js",
        "/exercise-types/unknown/exercise.js",
        "/exercise-types/python/",
    ):
        assert client.get(url).status_code == 404, url


class Linked(Bare):
    name = "linked"


def test_type_static_files_never_follow_a_symbolic_link(tmp_path):
    static = tmp_path / "type" / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "real.css").write_text("a {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    os.symlink(secret, static / "link.txt")
    os.symlink(tmp_path, static / "up")
    Linked.folder = tmp_path / "type"
    exercise_type = Linked()
    assert static_file(exercise_type, "css/real.css") == static / "css" / "real.css"
    for name in ("link.txt", "up/secret.txt", "../secret.txt", "css", ".hidden", "css//real.css", ""):
        assert static_file(exercise_type, name) is None, name
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.css").write_text("b {}")
    os.symlink(tmp_path / "other", tmp_path / "linked-static")
    Linked.folder = tmp_path / "linked"
    (tmp_path / "linked").mkdir()
    os.symlink(tmp_path / "other", tmp_path / "linked" / "static")
    assert static_file(Linked(), "x.css") is None  # the static folder itself may not be a link
