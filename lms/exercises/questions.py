"""Quiz question kinds: a small registry of how each kind is read, checked and scored.

Adding a kind means adding one class here and listing it in ``QUESTION_KINDS``; the quiz
type itself does not change.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from typing import Any, ClassVar

from lms.exercises.files import ExerciseFiles
from lms.exercises.tables import BOOLEAN, NUMBER, REQUIRED, STRING, STRINGS, TABLES, Spec

Question = dict[str, Any]
#: a problem found by ``validate``: message and the key inside the question it concerns
Finding = tuple[str, tuple[str | int, ...]]

CHOICE_SPEC: Spec = {"id": (STRING, REQUIRED), "text": (STRING, REQUIRED), "correct": (BOOLEAN, False)}

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TATWEEL = "\u0640"


def normalise_text(value: str, case_sensitive: bool = False) -> str:
    """Normalise a typed answer so accents, diacritics, case and spacing do not matter.

    NFKC, then combining marks removed (via NFKD, so "é" and Arabic harakat go), the
    Arabic tatweel removed, case folded unless ``case_sensitive``, spaces collapsed.
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value))
    text = "".join(c for c in text if not unicodedata.combining(c) and c != _TATWEEL)
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = text.casefold()
    return _SPACES.sub(" ", text).strip()


def parse_number(value: Any) -> float | None:
    """Read a typed number: a comma (or the Arabic separator) may be the decimal point.

    Returns None for anything that is not a finite number, so it grades as wrong.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "").replace("\u2212", "-")
    text = text.replace("\u066b", ".")  # Arabic decimal separator
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


class QuestionKind:
    """How one kind of question is read from TOML, checked, shown and scored."""

    #: the value of ``kind`` in a question
    name: ClassVar[str]
    #: keys this kind adds to the common question keys
    spec: ClassVar[Spec] = {}

    def parse(self, files: ExerciseFiles, values: dict[str, Any], key: tuple[str | int, ...]) -> Question:
        """Return the kind's own part of the question config from checked ``values``."""
        return {name: values[name] for name in self.spec if name in values}

    def validate(self, question: Question) -> list[Finding]:
        """Check that the answer key fits the question."""
        return []

    def public(self, question: Question) -> dict[str, Any]:
        """Return what the learner may see beyond the common keys."""
        return {}

    def score(self, question: Question, value: Any) -> float:
        """Return the fraction (0..1) of the question's points the answer earns."""
        raise NotImplementedError


class _ChoiceKind(QuestionKind):
    spec: ClassVar[Spec] = {"choices": (TABLES, REQUIRED)}

    def parse(self, files: ExerciseFiles, values: dict[str, Any], key: tuple[str | int, ...]) -> Question:
        choices = []
        for index, raw in enumerate(values.get("choices", [])):
            checked = files.read(raw, CHOICE_SPEC, *key, "choices", index)
            choices.append(
                {
                    "id": checked.get("id"),
                    "text": checked.get("text"),
                    "correct": checked.get("correct", False),
                }
            )
        return {"choices": choices}

    def validate(self, question: Question) -> list[Finding]:
        choices = question.get("choices", [])
        findings: list[Finding] = []
        if len(choices) < 2:
            findings.append(("a choice question needs at least two choices", ("choices",)))
        seen: set[str] = set()
        for index, choice in enumerate(choices):
            if choice["id"] in seen:
                findings.append((f"duplicate choice id '{choice['id']}'", ("choices", index, "id")))
            seen.add(choice["id"])
        return findings

    def public(self, question: Question) -> dict[str, Any]:
        return {"choices": [{"id": c["id"], "text": c["text"]} for c in question.get("choices", [])]}

    @staticmethod
    def correct_ids(question: Question) -> set[str]:
        return {c["id"] for c in question.get("choices", []) if c.get("correct")}


class SingleChoice(_ChoiceKind):
    """One right choice among several; all or nothing."""

    name = "single"

    def validate(self, question: Question) -> list[Finding]:
        findings = super().validate(question)
        count = len(self.correct_ids(question))
        if count != 1:
            findings.append((f"a single-choice question needs exactly one correct choice, found {count}", ()))
        return findings

    def score(self, question: Question, value: Any) -> float:
        return 1.0 if isinstance(value, str) and value in self.correct_ids(question) else 0.0


class MultipleChoice(_ChoiceKind):
    """Tick every right choice; each wrong tick cancels a right one."""

    name = "multiple"

    def validate(self, question: Question) -> list[Finding]:
        findings = super().validate(question)
        if not self.correct_ids(question):
            findings.append(("a multiple-choice question needs at least one correct choice", ()))
        return findings

    def score(self, question: Question, value: Any) -> float:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return 0.0
        ticked = set(value)
        known = {c["id"] for c in question.get("choices", [])}
        correct = self.correct_ids(question)
        if not correct or not ticked <= known:
            return 0.0
        return max(0.0, (len(ticked & correct) - len(ticked - correct)) / len(correct))


class NumericAnswer(QuestionKind):
    """A number, right within an absolute tolerance."""

    name = "numeric"
    spec: ClassVar[Spec] = {"answer": (NUMBER, REQUIRED), "tolerance": (NUMBER, 0)}

    def validate(self, question: Question) -> list[Finding]:
        findings: list[Finding] = []
        if not math.isfinite(float(question.get("answer", 0))):
            findings.append(("'answer' must be a finite number", ("answer",)))
        if question.get("tolerance", 0) < 0:
            findings.append(("'tolerance' must not be negative", ("tolerance",)))
        return findings

    def score(self, question: Question, value: Any) -> float:
        given = parse_number(value)
        if given is None:
            return 0.0
        answer = float(question["answer"])
        slack = float(question.get("tolerance", 0)) + 1e-9 * max(1.0, abs(answer))
        return 1.0 if abs(given - answer) <= slack else 0.0


class TextAnswer(QuestionKind):
    """A short typed answer, compared after normalisation with the accepted ones."""

    name = "text"
    spec: ClassVar[Spec] = {"accepted": (STRINGS, REQUIRED), "case_sensitive": (BOOLEAN, False)}

    def validate(self, question: Question) -> list[Finding]:
        accepted = question.get("accepted", [])
        if not accepted:
            return [("a text question needs at least one accepted answer", ("accepted",))]
        if any(not normalise_text(a) for a in accepted):
            return [("an accepted answer is empty", ("accepted",))]
        return []

    def score(self, question: Question, value: Any) -> float:
        if not isinstance(value, str):
            return 0.0
        sensitive = bool(question.get("case_sensitive", False))
        given = normalise_text(value, sensitive)
        return (
            1.0
            if given and any(given == normalise_text(a, sensitive) for a in question.get("accepted", []))
            else 0.0
        )


def item_key(text: str, occurrence: int = 0) -> str:
    """An opaque key of an item to order, made of its text alone: it tells nothing of its place."""
    return hashlib.sha256(f"{occurrence}\0{text}".encode()).hexdigest()[:10]


def ordering_items(question: Question) -> list[dict[str, str]]:
    """The items in their right order, each with its key (identical texts get distinct keys)."""
    seen: dict[str, int] = {}
    items = []
    for text in question.get("items", []):
        items.append({"id": item_key(text, seen.get(text, 0)), "text": text})
        seen[text] = seen.get(text, 0) + 1
    return items


class Ordering(QuestionKind):
    """Put items in order; each item in its right place earns its share."""

    name = "ordering"
    spec: ClassVar[Spec] = {"items": (STRINGS, REQUIRED)}

    def validate(self, question: Question) -> list[Finding]:
        items = question.get("items", [])
        if len(items) < 2:
            return [("an ordering question needs at least two items", ("items",))]
        if any(not item.strip() for item in items):
            return [("an item to order is empty", ("items",))]
        return []

    def public(self, question: Question) -> dict[str, Any]:
        """The items in an order fixed by their keys (a hash of the text): never the right order."""
        return {"items": sorted(ordering_items(question), key=lambda item: item["id"])}

    def score(self, question: Question, value: Any) -> float:
        expected = [item["id"] for item in ordering_items(question)]
        if not isinstance(value, list) or len(value) != len(expected) or sorted(value) != sorted(expected):
            return 0.0  # every item must be placed exactly once
        texts = {item["id"]: item["text"] for item in ordering_items(question)}
        right = sum(texts[given] == texts[wanted] for given, wanted in zip(value, expected, strict=True))
        return right / len(expected)


#: the question kinds a quiz understands, by name
QUESTION_KINDS: dict[str, QuestionKind] = {
    k.name: k for k in (SingleChoice(), MultipleChoice(), NumericAnswer(), TextAnswer(), Ordering())
}
