"""Maharat: the application factory."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l

from lms.config import base_dir, check_production_config, default_config
from lms.extensions import csrf, db, limiter, login_manager, migrate

PACKAGE = Path(__file__).resolve().parent

#: Modules that add routes to their area's blueprint (lms/<area>/blueprint.py) when imported: the areas
#: whose routes span several modules. Imported here, explicitly, so no module imports another at its end.
ROUTE_MODULES = (
    "lms.certificates.views",
    "lms.certificates.admin_views",
    "lms.classes.views",
    "lms.classes.membership",
    "lms.people.views",
    "lms.people.import_views",
    "lms.learning.run",
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the environment or ``test_config``, then extensions and blueprints."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("MAHARAT_INSTANCE") or str(base_dir() / "instance"),
        instance_relative_config=True,
        template_folder="templates",
        static_folder="static",
    )
    from lms.core.converters import DatabaseIdConverter

    # Before any route is added: every ``<int:…>`` is an id the database can hold (else 404, not 500).
    app.url_map.converters["int"] = DatabaseIdConverter
    app.config.update(default_config(app.instance_path))
    if test_config is not None:
        app.config.update(test_config)
    check_production_config(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # WeasyPrint narrates every stylesheet it parses at INFO; only its problems belong in our log.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)

    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind TLS-terminating proxies: the client's address (rate limits, audit) and HTTPS (HSTS,
        # secure cookies) come from the headers the trusted proxies set, and from no one else.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)  # type: ignore[method-assign]
    _init_extensions(app)
    _connect_receivers()
    _register_blueprints(app)
    _register_cli(app)
    if app.config["GRADING_QUEUE"] == "thread" and not app.testing:
        from lms.grading.queue import start_embedded_pool

        # Started by the first request (not at import), so CLI commands and tests never spawn threads.
        app.before_request(lambda: start_embedded_pool(app))
    elif app.config["GRADING_QUEUE"] == "process" and not app.testing:
        from lms.grading.supervisor import start_supervisor

        # Likewise: the first request starts the grading worker processes (docs/deploy.md).
        app.before_request(lambda: start_supervisor(app))
    if app.config["MAIL_SERVER"] and app.config["MAIL_DELIVERY"] == "thread" and not app.testing:
        from lms.mail.delivery import start_sender

        # Mail leaves from a background thread, never inside a request (lms/mail/__init__.py).
        app.before_request(lambda: start_sender(app))
    return app


def _init_extensions(app: Flask) -> None:
    from lms import models  # noqa: F401  (registers every table on the metadata)
    from lms.i18n import init_i18n

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            _tune_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(PACKAGE / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    import lms.core.ratelimit_storage  # noqa: F401  (registers the maharat+sqlite:// storage)

    limiter.init_app(app)
    init_i18n(app)

    from lms.exercises.registry import builtin_registry

    # A duplicate or broken exercise-type plugin stops the start-up here, with its name.
    registry = builtin_registry()
    registry.load_entry_points()
    app.extensions["exercise_types"] = registry
    from lms.exercises.templating import init_templating

    init_templating(app, registry)  # each type's templates come from its own folder, built-in or installed

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    # Flask-Login's own message is English only; ours goes through the catalogues.
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.localize_callback = str  # translated when flashed, in the visitor's language
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str):
        from lms.users.models import User

        user_id, _, token = session_id.partition(":")
        if not user_id.isdigit() or not token:
            return None
        user = db.session.get(User, int(user_id))
        # A deactivated account's sessions end at once (its token is also rotated on deactivation).
        if user is None or user.session_token != token or not user.active:
            return None
        return user

    from lms.core.assets import init_assets
    from lms.core.errors import register_error_handlers
    from lms.core.fragments import init_fragments
    from lms.core.security import register_security_headers

    register_error_handlers(app)
    register_security_headers(app)
    init_assets(app)
    init_fragments(app)


def _tune_sqlite(engine) -> None:
    """Run SQLite in WAL mode with a busy timeout (readers never block the writer), foreign keys enforced.

    SQLite leaves foreign keys off unless each connection turns them on; PostgreSQL always enforces
    them, so both engines now refuse an orphan row. Migrations turn them off while batch mode rebuilds
    tables, then check (lms/migrations/env.py).

    Known limit (left for the PostgreSQL work): pysqlite begins transactions lazily, so a SAVEPOINT
    taken at the very start of a transaction commits on release. Our savepoints only guard
    get-or-create races, whose rows are harmless if kept. Creating the engine opens no connection, so
    start-up still runs no query.
    """
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=10000")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _connect_receivers() -> None:
    """Connect the signal receivers, here and nowhere else, wherever the app runs (web, CLI, worker).

    Importing a module connects nothing: every receiver of lms.learning.signals is listed here.
    """
    from lms.certificates import receivers
    from lms.notifications import receivers as notifications
    from lms.reports import rollups

    receivers.connect()  # completion → certificate, inside the completion's transaction
    rollups.connect()  # enrolments, visits, completions and graded attempts → the report rollups
    notifications.connect()  # a new certificate → a notification to its holder, in the same flush


def _register_blueprints(app: Flask) -> None:
    for module in ROUTE_MODULES:
        importlib.import_module(module)

    from lms.account.views import bp as account_bp
    from lms.assignments.views import bp as assignments_bp
    from lms.audit.views import bp as audit_bp
    from lms.auth.views import bp as auth_bp
    from lms.authoring.views import bp as authoring_bp
    from lms.certificates.blueprint import bp as certificates_bp
    from lms.classes.blueprint import bp as classes_bp
    from lms.core.views import bp as core_bp
    from lms.dashboard.views import bp as dashboard_bp
    from lms.exercises.views import bp as exercises_bp
    from lms.gradebook.views import bp as gradebook_bp
    from lms.learning.views import bp as learning_bp
    from lms.notifications.views import bp as notifications_bp
    from lms.people.blueprint import bp as people_bp
    from lms.privacy.views import bp as privacy_bp
    from lms.reports.views import bp as reports_bp
    from lms.teaching.views import bp as teaching_bp

    for bp in (
        core_bp,
        auth_bp,
        account_bp,
        dashboard_bp,
        learning_bp,
        classes_bp,
        reports_bp,
        certificates_bp,
        people_bp,
        audit_bp,
        privacy_bp,
        authoring_bp,
        exercises_bp,
        gradebook_bp,
        assignments_bp,
        notifications_bp,
        teaching_bp,
    ):
        app.register_blueprint(bp)


def _register_cli(app: Flask) -> None:
    from lms.backup.cli import backup_cli
    from lms.certificates.cli import certificates_cli
    from lms.courses.cli import courses_cli
    from lms.demo.cli import demo_cli
    from lms.geo.cli import geo_cli
    from lms.grading.cli import grading_cli
    from lms.mail.cli import mail_cli
    from lms.reports.cli import reports_cli
    from lms.users.cli import users_cli

    for group in (
        users_cli,
        demo_cli,
        geo_cli,
        courses_cli,
        grading_cli,
        certificates_cli,
        reports_cli,
        backup_cli,
        mail_cli,
    ):
        app.cli.add_command(group)
