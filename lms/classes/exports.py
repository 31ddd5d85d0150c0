"""The class dashboard's table as CSV records: the same columns as on screen, in the same words."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import format_date
from flask_babel import gettext as _

from lms.classes.heatmap import ClassProgress


def status_labels() -> dict[str, str]:
    return {"not_started": _("Not started"), "in_progress": _("In progress"), "completed": _("Completed")}


def progress_records(progress: ClassProgress, language: str) -> Iterator[list[str | int]]:
    """Header, then one line per learner: name, status, progress, last activity, then each unit."""
    labels = status_labels()
    yield [
        _("Learner"),
        _("Status"),
        _("Progress (%%)") % {},  # the same msgid as the template's, where % is always formatted
        _("Last activity"),
        *(column.unit.title_in(language) for column in progress.columns),
    ]
    for learner in progress.rows:
        cells = [
            # The page's own words: "100 %" in French, "100%" in English.
            labels[cell.status]
            + (f" {_('%(percent)s%%', percent=cell.percent)}" if cell.percent is not None else "")
            for cell in learner.cells
        ]
        last = format_date(learner.last_activity, "medium") if learner.last_activity else _("Never")
        yield [learner.name, labels[learner.status], learner.percent, last, *cells]
