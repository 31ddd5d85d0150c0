"""Pages that belong to no feature: home, language switch, health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from lms.core.forms import LanguageForm
from lms.core.navigation import safe_next_url
from lms.extensions import db
from lms.policy import landing_endpoint

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    """Send each signed-in role to its dashboard; show visitors what Maharat is."""
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    from lms.programmes.models import Programme

    programmes = db.session.scalars(db.select(Programme).order_by(Programme.id)).all()
    return render_template("core/home.html", programmes=programmes)


@bp.post("/language")
def set_language():
    """Remember the chosen language for this browser and, when signed in, on the account."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            current_user.language = form.language.data
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("core.home"))


@bp.get("/healthz")
def healthz():
    """Report whether this node can reach its database and its grading queue (load balancers poll this).

    200 with every check "ok"; 503 and "degraded" when one is unavailable, so the balancer takes the
    node out while the others serve. No secrets and no personal data: it is public.
    """
    checks = {"database": _check_database(), "queue": _check_queue()}
    healthy = all(value == "ok" for value in checks.values())
    return jsonify(status="ok" if healthy else "degraded", checks=checks), 200 if healthy else 503


def _check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means the same thing to a load balancer
        current_app.logger.warning("health check: database unavailable: %s", exc)
        db.session.rollback()
        return "unavailable"
    return "ok"


def _check_queue() -> str:
    """The grading queue: Redis for GRADING_QUEUE=rq; otherwise the database is the queue."""
    if current_app.config["GRADING_QUEUE"] != "rq":
        return "ok"
    from redis.exceptions import RedisError

    from lms.grading.redis_queue import connection

    try:
        connection().ping()
    except RedisError as exc:
        current_app.logger.warning("health check: Redis unavailable: %s", exc)
        return "unavailable"
    return "ok"
