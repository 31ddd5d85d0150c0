"""Web page exercises through the pages: authored, previewed, published, answered, read by the teacher."""

from __future__ import annotations

from sqlalchemy import select

from lms.courses.models import Course
from lms.learning.models import Attempt
from lms.users.models import Role

BASE = "/admin/authoring/demo-authored"
EN = {"Accept-Language": "en"}
CHECKS = '[[checks]]\nid = "h1"\nkind = "element"\ntag = "h1"\ntext = true\n\n[[checks]]\nid = "alt"\nkind = "img-alt"\n'
SOLUTION = '<h1>Fès</h1><img src="x.jpg" alt="La médina">'
EVIL = '<h1 onmouseover="alert(1)">Fès</h1><script>alert(2)</script><img src=x onerror="alert(3)">'


def _author(client) -> None:
    client.post(
        f"{BASE}/units/debut/items",
        data={"item-kind": "webpage", "item-slug": "ma-page", "item-title": "Ma page"},
    )
    saved = client.post(
        f"{BASE}/items/ma-page",
        data={
            "title": "Ma page",
            "weight": "1",
            "required": "y",
            "prompt": "Écris la page de **ta ville**.",
            "starter": "<p>ici</p>",
            "starter_css": "",
            "solution": SOLUTION,
            "solution_css": "",
            "checks": CHECKS,
            "max_attempts": "0",
        },
    )
    assert saved.status_code == 302


def test_a_webpage_exercise_is_authored_published_answered_and_read_safely(
    client, auth, authored, db, make_user
):
    _author(client)
    editor = client.get(f"{BASE}/items/ma-page").text
    assert "Edit the web page exercise" in editor and "To fix before publishing" not in editor
    preview = client.get(f"{BASE}/items/ma-page/learner-preview").text
    assert 'sandbox=""' in preview and SOLUTION not in preview
    assert client.post(f"{BASE}/publish").status_code == 302
    course = db.session.scalar(select(Course).where(Course.slug == "demo-authored"))
    assert course.requires["webpage"] == 1

    pupil = make_user(Role.STUDENT, language="en")
    auth.logout()
    auth.login(pupil)
    client.post("/courses/demo-authored/enrol")
    url = "/courses/demo-authored/items/ma-page"
    page = client.get(url, headers=EN).text
    assert "At least 1 &lt;h1&gt; element with text" in page and "La médina" not in page
    # the preview: a sandbox allowing nothing, its document starting with its own policy
    assert '<iframe class="webpage-preview" sandbox=""' in page
    assert (
        'srcdoc="&lt;meta http-equiv=&#34;Content-Security-Policy&#34; content=&#34;default-src &#39;none&#39;'
        in page
    )
    wrong = client.post(
        f"{url}/submit", data={"html": EVIL, "css": ""}, headers=EN, follow_redirects=True
    ).text
    assert "Checks passed: 1 of 2." in wrong
    assert "<script>alert(2)" not in wrong and "&lt;script&gt;alert(2)" in wrong  # shown escaped, in srcdoc
    right = client.post(
        f"{url}/submit", data={"html": SOLUTION, "css": ""}, headers=EN, follow_redirects=True
    ).text
    assert "Every check passes: well done!" in right
    scores = db.session.scalars(select(Attempt.score).order_by(Attempt.number)).all()
    assert scores == [0.5, 1.0]


def _published_to_a_pupil(client, auth, make_user):
    """Author and publish the exercise, then sign a pupil in, enrolled: return the pupil and the item."""
    _author(client)
    assert client.post(f"{BASE}/publish").status_code == 302
    pupil = make_user(Role.STUDENT, language="en")
    auth.logout()
    auth.login(pupil)
    client.post("/courses/demo-authored/enrol")
    url = "/courses/demo-authored/items/ma-page"
    return pupil, url


def test_the_preview_applies_the_learners_css_through_a_nonce_of_that_response_only(
    client, auth, authored, db, make_user
):
    _, url = _published_to_a_pupil(client, auth, make_user)
    client.post(
        f"{url}/submit", data={"html": "<style>h1{color:red}</style><h1>Fès</h1>", "css": "h1{margin:0}"}
    )
    first, second = client.get(url), client.get(url)
    nonces = []
    for response in (first, second):
        policy = response.headers["Content-Security-Policy"]
        style = next(part for part in policy.split("; ") if part.startswith("style-src"))
        # the site's styles, and one nonce; never 'unsafe-inline' on the page itself
        assert style.startswith("style-src 'self' 'nonce-") and "unsafe-inline" not in style
        nonce = style.split("'nonce-")[1].rstrip("'")
        # the CSS box and the learner's own <style> element carry it, inside the sandboxed srcdoc
        assert response.text.count(f"&lt;style nonce=&#34;{nonce}&#34;&gt;") == 2
        assert f'data-style-nonce="{nonce}"' in response.text
        # the help names the element as text: a literal <style> there would swallow the page
        assert "in a &lt;style&gt; element: style=&#34;…&#34; attributes" in response.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    # every other page keeps the site's policy, without a nonce
    outline = client.get("/courses/demo-authored")
    assert "nonce" not in outline.headers["Content-Security-Policy"]


def test_an_empty_page_is_refused_and_is_not_an_attempt(client, auth, authored, db, make_user):
    pupil, url = _published_to_a_pupil(client, auth, make_user)
    page = client.post(
        f"{url}/submit", data={"html": "  \n ", "css": "h1{color:red}"}, headers=EN, follow_redirects=True
    )
    assert "Your answer is empty" in page.text
    assert db.session.scalar(select(Attempt).where(Attempt.user_id == pupil.id)) is None
