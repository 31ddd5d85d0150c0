"""Read an HTML table as a screen reader would: the text of each cell, without aria-hidden decoration."""

from __future__ import annotations

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # inside the wanted table when > 0
        self.hidden = 0  # inside aria-hidden="true" when > 0
        self.stack: list[bool] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (self.depth or attrs.get("id") == self.table_id):
            self.depth += 1
        if not self.depth:
            return
        hidden = attrs.get("aria-hidden") == "true"
        self.stack.append(hidden)
        self.hidden += hidden
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if self.stack:
            self.hidden -= self.stack.pop()
        if tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.cell is not None and not self.hidden:
            self.cell.append(data)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """Rows of the table with this id (header, body and footer rows), each a list of cell texts."""
    reader = _TableReader(table_id)
    reader.feed(html)
    return reader.rows
