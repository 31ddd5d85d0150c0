"""Error pages rendered inside the layout, in the visitor's language."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _(
            "This form has expired or was sent from another page. Please go back, reload and try again."
        )
        return render_template("errors/error.html", code=400, title=_("Form expired"), message=message), 400

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded):
        message = _("Too many attempts. Please wait a few minutes before trying again.")
        return render_template("errors/error.html", code=429, title=_("Slow down"), message=message), 429

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
