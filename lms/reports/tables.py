"""A report table as data: the page renders it and the CSV export writes it, so the two cannot differ."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    #: Already translated (tables are built inside the request, in the reader's language).
    label: str
    #: The glossary entry defining the figure (lms/reports/vocabulary.py), if any.
    anchor: str = ""


@dataclass
class Row:
    label: str
    values: dict[str, int]
    #: Where the label leads (the next level down), if anywhere.
    link: str | None = None
    #: A code shown next to the label (region, province or school code), left-to-right.
    code: str = ""
    #: The places above the row's own (region code and name, then province…): their own columns, so a
    #: ministry spreadsheet can sort and join on codes.
    parents: tuple[str, ...] = ()


@dataclass
class Table:
    caption: str
    #: Header of the first column (the row labels).
    label: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    #: Headers of the parent-place columns (see :attr:`Row.parents`), and of the row's own code.
    parent_labels: tuple[str, ...] = ()
    code_label: str = ""

    def add_total(self, label: str) -> None:
        self.total = Row(label, {c.key: sum(r.values.get(c.key, 0) for r in self.rows) for c in self.columns})

    def records(self) -> Iterator[list[str | int]]:
        """Header line, then one list per row, then the total: exactly what the page shows."""
        codes = [self.code_label] if self.code_label else []
        yield [*self.parent_labels, *codes, self.label, *(c.label for c in self.columns)]
        for row in self.rows:
            own = [row.code] if self.code_label else []
            values = (row.values.get(c.key, 0) for c in self.columns)
            # A figure that cannot exist (a rate without enrolments) is a dash, on screen and in the file.
            yield [*row.parents, *own, row.label, *("—" if v is None else v for v in values)]
        if self.total:
            blanks = [""] * (len(self.parent_labels) + len(codes))
            yield [*blanks, self.total.label, *(self.total.values.get(c.key, 0) for c in self.columns)]
