"""Tests in this folder always run on PostgreSQL, whatever --database says: row locking is real here."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.conftest import postgres_copy


@pytest.fixture
def database_uri(migrated_postgres: str) -> Iterator[str]:
    # Always the same name in this process, so the session's app for it serves every test here.
    with postgres_copy(migrated_postgres, f"test_{os.getpid()}") as uri:
        yield uri


# The grading fixtures (demo course, enrolled learner, sandbox slot) serve the PostgreSQL tests too.
from tests.grading.conftest import demo_course, learner, slot  # noqa: E402, F401
