"""``flask --app wsgi courses …``: validate, sync and list course packages."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from lms.courses.models import Course
from lms.courses.sync import SyncRefused, sync_package
from lms.exercises.registry import ExerciseTypeRegistry
from lms.extensions import db
from lms.packages.loader import discover, load_package

courses_cli = AppGroup("courses", help="Course packages.")


def exercise_types() -> ExerciseTypeRegistry:
    return current_app.extensions["exercise_types"]


def _packages(slug: str | None, directory: str | None) -> list[Path]:
    root = Path(directory or current_app.config["COURSES_DIR"])
    found = discover(root)
    if slug:
        found = [p for p in found if p.name == slug]
        if not found:
            raise click.ClickException(f"no course package {slug!r} under {root}")
    return found


def _installed_versions() -> dict[str, int]:
    return dict(db.session.execute(select(Course.slug, Course.version)).all())


@courses_cli.command("validate")
@click.argument("slug", required=False)
@click.option("--dir", "directory", help="Folder holding the packages (default: COURSES_DIR).")
@click.option(
    "--sandbox/--no-sandbox",
    default=True,
    show_default=True,
    help="Also grade every reference solution, starter and wrong answer in the sandbox.",
)
@click.option(
    "--mutation/--no-mutation",
    default=True,
    show_default=True,
    help="With --sandbox, also run the mutants of every Python reference solution against its tests.",
)
@click.option(
    "--slots", default=None, help="Sandbox slots to run mutants on in parallel (default: GRADING_SLOTS)."
)
def validate_command(
    slug: str | None, directory: str | None, sandbox: bool, mutation: bool, slots: str | None
):
    """Check packages and report every problem as path:line: message; exit 1 if any."""
    from lms.grading.references import check_package
    from lms.sandbox import SandboxUnavailable

    installed = _installed_versions() if _database_ready() else {}
    total = 0
    for path in _packages(slug, directory):
        package, problems = load_package(path, exercise_types(), installed.get(path.name))
        for problem in problems:
            click.echo(str(problem))
        total += len(problems)
        if problems or package is None:
            continue
        if sandbox:
            try:
                for problem in _draw_random_cases(package):
                    click.echo(f"{path.name}/{problem}")
                    total += 1
                outcomes = check_package(package, exercise_types())
            except SandboxUnavailable as error:
                raise click.ClickException(
                    f"the sandbox is unavailable, reference solutions were not checked: {error} "
                    "(use --no-sandbox to check the rest only)"
                ) from None
            for outcome in outcomes:
                if not outcome.ok:
                    expectation = "must pass" if outcome.must_pass else "must fail"
                    click.echo(
                        f"{path.name}/{outcome.item}: {outcome.label} {expectation} ({outcome.detail})"
                    )
                    total += 1
            if mutation:
                total += _report_mutants(path.name, package, slots)
        items = sum(1 for _ in package.items())
        click.echo(f"{path.name}: checked (version {package.version}, {items} items)")
    if total:
        raise click.ClickException(f"{total} problem(s) found")


def _cache_dir() -> Path:
    """Where validation keeps what the sandbox computed (mutant verdicts, random cases), by content hash."""
    return Path(
        os.environ.get("MAHARAT_MUTATION_CACHE") or Path(current_app.instance_path) / "mutation-cache"
    )


def _draw_random_cases(package) -> list[str]:
    """Draw the random cases of the package's exercises in the sandbox, into their configs."""
    from lms.grading.random_cases import prepare_package

    if not any(item.config and item.config.get("random") for _, item in package.items()):
        return []
    slots = current_app.config["GRADING_SLOTS"] or [0]
    return prepare_package(package, current_app.config["SANDBOX_PYTHON"], slots[0], _cache_dir())


def _report_mutants(name: str, package, slots: str | None) -> int:
    """Mutation-test a package's Python exercises; print the report; return the number of problems."""
    from lms.grading.mutation import MutationCache, describe_survivor, mutate_package

    chosen = [int(s) for s in slots.split(",") if s.strip()] if slots else current_app.config["GRADING_SLOTS"]
    cache = MutationCache(_cache_dir())
    reports = mutate_package(package, current_app.config["SANDBOX_PYTHON"], chosen or [0], cache)
    configs = {item.slug: item.config for _, item in package.items()}
    problems = 0
    for report in reports:
        click.echo(f"{name}/{report.summary()}")
        for survivor in report.survivors:
            click.echo(
                f"{name}/{report.item}: {describe_survivor(survivor, configs[report.item]['solution'])}"
            )
        for problem in report.problems:
            click.echo(f"{name}/{problem}")
        problems += len(report.survivors) + len(report.problems)
    return problems


def _database_ready() -> bool:
    from sqlalchemy import inspect

    return "courses" in inspect(db.engine).get_table_names()


@courses_cli.command("sync")
@click.argument("slug", required=False)
@click.option("--dir", "directory", help="Folder holding the packages (default: COURSES_DIR).")
@click.option("--force", is_flag=True, help="Accept a lower or unchanged version with different content.")
def sync_command(slug: str | None, directory: str | None, force: bool):
    """Load valid packages into the database by stable slugs, all in one transaction."""
    from lms.sandbox import SandboxUnavailable

    installed = _installed_versions()
    reports = []
    for path in _packages(slug, directory):
        package, problems = load_package(path, exercise_types(), None if force else installed.get(path.name))
        if problems or package is None:
            db.session.rollback()
            for problem in problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(f"{path.name} is not valid: nothing was synced")
        try:
            drawn = _draw_random_cases(package)
        except SandboxUnavailable as error:
            db.session.rollback()
            raise click.ClickException(
                f"{path.name} has random cases, which need the sandbox: {error} (nothing was synced)"
            ) from None
        if drawn:
            db.session.rollback()
            raise click.ClickException(f"{path.name}: {'; '.join(drawn)} (nothing was synced)")
        try:
            reports.append(sync_package(package, force=force))
        except SyncRefused as refused:
            db.session.rollback()
            raise click.ClickException(f"{refused} (nothing was synced)") from None
    db.session.commit()
    for report in reports:
        click.echo(str(report))


@courses_cli.command("list")
@click.option("--dir", "directory", help="Folder holding the packages (default: COURSES_DIR).")
def list_command(directory: str | None):
    """Show installed courses and how each differs from its package on disk."""
    on_disk = {p.name: p for p in discover(Path(directory or current_app.config["COURSES_DIR"]))}
    courses = {c.slug: c for c in db.session.scalars(select(Course).order_by(Course.slug))}
    for slug in sorted(set(on_disk) | set(courses)):
        course = courses.get(slug)
        if slug not in on_disk:
            click.echo(f"{slug}: installed v{course.version}, no package on disk ({course.source})")
            continue
        package, problems = load_package(on_disk[slug], exercise_types())
        if course is None:
            click.echo(f"{slug}: not installed (package v{package.version if package else '?'})")
        elif problems:
            click.echo(f"{slug}: installed v{course.version}; package has {len(problems)} problem(s)")
        elif package.content_hash == course.content_hash:
            click.echo(f"{slug}: installed v{course.version}, up to date")
        else:
            click.echo(f"{slug}: installed v{course.version}, package v{package.version} differs")


@courses_cli.command("export")
@click.argument("slug")
@click.argument("directory", type=click.Path(file_okay=False))
def export_command(slug: str, directory: str):
    """Write an installed course (package or authored in the browser) as DIRECTORY/SLUG/, a course package."""
    from lms.courses.export import ExportError, export_course

    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        raise click.ClickException(f"no installed course {slug!r}")
    try:
        root = export_course(course, Path(directory), exercise_types())
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{slug}: exported version {course.version} to {root}")


@courses_cli.command("estimate")
@click.argument("slug", required=False)
@click.option("--dir", "directory", help="Folder holding the packages (default: COURSES_DIR).")
@click.option(
    "--write", is_flag=True, help="Write each unit's minutes and the course's hours into the manifests."
)
@click.option(
    "--check", is_flag=True, help="Exit 1 when a manifest is more than 25 % away from the computation."
)
def estimate_command(slug: str | None, directory: str | None, write: bool, check: bool):
    """Compute each unit's estimated minutes and the course's hours from the content (docs/course-packages.md)."""
    from lms.packages.estimate import estimate_course, within_tolerance, write_estimates

    off = 0
    for path in _packages(slug, directory):
        package, problems = load_package(path, exercise_types())
        if package is None or problems:
            raise click.ClickException(
                f"{path.name}: fix its {len(problems)} problem(s) first (courses validate)"
            )
        units, hours = estimate_course(package, exercise_types())
        click.echo(f"{path.name}: {hours:g} h computed, {package.hours:g} h declared")
        if not within_tolerance(package.hours, hours):
            off += 1
        for unit in units:
            declared = "-" if unit.declared is None else str(unit.declared)
            click.echo(
                f"  {unit.slug}: {unit.minutes} min (reading {unit.reading:.0f}, exercises {unit.exercises:.0f}),"
                f" declared {declared}"
            )
            if unit.declared is None or not within_tolerance(unit.declared, unit.minutes):
                off += 1
        if write:
            for changed in write_estimates(path, units, hours):
                click.echo(f"  wrote {changed.relative_to(path)}")
    if check and off and not write:
        raise click.ClickException(f"{off} figure(s) more than 25 % away from the computation")
