"""Reference data (migrations), demo data and the CSV import of provinces and schools."""

from sqlalchemy import func, select

from lms.geo.models import Province, Region, School
from lms.programmes.models import Programme
from lms.users.models import Role, User


def test_migrations_ship_the_12_regions_and_both_programmes(db):
    regions = db.session.scalars(select(Region).order_by(Region.code)).all()
    assert [r.code for r in regions] == [f"MA-{i:02d}" for i in range(1, 13)]
    assert regions[0].name_fr == "Tanger-Tétouan-Al Hoceïma"
    assert regions[-1].name_ar == "الداخلة وادي الذهب"
    assert {p.code: p.partner for p in db.session.scalars(select(Programme))} == {
        "sic": "Samsung",
        "digischool": "Huawei",
    }


def test_demo_load_is_idempotent_and_prints_the_accounts(runner, db):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    counts = db.session.scalar(select(func.count()).select_from(User))
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == counts
    for role in Role:
        assert db.session.scalar(select(func.count()).select_from(User).where(User.role == role)) >= 1
    assert "admin@demo.maharat.ma" in first.output and "demo-admin-2030" in first.output
    regions = db.session.scalars(select(Region.code).join(Province).join(School).distinct()).all()
    assert len(regions) == 3


def test_geo_import_is_all_or_nothing_with_line_and_column(runner, db, tmp_path):
    good = tmp_path / "provinces.csv"
    good.write_text(
        "code,name_fr,name_ar,region_code\nFES,Préfecture de Fès,عمالة فاس,MA-03\n", encoding="utf-8-sig"
    )
    assert runner.invoke(args=["geo", "import-provinces", str(good)]).exit_code == 0
    schools = tmp_path / "schools.csv"
    schools.write_text(
        "code,name_fr,name_ar,province_code\n"
        "S1,Lycée Al Qaraouiyine,ثانوية القرويين,FES\n"
        "S2,Collège X,,NOPE\n"
        "S1,Doublon,,FES\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["geo", "import-schools", str(schools)])
    assert result.exit_code != 0
    assert "line 3, column province_code: unknown code 'NOPE'" in result.output
    assert "line 4, column code: S1 appears twice in the file" in result.output
    assert db.session.scalar(select(func.count()).select_from(School)) == 0


def test_geo_import_updates_by_code_and_supports_dry_run(runner, db, tmp_path):
    path = tmp_path / "provinces.csv"
    path.write_text("code,name_fr,name_ar,region_code\nOUJ,Préfecture d'Oujda-Angad,عمالة وجدة أنكاد,MA-02\n")
    dry = runner.invoke(args=["geo", "import-provinces", "--dry-run", str(path)])
    assert "dry run: 1 to create" in dry.output
    assert db.session.scalar(select(func.count()).select_from(Province)) == 0
    runner.invoke(args=["geo", "import-provinces", str(path)])
    path.write_text("code,name_fr,name_ar,region_code\nOUJ,Oujda-Angad,عمالة وجدة أنكاد,MA-02\n")
    again = runner.invoke(args=["geo", "import-provinces", str(path)])
    assert "0 created, 1 updated" in again.output
    assert db.session.scalar(select(Province.name_fr)) == "Oujda-Angad"


def test_geo_import_reports_a_missing_column(runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name\nA,B\n")
    result = runner.invoke(args=["geo", "import-provinces", str(path)])
    assert result.exit_code != 0
    assert "column name_fr, name_ar, region_code: missing column in the header line" in result.output


def test_geo_import_reads_a_french_excel_file(db, runner, tmp_path):
    """The same reader as the web imports: Windows-1252, semicolons, Excel's sep= line."""
    path = tmp_path / "provinces.csv"
    path.write_bytes(
        "sep=;\ncode;name_fr;name_ar;region_code\nOUJ;Préfecture d'Oujda;;MA-02\n".encode("cp1252")
    )
    result = runner.invoke(args=["geo", "import-provinces", str(path)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(Province.name_fr)) == "Préfecture d'Oujda"
