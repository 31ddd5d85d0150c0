"""Parsons problems through the pages: authored in the editor, previewed, published, answered by a pupil."""

from __future__ import annotations

import re

from sqlalchemy import select

from lms.courses.models import Course
from lms.learning.models import Attempt
from lms.users.models import Role

BASE = "/admin/authoring/demo-authored"
SOLUTION = "def double(n):\n    result = 2 * n\n    return result\n"
EN = {"Accept-Language": "en"}


def _author(client) -> None:
    client.post(
        f"{BASE}/units/debut/items",
        data={"item-kind": "parsons", "item-slug": "double", "item-title": "Doubler"},
    )
    saved = client.post(
        f"{BASE}/items/double",
        data={
            "title": "Doubler",
            "weight": "1",
            "required": "y",
            "prompt": "Remettez les lignes de `double(n)` dans l'ordre.",
            "solution": SOLUTION,
            "distractors": "return n\nresult = n + n + 1",
            "max_attempts": "0",
        },
    )
    assert saved.status_code == 302


def _answer(page: str, order: list[tuple[str, int]]) -> dict[str, str]:
    """Fill the form as a learner would: a place and an indentation for each line used."""
    keys = dict(
        (text.replace("&#39;", "'"), key)
        for key, text in re.findall(
            r'data-key="(\w+)" draggable="true">\s*<code id="line-\w+">([^<]*)</code>', page
        )
    )
    data = {}
    for position, (text, indent) in enumerate(order, 1):
        data[f"pos-{keys[text]}"] = str(position)
        data[f"indent-{keys[text]}"] = str(indent)
    return data


def test_a_parsons_problem_is_authored_previewed_published_and_graded(client, auth, authored, db, make_user):
    _author(client)
    editor = client.get(f"{BASE}/items/double").text
    assert "Edit the Parsons problem" in editor and "To fix before publishing" not in editor
    preview = client.get(f"{BASE}/items/double/learner-preview").text
    assert "    result = 2 * n" not in preview and "indent-1" not in preview
    checked = client.post(
        f"{BASE}/items/double/learner-preview",
        data=_answer(preview, [("def double(n):", 0), ("result = 2 * n", 1), ("return result", 1)]),
    ).text
    assert "Correct" in checked
    assert client.post(f"{BASE}/publish").status_code == 302
    course = db.session.scalar(select(Course).where(Course.slug == "demo-authored"))
    assert course.requires["parsons"] == 1

    pupil = make_user(Role.STUDENT, language="en")
    auth.logout()
    auth.login(pupil)
    client.post("/courses/demo-authored/enrol")
    url = "/courses/demo-authored/items/double"
    page = client.get(url, headers=EN).text
    # secrecy: the blocks carry no order, no indentation and no distractor flag before an attempt
    assert page.count('class="parsons-line indent-0 unused"') == 5
    assert "    result = 2 * n" not in page
    wrong = client.post(
        f"{url}/submit",
        data=_answer(page, [("def double(n):", 0), ("return n", 1)]),
        headers=EN,
        follow_redirects=True,
    ).text
    assert "1 of the 3 lines of the program are right and in order." in wrong
    right = client.post(
        f"{url}/submit",
        data=_answer(page, [("def double(n):", 0), ("result = 2 * n", 1), ("return result", 1)]),
        headers=EN,
        follow_redirects=True,
    ).text
    assert "Well done, you passed!" in right
    # the page shows the submitted program back, in its order and indentation
    assert right.count("parsons-line indent-1") == 2 and right.count("unused") == 2
    scores = db.session.scalars(select(Attempt.score).order_by(Attempt.number)).all()
    assert scores == [1 / 3, 1.0]


def test_the_editor_refuses_nothing_but_lists_what_to_fix(client, authored):
    client.post(
        f"{BASE}/units/debut/items",
        data={"item-kind": "parsons", "item-slug": "p", "item-title": "P"},
    )
    client.post(
        f"{BASE}/items/p",
        data={"title": "P", "weight": "1", "prompt": "x", "solution": "if x:\n  y = 1", "max_attempts": "0"},
    )
    page = client.get(f"{BASE}/items/p").text
    assert "multiples of 4 spaces" in page
    refused = client.post(f"{BASE}/publish", follow_redirects=True).text
    assert "multiples of 4 spaces" in refused
