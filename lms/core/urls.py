"""Absolute addresses the platform sends or signs: built from one configured public URL, never a request.

A reset link, an invitation, a class's join link or a certificate's verification address leaves the
platform (a mail, a QR code, a signed credential) and must point at the real site. A request's ``Host``
header is chosen by whoever sends the request: trusting it would mail a valid reset token to
``evil.example``. And a certificate issued by the grading worker or the CLI has no request at all.

``PUBLIC_URL`` (environment ``MAHARAT_PUBLIC_URL``) is that address; production refuses to start without
it (lms/config.py). In development, when it is unset, it is the address ``flask run`` serves by default
(``make run`` passes its own ``HOST`` and ``PORT``).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def development_url() -> str:
    """Where ``flask run`` listens when nothing else is said (its own environment variables, else 5000)."""
    host = os.environ.get("FLASK_RUN_HOST") or "127.0.0.1"
    port = os.environ.get("FLASK_RUN_PORT") or "5000"
    return f"http://{host}:{port}"


def public_url() -> str:
    """The site's public base URL, e.g. ``https://maharat.ma`` (no trailing slash)."""
    return (current_app.config.get("PUBLIC_URL") or development_url()).rstrip("/")


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ``endpoint`` on the public site; needs an app context, never a request."""
    base = urlsplit(public_url())
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
