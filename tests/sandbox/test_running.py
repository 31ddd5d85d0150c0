"""Learners' honest programs run and report exactly what they computed."""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from lms.sandbox import CaseSpec, Limits, OpaqueValue, run_cases
from tests.sandbox.conftest import only_value


def test_a_function_call_reports_its_value(run):
    outcome = run("def somme(a, b):\n    return a + b\n", "somme(2, 3)", "somme(2.5, 1)", "somme('a', 'b')")
    assert outcome.status == "ok"
    values = [c.value for c in outcome.cases]
    assert values == [5, 3.5, "ab"]
    assert [type(v) for v in values] == [int, float, str]


def test_a_stdin_program_reads_input_without_echoing_the_prompt(run):
    code = "nom = input('Votre nom ? ')\nprint(f'Bonjour {nom} !')\n"
    outcome = run(code, CaseSpec(stdin="Amina\n"), CaseSpec(stdin="Youssef"))
    assert outcome.status == "ok"
    assert [c.stdout for c in outcome.cases] == ["Bonjour Amina !\n", "Bonjour Youssef !\n"]
    assert all(c.error is None and not c.has_value for c in outcome.cases)


def test_missing_input_is_an_eof_error(run):
    outcome = run("x = input()\n", CaseSpec())
    assert outcome.cases[0].error == "EOFError: EOF when reading a line"


def test_values_keep_their_exact_types(run):
    value = only_value(
        run(
            "def result():\n"
            "    return [1, 1.0, True, None, 'x', b'\\x00', (1,), {2: 'a', (1, 2): None}, {3}, frozenset({4}),"
            " float('nan'), -float('inf'), 2**100, 1 + 2j]\n"
        )
    )
    assert value[:10] == [1, 1.0, True, None, "x", b"\x00", (1,), {2: "a", (1, 2): None}, {3}, frozenset({4})]
    assert [type(v) for v in value[:4]] == [int, float, bool, type(None)]
    assert math.isnan(value[10]) and value[11] == -math.inf
    assert value[12] == 2**100 and value[13] == 1 + 2j


def test_numpy_results_converted_in_the_call_are_plain_values(run):
    code = (
        "import numpy as np\ndef normaliser(xs):\n    a = np.array(xs, dtype=float)\n    return a / a.sum()\n"
    )
    outcome = run(code, "normaliser([1, 1, 2]).tolist()", "normaliser([1, 3])")
    assert outcome.status == "ok"
    assert outcome.cases[0].value == [0.25, 0.25, 0.5]
    unconverted = outcome.cases[1].value
    assert isinstance(unconverted, OpaqueValue) and unconverted.type_name == "ndarray"
    assert unconverted.plain == [0.25, 0.75]  # the array's items, for the grader's comparison rules


def test_scikit_learn_trains_and_predicts(run):
    code = (
        "from sklearn.datasets import load_iris\n"
        "from sklearn.neighbors import KNeighborsClassifier\n"
        "X, y = load_iris(return_X_y=True)\n"
        "model = KNeighborsClassifier(n_neighbors=3).fit(X, y)\n"
    )
    outcome = run(
        code, "model.predict(X[:3]).tolist()", "float(model.score(X, y))", limits=Limits(wall_seconds=20)
    )
    assert outcome.status == "ok", outcome.stderr
    assert outcome.cases[0].value == [0, 0, 0]
    assert 0.9 < outcome.cases[1].value <= 1


def test_data_files_are_in_the_working_directory(run):
    code = "import os\ndef result():\n    return os.getcwd(), open('notes.csv').read(), open('sub/x.txt').read()\n"
    value = only_value(run(code, files={"notes.csv": b"a,b\n1,2\n", "sub/x.txt": b"deep"}))
    assert value == ("/sandbox", "a,b\n1,2\n", "deep")


def test_each_case_starts_fresh(run):
    code = (
        "import math, os\n"
        "counter = globals().get('counter', 0) + 1\n"
        "def result():\n"
        "    math.pi = 3\n"
        "    open('trace.txt', 'a').write('x')\n"
        "    return counter, open('trace.txt').read(), sorted(os.listdir('.'))\n"
    )
    outcome = run(code, "result()", "result()", "__import__('math').pi > 3.1", files={"data.txt": b"d"})
    assert [c.value for c in outcome.cases] == [
        (1, "x", ["data.txt", "trace.txt"]),
        (1, "x", ["data.txt", "trace.txt"]),
        True,
    ]


def test_setup_runs_first_in_the_same_namespace(run):
    outcome = run(
        "def aire(r):\n    return round(math.pi * r * r, 2)\n", CaseSpec(setup="import math", call="aire(1)")
    )
    assert outcome.cases[0].value == 3.14


def test_exceptions_fail_only_their_case(run):
    code = "def inverse(x):\n    return 1 / x\n"
    outcome = run(code, "inverse(0)", "inverse(4)", "inconnue()")
    assert outcome.status == "ok"
    assert [c.error for c in outcome.cases] == [
        "ZeroDivisionError: division by zero",
        None,
        "NameError: name 'inconnue' is not defined",
    ]
    assert outcome.cases[1].value == 0.25
    assert not outcome.cases[0].has_value


def test_a_syntax_error_is_reported(run):
    outcome = run("def f(:\n    pass\n", "f()")
    assert outcome.cases[0].error.startswith("SyntaxError: ")


def test_a_program_may_end_itself_normally(run):
    outcome = run("import sys\nprint('fin')\nsys.exit()\n", CaseSpec(), CaseSpec(call="1"))
    assert [(c.stdout, c.error) for c in outcome.cases] == [("fin\n", None), ("fin\n", None)]
    assert outcome.cases[1].value == 1


def test_exiting_with_an_error_status_fails_the_case(run):
    outcome = run("import sys\nsys.exit(3)\n", CaseSpec())
    assert outcome.cases[0].error == "SystemExit: 3"


def test_runs_are_timed(run):
    outcome = run("def result():\n    return 1\n")
    assert 0 < outcome.duration_ms < 5000
    assert outcome.stderr == ""


def test_runs_leak_no_file_descriptors(run):
    before = len(os.listdir("/proc/self/fd"))
    for code in ("def result():\n    return 1\n", "import os\nos._exit(3)\n", "while True:\n    pass\n"):
        run(code, limits=Limits(cpu_seconds=1, wall_seconds=2))
    assert len(os.listdir("/proc/self/fd")) == before


def test_threads_may_run_in_parallel_on_different_slots(sandbox):
    slots = [0, 1, 2] if os.geteuid() == 0 else [0, 0, 0]

    def job(slot: int) -> object:
        outcome = run_cases(
            replace(sandbox, slot=slot),
            f"def result():\n    return {slot} * 10\n",
            [CaseSpec(call="result()")],
        )
        return outcome.cases[0].value

    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(job, slots)) == [slot * 10 for slot in slots]
