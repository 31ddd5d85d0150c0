"""Error pages rendered inside the layout, in the visitor's language."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, g, render_template, request, session
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def sent_by_another_site() -> bool:
    """Whether the browser says another site's page sent this request (``Sec-Fetch-Site``).

    Browsers that do not send the header are taken at their word: the request is the site's own.
    """
    return request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none")


def form_expired_page():
    """The "Form expired" page, in the visitor's language, showing what they typed so nothing is lost.

    A form another site's page posted (an auto-submitted form) only gets the page: its fields are not
    shown on a page of this site, and the visitor's session is left as it was. That request carried no
    session cookie (``SameSite=Lax``): the page's token would otherwise start a new session whose cookie
    replaced the visitor's, signing them out.
    """
    from lms.core.navigation import gettable_path

    foreign = sent_by_another_site()
    message = _("This form has expired or was sent from another page. Please go back, reload and try again.")
    typed = [
        (name, value)
        for name in request.form
        if name != "csrf_token" and "password" not in name and "confirm" not in name
        for value in request.form.getlist(name)
        if value.strip() and not foreign
    ]
    page = render_template(
        "errors/error.html",
        code=400,
        title=_("Form expired"),
        message=message,
        typed=typed,
        back=gettable_path(request.path),
    )
    if foreign:
        session.modified = False
    return page, 400


def rate_limited_page(seconds: int | None = None):
    """Too many requests: say when to try again (the limit's own reset time when known)."""
    if seconds is None:
        from lms.extensions import limiter

        current = limiter.current_limit
        seconds = max(1, math.ceil(current.reset_at - time.time())) if current is not None else None
    if seconds:
        message = ngettext(
            "Too many attempts. Please try again in %(num)d second.",
            "Too many attempts. Please try again in %(num)d seconds.",
            seconds,
        )
    else:
        message = _("Too many attempts. Please wait a few minutes before trying again.")
    page = render_template("errors/error.html", code=429, title=_("Slow down"), message=message)
    return page, 429, {"Retry-After": str(seconds)} if seconds else {}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return form_expired_page()

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        return rate_limited_page()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        titles = {
            403: (_("Access denied"), _("You do not have permission to see this page.")),
            404: (_("Page not found"), _("The page you asked for does not exist or has moved.")),
            405: (_("Not allowed"), _("This address does not accept that kind of request.")),
            413: (_("Too large"), _("What you sent is larger than the platform accepts.")),
        }
        title, message = titles.get(error.code, (_("Error"), _("The request could not be processed.")))
        return render_template("errors/error.html", code=error.code, title=title, message=message), error.code

    def database_unavailable(error: Exception):
        """The database cannot be reached (restarting, locked, pool exhausted): say so and ask to retry.

        Nothing was saved by this request (its transaction is rolled back), so retrying is safe; the
        next request opens a fresh connection (``pool_pre_ping`` drops dead ones) and recovers alone.
        """
        log.error("database unavailable on %s %s: %s", request.method, request.path, error)
        from flask_login import AnonymousUserMixin

        from lms.extensions import db

        try:
            db.session.rollback()
        except Exception:  # the connection may be gone; the page must still render
            log.debug("rollback failed while the database is unavailable", exc_info=True)
        # Render the page as for a visitor: the layout must not ask the database who is signed in.
        g._login_user = AnonymousUserMixin()
        title = _("Temporarily unavailable")
        message = _(
            "The platform cannot reach its database for a moment. Nothing was lost: please try again "
            "in a minute."
        )
        response = app.make_response(
            (render_template("errors/error.html", code=503, title=title, message=message), 503)
        )
        response.headers["Retry-After"] = "30"
        return response

    for kind in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(kind, database_unavailable)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        from lms.extensions import db

        db.session.rollback()
        title, message = (
            _("Something went wrong"),
            _("The error has been logged. Please try again in a moment."),
        )
        return render_template("errors/error.html", code=500, title=title, message=message), 500
