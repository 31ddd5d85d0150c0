"""Run one lesson's Python blocks in order, in one namespace, and report what each printed.

Started by tests/packages/test_lesson_code.py with the grading venv's interpreter (it has numpy and
scikit-learn, as the learners' sandbox does), in a fresh working folder. Reads a JSON list of blocks on
stdin: {"code", "expected" (the output the lesson shows, or null), "files" ({name: path} copied into
the working folder first)}. Writes a JSON list of {"stdout", "error"} on stdout.

``input()`` answers from the lesson itself: when a lesson shows a run such as
``Quelle est la capitale du Maroc ? Casablanca``, the prompt is printed and the rest of that shown line
is what the user typed, echoed as a terminal would. With nothing shown to answer from, ``input()``
raises EOFError as it does when stdin is closed.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import shutil
import signal
import sys

#: CPU seconds a block may use (CPU, not wall-clock time: a loaded machine must not fail a lesson)
BLOCK_SECONDS = 60


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout(f"block still running after {BLOCK_SECONDS} s of CPU")


def _fake_input(buffer: io.StringIO, expected: str | None):
    def fake(prompt: object = "") -> str:
        buffer.write(str(prompt))
        if expected is None:
            raise EOFError("EOF when reading a line")
        printed = buffer.getvalue()
        if not expected.startswith(printed):
            raise EOFError("EOF when reading a line")
        rest = expected[len(printed) :]
        answer = rest.split("\n", 1)[0]
        buffer.write(answer + "\n")
        return answer

    return fake


def main() -> None:
    blocks = json.load(sys.stdin)
    namespace: dict[str, object] = {"__name__": "__main__"}
    results = []
    signal.signal(signal.SIGPROF, _on_alarm)
    real_input = builtins.input
    sys.path.insert(0, os.getcwd())  # `import outils` finds a module the lesson saved in the folder
    for block in blocks:
        for name, source in block["files"].items():
            shutil.copyfile(source, name)
        buffer = io.StringIO()
        error = None
        builtins.input = _fake_input(buffer, block["expected"])
        signal.setitimer(signal.ITIMER_PROF, BLOCK_SECONDS)
        try:
            with contextlib.redirect_stdout(buffer):
                exec(compile(block["code"], "<lesson>", "exec"), namespace)  # noqa: S102 - shipped lessons
        except SyntaxError as exc:
            error = f"{type(exc).__name__}: {exc.msg}"
        except BaseException as exc:  # the lesson may show any error on purpose
            error = f"{type(exc).__name__}: {exc}"
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            builtins.input = real_input
        results.append({"stdout": buffer.getvalue(), "error": error})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
