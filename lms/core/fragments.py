"""Rendered fragments kept per process: a bounded LRU, and the site header every page starts with.

A fragment is cached under a key made of *everything* it shows, so serving it again can only give the
bytes the template would have rendered for that request: two people see the same fragment only when
their pages would have been identical there. Per-session values that a fragment must contain (the CSRF
token of the sign-out and language forms) are cut out before it is stored and put back for each request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

#: Fragments kept per cache and process: a few KiB each, so a few MiB at most.
MAX_FRAGMENTS = 4096
#: Where the request's CSRF token goes in a stored fragment (never a valid token, never user input).
TOKEN_SLOT = "\x00csrf\x00"  # noqa: S105 (a placeholder, not a secret)


class FragmentCache:
    """A bounded, thread-safe LRU of rendered fragments (gunicorn's gthread workers share one per process)."""

    def __init__(self, size: int = MAX_FRAGMENTS) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        #: Renderings and reuses, for tests and the benchmark.
        self.misses = 0
        self.hits = 0

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        with self._lock:
            known = self._entries.get(key)
            if known is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return known
        # Rendered outside the lock: two threads may render the same fragment once each, never wrongly.
        fragment = render()
        with self._lock:
            self.misses += 1
            self._entries[key] = fragment
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return fragment

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


#: The site header (lms/templates/base.html): menu of the role, unread count, language switcher.
site_headers = FragmentCache()

#: Roles whose menu shows the notifications link with its unread count.
NOTIFIED_ROLES = ("admin", "teacher", "student")


def site_header(macro) -> Markup:
    """The header for this request: the template's ``macro(unread)``, rendered once per distinct header.

    The key is what the header shows: language, role (its menu), the unread count, and the address the
    language switcher returns to; the CSRF token is the request's own.
    """
    from lms.i18n import current_language

    role = current_user.role.value if current_user.is_authenticated else None
    unread = 0
    if role in NOTIFIED_ROLES:
        from lms.notifications.operations import unread_count

        unread = unread_count(current_user)
    token = generate_csrf()
    key = (current_language(), role, unread, request.script_root, request.full_path)

    def render() -> str:
        return str(macro(unread)).replace(token, TOKEN_SLOT)

    return Markup(site_headers.get_or_render(key, render).replace(TOKEN_SLOT, token))  # noqa: S704 (rendered by the template)


def init_fragments(app: Flask) -> None:
    app.add_template_global(site_header, "site_header")
