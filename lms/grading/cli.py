"""``flask --app wsgi grading …``: check the sandbox, run a worker (database polling or RQ)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

grading_cli = AppGroup("grading", help="Grading of code exercises.")


@grading_cli.command("check")
def check_command():
    """Run a trivial program through the real sandbox and say whether grading works here."""
    from lms.grading.sandboxing import sandbox_status

    ok, reason = sandbox_status()
    click.echo(("ok: " if ok else "UNAVAILABLE: ") + reason)
    if not ok:
        raise SystemExit(1)


@grading_cli.command("worker")
@click.option("--slot", type=int, default=0, show_default=True, help="Sandbox slot (user maharat-sbxN).")
@click.option("--once", is_flag=True, help="Grade what is queued now, then stop.")
@click.option("--parent", type=int, default=None, hidden=True, help="Stop when this process is gone.")
def worker_command(slot: int, once: bool, parent: int | None):
    """Grade queued attempts (for GRADING_QUEUE=external, on any machine sharing the database)."""
    from lms.grading.worker import ParentGone, work

    graded = work(slot, once=once, stop=ParentGone(parent) if parent else None)
    click.echo(f"graded {graded} attempt(s)")


@grading_cli.command("rq-worker")
@click.option("--slot", type=int, default=0, show_default=True, help="Sandbox slot (user maharat-sbxN).")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def rq_worker_command(slot: int, burst: bool):
    """Grade attempts woken through Redis (GRADING_QUEUE=rq); run one per sandbox slot and machine."""
    from flask import current_app

    from lms.grading.redis_queue import run_worker

    run_worker(current_app._get_current_object(), slot, burst=burst)
