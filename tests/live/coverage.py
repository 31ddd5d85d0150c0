"""Which download routes a live test covers: ``@covers("endpoint", …)`` (read by test_rules.py)."""

from __future__ import annotations

from collections.abc import Callable


def covers(*endpoints: str) -> Callable:
    """Declare the endpoints this live test downloads from a real server (documentation and rule)."""

    def mark(test: Callable) -> Callable:
        test.live_endpoints = endpoints
        return test

    return mark
