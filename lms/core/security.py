"""Response headers that make the browser refuse whole classes of attack."""

from __future__ import annotations

import secrets

from flask import Flask, Response, abort, g, request

#: No inline scripts or styles, nothing from another origin, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def style_nonce() -> str:
    """Allow this response's ``<style nonce=…>`` elements, and only them, beside the site's own styles.

    A page that shows a learner's own CSS (the web page exercise's preview, an ``iframe srcdoc``
    that inherits this page's policy) asks for a nonce in its template; the policy of that one
    response then names it. Inline ``style`` attributes and every other page stay refused.
    """
    nonce = g.get("csp_style_nonce")
    if nonce is None:
        nonce = g.csp_style_nonce = secrets.token_urlsafe(18)
    return nonce


def content_security_policy() -> str:
    """The policy of the current response: the site's, plus the style nonce if the page asked for one."""
    nonce = g.get("csp_style_nonce")
    if nonce is None:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")


def _holds_nul(values) -> bool:
    """Whether a query or form value holds U+0000 (``next`` aside: it is ignored when it does)."""
    return any("\x00" in value for key, value in values.items(multi=True) if key != "next")


def register_security_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_style_nonce"] = style_nonce

    @app.before_request
    def refuse_nul_characters() -> None:
        """No address, query or form of the platform has a use for U+0000, and PostgreSQL text cannot
        hold it (the driver raised: a 500 for anyone, registration included). Refused before any view."""
        if "\x00" in request.path:
            abort(404)
        if _holds_nul(request.args) or (request.method == "POST" and _holds_nul(request.form)):
            abort(400)

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy())
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # Schools share computers: a signed-in person's page (a gradebook, a pupil's answers) must not be
        # shown again from the browser's caches once they have signed out. Views that chose their own
        # caching (course images, static files) keep it. The user the request loaded, never a new query
        # (the database may be the reason this is an error page).
        # ``is_anonymous``, not ``is_authenticated``: the latter reads the account's ``active`` column,
        # which a commit has expired, and would load the account again for every form post.
        user = g.get("_login_user")
        if "Cache-Control" not in headers and user is not None and not user.is_anonymous:
            headers["Cache-Control"] = "private, no-store"
        return response
