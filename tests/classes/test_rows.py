"""The class dashboard's rows, built in Python (lms/classes/rows.py), are the markup the template's loops made."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import render_template_string
from sqlalchemy import update

from lms.classes import operations
from lms.classes.heatmap import Options, class_progress
from lms.classes.models import ClassMember
from lms.classes.rows import at_risk_items, heatmap_rows
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment
from tests.classes.conftest import WRONG, complete_first_unit, submit

#: The same values the template prepares for its rows (lms/templates/classes/_progress.html).
PREAMBLE = """
{%- set labels = {"not_started": _("Not started"), "in_progress": _("In progress"), "completed": _("Completed")} -%}
{%- set symbols = {"not_started": "○", "in_progress": "◐", "completed": "✓"} -%}
{%- set percent = _("%(percent)s%%", percent="{n}") -%}
{%- set units = progress.columns|map(attribute="unit.slug")|list -%}
{%- set learner_url = ["/classes/1/learners/", "?course=x&amp;y"] -%}
"""

#: The loops the template had before the rows were built in Python, verbatim.
LOOPS = (
    PREAMBLE
    + """<tbody>
    {% for learner in progress.rows %}
      <tr data-learner="{{ learner.user_id }}">
        <th scope="row"><a href="{{ learner_url[0] ~ learner.user_id ~ learner_url[1] }}"><bdi>{{ learner.name }}</bdi></a></th>
        <td class="cell cell-{{ learner.status }}">{{ labels[learner.status] }}</td>
        <td class="num">{{ learner.percent }}</td>
        <td>{% if learner.last_activity %}{{ learner.last_activity|format_date("medium") }}{% else %}{{ _("Never") }}{% endif %}</td>
        {% for c in learner.cells %}
          <td class="cell cell-{{ c.status }}" data-unit="{{ units[loop.index0] }}" data-status="{{ c.status }}"><span class="symbol" aria-hidden="true">{{ symbols[c.status] }}</span><span class="visually-hidden">{{ labels[c.status] }}</span>{% if c.percent is not none %} {{ percent|replace("{n}", c.percent) }}{% endif %}</td>
        {% endfor %}
      </tr>
    {% endfor %}
    </tbody>
    <ul class="at-risk" id="at-risk">
      {% for learner in progress.at_risk %}
      <li><a href="{{ learner_url[0] ~ learner.user_id ~ learner_url[1] }}"><bdi>{{ learner.name }}</bdi></a>:
        {% for risk in learner.risks %}<span class="risk-reason">{{ risk.describe(current_language) }}</span>{% if not loop.last %}; {% endif %}{% endfor %}</li>
      {% endfor %}
    </ul>"""
)

BUILT = (
    PREAMBLE
    + """<tbody>
    {{ heatmap_rows(progress.rows, learner_url, labels, symbols, percent, units, _("Never")) }}
    </tbody>
    <ul class="at-risk" id="at-risk">
      {{ at_risk_items(progress.at_risk, learner_url, current_language) }}
    </ul>"""
)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_rows_are_the_markup_the_loops_made(app, make_user, klass, install, language):
    course = install(max_attempts=0)
    operations.assign_course(klass, course)
    names = ["<Amina & Co>", "Badr", "سلمى", "Idle"]
    pupils = [make_user(display_name=name) for name in names]
    for pupil in pupils:
        operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    complete_first_unit(pupils[0], course)
    complete_first_unit(pupils[2], course)
    for _ in range(3):
        submit(pupils[1], course, "quiz-bases", WRONG)
    long_ago = utcnow() - timedelta(days=20)
    idle = pupils[3]
    db.session.execute(update(Enrolment).where(Enrolment.user_id == idle.id).values(created_at=long_ago))
    db.session.execute(update(ClassMember).where(ClassMember.user_id == idle.id).values(joined_at=long_ago))
    db.session.commit()

    with app.test_request_context(headers={"Accept-Language": language}):
        progress = class_progress(klass, course, Options(), utcnow())
        assert progress.at_risk and any(cell.percent for row in progress.rows for cell in row.cells)
        context = {"progress": progress, "heatmap_rows": heatmap_rows, "at_risk_items": at_risk_items}
        built = render_template_string(BUILT, **context)
        assert built == render_template_string(LOOPS, **context)
    assert "&lt;Amina &amp; Co&gt;" in built and "<Amina" not in built
