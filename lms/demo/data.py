"""A small, realistic demo world: three regions, a few schools, one account per role."""

from __future__ import annotations

#: (code, name_fr, name_ar, region_code)
PROVINCES = [
    ("DEMO-CASA", "Préfecture de Casablanca", "عمالة الدار البيضاء", "MA-06"),
    ("DEMO-RABAT", "Préfecture de Rabat", "عمالة الرباط", "MA-04"),
    ("DEMO-AGADIR", "Préfecture d'Agadir Ida-Outanane", "عمالة أكادير إداوتنان", "MA-09"),
]

#: (code, name_fr, name_ar, province_code)
SCHOOLS = [
    ("DEMO-L001", "Lycée qualifiant Ibn Battouta", "الثانوية التأهيلية ابن بطوطة", "DEMO-CASA"),
    ("DEMO-C002", "Collège Al Massira", "إعدادية المسيرة", "DEMO-CASA"),
    ("DEMO-L003", "Lycée qualifiant Moulay Youssef", "الثانوية التأهيلية مولاي يوسف", "DEMO-RABAT"),
    ("DEMO-L004", "Lycée qualifiant Al Mokhtar Soussi", "الثانوية التأهيلية المختار السوسي", "DEMO-AGADIR"),
]

#: email, display name, role, language, school code, programme code, region code (managers), password
ACCOUNTS = [
    ("admin@demo.maharat.ma", "Nadia Benali", "admin", "fr", None, None, None, "demo-admin-2030"),
    (
        "enseignant@demo.maharat.ma",
        "Youssef El Amrani",
        "teacher",
        "fr",
        "DEMO-L001",
        "sic",
        None,
        "demo-prof-2030",
    ),
    (
        "enseignante@demo.maharat.ma",
        "خديجة الفاسي",
        "teacher",
        "ar",
        "DEMO-L004",
        "digischool",
        None,
        "demo-prof-2030",
    ),
    ("eleve@demo.maharat.ma", "أمينة الإدريسي", "student", "ar", "DEMO-L001", "sic", None, "demo-eleve-2030"),
    (
        "eleve2@demo.maharat.ma",
        "Salma Ouazzani",
        "student",
        "fr",
        "DEMO-C002",
        "sic",
        None,
        "demo-eleve-2030",
    ),
    (
        "student@demo.maharat.ma",
        "Omar Haddad",
        "student",
        "en",
        "DEMO-L003",
        "digischool",
        None,
        "demo-eleve-2030",
    ),
    ("pilotage.sic@demo.maharat.ma", "Karim Tazi", "manager", "fr", None, "sic", None, "demo-pilote-2030"),
    (
        "pilotage.digischool@demo.maharat.ma",
        "Leila Amrani",
        "manager",
        "fr",
        None,
        "digischool",
        "MA-09",
        "demo-pilote-2030",
    ),
]
