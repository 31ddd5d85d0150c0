"""Rules: every route that returns a file or a stream is marked ``@download`` and has a live-server test.

The marker (lms/core/downloads.py) is how a download is recognised; a view whose code sends a file or a
stream without it fails here, and so does a marked route that no test in tests/live declares with
``@covers("endpoint")`` (tests/live/coverage.py).
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from lms.core.downloads import is_download

HERE = Path(__file__).parent
#: What a view's own code calls when it sends a file or a stream (whole names, not ``check_csv(``).
SENDS_A_FILE = re.compile(
    r"(?<![\w.])(csv_response|file_response|send_file|send_from_directory|safe_file_response|stream"
    r"|stream_with_context|_download|_json_ld|_csv)\(|Content-Disposition"
)


def covered_endpoints() -> set[str]:
    """Endpoints named in ``@covers(…)`` by the live tests."""
    covered: set[str] = set()
    for path in HERE.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "covers":
                covered |= {arg.value for arg in node.args if isinstance(arg, ast.Constant)}
    return covered


def _views(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule, app.view_functions[rule.endpoint]


def test_every_view_that_sends_a_file_is_marked_as_a_download(app):
    unmarked = []
    for rule, view in _views(app):
        source = inspect.getsource(inspect.unwrap(view))
        if SENDS_A_FILE.search(source) and not is_download(view):
            unmarked.append(f"{rule.endpoint} {rule.rule}")
    # The signed JSON documents verifiers fetch are pages of data, not downloads; the credential is one.
    unmarked = [
        u for u in unmarked if not u.startswith(("certificates.issuer ", "certificates.status_list "))
    ]
    assert unmarked == [], "mark these views with @download(...) (lms/core/downloads.py)"


def test_every_download_has_a_live_server_test(app):
    downloads = {rule.endpoint for rule, view in _views(app) if is_download(view)}
    assert len(downloads) >= 14
    missing = downloads - covered_endpoints()
    assert missing == set(), "download these from the live server in tests/live (and add @covers)"


def test_the_rule_knows_the_exports_of_the_issues():
    covered = covered_endpoints()
    assert {"classes.export_progress", "people.export_people", "audit.export"} <= covered
