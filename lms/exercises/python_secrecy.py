"""Hidden tests that give themselves away: a name that states the input, a prompt that shows the call.

A hidden test is worth something only while a learner cannot hard-code its answer. Its name is
shown to the learner, so it must describe a property ("a leap century", "an empty list"),
never the value tested ("2100", "table de 12"); and the prompt must not show the very call
the hidden test makes. ``validate`` reports both.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)?(?![\w])")


def _literals(source: str | None, mode: str) -> Iterator[object]:
    if not source:
        return
    try:
        tree = ast.parse(source, mode=mode)
    except (SyntaxError, ValueError):
        return
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and not isinstance(node.value, (bool, bytes))
            and node.value is not None
        ):
            yield node.value


def _telling(value: object) -> bool:
    """Literals worth hiding: not the 0, 1 and one-letter strings every test has."""
    if isinstance(value, (int, float)):
        return abs(value) >= 2
    return isinstance(value, str) and len(value.strip()) >= 3


def literals_in_name(test: dict[str, Any]) -> list[str]:
    """The literals of a test's call, setup and stdin that its name repeats."""
    name = test["name"].casefold()
    numbers = {float(n.replace(",", ".")) for n in _NUMBER.findall(name)}
    words = set(_WORDS.findall(name))
    found = []
    values = [*_literals(test.get("call"), "eval"), *_literals(test.get("setup"), "exec")]
    values += [line.strip() for line in (test.get("stdin") or "").splitlines()]
    for value in values:
        if not _telling(value) or str(value) in found:
            continue
        if isinstance(value, (int, float)):
            if float(value) in numbers:
                found.append(str(value))
        elif isinstance(value, str) and _names_text(value.strip().casefold(), name, words, numbers):
            found.append(value.strip())
    return found


def _names_text(text: str, name: str, words: set[str], numbers: set[float]) -> bool:
    """Whether a test's name repeats a text literal (a whole word, a phrase or a number)."""
    if text in words or (" " in text and text in name):
        return True
    return bool(_NUMBER.fullmatch(text)) and float(text.replace(",", ".")) in numbers


def _normalised(expression: str) -> str | None:
    try:
        return ast.unparse(ast.parse(expression, mode="eval"))
    except (SyntaxError, ValueError):
        return None


def call_in_prompt(test: dict[str, Any], prompt: str) -> bool:
    """Whether the prompt shows the hidden test's exact call (in any of its code lines)."""
    call = test.get("call")
    wanted = _normalised(call) if call else None
    if not wanted or "(" not in wanted:
        return False
    for line in prompt.splitlines():
        text = line.split("#", 1)[0].strip().strip("`").strip()
        for candidate in {text, text.removeprefix("print(").removesuffix(")"), text.removeprefix(">>> ")}:
            if candidate and _normalised(candidate) == wanted:
                return True
    return False


def revealing_problems(test: dict[str, Any], prompt: str) -> list[str]:
    """What gives a hidden test away, as validation messages."""
    found = []
    if literals := literals_in_name(test):
        found.append(
            f"hidden test '{test['name']}': its name states its input ({', '.join(literals)}); "
            "name the property it checks instead"
        )
    if call_in_prompt(test, prompt):
        found.append(
            f"hidden test '{test['name']}': the prompt shows its call {test['call']!r}; make it public or change it"
        )
    return found
