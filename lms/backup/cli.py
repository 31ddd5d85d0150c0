"""``flask --app wsgi backup create|restore PATH``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from lms.backup.operations import BackupError, create_backup, restore_backup

backup_cli = AppGroup("backup", help="Back up and restore the database, instance folder and signing keys.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def create_command(path: Path) -> None:
    """Write a .tar.gz backup to PATH (it holds secret keys: keep it safe)."""
    try:
        manifest = create_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backup of the {manifest.database} database (revision {manifest.revision}) written to {path}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite a database that already has tables.")
def restore_command(path: Path, force: bool) -> None:
    """Restore the backup at PATH into this node (meant for an empty one)."""
    try:
        manifest = restore_backup(path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored the backup of {manifest.created_at} (revision {manifest.revision})")
