"""Every course's Arabic track follows docs/arabic-glossary.md.

Scans each shipped course's ``locales/ar/`` (lessons, prompts, TOML overlays) for the variants the
glossary bans — تُرجع for "returns", الطريقة for a method, the plural address — and French left in the
Arabic lessons' code. Exercise tests and starters are shared by all the languages of a course, so a
course with an Arabic track must grade no French sentence and start no exercise with a prose comment.
The rules apply to every course offered in Arabic (``locales/ar/units/``), whoever writes it; an
overlay that only names the course (``locales/ar/course.toml`` alone) is not a track yet.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

COURSES = Path(__file__).resolve().parents[2] / "courses"

_AR = "\u0621-\u064a"  # Arabic letters (diacritics removed before matching)
_WORD = re.compile(rf"[{_AR}]+")

#: the "returns" of form IV رجع (تُرجع، ترجع، يُرجع), with an optional و/ف/ل prefix; تُعيد is the term
_RETURNS = re.compile(rf"(?<![{_AR}])[وفل]?[تين]رجع(?:ان|ون)?(?![{_AR}])")

#: الطريقة used for a method: before a code span (الطريقة `upper()`), as a table heading, as the subject
#: of "returns/changes", or glossed "(method)"; طريقة alone keeps its meaning "the way"
_METHOD = [
    re.compile(r"طريق(?:ة|تان|ت[يا]ن)?\s*`[^`]*\("),
    re.compile(r"\|\s*(?:ال)?طريقة\s*\|"),
    re.compile(rf"(?:ال)?طريقة\s+(?:لا\s+)?(?:تعيد|ترجع|تغير|تحذف|تضيف|تحول)(?![{_AR}])"),
    re.compile(r"طر(?:يقة|ق)\s*\((?:method|méthode)\)", re.I),
]

#: the plural address: imperatives and second-person forms the glossary replaces by the singular
_PLURAL_WORDS = frozenset(
    [
        "اكتبوا",
        "احسبوا",
        "لاحظوا",
        "استعملوا",
        "انتبهوا",
        "جربوا",
        "فكروا",
        "تحققوا",
        "اقرؤوا",
        "انسخوا",
        "اختبروا",
        "ابدؤوا",
        "أنشئوا",
        "انظروا",
        "حولوا",
        "حددوا",
        "أكملوا",
        "أعيدوا",
        "أضيفوا",
        "عرفوا",
        "شغلوا",
        "نفذوا",
        "غيروا",
        "اختاروا",
        "أجيبوا",
        "تذكروا",
        "راجعوا",
        "قارنوا",
        "رتبوا",
        "ضعوا",
        "خذوا",
        "اجمعوا",
        "احفظوا",
        "احتفظوا",
        "زيدوا",
        "انطلقوا",
        "ادخلوا",
        "افتحوا",
        "اطبعوا",
        "اعرضوا",
        "استخدموا",
        "لاتنسوا",
        "تنسوا",
        "أنتم",
    ]
)
#: second-person plural suffixes (يمكنكم، دوالكم؛ رأيتم، تعلمتموه), except words where they are the root
_PLURAL_SUFFIX = re.compile(rf"^[{_AR}]{{2,}}(?:كم|تم|تموه|تموها)$")
_NOT_PLURAL = re.compile(r"(?:حكم|راكم)$|^(?:عليكم|يتم|ختم|حتم|كتم|أتم|يختم|نتم|تتم)$")

#: French function words: two of them in a comment or a printed string make it a French sentence
_FRENCH = re.compile(
    r"(?<!\w)(?:le|la|les|de|des|du|à|un|une|est|et|pour|avec|dans|sur|pas|vous|tu|il|elle|ce|cette|"
    r"ici|ou|au|aux|en|sont|votre|ton|ta|bonjour|bienvenue|admis|introuvable|élève|élèves|fichier|"
    r"moyenne|très|bien|non|passable|aller|retour|article|quantité|prix|nombre|affiche|renvoyez|écrivez|complétez|ajoutez|calculez)(?![\w'])",
    re.I,
)
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)
_STRING = re.compile(r"""(?:f|r|b)?("([^"\\\n]|\\.)*"|'([^'\\\n]|\\.)*')""")


def _plain(text: str) -> str:
    """Arabic without diacritics (tashkil, shadda, tatweel), so that تُرجع and ترجع read the same."""
    return "".join(
        ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) != "Mn" and ch != "\u0640"
    )


def _is_french(text: str) -> bool:
    return len(_FRENCH.findall(text)) >= 2


def arabic_tracks() -> list[Path]:
    """Every shipped course offered in Arabic (an overlay with units, not only the course's name)."""
    return sorted(p.parent.parent for p in COURSES.glob("*/locales/ar") if (p / "units").is_dir())


def glossary_problems(track: Path) -> list[str]:
    """The banned variants in one ``locales/ar`` folder, as ``path:line: rule``."""
    found = []
    for path in sorted(track.rglob("*")):
        if path.suffix not in (".md", ".toml") or not path.is_file():
            continue
        shown = path.relative_to(track.parent.parent.parent).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            plain = _plain(line)
            if _RETURNS.search(plain):
                found.append(f"{shown}:{number}: 'returns' is تُعيد, not تُرجع/ترجع")
            if any(rule.search(plain) for rule in _METHOD):
                found.append(f"{shown}:{number}: a method is تابع, not الطريقة")
            for word in _WORD.findall(plain):
                if word in _PLURAL_WORDS or (_PLURAL_SUFFIX.match(word) and not _NOT_PLURAL.search(word)):
                    found.append(
                        f"{shown}:{number}: plural address '{word}': address the learner in the singular"
                    )
    return found


def lesson_code_problems(track: Path) -> list[str]:
    """French comments or printed sentences in the Arabic lessons' and prompts' Python code."""
    found = []
    for path in sorted(track.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(track.parent.parent.parent).as_posix()
        for fence in _FENCE.finditer(text):
            if not fence.group(1).strip().startswith("python"):
                continue
            first = text.count("\n", 0, fence.start(2)) + 1
            for offset, line in enumerate(fence.group(2).splitlines()):
                blanked = _STRING.sub(lambda m: " " * len(m.group(0)), line)
                cut = blanked.find("#")
                code, comment = (line[:cut], line[cut:]) if cut >= 0 else (line, "")
                if _is_french(comment):
                    found.append(
                        f"{shown}:{first + offset}: French comment in the Arabic track: {comment.strip()}"
                    )
                for literal in _STRING.finditer(code):
                    if _is_french(literal.group(1)):
                        found.append(
                            f"{shown}:{first + offset}: French string in the Arabic track: {literal.group(1)}"
                        )
    return found


def shared_exercise_problems(course: Path) -> list[str]:
    """Graded French sentences and prose comments in starters: both are shared with the Arabic track."""
    found = []
    for toml in sorted((course / "units").glob("*/*/exercise.toml")):
        folder = toml.parent
        shown = folder.relative_to(COURSES).as_posix()
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        if data.get("type") != "python":
            continue
        for test in data.get("tests", []):
            for key in ("stdout", "expected"):
                if isinstance(test.get(key), str) and _is_french(test[key]):
                    found.append(f"{shown}: test '{test['name']}' grades a French sentence in {key}")
        starter = folder / "starter.py"
        if starter.is_file():
            for number, line in enumerate(starter.read_text(encoding="utf-8").splitlines(), 1):
                comment = line.strip()
                if comment.startswith("#") and len(re.findall(r"[^\W\d_]{2,}", comment)) >= 3:
                    found.append(
                        f"{shown}/starter.py:{number}: a prose comment (starters are shared by all languages)"
                    )
    return found


@pytest.mark.parametrize("course", arabic_tracks(), ids=lambda path: path.name)
def test_arabic_track_uses_the_glossary(course):
    assert glossary_problems(course / "locales" / "ar") == []


@pytest.mark.parametrize("course", arabic_tracks(), ids=lambda path: path.name)
def test_arabic_lessons_code_has_no_french(course):
    assert lesson_code_problems(course / "locales" / "ar") == []


@pytest.mark.parametrize("course", arabic_tracks(), ids=lambda path: path.name)
def test_exercises_shared_with_the_arabic_track_are_language_neutral(course):
    assert shared_exercise_problems(course) == []


def test_the_rules_catch_what_the_glossary_bans(tmp_path):
    """Each banned variant is found, and the legitimate neighbours are not."""
    ar = tmp_path / "demo" / "locales" / "ar"
    ar.mkdir(parents=True)
    (ar / "bad.md").write_text(
        "الدالة تُرجع عددًا.\n"
        "| الطريقة | دورها |\n"
        "اكتبوا دالة، ويمكنكم تجربتها.\n"
        "كما رأيتم في الدرس.\n"
        "التابع `upper()` يُعيد سلسلة.\n"
        "```python\nprint('Bonjour, bienvenue à Fès !')  # affiche le message\n```\n",
        encoding="utf-8",
    )
    (ar / "good.md").write_text(
        "الدالة تُعيد عددًا، والتابع `strip()` يُعيد سلسلة جديدة.\n"
        "هذه أبسط طريقة، ويُقرأ الكشف بالطريقة نفسها. اكتبْ دالة؛ كم مرة؟ السلام عليكم. يتم الحساب. نتحكم في البرنامج.\n"
        "```python\nprint(len('Ksar El Kebir'))  # 13\nprint('مرحبًا')\n```\n",
        encoding="utf-8",
    )
    problems = glossary_problems(ar)
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems if "bad.md" in p] == [
        "1",
        "2",
        "3",
        "3",
        "4",
    ]
    assert not [p for p in problems if "good.md" in p]
    code = lesson_code_problems(ar)
    assert len([p for p in code if "bad.md" in p]) == 2
    assert not [p for p in code if "good.md" in p]
