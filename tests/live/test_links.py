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


def test_a_notification_mail_links_to_the_public_url_and_the_link_opens(live_env, world, tmp_path):
    """An announcement's mails leave through the outbox and point at the public address.

    This server has a mail server configured and a separate sender (``MAIL_DELIVERY=external``), so the
    queued messages stay in the outbox to be read. It listens on its own port: a link built from the
    request would name that port, not the public address.
    """
    import json

    from tests.live.server import run, serve

    env = {**live_env, "MAIL_SERVER": "127.0.0.1", "MAIL_DELIVERY": "external"}
    with serve("gunicorn", env, tmp_path / "gunicorn-mail.log") as server:
        assert server.url != world["public_url"]
        teacher = LiveClient(server.url)
        teacher.sign_in(world["teacher"], world["password"])
        path = f"/notifications/classes/{world['class_id']}/announcements"
        marker = f"Salle {secrets.token_hex(3)}"
        reply = teacher.post(path, {"body": f"Demain : {marker}."}, token_from=path, follow=False)
        assert reply.status == 302, reply.text[:500]
        printed = run(
            env,
            "-c",
            "import json; from sqlalchemy import select; from lms import create_app;"
            "from lms.extensions import db; from lms.mail.models import OutboxMessage\n"
            "with create_app().app_context():\n"
            "    print(json.dumps(db.session.scalars(select(OutboxMessage.body)).all()))",
        )
        bodies = json.loads(printed.strip().splitlines()[-1])
        assert bodies, "the announcement's mails were queued"
        links = {line for body in bodies for line in body.splitlines() if "://" in line}
        assert links == {world["public_url"] + "/notifications/"}, links
        pupil = LiveClient(server.url)
        pupil.sign_in(world["pupil"], world["password"])
        for link in links:
            opened = pupil.get(link.removeprefix(world["public_url"]))
            assert opened.status == 200 and marker in opened.text, link
