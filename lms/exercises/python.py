"""The built-in ``python`` type: learner code run in the sandbox against public and hidden tests."""

from __future__ import annotations

import ast
import base64
import copy
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from lms.exercises.base import (
    ExerciseType,
    FormData,
    GradeResult,
    ReferenceCheck,
    SandboxRequest,
    Submission,
)
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.python_grading import all_tests, grade_run
from lms.exercises.python_rules import RULE_KEYS, rule_problems
from lms.exercises.python_secrecy import revealing_problems
from lms.exercises.tables import BOOLEAN, NUMBER, REQUIRED, STRING, STRINGS, TABLE, TABLES, Spec

#: third-party modules an exercise may ask the sandbox for
ALLOWED_PACKAGES = frozenset({"numpy", "sklearn", "pandas", "matplotlib"})
#: the most data an exercise may ship (it is stored with the exercise's config)
MAX_DATA_BYTES = 2 * 1024 * 1024

PYTHON_SPEC: Spec = {
    "packages": (STRINGS, []),
    "limits": (TABLE, {}),
    "compare": (TABLE, {}),
    "random": (TABLE, None),
    "equivalent_mutants": (TABLES, []),
    "tests": (TABLES, REQUIRED),
}
LIMITS_SPEC: Spec = {
    "cpu_seconds": (NUMBER, None),
    "memory_mb": (NUMBER, None),
    "wall_seconds": (NUMBER, None),
}
TEST_SPEC: Spec = {
    "name": (STRING, REQUIRED),
    "call": (STRING, None),
    "expected": (STRING, None),
    "stdout": (STRING, None),
    "stdin": (STRING, ""),
    "setup": (STRING, None),
    "tolerance": (NUMBER, None),
    "int_float": (STRING, None),
    "exact_type": (BOOLEAN, None),
    "sequences": (STRING, None),
    "ordered": (BOOLEAN, None),
    "hidden": (BOOLEAN, False),
}
#: ``[compare]``: the comparison rules of every test (lms/exercises/python_rules.py)
COMPARE_SPEC: Spec = {key: TEST_SPEC[key] for key in RULE_KEYS}
#: ``[random]``: hidden cases drawn by a generator and checked against the reference solution
RANDOM_SPEC: Spec = {
    "generator": (STRING, REQUIRED),
    "seed": (NUMBER, 1),
    "count": (NUMBER, 20),
}
#: ``[[equivalent_mutants]]``: a mutant that no test can kill, and why (docs/course-packages.md)
EQUIVALENT_SPEC: Spec = {"id": (STRING, REQUIRED), "reason": (STRING, REQUIRED)}
#: most random cases an exercise may draw
MAX_RANDOM_CASES = 200
_FILES = {"exercise.toml", "prompt.md", "starter.py", "solution.py", "wrong", "alternatives", "data"}


def _compiles(source: str, mode: str) -> str | None:
    """Return why ``source`` is not valid Python (compiled, never run), or None."""
    try:
        compile(source, "<exercise>", mode, dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return getattr(error, "msg", None) or str(error)
    return None


class PythonExercise(ExerciseType):
    """Write Python code; the sandbox runs it once per test, the grader compares outside."""

    name = "python"
    version = 1
    label = _l("Python program")
    folder = Path(__file__).resolve().parent / "types" / "python"
    needs_sandbox = True
    #: writing, running and fixing a short function: a beginner needs about twenty minutes
    work_minutes: ClassVar[float] = 20.0
    translatable: ClassVar[Translatable] = Translatable(
        frozenset({"title"}), {"tests": ((), Translatable(frozenset({"name"})))}
    )

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the statement, code files, data and tests."""
        values = files.read(files.data, PYTHON_SPEC)
        limits = files.read(values.get("limits", {}), LIMITS_SPEC, "limits")
        tests = []
        for index, raw in enumerate(values.get("tests", [])):
            tests.append(files.read(raw, TEST_SPEC, "tests", index))
        compare = files.read(values.get("compare", {}), COMPARE_SPEC, "compare")
        random = (
            files.read(values["random"], RANDOM_SPEC, "random") if values.get("random") is not None else None
        )
        equivalent = [
            files.read(raw, EQUIVALENT_SPEC, "equivalent_mutants", index)
            for index, raw in enumerate(values.get("equivalent_mutants", []))
        ]
        generator = None
        if random is not None and isinstance(random.get("generator"), str):
            generator = files.read_text(random["generator"])
            if generator is None:
                files.report(f"missing generator file {random['generator']}", "random", "generator")
        texts = {}
        for name in ("prompt.md", "starter.py", "solution.py"):
            text = files.read_text(name)
            if text is None and not files.exists(name):
                files.report(f"missing file {name}", file=name)
            texts[name] = text or ""
        wrong = {
            f"wrong/{n}": files.read_text(f"wrong/{n}") or ""
            for n in files.list_files("wrong")
            if n.endswith(".py")
        }
        alternatives = {
            f"alternatives/{n}": files.read_text(f"alternatives/{n}") or ""
            for n in files.list_files("alternatives")
            if n.endswith(".py")
        }
        if not wrong:
            files.report("at least one plausible wrong answer is needed in wrong/*.py", file="wrong")
        data = {name: files.read_bytes(f"data/{name}") or b"" for name in files.list_files("data")}
        size = sum(len(content) for content in data.values())
        if size > MAX_DATA_BYTES:
            files.report(f"data files total {size} bytes; at most {MAX_DATA_BYTES} are allowed", file="data")
        allowed = _FILES | (
            {random["generator"]} if random and isinstance(random.get("generator"), str) else set()
        )
        for entry in files.entries():
            if entry not in allowed:
                files.report(f"unexpected file or folder '{entry}' in a python exercise", file=entry)
        config = {
            "prompt": texts["prompt.md"],
            "starter": texts["starter.py"],
            "solution": texts["solution.py"],
            "wrong": wrong,
            "data": {name: base64.b64encode(content).decode("ascii") for name, content in data.items()},
            "packages": values.get("packages", []),
            "limits": {key: value for key, value in limits.items() if value is not None},
            "tests": tests,
        }
        # the newer keys only when used, so configs stored before them stay as they were
        if alternatives:
            config["alternatives"] = alternatives
        if compare := {key: value for key, value in compare.items() if value is not None}:
            config["compare"] = compare
        if random is not None:
            config["random"] = {**random, "source": generator or ""}
        if equivalent:
            config["equivalent_mutants"] = equivalent
        return config

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Write packages, limits and tests to exercise.toml; code, statement and data to their files."""
        tests = [
            {key: value for key, value in test.items() if value is not None and (key, value) != ("stdin", "")}
            for test in config["tests"]
        ]
        keys: dict[str, Any] = {"packages": list(config["packages"])}
        if config["limits"]:
            keys["limits"] = dict(config["limits"])
        if config.get("compare"):
            keys["compare"] = dict(config["compare"])
        if config.get("random"):
            keys["random"] = {key: value for key, value in config["random"].items() if key != "source"}
        keys["tests"] = tests
        if config.get("equivalent_mutants"):
            keys["equivalent_mutants"] = [dict(entry) for entry in config["equivalent_mutants"]]
        files = {
            "prompt.md": config["prompt"].encode(),
            "starter.py": config["starter"].encode(),
            "solution.py": config["solution"].encode(),
        }
        files.update({name: code.encode() for name, code in config["wrong"].items()})
        files.update({name: code.encode() for name, code in config.get("alternatives", {}).items()})
        if config.get("random"):
            files[config["random"]["generator"]] = config["random"]["source"].encode()
        files.update({f"data/{name}": base64.b64decode(data) for name, data in config["data"].items()})
        return keys, files

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """Check packages, limits, the solution's syntax and every test."""
        problems = []

        def report(message: str, *key: str | int) -> None:
            problems.append(Problem("exercise.toml", None, message, tuple(key)))

        for package in config["packages"]:
            if package not in ALLOWED_PACKAGES:
                report(
                    f"package '{package}' is not available (allowed: {', '.join(sorted(ALLOWED_PACKAGES))})",
                    "packages",
                )
        for key, value in config["limits"].items():
            if value <= 0:
                report(f"limit '{key}' must be more than 0", "limits", key)
        if error := _compiles(config["solution"], "exec"):
            problems.append(Problem("solution.py", None, f"invalid Python: {error}"))
        names: set[str] = set()
        for index, test in enumerate(config["tests"]):
            problems += [
                Problem("exercise.toml", None, m, ("tests", index, *k))
                for m, k in self._check_test(test, names)
            ]
        hidden = [t.get("hidden", False) for t in config["tests"]]
        if all(hidden) or not any(hidden):
            report("a python exercise needs at least one public and at least one hidden test", "tests")
        for message, key in rule_problems(config.get("compare") or {}):
            report(message, "compare", key)
        for index, test in enumerate(config["tests"]):
            for message, key in rule_problems(test):
                report(f"test '{test['name']}': {message}", "tests", index, key)
            if test.get("hidden"):
                for message in revealing_problems(test, config["prompt"]):
                    report(message, "tests", index, "name")
        for name, code in sorted(config.get("alternatives", {}).items()):
            if error := _compiles(code, "exec"):
                problems.append(Problem(name, None, f"invalid Python: {error}"))
        problems += self._check_random(config.get("random"))
        seen: set[str] = set()
        for index, entry in enumerate(config.get("equivalent_mutants", [])):
            if entry["id"] in seen:
                report(
                    f"mutant '{entry['id']}' is declared equivalent twice", "equivalent_mutants", index, "id"
                )
            seen.add(entry["id"])
            if not entry["reason"].strip():
                report("an equivalent mutant needs a reason", "equivalent_mutants", index, "reason")
        return problems

    @staticmethod
    def _check_random(random: dict[str, Any] | None) -> list[Problem]:
        if random is None:
            return []
        found = []

        def report(message: str, key: str) -> None:
            found.append(Problem("exercise.toml", None, message, ("random", key)))

        generator = random["generator"]
        if "/" in generator or not generator.endswith(".py") or generator in _FILES:
            report("'generator' must name a .py file of the exercise folder (e.g. generator.py)", "generator")
        elif error := _compiles(random.get("source", ""), "exec"):
            found.append(Problem(generator, None, f"invalid Python: {error}"))
        count = random["count"]
        if not isinstance(count, int) or not 1 <= count <= MAX_RANDOM_CASES:
            report(f"'count' must be a whole number from 1 to {MAX_RANDOM_CASES}", "count")
        if not isinstance(random["seed"], int):
            report("'seed' must be a whole number", "seed")
        return found

    @staticmethod
    def _check_test(test: dict[str, Any], names: set[str]) -> list[tuple[str, tuple[str, ...]]]:
        name = test["name"]
        found: list[tuple[str, tuple[str, ...]]] = []
        if not name.strip():
            found.append(("a test's name must not be empty", ("name",)))
        elif name in names:
            found.append((f"duplicate test name '{name}'", ("name",)))
        names.add(name)
        label = f"test '{name}'"
        if test.get("call") is None and test.get("stdout") is None:
            found.append((f"{label} needs 'call' and 'expected', or 'stdout'", ()))
        if (test.get("call") is None) != (test.get("expected") is None):
            found.append((f"{label}: 'call' and 'expected' go together", ()))
        if test.get("call") is not None and (error := _compiles(test["call"], "eval")):
            found.append((f"{label}: 'call' is not a valid Python expression: {error}", ("call",)))
        if test.get("setup") is not None and (error := _compiles(test["setup"], "exec")):
            found.append((f"{label}: 'setup' is not valid Python: {error}", ("setup",)))
        if test.get("expected") is not None:
            try:
                ast.literal_eval(test["expected"])
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                found.append(
                    (f"{label}: 'expected' is not a Python literal: {test['expected']!r}", ("expected",))
                )
        if test.get("tolerance") is not None and test["tolerance"] < 0:
            found.append((f"{label}: 'tolerance' must not be negative", ("tolerance",)))
        return found

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """Show the statement, starter and public tests; hidden tests only by name."""
        tests = []
        for test in config["tests"]:
            if test.get("hidden"):
                tests.append({"name": test["name"], "hidden": True})
            else:
                public = {
                    key: test.get(key) for key in ("name", "call", "expected", "stdin", "stdout", "setup")
                }
                tests.append({**public, "hidden": False})
        return {
            "prompt": config["prompt"],
            "starter": config["starter"],
            "packages": list(config["packages"]),
            "data_files": sorted(config["data"]),
            "tests": tests,
        }

    def sandbox_request(self, config: dict[str, Any], submission: Submission) -> SandboxRequest:
        """Ask the sandbox to run the code once per test (random cases included); a missing code runs as empty."""
        code = submission.get("code") if isinstance(submission, dict) else None
        cases = [
            {"setup": t.get("setup"), "stdin": t.get("stdin") or "", "call": t.get("call")}
            for t in all_tests(config)
        ]
        return SandboxRequest(
            code=code if isinstance(code, str) else "",
            cases=cases,
            files={name: base64.b64decode(content) for name, content in config["data"].items()},
            limits=dict(config["limits"]),
            packages=list(config["packages"]),
        )

    def run_request(self, config: dict[str, Any], code: str, stdin: str) -> SandboxRequest:
        """ "Run" without grading: the learner's program once, with their input, the exercise's data and limits."""
        return SandboxRequest(
            code=code,
            cases=[{"setup": None, "stdin": stdin, "call": None}],
            files={name: base64.b64decode(content) for name, content in config["data"].items()},
            limits=dict(config["limits"]),
            packages=list(config["packages"]),
        )

    def feedback_view(self, config: dict[str, Any], result: GradeResult) -> list[dict[str, Any]]:
        """The stored feedback worded in the viewer's language now (older rows: their stored text)."""
        from lms.exercises.python_feedback import display_entries

        return display_entries(result.feedback)

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """Compare the run's values and output with the tests; no run (or a failed one) scores 0."""
        return grade_run(config, run)

    def reference_submissions(self, config: dict[str, Any]) -> list[ReferenceCheck]:
        """The solution and every alternative right answer must pass; the starter and every wrong answer must fail."""
        checks: list[ReferenceCheck] = [("solution.py", {"code": config["solution"]}, True)]
        checks += [
            (name, {"code": code}, True) for name, code in sorted(config.get("alternatives", {}).items())
        ]
        checks.append(("starter.py", {"code": config["starter"]}, False))
        checks += [(name, {"code": code}, False) for name, code in sorted(config["wrong"].items())]
        return checks

    def describe_submission(self, config: dict[str, Any], submission: Submission) -> list[tuple[str, str]]:
        code = submission.get("code") if isinstance(submission, dict) else None
        return [(gettext("Code"), str(code) if code else gettext("(no answer)"))]

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        """Return the statement."""
        return [config["prompt"]] if config["prompt"] else []

    # --- the web (the contract's form methods; the editor lives in lms.exercises.python_editor) ----

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read the code area (at most 100,000 characters)."""
        return {"code": str(form.get("code", ""))[:100_000]}

    def is_blank(self, config: dict[str, Any], submission: Submission) -> bool:
        """No code at all answers nothing (an empty program is never a solution): refused, not an attempt."""
        code = submission.get("code") if isinstance(submission, dict) else None
        return not isinstance(code, str) or not code.strip()

    def new_config(self) -> dict[str, Any]:
        """Start empty: the author writes the statement, the code and the tests."""
        from lms.exercises.python_editor import NEW_CONFIG

        return copy.deepcopy(NEW_CONFIG)

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> Any:
        """Return the statement, code, tests and limits form."""
        from lms.exercises.python_editor import editor_form

        return editor_form(config, formdata)

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        """Return the edited config; problems are reported on the page, not refused here."""
        from lms.exercises.python_editor import config_from_editor

        return config_from_editor(config, form), []

    def editor_problems(self, config: dict[str, Any]) -> list[str]:
        """Validation problems, and a missing wrong answer (Validate needs one to fail)."""
        from lms.exercises.python_editor import missing_wrong_answer

        return [p.message for p in self.validate(config)] + missing_wrong_answer(config)
