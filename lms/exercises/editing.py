"""What types' editor forms share: WTForms without CSRF (the core's page carries the token), translated.

A type's ``editor_form()`` returns one of these, bound to the posted data the core passes in; the
type never sees the request. Field names must not clash with the core's item settings
(``title``, ``weight``, ``required``) nor with ``csrf_token``.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from wtforms import Form
from wtforms.meta import DefaultMeta


class EditorForm(Form):
    """A form of a type's editor: validation messages in the visitor's language."""

    class Meta(DefaultMeta):
        def get_translations(self, form: Any) -> Any:
            if has_request_context():
                from flask_wtf.i18n import translations

                return translations
            return super().get_translations(form)


def number(value: Any) -> int | float:
    """Return a form's decimal as an int when it is whole (3, not 3.0, in exercise.toml)."""
    result = float(value)
    return int(result) if result.is_integer() else result


def text(value: str | None) -> str:
    """Return a text area's value with Unix line ends."""
    return (value or "").replace("\r\n", "\n")
