"""Languages: every string translated in fr, ar and en; Arabic right-to-left; the choice order."""

import os
import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from lms import languages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = languages.CODES
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def extracted_ids(tmp_path_factory) -> set[str]:
    """Extract the strings of the code and templates as they are now (not as the .pot says)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    cli = CommandLineInterface()
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext"]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        cli.run([*args, "-o", str(pot), "--no-location", "--omit-header", "."])
    finally:
        os.chdir(cwd)
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def _catalog(language: str):
    with (ROOT / f"lms/translations/{language}/LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(extracted_ids, language):
    catalog = _catalog(language)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and "fuzzy" not in m.flags and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(extracted_ids - translated)
    assert not missing, (
        f"{language}: {len(missing)} untranslated (run `make extract-messages`): {missing[:10]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    for message in _catalog(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else [message.id]
        strings = [
            s for s in (message.string if isinstance(message.string, tuple | list) else [message.string]) if s
        ]
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (language, message.id, string)


def test_arabic_pages_are_right_to_left(client):
    html = client.get("/auth/login", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.parametrize(
    ("header", "lang"), [("fr-FR,fr;q=0.9", "fr"), ("en-US,en;q=0.8", "en"), ("de", "fr")]
)
def test_browser_language_is_used_then_french(client, header, lang):
    html = client.get("/auth/login", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}" dir="ltr">' in html


def test_switcher_remembers_the_choice_for_visitors(client):
    response = client.post("/language", data={"language": "ar", "next": "/auth/login"})
    assert response.headers["Location"].endswith("/auth/login")
    html = client.get("/auth/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in html


def test_switcher_refuses_an_external_next(client):
    response = client.post("/language", data={"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/")
    assert "evil" not in response.headers["Location"]


def test_the_users_preference_beats_the_browser_and_the_switcher_saves_it(client, auth, make_user, db):
    user = make_user(language="ar")
    auth.login(user)
    html = client.get("/account/profile", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="ar"' in html
    client.post("/language", data={"language": "en", "next": "/account/profile"})
    db.session.refresh(user)
    assert user.language == "en"


def test_french_is_the_default_and_arabic_is_translated(client):
    fr = client.get("/auth/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    ar = client.get("/auth/login", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "Mot de passe" in fr
    assert "كلمة المرور" in ar


def test_every_language_has_a_catalogue_and_every_catalogue_a_language():
    """lms.languages is the one list (docs/languages.md): a catalogue without an entry, or the reverse, fails."""
    catalogues = {
        path.parent.parent.name for path in (ROOT / "lms/translations").glob("*/LC_MESSAGES/messages.po")
    }
    assert catalogues == set(languages.CODES)
    assert {language.direction for language in languages.LANGUAGES} <= {"ltr", "rtl"}
    assert languages.direction("ar") == "rtl" and languages.direction("fr") == "ltr"


#: A count followed by a noun in the plural: the sentence must go through ngettext ("1 members" is wrong
#: in English and French, and Arabic has six forms). The count of characters over the limit is exempt:
#: it only appears above a limit of thousands.
COUNTED_NOUN = re.compile(
    r"%\((count|num|total|days|hours|minutes|seconds|words)\)[sd] (new |failed )?\w+s\b"
)
ALWAYS_MANY = {"Your code has %(count)s characters and its input %(input)s"}


def test_counted_nouns_go_through_ngettext(extracted_ids):
    singular_only = {m.id for m in _catalog("en") if isinstance(m.id, str)}
    wrong = sorted(
        msgid
        for msgid in extracted_ids & singular_only
        if COUNTED_NOUN.search(msgid) and not any(msgid.startswith(prefix) for prefix in ALWAYS_MANY)
    )
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 member"),
        ("en", 3, "3 members"),
        ("fr", 0, "0 membre"),
        ("fr", 1, "1 membre"),
        ("fr", 2, "2 membres"),
        ("ar", 2, "2 عضوان"),
        ("ar", 3, "3 أعضاء"),
        ("ar", 11, "11 عضوًا"),
        ("ar", 100, "100 عضو"),
    ],
)
def test_counts_agree_with_their_number(app, language, count, expected):
    from flask_babel import force_locale, ngettext

    with app.test_request_context(), force_locale(language):
        assert ngettext("%(num)d member", "%(num)d members", count) == expected


def test_arabic_hundreds_do_not_take_the_form_of_eleven_to_ninety_nine():
    """Form 4 is 100–102 (…عضو, genitive), form 5 is 11–99 (…عضوًا, accusative): easy to swap by hand."""
    swapped = [
        message.id[0]
        for message in _catalog("ar")
        if isinstance(message.id, tuple) and "ًا" in message.string[4] and "ًا" not in message.string[5]
    ]
    assert not swapped, swapped
