"""The words of the gradebook, shared by the page and its CSV so that both say exactly the same."""

from __future__ import annotations

from flask_babel import gettext as _

from lms.courses.models import Item
from lms.gradebook.grid import Cell, Gradebook, Row


class Words:
    """Translated fragments, looked up once per page (a 40 × 60 grid has 2,400 cells)."""

    def __init__(self) -> None:
        self.late = _("late")
        self.overdue = _("overdue")
        self.percent = _("%(percent)s%%", percent="{n}")

    def score(self, value: float | None) -> str:
        return "" if value is None else self.percent.replace("{n}", str(round(value * 100)))

    def cell(self, cell: Cell, item: Item) -> str:
        """E.g. ``85% ×2 late ✎``: score (✓ for a lesson done), attempts, late or overdue, overridden."""
        if item.is_lesson:
            text = {"completed": "✓", "in_progress": "…"}.get(cell.status, "—")
        elif cell.score is not None:
            text = self.score(cell.score)
        else:
            text = "…" if cell.status == "in_progress" else "—"
        if cell.attempts:
            text += f" ×{cell.attempts}"
        if cell.late:
            text += f" {self.late}"
        elif cell.overdue:
            text += f" {self.overdue}"
        if cell.overridden:
            text += " ✎"
        return text


def header(book: Gradebook, language: str) -> list[str]:
    titles = [_("Learner")]
    for column in book.columns:
        titles += [item.title_in(language) for item in column.items]
        titles.append(_("Total: %(unit)s", unit=column.unit.title_in(language)))
    titles.append(_("Course total"))
    return titles


def line(book: Gradebook, row: Row, words: Words) -> list[str]:
    values = [row.name]
    index = 0
    for column in book.columns:
        for item in column.items:
            values.append(words.cell(row.cells[index], item))
            index += 1
        values.append(words.score(row.unit_totals.get(column.unit.id)) or "—")
    values.append(words.score(row.total) or "—")
    return values


def records(book: Gradebook, language: str) -> list[list[str]]:
    """Every line of the gradebook, materialised now (inside the request: no ORM object is read later)."""
    words = Words()
    return [header(book, language), *(line(book, row, words) for row in book.rows)]
