"""The languages Maharat speaks: one list for the interface, course packages, the CLI, certificates and imports.

Every other module asks here (never spells ``("fr", "ar", "en")`` or ``"rtl"`` itself), so adding a
language is one line here plus its catalogue: docs/languages.md. No Flask import: course-package
validation uses this list too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    #: The ISO 639-1 code, as in ``lms/translations/<code>/`` and ``Accept-Language``.
    code: str
    #: The language named in itself, for the switcher and the select fields.
    native_name: str
    #: ``ltr`` or ``rtl``: the ``dir`` of pages, lessons and certificates in this language.
    direction: str


#: In the order the switcher shows them; the first is the default.
LANGUAGES: tuple[Language, ...] = (
    Language("fr", "Français", "ltr"),
    Language("ar", "العربية", "rtl"),
    Language("en", "English", "ltr"),
)

#: The codes, for config, validation and ``click.Choice``.
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
DEFAULT = LANGUAGES[0].code
#: Each code named in itself.
NATIVE_NAMES: dict[str, str] = {language.code: language.native_name for language in LANGUAGES}
_DIRECTIONS = {language.code: language.direction for language in LANGUAGES}


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language code (an unknown code reads left to right)."""
    return _DIRECTIONS.get(code, "ltr")


def supported(code: str | None, default: str = DEFAULT) -> str:
    """``code`` if Maharat speaks it, else ``default``."""
    return code if code in _DIRECTIONS else default
