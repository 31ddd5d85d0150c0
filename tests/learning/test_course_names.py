"""A course written in one language is named in the catalogue in the reader's, without pretending to be
translated: ``locales/<lang>/course.toml`` alone translates its name and summary, nothing else."""

from __future__ import annotations

from flask import current_app

from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.packages.loader import load_package
from lms.users.models import Role
from tests.learning.packages import write_course

AR = {"Accept-Language": "ar"}


def _install_named_in_arabic(courses_dir) -> Course:
    path = write_course(courses_dir, slug="cours-nomme")
    (path / "locales" / "ar").mkdir(parents=True)
    (path / "locales" / "ar" / "course.toml").write_text(
        'title = "دروس للاختبار"\nsummary = "ملخص بالعربية."\n', encoding="utf-8"
    )
    package, problems = load_package(path, current_app.extensions["exercise_types"])
    assert problems == [], [str(p) for p in problems]
    assert package.languages == ["fr"]
    sync_package(package)
    db.session.commit()
    return db.session.scalar(db.select(Course).where(Course.slug == "cours-nomme"))


def test_a_name_only_translation_names_the_course_but_does_not_offer_it(courses_dir):
    course = _install_named_in_arabic(courses_dir)
    assert course.title_in("ar") == "دروس للاختبار"
    assert course.name_language("ar") == "ar" and course.name_language("en") == "fr"
    assert course.content_languages == ["fr"]
    assert operations.content_language(course, "ar") == "fr"


def test_the_arabic_catalogue_shows_the_arabic_name_and_the_french_content(
    client, auth, make_user, courses_dir
):
    _install_named_in_arabic(courses_dir)
    auth.login(make_user(Role.STUDENT, language="ar"))
    page = client.get("/courses/", headers=AR).get_data(as_text=True)
    assert 'lang="ar" dir="auto">دروس للاختبار</a>' in page
    assert "ملخص بالعربية." in page
    outline = client.get("/courses/cours-nomme", headers=AR).get_data(as_text=True)
    assert "دروس للاختبار" in outline
    # the lessons are French: their titles keep the course's direction
    assert 'dir="ltr"' in outline


def test_shipped_courses_are_named_in_every_interface_language(app):
    from pathlib import Path

    from lms.languages import CODES

    root = Path(__file__).resolve().parents[2] / "courses"
    for folder in sorted(p for p in root.iterdir() if (p / "course.toml").is_file()):
        package, _ = load_package(folder, app.extensions["exercise_types"])
        named = {package.language, *package.translations}
        assert named >= set(CODES), f"{folder.name} has no name in {sorted(set(CODES) - named)}"


def test_a_lesson_the_translation_does_not_cover_keeps_its_own_language(client, auth, make_user, courses_dir):
    path = write_course(courses_dir, slug="cours-en-partie")
    (path / "locales" / "ar" / "units" / "bases").mkdir(parents=True)
    (path / "locales" / "ar" / "units" / "bases" / "introduction.md").write_text(
        "مقدمة بالعربية.\n", encoding="utf-8"
    )
    package, problems = load_package(path, current_app.extensions["exercise_types"])
    assert problems == [] and package.languages == ["fr", "ar"]
    sync_package(package)
    db.session.commit()
    course = db.session.scalar(db.select(Course).where(Course.slug == "cours-en-partie"))
    pupil = make_user(Role.STUDENT, language="ar")
    operations.enrol(pupil, course)
    db.session.commit()
    auth.login(pupil)
    translated = client.get("/courses/cours-en-partie/items/introduction", headers=AR).get_data(as_text=True)
    assert (
        '<article lang="ar" dir="rtl"' in translated.replace("  ", " ") or 'lang="ar" dir="rtl"' in translated
    )
    french = client.get("/courses/cours-en-partie/items/pour-aller-plus-loin", headers=AR).get_data(
        as_text=True
    )
    assert 'lang="fr" dir="ltr"' in french
