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


def shown_in_order(entries: list[dict[str, Any]], order: Any) -> list[dict[str, Any]]:
    """``entries`` in one attempt's shuffled ``order`` of their ids; as given when the order does not fit."""
    if not isinstance(order, list):
        return entries
    place = {entry_id: index for index, entry_id in enumerate(order) if isinstance(entry_id, str)}
    if set(place) != {entry["id"] for entry in entries}:
        return entries
    return sorted(entries, key=lambda entry: place[entry["id"]])


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
        choices = [{"id": c["id"], "text": c["text"]} for c in question.get("choices", [])]
        return {"choices": shown_in_order(choices, question.get("shown_order"))}

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
        items = sorted(ordering_items(question), key=lambda item: item["id"])
        return {"items": shown_in_order(items, question.get("shown_order"))}

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


MATCHING_PAIR_SPEC: Spec = {"left": (STRING, REQUIRED), "right": (STRING, REQUIRED)}


def matching_options(question: Question) -> list[dict[str, str]]:
    """The right-hand options (answers and distractors, each text once), in an order fixed by their keys."""
    texts = [pair["right"] for pair in question.get("pairs", [])] + list(question.get("distractors", []))
    unique = list(dict.fromkeys(texts))
    return sorted(({"id": item_key(text), "text": text} for text in unique), key=lambda o: o["id"])


class Matching(QuestionKind):
    """Match each prompt on the left with an option on the right; each right match earns its share.

    Prompts are named ``p1``, ``p2``… by their place (their order gives nothing away); options are
    named by a hash of their text, so their order says nothing of the pairs. Two prompts may share
    an answer; ``distractors`` are options that match nothing.
    """

    name = "matching"
    spec: ClassVar[Spec] = {"pairs": (TABLES, REQUIRED), "distractors": (STRINGS, [])}

    def parse(self, files: ExerciseFiles, values: dict[str, Any], key: tuple[str | int, ...]) -> Question:
        pairs = []
        for index, raw in enumerate(values.get("pairs", [])):
            checked = files.read(raw, MATCHING_PAIR_SPEC, *key, "pairs", index)
            pairs.append({"left": checked.get("left", ""), "right": checked.get("right", "")})
        return {"pairs": pairs, "distractors": list(values.get("distractors", []))}

    def validate(self, question: Question) -> list[Finding]:
        pairs = question.get("pairs", [])
        findings: list[Finding] = []
        if len(pairs) < 2:
            findings.append(("a matching question needs at least two pairs", ("pairs",)))
        seen: set[str] = set()
        for index, pair in enumerate(pairs):
            if not pair["left"].strip() or not pair["right"].strip():
                findings.append(("a pair has an empty side", ("pairs", index)))
            if pair["left"] in seen:
                findings.append((f"the prompt '{pair['left']}' appears twice", ("pairs", index, "left")))
            seen.add(pair["left"])
        answers = {pair["right"] for pair in pairs}
        for text in question.get("distractors", []):
            if not text.strip():
                findings.append(("a distractor is empty", ("distractors",)))
            elif text in answers:
                findings.append((f"the distractor '{text}' is also the answer of a pair", ("distractors",)))
        return findings

    def public(self, question: Question) -> dict[str, Any]:
        prompts = [
            {"id": f"p{n}", "text": pair["left"]} for n, pair in enumerate(question.get("pairs", []), 1)
        ]
        return {
            "prompts": prompts,
            "options": shown_in_order(matching_options(question), question.get("shown_order")),
        }

    def score(self, question: Question, value: Any) -> float:
        pairs = question.get("pairs", [])
        if not isinstance(value, dict) or not pairs:
            return 0.0
        texts = {option["id"]: option["text"] for option in matching_options(question)}
        right = sum(
            isinstance(value.get(f"p{n}"), str) and texts.get(value[f"p{n}"]) == pair["right"]
            for n, pair in enumerate(pairs, 1)
        )
        return right / len(pairs)


#: a gap in a cloze text: ``{{name}}``
GAP = re.compile(r"\{\{\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*\}\}")
GAP_SPEC: Spec = {
    "id": (STRING, REQUIRED),
    "kind": (STRING, REQUIRED),
    "accepted": (STRINGS, []),
    "case_sensitive": (BOOLEAN, False),
    "answer": (NUMBER, 0),
    "tolerance": (NUMBER, 0),
    "choices": (STRINGS, []),
    "correct": (STRING, ""),
}
#: gap kind -> the keys it uses (beyond ``id`` and ``kind``)
GAP_KINDS: dict[str, tuple[str, ...]] = {
    "text": ("accepted", "case_sensitive"),
    "number": ("answer", "tolerance"),
    "choice": ("choices", "correct"),
}


def gap_token(index: int) -> str:
    """A plain word standing for gap ``index`` in the rendered text (Markdown leaves it alone)."""
    return f"xgap{index}x"


def choice_options(choices: list[str]) -> list[str]:
    """A choice gap's options in an order fixed by a hash of their text: never the author's order."""
    return sorted(dict.fromkeys(choices), key=item_key)


class Cloze(QuestionKind):
    """A text with gaps (``{{name}}``) to fill: typed text, a number, or a choice in a list.

    Each gap earns an equal share. Text gaps compare like text questions (accents, diacritics,
    case and spaces do not matter unless ``case_sensitive``), number gaps like numeric questions.
    """

    name = "cloze"
    spec: ClassVar[Spec] = {"gaps": (TABLES, REQUIRED)}

    def parse(self, files: ExerciseFiles, values: dict[str, Any], key: tuple[str | int, ...]) -> Question:
        gaps = []
        for index, raw in enumerate(values.get("gaps", [])):
            where = (*key, "gaps", index)
            checked = files.read(raw, GAP_SPEC, *where)
            kind = checked.get("kind")
            if kind is not None and kind not in GAP_KINDS:
                files.report(f"unknown gap kind '{kind}' (known: {', '.join(GAP_KINDS)})", *where, "kind")
                continue
            if kind is None:
                continue
            for name in raw:
                if name in GAP_SPEC and name not in ("id", "kind", *GAP_KINDS[kind]):
                    files.report(f"'{name}' does not apply to a {kind} gap", *where, name)
            gap = {"id": checked.get("id", ""), "kind": kind}
            gap.update({name: checked[name] for name in GAP_KINDS[kind] if name in checked})
            gaps.append(gap)
        return {"gaps": gaps}

    def validate(self, question: Question) -> list[Finding]:
        gaps = question.get("gaps", [])
        findings: list[Finding] = []
        named = GAP.findall(question.get("text", ""))
        if not gaps:
            findings.append(("a cloze question needs at least one gap", ("gaps",)))
        ids = [gap["id"] for gap in gaps]
        for index, gap in enumerate(gaps):
            where: tuple[str | int, ...] = ("gaps", index)
            if ids.count(gap["id"]) > 1 and ids.index(gap["id"]) < index:
                findings.append((f"duplicate gap id '{gap['id']}'", (*where, "id")))
            if named.count(gap["id"]) != 1:
                findings.append(
                    (
                        f"the text must contain {{{{{gap['id']}}}}} exactly once, found {named.count(gap['id'])}",
                        where,
                    )
                )
            if gap["kind"] == "text":
                if not gap.get("accepted") or any(not normalise_text(a) for a in gap["accepted"]):
                    findings.append(("a text gap needs accepted answers, none empty", (*where, "accepted")))
            elif gap["kind"] == "number":
                if not math.isfinite(float(gap.get("answer", 0))):
                    findings.append(("'answer' must be a finite number", (*where, "answer")))
                if gap.get("tolerance", 0) < 0:
                    findings.append(("'tolerance' must not be negative", (*where, "tolerance")))
            else:
                choices = gap.get("choices", [])
                if len(set(choices)) < 2 or any(not c.strip() for c in choices):
                    findings.append(
                        ("a choice gap needs at least two different, non-empty choices", (*where, "choices"))
                    )
                if gap.get("correct") not in choices:
                    findings.append(("'correct' must be one of the gap's choices", (*where, "correct")))
        for name in sorted(set(named) - set(ids)):
            findings.append((f"the text has a gap {{{{{name}}}}} that is not defined", ("text",)))
        return findings

    def public(self, question: Question) -> dict[str, Any]:
        """The text with each gap replaced by a token the page swaps for a field; choices in hash order."""
        gaps = []
        text = question.get("text", "")
        for index, gap in enumerate(question.get("gaps", [])):
            text = re.sub(r"\{\{\s*" + re.escape(gap["id"]) + r"\s*\}\}", gap_token(index), text)
            public = {"id": gap["id"], "kind": gap["kind"], "token": gap_token(index)}
            if gap["kind"] == "choice":
                choices = choice_options(gap.get("choices", []))
                orders = question.get("shown_order")
                wanted = orders.get(gap["id"]) if isinstance(orders, dict) else None
                if isinstance(wanted, list) and sorted(map(str, wanted)) == sorted(choices):
                    choices = list(wanted)
                public["choices"] = choices
            gaps.append(public)
        return {"text": text, "gaps": gaps}

    def score(self, question: Question, value: Any) -> float:
        gaps = question.get("gaps", [])
        if not isinstance(value, dict) or not gaps:
            return 0.0
        return sum(self.gap_right(gap, value.get(gap["id"])) for gap in gaps) / len(gaps)

    @staticmethod
    def gap_right(gap: dict[str, Any], value: Any) -> bool:
        """Whether one gap's answer is right."""
        if not isinstance(value, str):
            return False
        if gap["kind"] == "text":
            sensitive = bool(gap.get("case_sensitive", False))
            given = normalise_text(value, sensitive)
            return bool(given) and any(given == normalise_text(a, sensitive) for a in gap.get("accepted", []))
        if gap["kind"] == "number":
            return NumericAnswer().score(gap, value) == 1.0
        return value == gap.get("correct") and value in gap.get("choices", [])


QUESTION_KINDS.update({k.name: k for k in (Matching(), Cloze())})
