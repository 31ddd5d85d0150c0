"""Bar charts as geometry, drawn as SVG by a Jinja macro: no script, readable in both directions.

The chart illustrates; the table beside it is the source of truth (and what screen readers read).
In right-to-left pages the geometry is mirrored here, so the SVG needs no transform and text is
never drawn backwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    #: Index of the series (its colour class and legend entry).
    series: int
    #: Where the value is written, and how it is anchored.
    value_x: float
    value_y: float
    value_anchor: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str


@dataclass
class Chart:
    width: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    series: list[str] = field(default_factory=list)


def _scale(maximum: int, room: float) -> float:
    return room / maximum if maximum > 0 else 0.0


def horizontal(items: list[tuple[str, int]], series: str, *, rtl: bool, width: float = 560) -> Chart:
    """One bar per row (places), growing from the label side."""
    band, bar, label_room, value_room = 26.0, 18.0, 190.0, 60.0
    chart = Chart(width, band * max(1, len(items)) + 4, series=[series])
    unit = _scale(max((v for _, v in items), default=0), width - label_room - value_room)
    for index, (text, value) in enumerate(items):
        y = index * band + 4
        length = value * unit
        middle = y + bar / 2 + 5
        if rtl:
            start = width - label_room
            chart.labels.append(Label(start + 8, middle, text, "start"))
            chart.bars.append(
                Bar(start - length, y, length, bar, value, 0, start - length - 6, middle, "end")
            )
        else:
            chart.labels.append(Label(label_room - 8, middle, text, "end"))
            chart.bars.append(
                Bar(label_room, y, length, bar, value, 0, label_room + length + 6, middle, "start")
            )
    return chart


def grouped_columns(
    groups: list[tuple[str, list[int]]], series: list[str], *, rtl: bool, width: float = 560
) -> Chart:
    """Columns side by side per group (weeks), time running in the reading direction."""
    height, axis, top = 220.0, 22.0, 18.0
    chart = Chart(width, height, series=series)
    band = width / max(1, len(groups))
    column = (band - 8) / max(1, len(series))
    unit = _scale(max((v for _, values in groups for v in values), default=0), height - axis - top)
    for index, (text, values) in enumerate(groups):
        slot = len(groups) - 1 - index if rtl else index
        left = slot * band + 4
        chart.labels.append(Label(left + (band - 8) / 2, height - 6, text, "middle"))
        for number, value in enumerate(values):
            position = len(values) - 1 - number if rtl else number
            x = left + position * column
            length = value * unit
            y = height - axis - length
            chart.bars.append(
                Bar(x, y, column - 2, length, value, number, x + (column - 2) / 2, y - 4, "middle")
            )
    return chart
