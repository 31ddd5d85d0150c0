"""Every lesson's code prints what the lesson shows, in every language of every shipped course.

A lesson's ``python`` blocks run in order in one namespace (as a learner typing them one after the
other would), with the grading venv's interpreter, in an empty working folder. A block's shown output is
the fenced ``text`` (or unlabelled) block that follows it, either right after it or after one short
paragraph ending with a colon ("Si l'utilisateur tape `Casablanca` puis `Rabat` :"); a block fenced
```` ```text file ```` shows a file's content, not output. When the shown
output is an error, its last line ("TypeError: …") must be the error the block raises; a traceback
shown before it is not compared (line numbers differ).

Words after ``python`` in the fence's info string (the renderer ignores them) say how to run it:
``files=NAME:assets/PATH`` copies a course asset into the working folder under the name the lesson
tells the learner to save it as; ``raises`` marks a block shown without output that fails on purpose
(any other block that fails fails the test); ``norun`` skips a block (pseudo-code, a fragment).
How to write lessons that this test can read is in docs/course-packages.md.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSES = REPO / "courses"
DRIVER = Path(__file__).with_name("lesson_code_driver.py")
GRADING_PYTHON = os.environ.get("MAHARAT_SANDBOX_PYTHON", str(REPO / ".venv-sandbox" / "bin" / "python"))

_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)
_LEAD_IN = re.compile(r"\A\s*[^\n]+[:：]\s*\Z")


@dataclass
class Block:
    code: str
    line: int
    expected: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    raises: bool = False


def lessons() -> list[Path]:
    """Lesson files of every course and language; exercise prompts call code the learner writes."""
    return sorted(p for p in COURSES.rglob("*.md") if p.name != "prompt.md" and "units" in p.parts)


def _course_root(lesson: Path) -> Path:
    return COURSES / lesson.relative_to(COURSES).parts[0]


def python_blocks(lesson: Path) -> list[Block]:
    text = lesson.read_text(encoding="utf-8")
    fences = [(m.group(1).split(), m.group(2), m.start(), m.end()) for m in _FENCE.finditer(text)]
    blocks = []
    for index, (info, body, start, end) in enumerate(fences):
        if not info or info[0] != "python" or "norun" in info:
            continue
        block = Block(code=body, line=text.count("\n", 0, start) + 1, raises="raises" in info)
        for word in info[1:]:
            if word.startswith("files="):
                for pair in word.removeprefix("files=").split(","):
                    name, _, source = pair.partition(":")
                    path = (_course_root(lesson) / source).resolve()
                    assert path.is_relative_to(_course_root(lesson)) and path.is_file(), (
                        f"{lesson}:{block.line}: files={pair} names no asset of the course"
                    )
                    block.files[name] = str(path)
        if index + 1 < len(fences):
            next_info, next_body, next_start, _ = fences[index + 1]
            between = text[end:next_start]
            if (not next_info or (next_info[0] == "text" and "file" not in next_info)) and (
                not between.strip() or _LEAD_IN.match(between)
            ):
                block.expected = next_body
        blocks.append(block)
    return blocks


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip().splitlines()]


def mismatch(block: Block, stdout: str, error: str | None) -> str | None:
    """Say how a block's run differs from what the lesson shows, or None."""
    if block.expected is None:
        if error and not block.raises and not error.startswith("EOFError"):
            return f"raised {error} (mark the block `python raises` if that is the point)"
        return None
    expected = block.expected
    if error:
        shown = _lines(expected)
        if not shown or shown[-1] != error:
            return f"raised {error!r}, the lesson shows {shown[-1:]!r}"
        before = expected.split("Traceback (most recent call last):", 1)[0]
        if "Traceback (most recent call last):" not in expected:
            before = "\n".join(shown[:-1])
        if _lines(before) != _lines(stdout):
            return f"printed {stdout!r} before the error, the lesson shows {before!r}"
        return None
    if _lines(expected) != _lines(stdout):
        return f"printed {stdout!r}, the lesson shows {expected!r}"
    return None


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: str(p.relative_to(COURSES)))
def test_lesson_code_prints_what_the_lesson_shows(lesson: Path, tmp_path: Path) -> None:
    blocks = python_blocks(lesson)
    if not blocks:
        return
    if not Path(GRADING_PYTHON).exists():
        pytest.fail(f"no grading interpreter at {GRADING_PYTHON}: run `make sandbox`", pytrace=False)
    payload = [{"code": b.code, "expected": b.expected, "files": b.files} for b in blocks]
    run = subprocess.run(
        [GRADING_PYTHON, "-I", str(DRIVER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=1800,
        check=False,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout)
    problems = []
    for block, result in zip(blocks, results, strict=True):
        why = mismatch(block, result["stdout"], result["error"])
        if why:
            problems.append(f"{lesson.relative_to(REPO)}:{block.line}: {why}")
    assert not problems, "\n".join(problems)


def test_the_reader_finds_shown_output_after_a_lead_in(tmp_path: Path) -> None:
    lesson = tmp_path / "courses" / "c" / "units" / "u" / "l.md"
    lesson.parent.mkdir(parents=True)
    lesson.write_text(
        "```python\nprint(1)\n```\n\n```text\n1\n```\n\n"
        "```python\nx = input('? ')\n```\n\nSi l'on tape `a` :\n\n```text\n? a\n```\n\n"
        "```python\nprint(2)\n```\n\nUn paragraphe.\n\nEt un autre :\n\n```text\n2\n```\n",
        encoding="utf-8",
    )
    blocks = python_blocks(lesson)
    assert [b.expected for b in blocks] == ["1\n", "? a\n", None]


def test_a_wrong_shown_output_is_reported() -> None:
    block = Block(code="print(2)", line=1, expected="3\n")
    assert mismatch(block, "2\n", None)
    assert mismatch(Block(code="", line=1, expected="TypeError: x\n"), "", "TypeError: y")
    assert mismatch(Block(code="", line=1), "", "NameError: z")
    assert mismatch(Block(code="", line=1, raises=True), "", "NameError: z") is None
    assert sys.version_info >= (3, 11)
