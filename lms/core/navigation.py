"""Redirect targets that cannot send a user to another site."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None (no open redirects).

    Control characters (a line break in ``next=``) are refused: Werkzeug refuses them in a
    ``Location`` header, which turned the sign-in into a 500 (issue 16, finding 6).
    """
    if not target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def gettable_path(path: str) -> str | None:
    """The nearest page a browser may GET at or above ``path`` (``…/items/x/submit`` → ``…/items/x``).

    A form posted without a session is sent to sign in with a ``next`` address; that address must be a
    page, not the form's action: after the sign-in the browser GETs it, and an action would answer 405.
    """
    from flask import current_app
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    safe = safe_next_url(path)
    if safe is None:
        return None
    adapter = current_app.url_map.bind("localhost")
    candidate = urlsplit(safe).path
    while candidate and candidate != "/":
        try:
            adapter.match(candidate, method="GET")
            return candidate
        except RequestRedirect as redirect:
            return urlsplit(redirect.new_url).path
        except HTTPException:
            candidate = candidate.rsplit("/", 1)[0]
    return "/"
