"""Notifications in words: each kind's sentence, in the reader's language, built when it is shown."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from lms.i18n import format_deadline
from lms.notifications.models import Notification


def _title(params: dict, language: str) -> str:
    titles = params.get("title") or {}
    if isinstance(titles, str):
        return titles
    return titles.get(language) or titles.get("fr") or next(iter(titles.values()), "")


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_deadline(datetime.fromisoformat(value))
    except ValueError:
        return ""


def describe(notification: Notification, language: str) -> str:
    """The sentence for one notification (an unknown kind, e.g. from a newer version, reads generically)."""
    p = notification.params or {}
    title = _title(p, language)
    kind = notification.kind
    if kind == "announcement":
        return _(
            "New announcement in %(class)s from %(author)s",
            **{"class": p.get("class", ""), "author": p.get("author", "")},
        )
    if kind == "assignment":
        if p.get("due"):
            return _("New work to do: %(title)s, due %(due)s", title=title, due=_when(p.get("due")))
        return _("New work to do: %(title)s", title=title)
    if kind == "due_changed":
        if p.get("due"):
            return _("New due date for %(title)s: %(due)s", title=title, due=_when(p.get("due")))
        return _("%(title)s no longer has a due date", title=title)
    if kind == "due_soon":
        return _("Due tomorrow: %(title)s (%(due)s)", title=title, due=_when(p.get("due")))
    if kind == "grade":
        return _("Your grade on %(title)s was changed to %(score)s%%", title=title, score=p.get("score", ""))
    if kind == "feedback":
        return _("Your teacher commented on %(title)s", title=title)
    if kind == "redo":
        return _("Your teacher asks you to redo %(title)s", title=title)
    if kind == "accepted":
        return _("Your teacher accepted %(title)s", title=title)
    if kind == "certificate":
        return _("Your certificate for %(title)s is ready", title=title)
    return _("New notification")
