"""``flask --app wsgi geo …``: import provinces and schools from the ministry's CSV files."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from lms.csvfiles import CsvFileError
from lms.extensions import db
from lms.geo.importing import ImportReport, import_provinces, import_schools

geo_cli = AppGroup("geo", help="Regions, provinces and schools.")


def _finish(report: ImportReport, dry_run: bool) -> None:
    with force_locale("en"):  # the shell speaks English; the web page translates the same problems
        for problem in report.problems:
            click.echo(str(problem), err=True)
    if report.problems:
        db.session.rollback()
        raise click.ClickException(f"{len(report.problems)} problem(s): nothing was imported")
    if dry_run:
        db.session.rollback()
        click.echo(f"dry run: {report.created} to create, {report.updated} to update")
    else:
        db.session.commit()
        click.echo(f"{report.created} created, {report.updated} updated")


def _run(importer, csv_file: Path) -> ImportReport:
    try:
        return importer(csv_file)
    except CsvFileError as error:
        with force_locale("en"):
            raise click.ClickException(str(error.message)) from None


@geo_cli.command("import-provinces")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report without saving.")
def import_provinces_command(csv_file: Path, dry_run: bool):
    """Import provinces from CSV with columns code,name_fr,name_ar,region_code."""
    _finish(_run(import_provinces, csv_file), dry_run)


@geo_cli.command("import-schools")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report without saving.")
def import_schools_command(csv_file: Path, dry_run: bool):
    """Import schools from CSV with columns code,name_fr,name_ar,province_code."""
    _finish(_run(import_schools, csv_file), dry_run)
