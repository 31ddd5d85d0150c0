"""Language selection and direction, for the languages of lms.languages (French by default)."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    format_time,
    get_locale,
    get_translations,
)
from flask_login import current_user
from sqlalchemy import inspect

from lms import languages
from lms.extensions import babel

#: Each language named in itself, for the switcher (lms.languages is the one list).
LANGUAGE_NAMES = languages.NATIVE_NAMES


#: A long-lived cookie with the browser's last language (not personal data: "fr", "ar" or "en").
LANGUAGE_COOKIE = "maharat_language"


def language_choices() -> list:
    """Choices for a language select field, each language named in itself."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGE_NAMES.items()]


def select_locale() -> str:
    """The user's saved preference, then this session's choice, then the browser's, then French."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    # The last language this browser used: a page shown after the session ended keeps it.
    remembered = request.cookies.get(LANGUAGE_COOKIE)
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def isolate(text: object) -> str:
    """Wrap a user's text (a name, a title) in Unicode first-strong isolates: it keeps its own direction.

    The plain-text twin of ``<bdi>``: "أمينة Benali" inside a French sentence, or "Salma" inside an Arabic
    one, no longer reorders the punctuation around it. For flashed messages and translated sentences
    (``_("… %(name)s", name=name|isolate)``); in markup, prefer ``<bdi>``.
    """
    return f"\u2068{text}\u2069"


def text_direction(language: str) -> str:
    return languages.direction(language)


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def _translations():
    """The catalogue of the current locale, found once per locale and request.

    Templates call ``_()`` for every label of every row; Flask-Babel looks the catalogue up again on
    each call. Keyed by the locale object, so ``force_locale`` (e-mails, PDFs) still switches it.
    """
    locale = get_locale()
    memo = g.get("_maharat_translations")
    if memo is None or memo[0] is not locale:
        memo = (locale, get_translations())
        g._maharat_translations = memo
    return memo[1]


def format_deadline(moment: datetime) -> str:
    """A date and its time to the minute, in the reader's language and the platform's zone.

    Babel's "medium" date and time carries seconds ("7 déc. 2026, 23:59:00"), which a deadline never
    has; the locale's own pattern joins the medium date to the short time ("7 déc. 2026, 23:59").
    """
    locale = get_locale()
    pattern = locale.datetime_formats["medium"] if locale is not None else "{1}, {0}"
    return pattern.replace("{1}", format_date(moment, "medium")).replace("{0}", format_time(moment, "short"))


def init_i18n(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path + "/translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["format_number"] = format_decimal
    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_datetime"] = format_datetime
    app.jinja_env.filters["format_deadline"] = format_deadline
    app.jinja_env.filters["format_percent"] = format_percent
    app.jinja_env.filters["isolate"] = isolate

    @app.after_request
    def remember_language(response):
        """Keep the language of a signed-in user or a session for pages shown after the session ends."""
        if response.status_code >= 400 or not ("_user_id" in session or session.get("language")):
            return response
        account = inspect(current_user._get_current_object(), raiseerr=False)
        if account is not None and account.unloaded & {"language", "active"}:
            # The request committed, which expired the account: the next page remembers the language,
            # rather than every form post and beacon reading the account a second time for it.
            return response
        if current_user and current_user.is_authenticated:
            language = current_user.language
        else:
            language = session.get("language")
        if language in app.config["LANGUAGES"] and request.cookies.get(LANGUAGE_COOKIE) != language:
            response.set_cookie(
                LANGUAGE_COOKIE,
                language,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                httponly=True,
                secure=app.config.get("SESSION_COOKIE_SECURE", False),
            )
        return response

    @app.context_processor
    def inject_language() -> dict:
        language = current_language()
        return {
            "current_language": language,
            "text_direction": text_direction(language),
            "language_names": LANGUAGE_NAMES,
        }
