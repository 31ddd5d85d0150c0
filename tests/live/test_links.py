"""Pages reached from a mail or a QR code, followed on a real server; links never trust the Host header."""

from __future__ import annotations

import re
import secrets
import time

from tests.live.client import LiveClient
from tests.live.server import LiveServer

#: How long a mail may take to reach the server's log on a loaded machine.
DEADLINE = 120


def mailed_link(server: LiveServer, after: int) -> str:
    """The newest reset link the server logged (no mail server: mails go to the log) after ``after`` bytes."""
    deadline = time.monotonic() + DEADLINE
    while True:
        links = re.findall(r"\S+/auth/reset/\S+", server.log_text()[after:])
        if links:
            return links[-1]
        assert time.monotonic() < deadline, "no reset link was logged"
        time.sleep(0.2)


def choose_password(live: LiveServer, world: dict, link: str) -> str:
    """Follow a reset link by its path, choose a new password, and sign in with it."""
    assert link.startswith(world["public_url"] + "/auth/reset/"), link
    visitor = LiveClient(live.url)
    path = link.removeprefix(world["public_url"])
    assert visitor.get(path).status == 200
    password = f"nouveau-{secrets.token_hex(6)}"
    done = visitor.post(path, {"password": password, "confirm": password}, token_from=path, follow=False)
    assert done.status == 302 and done.headers["Location"].endswith("/auth/login")
    LiveClient(live.url).sign_in(world["formula"], password)
    return password


def test_forgot_with_a_forged_host_mails_a_link_on_the_public_url(live, world):
    visitor = LiveClient(live.url)
    token = visitor.csrf("/auth/forgot")
    start = len(live.log_text())
    reply = visitor.request(
        "POST",
        "/auth/forgot",
        data={"csrf_token": token, "email": world["formula"]},
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
        follow=False,
    )
    assert reply.status == 302
    link = mailed_link(live, start)
    assert "evil.example" not in link
    choose_password(live, world, link)


def test_a_link_sent_by_an_admin_opens_on_the_public_url(live, visit, world):
    admin = visit("admin", "fr")
    start = len(live.log_text())
    path = f"/admin/people/{world['formula_id']}"
    reply = admin.post(f"{path}/password", {"method": "link"}, token_from=path, follow=False)
    assert reply.status == 302
    choose_password(live, world, mailed_link(live, start))


def test_the_class_join_link_opens_the_join_page(visit, world):
    teacher = visit("teacher", "fr")
    page = teacher.get(f"/classes/{world['class_id']}").text.replace("&amp;", "&")
    link = re.search(re.escape(world["public_url"]) + r"/classes/join\?code=([0-9A-Z]+)", page)
    assert link, "the join link is on the public URL"
    pupil = visit("pupil", "fr")
    joined = pupil.get(link.group(0).removeprefix(world["public_url"]))
    assert joined.status == 200 and link.group(1) in joined.text
