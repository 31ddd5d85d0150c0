"""The class dashboard's many rows (heatmap and "may need help"), built from strings prepared once.

A class of 200 pupils shows a page of 50 rows × (4 + units) cells and every at-risk learner with their
reasons: thousands of template expressions, each escaped and looked up, were most of the page's time.
Here every label, symbol, unit slug and address prefix is escaped once per request, a cell's HTML is
made once per (unit, status, score) and reused, and a date or a reason is formatted once per value.
The markup is byte for byte what lms/templates/classes/_progress.html produced with loops (a test
compares them), so the page and its accessibility do not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from flask_babel import format_date, to_user_timezone
from markupsafe import Markup, escape

from lms.classes.heatmap import Learner


def heatmap_rows(
    rows: Iterable[Learner],
    learner_url: Sequence[str],
    labels: Mapping[str, str],
    symbols: Mapping[str, str],
    percent: str,
    units: Sequence[str],
    never: str,
) -> Markup:
    """The ``<tr>`` of each shown learner; ``labels``, ``percent`` and ``never`` come translated from the template."""
    prefix, suffix = (str(escape(part)) for part in learner_url)
    label = {status: str(escape(text)) for status, text in labels.items()}
    symbol = {status: str(escape(text)) for status, text in symbols.items()}
    slugs = [str(escape(slug)) for slug in units]
    pattern = str(escape(percent))  # translated markup, as Jinja's ``replace`` keeps it
    cells: dict[tuple[int, str, int | None], str] = {}
    dates: dict[object, str] = {}
    out: list[str] = []
    for learner in rows:
        if learner.last_activity:
            day = to_user_timezone(learner.last_activity).date()
            shown = dates.get(day)
            if shown is None:
                shown = dates[day] = str(escape(format_date(day, "medium")))
        else:
            shown = str(never)
        out.append(
            f'\n      <tr data-learner="{learner.user_id}">\n'
            f'        <th scope="row"><a href="{prefix}{learner.user_id}{suffix}"><bdi>{escape(learner.name)}</bdi></a></th>\n'
            f'        <td class="cell cell-{escape(learner.status)}">{label[learner.status]}</td>\n'
            f'        <td class="num">{learner.percent}</td>\n'
            f"        <td>{shown}</td>\n        "
        )
        for index, cell in enumerate(learner.cells):
            key = (index, cell.status, cell.percent)
            html = cells.get(key)
            if html is None:
                score = "" if cell.percent is None else " " + pattern.replace("{n}", str(cell.percent))
                html = cells[key] = (
                    f'\n          <td class="cell cell-{cell.status}" data-unit="{slugs[index]}" '
                    f'data-status="{cell.status}"><span class="symbol" aria-hidden="true">{symbol[cell.status]}'
                    f'</span><span class="visually-hidden">{label[cell.status]}</span>{score}</td>\n        '
                )
            out.append(html)
        out.append("\n      </tr>\n    ")
    return Markup("".join(out))  # noqa: S704 (every value above is escaped or comes escaped from the template)


def at_risk_items(learners: Iterable[Learner], learner_url: Sequence[str], language: str) -> Markup:
    """The ``<li>`` of each learner who may need help, with their reasons in the reader's language."""
    prefix, suffix = (str(escape(part)) for part in learner_url)
    reasons: dict[tuple, str] = {}
    out: list[str] = []
    for learner in learners:
        spans = []
        for risk in learner.risks:
            key = (
                risk.kind,
                risk.days,
                risk.attempts,
                risk.item.id if risk.item else None,
                risk.percent,
                risk.median,
            )
            text = reasons.get(key)
            if text is None:
                text = reasons[key] = str(escape(risk.describe(language)))
            spans.append(f'<span class="risk-reason">{text}</span>')
        out.append(
            f'\n      <li><a href="{prefix}{learner.user_id}{suffix}"><bdi>{escape(learner.name)}</bdi></a>:\n'
            f"        {'; '.join(spans)}</li>\n      "
        )
    return Markup("".join(out))  # noqa: S704 (every value above is escaped)
