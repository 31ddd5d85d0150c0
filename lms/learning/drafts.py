"""Work typed on an exercise and not submitted yet: kept per learner and item, so nothing typed is lost.

Three copies, each covering a failure of the others:

- the **server draft** (:class:`~lms.learning.models.Draft`), saved by the page as the learner types
  (debounced) and restored on return, on any device;
- the browser's **localStorage**, written on every change by ``static/js/learning.js``: it survives a
  lost connection or an expired session, when the server cannot be told;
- the **sign-in stash**: a form posted after the session ended (an expired session, a tab signed out
  elsewhere) is kept in the new session cookie when it is small enough, and becomes the draft as soon as
  the learner has signed in again and opens the item (without JavaScript too). Schools share computers:
  the form's address carries who the page was shown to (signed, :func:`owner_token`), and the stash is
  given to that account only; anyone else signing in on that browser drops it unseen.

A draft is deleted when an attempt is recorded: the attempt then holds that work.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from flask import current_app, request, session
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from lms.courses.models import Item
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Draft
from lms.users.models import User

if TYPE_CHECKING:
    from lms.learning.structure import ItemInfo

#: The longest text one field may hold (the code area): longer work is refused with a message, never cut.
FIELD_LIMIT = 100_000
#: Fields of a draft; an exercise form has far fewer (one per question at most).
FIELDS_LIMIT = 200
#: The session cookie is capped near 4 KB: larger posted work is not stashed (localStorage keeps it).
STASH_LIMIT = 2_500
#: Posted fields that are never work: the CSRF token, and anything secret.
IGNORED = ("csrf_token",)


class DraftTooLarge(ValueError):
    """The work is larger than the platform keeps."""


def fields_from_form(form: MultiDict) -> dict[str, Any]:
    """The work in a posted form: text per field, a list where the field repeats (several ticked boxes)."""
    fields: dict[str, Any] = {}
    for name in form:
        if name in IGNORED or "password" in name:
            continue
        values = [str(v) for v in form.getlist(name)]
        fields[name] = values if len(values) > 1 else values[0]
    return fields


def check_size(fields: dict[str, Any]) -> None:
    """Refuse work that is too large, rather than keep a silently truncated copy."""
    if len(fields) > FIELDS_LIMIT:
        raise DraftTooLarge()
    for value in fields.values():
        texts = value if isinstance(value, list) else [value]
        if any(len(text) > FIELD_LIMIT for text in texts):
            raise DraftTooLarge()


def find_draft(user: User, item: Item | ItemInfo) -> Draft | None:
    return db.session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.item_id == item.id))


def save_draft(user: User, item: Item | ItemInfo, fields: dict[str, Any]) -> Draft:
    """Create or replace the learner's draft of the item (the caller commits)."""
    check_size(fields)
    draft = find_draft(user, item)
    if draft is None:
        draft = Draft(user_id=user.id, item_id=item.id, course_id=item.course_id, fields=fields)
        db.session.add(draft)
    draft.fields = fields
    draft.updated_at = utcnow()
    db.session.flush()
    return draft


def discard_draft(user: User, item: Item) -> None:
    """The work became an attempt: the draft is no longer needed."""
    db.session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.item_id == item.id))


#: The query parameter of an exercise form's address that names, signed, whom the page was shown to.
OWNER_PARAMETER = "owner"


def _owners() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="maharat-work-owner")


def owner_token(user: User) -> str:
    """Who an exercise page is shown to, signed, for its form's address (see the module's docstring)."""
    return _owners().dumps(user.id)


def _posted_owner() -> int | None:
    try:
        owner = _owners().loads(request.args.get(OWNER_PARAMETER, ""))
    except BadSignature:
        return None
    return owner if isinstance(owner, int) and not isinstance(owner, bool) else None


def stash_posted_work(item_path: str) -> bool:
    """Keep the posted work in the session for after the sign-in, for the account the page was shown to;
    return whether it was kept (the browser's localStorage keeps it otherwise)."""
    owner = _posted_owner()
    fields = fields_from_form(request.form)
    if owner is None or not fields:
        return False
    encoded = json.dumps(fields, ensure_ascii=False)
    if len(encoded.encode()) > STASH_LIMIT:
        return False
    session["pending_work"] = {"path": item_path, "fields": fields, "owner": owner}
    return True


def drop_others_stash(user: User) -> None:
    """At a sign-in: work stashed for another account on this browser is dropped, never shown."""
    stash = session.get("pending_work")
    if stash is not None and (not isinstance(stash, dict) or stash.get("owner") != user.id):
        session.pop("pending_work", None)


def take_stashed_work(user: User, item: Item, item_path: str) -> Draft | None:
    """Turn the work stashed before a sign-in into the item's draft (once), if it is this user's."""
    stash = session.get("pending_work")
    if not isinstance(stash, dict) or stash.get("path") != item_path:
        return None
    session.pop("pending_work", None)
    if stash.get("owner") != user.id:
        return None
    fields = stash.get("fields")
    if not isinstance(fields, dict):
        return None
    try:
        return save_draft(user, item, fields)
    except DraftTooLarge:
        return None
