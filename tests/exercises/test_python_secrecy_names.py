"""Hidden tests must not give their input away, in their name or through the prompt."""

from __future__ import annotations

from lms.exercises.python_secrecy import revealing_problems


def test_a_name_that_states_the_input_is_flagged():
    assert revealing_problems({"name": "2100", "call": "est_bissextile(2100)"}, "")
    assert revealing_problems({"name": "table de 12", "call": "table(12)"}, "")
    assert revealing_problems({"name": "à Casablanca", "call": "frais(120, 'Casablanca')"}, "")
    assert revealing_problems({"name": "Casablanca", "stdin": "Casablanca\n", "stdout": "x"}, "")


def test_a_name_that_describes_a_property_is_fine():
    assert not revealing_problems({"name": "un siècle non bissextile", "call": "est_bissextile(2100)"}, "")
    assert not revealing_problems({"name": "liste à un élément", "call": "f([1])"}, "")


def test_a_prompt_that_shows_the_hidden_call_is_flagged():
    prompt = "Exemple :\n\n```python\nprint(compter_villes([]))   # {}\n```\n"
    assert revealing_problems({"name": "liste vide", "call": "compter_villes([])"}, prompt)
    assert not revealing_problems({"name": "liste vide", "call": "compter_villes(['x'])"}, prompt)
