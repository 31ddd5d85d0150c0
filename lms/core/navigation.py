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
