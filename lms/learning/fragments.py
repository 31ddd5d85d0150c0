"""Rendered HTML that is identical for every learner in the same state, kept per process.

An outline's unit (its title, summary, items, badges and links) is a pure function of the course's
structure at one version, the language, whether the reader is enrolled, and the states shown: the unit's
status and lock, and each item's status, lock, "new" flag and rounded best score. Those values *are* the
key, so a fragment rendered for one learner is served to another only when the two would see the same
bytes; nothing else of a learner (id, name, dates, tokens) is in a fragment or its key. Most learners
share most units' states (every unit of a course not started yet, or all done), so the outline of a
learner renders only the units nobody in this process has been in that state of yet.

The structure's stamp (lms/learning/structure.py) is part of the key: a publish or a sync changes it,
and the old fragments are never asked for again (they age out of the bounded LRU).
"""

from __future__ import annotations

from flask import request
from markupsafe import Markup

from lms.core.fragments import FragmentCache
from lms.extensions import db

#: The outline's units (lms/templates/learning/course.html).
outline_units = FragmentCache()


def score_percent(score: float | None) -> int | None:
    """A best score as the outline shows it (Jinja's ``round|int`` of the percentage)."""
    return None if score is None else round(score * 100)


def outline_unit_renderer(course, structure_stamp: tuple, language: str, content_dir: str, enrolled: bool):
    """A template function: ``render(unit_state, index, macro)`` → the unit's HTML, cached by what it shows.

    The part of the key common to every unit of the page is built once here; each unit adds its own
    position and states. ``macro`` is the template's own macro for one unit, called only on a miss.
    """
    # One process may serve several databases (tests, the benchmark), and the address prefix of the
    # links depends on where the app is mounted.
    page = (id(db.engine), course.id, course.slug, structure_stamp, language, content_dir, enrolled)
    page += (request.script_root,)

    def render(unit, index: int, macro) -> Markup:
        states = tuple(
            (state.item.id, state.status.value, state.locked, state.new, score_percent(state.best_score))
            for state in unit.items
        )
        key = (page, unit.unit.id, index, unit.status, unit.locked, states)
        return Markup(outline_units.get_or_render(key, lambda: str(macro(unit, index))))  # noqa: S704

    return render
