"""``flask --app wsgi reports …``: recompute the report rollups, or prove they are right."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from lms.extensions import db
from lms.reports.rebuild import active_day_problems, compare, expected_rollups, rebuild, stored_rollups

reports_cli = AppGroup("reports", help="Programme reports.")


@reports_cli.command("rebuild-rollups")
@click.option("--check", is_flag=True, help="Compare only; exit 1 when the stored rollups differ.")
def rebuild_rollups_command(check: bool) -> None:
    """Recompute the rollups from enrolments, progress and attempts (run when nobody is learning)."""
    expected = expected_rollups()
    problems = compare(expected, stored_rollups()) + active_day_problems()
    if check:
        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            raise click.ClickException("the stored rollups differ from a recomputation")
        click.echo(f"rollups match: {len(expected.participants)} participant(s)")
        return
    rebuild(expected)
    db.session.commit()
    verdict = "differences corrected" if problems else "they were already right"
    click.echo(
        f"rebuilt: {len(expected.participants)} participant(s), {len(expected.totals)} total(s), "
        f"{len(expected.weeks)} week(s); {verdict}"
    )
