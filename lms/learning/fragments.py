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

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import request
from markupsafe import Markup

from lms.extensions import db

#: Fragments kept per process: a unit renders to 1–4 KiB, so this bounds the cache to a few MiB.
MAX_FRAGMENTS = 4096


class FragmentCache:
    """A bounded, thread-safe LRU of rendered fragments (gunicorn's gthread workers share one per process)."""

    def __init__(self, size: int = MAX_FRAGMENTS) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = threading.Lock()
        #: Renderings and reuses, for tests and the benchmark.
        self.misses = 0
        self.hits = 0

    def get_or_render(self, key: Hashable, render: Callable[[], Markup]) -> Markup:
        with self._lock:
            known = self._entries.get(key)
            if known is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return known
        # Rendered outside the lock: two threads may render the same fragment once each, never wrongly.
        fragment = render()
        with self._lock:
            self.misses += 1
            self._entries[key] = fragment
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return fragment

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


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
        return outline_units.get_or_render(key, lambda: macro(unit, index))

    return render
