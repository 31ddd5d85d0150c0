"""What a learner's program prints and raises is capped and sanitised before it is stored or shown."""

from __future__ import annotations

import json

from sqlalchemy import text

from lms.dbtypes import STORED_TOTAL_CHARS, storable_json, storable_text
from lms.extensions import db
from lms.grading import worker
from lms.learning.models import Attempt, AttemptStatus
from tests.grading.conftest import xdist_slot
from tests.grading.test_worker import submit

#: Every channel at once: a megabyte-long exception class name, a lone surrogate, NUL and control
#: characters in the message, a result whose repr is huge, and output full of control characters.
HOSTILE = (
    "Boom = type('B' * 1_000_000, (Exception,), {})\n"
    "def somme(a, b):\n"
    "    print('\\x00\\x1b[31m\\x07' * 2000)\n"
    "    if a == 2:\n"
    "        raise Boom('lone \\ud800 surrogate, NUL \\x00, bell \\x07' * 50)\n"
    "    return 'x' * 900_000\n"
)


def test_storable_text_keeps_lines_and_tabs_and_replaces_the_rest():
    assert storable_text("a\tb\nc") == "a\tb\nc"
    assert storable_text("\ud800x\x00y\x1b\x7f\x85") == "\ufffdx\ufffdy\ufffd\ufffd\ufffd"
    capped = storable_text("z" * 100_000)
    assert len(capped) <= 8192 and capped.endswith("[truncated]")
    json.dumps(storable_text("\udfff"), ensure_ascii=False).encode()  # encodable now


def test_storable_json_caps_the_whole_value():
    value = [{"got": "y" * 10**6, "nested": [[[["deep"]]]]} for _ in range(100)]
    stored = storable_json(value)
    assert len(json.dumps(stored)) < STORED_TOTAL_CHARS + 100 * 64
    assert stored[0]["nested"] == [[[["deep"]]]]
    assert storable_json({"k\ud800": None}) == {"k\ufffd": None}


def test_a_hostile_submission_stores_little_and_every_page_still_works(
    app, client, auth, learner, demo_course, slot
):
    attempt = submit(learner, demo_course, HOSTILE)
    assert worker.grade_attempt(attempt.id, slot) is AttemptStatus.GRADED
    raw = db.session.execute(
        text("SELECT feedback, details FROM attempts WHERE id = :id"), {"id": attempt.id}
    ).one()
    stored = "".join(raw if isinstance(raw[0], str) else map(json.dumps, raw))
    assert len(stored) < 2 * (STORED_TOTAL_CHARS + 4096)  # was megabytes
    assert "\\ud800" not in stored and "\\u0000" not in stored and "\\u0007" not in stored
    assert_pages_work(client, auth, learner, demo_course, attempt)


def test_rows_stored_before_the_cap_still_render_and_export(app, client, auth, learner, demo_course):
    attempt = submit(learner, demo_course, "def somme(a, b):\n    return a + b\n")
    bad = [
        {
            "kind": "test", "name": "deux entiers positifs", "hidden": False, "passed": False,
            "call": "somme(2, 3)", "expected": "5", "stdin": "", "expected_stdout": None,
            "got": "'" + "g" * 18_000_000 + "'", "stdout": "\x00" * 1000,
            "error": "ValueError: lone \ud800 surrogate",
        }
    ]  # fmt: skip
    # Written around the column type, as an old row would be: ensure_ascii keeps the surrogate's escape.
    db.session.execute(
        text(
            "UPDATE attempts SET feedback = :feedback, status = 'graded', score = 0, passed = :no WHERE id = :id"
        ),
        {"feedback": json.dumps(bad), "id": attempt.id, "no": False},
    )
    db.session.commit()
    assert_pages_work(client, auth, learner, demo_course, attempt)


def assert_pages_work(client, auth, learner, demo_course, attempt: Attempt) -> None:
    auth.login(learner)
    page = client.get(f"/courses/{demo_course.slug}/items/somme?attempt={attempt.id}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert len(body) < 2 * STORED_TOTAL_CHARS
    assert "\ufffd" in body
    export = client.get("/account/data.json")
    assert export.status_code == 200
    data = export.get_data(as_text=True)
    assert "\ufffd" in data and len(data) < 4 * STORED_TOTAL_CHARS
    assert client.get("/account/data.zip").status_code == 200


def test_the_sandbox_reports_errors_capped_and_showable():
    from lms.sandbox.protocol import ERROR_CHARS, _clean_error

    cleaned = _clean_error("E" * 10**6 + "\ud800\x00")
    assert len(cleaned) == ERROR_CHARS and _clean_error("a\ud800\x00b\n") == "a\ufffd\ufffdb\n"
    assert xdist_slot() in range(4)
