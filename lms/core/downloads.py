"""Files and streams a view sends: one marker, one way to name the file, audits only for what left.

- ``@download("text/csv")`` marks a view that returns a file (tests/live checks that every such route is
  downloaded from a real server) and answers ``HEAD`` with the type alone: a link checker or a download
  manager probing the URL never runs the export nor audits it.
- :func:`attachment` builds ``Content-Disposition`` with Werkzeug: an ASCII ``filename`` and, for any other
  name (an Arabic class name), its RFC 5987 ``filename*``.
- :func:`csv_response` streams a CSV whose rows are read inside the request's contexts
  (``stream_with_context``); the language is fixed before the view returns, because on a real server the
  request has ended (and its database session with the signed-in user) before the first row is read. The
  export is audited once its last row is written, never when it failed before any row left.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from typing import Any
from urllib.parse import quote

from flask import Response, abort, request, stream_with_context
from flask_babel import get_locale, get_timezone
from werkzeug.http import dump_options_header

from lms.reports.exports import csv_lines

log = logging.getLogger(__name__)

#: The attribute :func:`download` sets on a view (read by the rule test in tests/live).
MARKER = "maharat_download"


def download(mimetype: str | None) -> Callable:
    """Mark a view as returning a file of ``mimetype``; answer ``HEAD`` without sending or auditing it.

    Place it under the permission check (a visitor is still refused) and above any rate limit. On
    ``HEAD`` the view still runs, so its object checks answer exactly as for ``GET`` (another teacher's
    class is a 404 either way), but its body is never read: a streamed export never starts, and
    :func:`lms.audit.operations.record_export` records nothing for a ``HEAD``. ``None`` marks a stored
    file sent as it is (an asset, which pages embed); any other file is refused (403) to a request a
    page made by embedding its address (:func:`asked_for`), before it runs, is audited or counted.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any):
            if mimetype is not None and not asked_for():
                abort(403)
            response = view(*args, **kwargs)
            if request.method != "HEAD" or mimetype is None:
                return response
            answer = Response(status=response.status_code, mimetype=mimetype)
            for name in ("Content-Type", "Content-Disposition", "Cache-Control"):
                if name in response.headers:
                    answer.headers[name] = response.headers[name]
            response.close()  # a generator that never started: nothing read, nothing audited
            return answer

        setattr(wrapper, MARKER, mimetype or "file")
        return wrapper

    return decorate


#: What a browser says (``Sec-Fetch-Dest``) when a person opens or saves a file, or a page's script fetches it.
ASKED_FOR = frozenset({"document", "empty"})


def asked_for() -> bool:
    """Whether the request is someone asking for the file, not a page embedding its address.

    An export runs and is audited as the signed-in person's own act; a same-site page (Markdown may show
    ``![x](/account/data.zip)``) must not make their browser do it as an image, a style, a frame...
    Clients that do not send the header (older browsers, scripts, tests) ask for what they request.
    """
    destination = request.headers.get("Sec-Fetch-Dest")
    return not destination or destination in ASKED_FOR


def is_download(view: Callable) -> bool:
    return getattr(view, MARKER, None) is not None


def attachment(filename: str) -> str:
    """The ``Content-Disposition`` value for saving ``filename`` (any script), built by Werkzeug."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
        simple = re.sub(r"-{2,}", "-", simple)
        quoted = quote(filename, safe="!#$&+-.^_`|~")
        return dump_options_header("attachment", {"filename": simple, "filename*": f"UTF-8''{quoted}"})
    return dump_options_header("attachment", {"filename": filename})


def file_name_part(text: str) -> str:
    """``text`` reduced to letters (of any script), digits and dashes, for a file name."""
    return re.sub(r"[\W_]+", "-", text, flags=re.UNICODE).strip("-")[:60] or "export"


def file_response(body: bytes, mimetype: str, filename: str, cache: str = "private, no-store") -> Response:
    """A finished body (a PDF, a JSON document, a ZIP) as an attachment."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = attachment(filename)
    response.headers["Cache-Control"] = cache
    return response


@dataclass
class ExportAudit:
    """An audit entry written when a streamed export has left (plain values: the request is over then)."""

    actor_id: int
    export: str
    target: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def write(self, rows: int | None, complete: bool) -> None:
        from lms.audit.operations import record_export
        from lms.extensions import db
        from lms.users.models import User

        extra: dict[str, Any] = {} if rows is None else {"rows": rows}
        if not complete:
            extra["complete"] = False
        record_export(
            db.session.get(User, self.actor_id), self.export, target=self.target, **self.details, **extra
        )
        db.session.commit()


def pin_language() -> None:
    """Decide the request's locale and time zone now, while the signed-in user can still be read."""
    get_locale()
    get_timezone()


def stream(
    chunks: Iterable[bytes | str],
    audit: ExportAudit | None = None,
    count: Callable[[], int | None] | None = None,
) -> Iterator[bytes | str]:
    """Yield ``chunks`` inside the request's contexts; audit after the last, or after a partial leak."""
    pin_language()

    def generate() -> Iterator[bytes | str]:
        sent = False
        rows = count or (lambda: None)
        try:
            for chunk in chunks:
                yield chunk
                sent = True
        except GeneratorExit:  # the client went away: what it received has left
            if audit is not None and sent:
                audit.write(rows(), complete=False)
            raise
        except Exception:
            log.exception("a streamed download failed after it started")
            if audit is not None and sent:
                audit.write(rows(), complete=False)
            raise
        if audit is not None:
            audit.write(rows(), complete=True)

    return stream_with_context(generate())


def csv_response(
    header: list[object],
    rows: Iterable[Iterable[object]],
    filename: str,
    audit: ExportAudit | None = None,
) -> Response:
    """Stream ``header`` then ``rows`` as a spreadsheet-safe CSV attachment (lms/reports/exports.py).

    ``rows`` must not read objects loaded by the view (the request's session is closed when it runs): pass
    a list of plain values, or a generator that queries in batches and yields plain values.
    """
    counted = [0]

    def records() -> Iterator[Iterable[object]]:
        yield header
        for row in rows:
            yield row
            counted[0] += 1

    lines = (line.encode() for line in csv_lines(records()))
    response = Response(stream(lines, audit, lambda: counted[0]), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = attachment(filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
