"""The worked example package loads cleanly, with every field the sync needs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lms.packages import content_hash, discover, load_package, reference_checks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"

DEMO = FIXTURES / "demo-minimal"


def test_demo_loads_without_problems(registry):
    package, problems = load_package(DEMO, registry)
    assert problems == []
    assert (package.slug, package.schema, package.version) == ("demo-minimal", 1, 1)
    assert (package.title, package.language, package.programme, package.level) == (
        "Découvrir Python",
        "fr",
        "sic",
        "beginner",
    )
    assert package.audience == ["teacher", "student"]
    assert (package.hours, package.self_enrol) == (2, True)
    assert package.requires == {"quiz": 1, "python": 1, "reflection": 1}
    assert package.assets == ["assets/notes.csv"]
    assert package.root == DEMO
    assert package.languages == ["fr", "ar"]


def test_units_and_items_in_order(registry):
    package, _ = load_package(DEMO, registry)
    (unit,) = package.units
    assert (unit.slug, unit.position, unit.title, unit.prerequisites) == (
        "premiers-pas",
        1,
        "Premiers pas",
        [],
    )
    rows = [(i.slug, i.kind, i.position, i.title, i.required, i.weight) for i in unit.items]
    assert rows == [
        ("bonjour", "lesson", 1, "Dire bonjour", True, 1),
        ("quiz-bonjour", "exercise", 2, "Quiz : premiers pas", True, 1),
        ("somme", "exercise", 3, "Additionner deux nombres", True, 2),
        ("reflexion", "exercise", 4, "Et dans votre classe ?", False, 1),
    ]
    lesson = package.item("bonjour")
    assert lesson.body.startswith("Python affiche du texte")
    quiz = package.item("quiz-bonjour")
    assert (quiz.type_name, quiz.type_version) == ("quiz", 1)
    assert [q["id"] for q in quiz.config["questions"]] == ["q1", "q2", "q3", "q4"]
    json.dumps([item.config for _, item in package.items() if item.config])
    assert package.item("absent") is None


def test_translations_fall_back_to_the_original(registry):
    package, _ = load_package(DEMO, registry)
    assert package.translations == {"ar": {"title": "اكتشاف بايثون", "summary": "مقدمة قصيرة."}}
    unit = package.units[0]
    assert unit.translations == {
        "ar": {"title": "الخطوات الأولى", "summary": "Ce que l'on apprend dans ce module."}
    }
    lesson = package.item("bonjour").translations["ar"]
    assert lesson["title"] == "قول مرحبا" and lesson["body"].startswith("تعرض بايثون")
    quiz = package.item("quiz-bonjour").translations["ar"]
    assert quiz["title"] == "اختبار: الخطوات الأولى"
    questions = quiz["config"]["questions"]
    assert questions[0]["text"] == "ما نوع `3.5`؟"
    assert questions[0]["choices"] == package.item("quiz-bonjour").config["questions"][0]["choices"]
    assert questions[1]["text"] == "Combien vaut `7 // 2` ?"  # not translated: the original
    python = package.item("somme").translations["ar"]
    assert python["config"]["prompt"].startswith("اكتب دالة")
    assert python["config"]["solution"] == package.item("somme").config["solution"]
    reflection = package.item("reflexion").translations["ar"]
    assert reflection == {"title": "Et dans votre classe ?", "config": package.item("reflexion").config}


def test_reference_checks_for_the_sandbox(registry):
    package, _ = load_package(DEMO, registry)
    checks = reference_checks(package.item("somme"), registry)
    assert [(label, must_pass) for label, _, must_pass in checks] == [
        ("solution.py", True),
        ("starter.py", False),
        ("wrong/concatene.py", False),
    ]
    assert reference_checks(package.item("quiz-bonjour")) == []
    assert reference_checks(package.item("bonjour")) == []


def test_the_content_hash_follows_the_content(tmp_path):
    copy = shutil.copytree(DEMO, tmp_path / "demo-minimal")
    assert content_hash(copy) == content_hash(DEMO)
    (copy / ".DS_Store").write_bytes(b"junk")
    assert content_hash(copy) == content_hash(DEMO)
    lesson = copy / "units" / "premiers-pas" / "bonjour.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    assert content_hash(copy) != content_hash(DEMO)


def test_an_equal_installed_version_is_the_syncs_business(registry):
    _, problems = load_package(DEMO, registry, installed_version=1)
    assert problems == []


def test_discover_lists_package_folders_sorted(tmp_path):
    names = [p.name for p in discover(FIXTURES)]
    assert names == sorted(names) and "demo-minimal" in names
    (tmp_path / "not-a-package").mkdir()
    assert discover(tmp_path) == []
    assert discover(tmp_path / "missing") == []
