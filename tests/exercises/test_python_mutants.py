"""The mutants of a reference solution: one plausible beginner's mistake each, never run here."""

from __future__ import annotations

import ast

from lms.exercises.python_mutants import OPERATORS, generate_mutants, mutant_id

SOLUTION = """\
import numpy as np


def mention(m):
    if m >= 16:
        return "Très bien"
    return "Passable"


def classement(notes):
    return sorted(notes.items(), key=lambda p: (-p[1], p[0]))


def somme(n):
    total = 0
    for i in range(1, n + 1):
        total += i
    return total


def meilleure_colonne(X):
    return int(np.argmax(X.mean(axis=0)))


def trier(notes):
    return sorted(notes)


def moyenne(notes):
    copie = list(notes)
    return round(sum(copie) / len(copie), 2), int(sum(copie) / len(copie))


print(somme(3))
"""


def _changes(mutants):
    return {(m.operator, m.description.split(": ", 1)[1]) for m in mutants}


def test_every_kind_of_beginner_mistake_is_generated():
    mutants = generate_mutants(SOLUTION)
    changes = _changes(mutants)
    assert {m.operator for m in mutants} <= set(OPERATORS)
    for expected in [
        ("boundary", ">= → >"),
        ("comparison", ">= → <="),
        ("constant", "16 → 15"),
        ("off-by-one", "1 → 0"),
        ("off-by-one", "range argument n + 1 +1"),
        ("arithmetic", "/ → //"),
        ("rounding", "round(x, n) → round(x)"),
        ("rounding", "int(x) → round(x)"),
        ("statement", "statement removed: total += i"),
        ("return-print", "return → print"),
        ("copy", "list(notes) → notes (no copy)"),
        ("copy", "sorted(x) → x.sort() (the caller's list changes)"),
        ("numpy", "axis=0 → axis=1"),
        ("numpy", ".argmax → .argmin"),
        ("order", "tie-break order of the sort key swapped"),
        ("order", "reverse=True added"),
        ("boolean", "'-' removed"),
    ]:
        assert expected in changes, expected


def test_mutants_are_distinct_valid_python_with_stable_ids():
    mutants = generate_mutants(SOLUTION)
    sources = [m.source for m in mutants]
    assert len(set(sources)) == len(sources)
    assert ast.unparse(ast.parse(SOLUTION)) not in sources
    for mutant in mutants:
        compile(mutant.source, "<mutant>", "exec")
        assert mutant.id == mutant_id(mutant.source)
    assert [m.id for m in generate_mutants(SOLUTION)] == [m.id for m in mutants]


def test_a_mutant_shows_its_diff_against_the_solution():
    mutant = next(m for m in generate_mutants(SOLUTION) if m.description.endswith("16 → 15"))
    diff = mutant.diff(SOLUTION)
    assert "-    if m >= 16:" in diff and "+    if m >= 15:" in diff


def test_demo_code_no_test_can_see_is_left_alone_when_no_output_is_compared():
    source = "def f(x):\n    return x + 1\n\n\nexemple = 41\nprint(f(exemple))\n"
    compared = _changes(generate_mutants(source, outputs_compared=True))
    unseen = _changes(generate_mutants(source, outputs_compared=False))
    assert ("constant", "41 → 42") in compared and ("constant", "41 → 42") not in unseen
    assert ("arithmetic", "+ → -") in unseen
    used = _changes(generate_mutants(source, outputs_compared=False, used=frozenset({"exemple"})))
    assert ("constant", "41 → 42") in used  # a test reads it: it is not demo data


def test_independent_statements_are_not_swapped():
    source = "def f(a, b):\n    x = a + 1\n    y = b + 1\n    print(x)\n    return x + y\n"
    swaps = [m.description.split(": ", 1)[1] for m in generate_mutants(source) if "swapped" in m.description]
    assert "statements swapped: x = a + 1 / y = b + 1" not in swaps  # no order between them
    assert "statements swapped: y = b + 1 / print(x)" not in swaps
    assert "statements swapped: print(x) / return x + y" in swaps  # two effects: order matters
