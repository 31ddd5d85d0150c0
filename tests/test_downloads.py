"""lms/core/downloads.py: the file name header, HEAD, and auditing only what actually left."""

from __future__ import annotations

import pytest
from flask import Response

from lms.core import downloads
from lms.core.downloads import attachment, csv_response, download, file_name_part


class Audit:
    def __init__(self) -> None:
        self.written: list[tuple[int | None, bool]] = []

    def write(self, rows: int | None, complete: bool) -> None:
        self.written.append((rows, complete))


def test_an_arabic_file_name_travels_as_rfc_5987():
    value = attachment("maharat-القسم-الأول.csv")
    assert value.startswith("attachment; filename=maharat-.csv; filename*=UTF-8''maharat-%D8%A7")
    assert attachment('a "quoted" name.csv') == 'attachment; filename="a \\"quoted\\" name.csv"'
    assert file_name_part("القسم الأول / 3ème") == "القسم-الأول-3ème"


def _body(response: Response) -> bytes:
    return b"".join(response.response)


def test_a_finished_stream_is_audited_once_with_its_rows(app):
    audit = Audit()
    with app.test_request_context("/x.csv"):
        response = csv_response(["A"], [[1], [2]], "x.csv", audit)  # type: ignore[arg-type]
        assert audit.written == []  # nothing has left yet
        assert _body(response) == "\ufeffA\r\n1\r\n2\r\n".encode()
    assert audit.written == [(2, True)]


def test_a_stream_that_fails_before_any_row_is_not_audited(app):
    def rows():
        raise RuntimeError("database gone")
        yield  # pragma: no cover

    audit = Audit()
    with app.test_request_context("/x.csv"):
        response = csv_response(["A"], rows(), "x.csv", audit)  # type: ignore[arg-type]
        chunks = iter(response.response)
        with pytest.raises(RuntimeError):
            list(chunks)
    assert audit.written == [(0, False)]  # the BOM and header left; no row did, marked incomplete


def test_a_failure_before_anything_left_writes_nothing(app):
    def chunks():
        raise RuntimeError("no")
        yield b""  # pragma: no cover

    audit = Audit()
    with app.test_request_context("/x.zip"):
        stream = downloads.stream(chunks(), audit)  # type: ignore[arg-type]
        with pytest.raises(RuntimeError):
            list(stream)
    assert audit.written == []


def test_head_runs_the_checks_but_sends_and_reads_nothing(app):
    read = []

    def body():
        read.append(True)
        yield "a,b"

    @download("text/csv")
    def view():
        return Response(body(), mimetype="text/csv")

    with app.test_request_context("/x.csv", method="HEAD"):
        response = view()
    assert response.mimetype == "text/csv" and response.get_data() == b"" and read == []
    with app.test_request_context("/x.csv"):
        assert view().get_data() == b"a,b"
    assert read == [True]


def test_head_on_another_teachers_class_export_is_refused_like_get(client, auth, make_user, db):
    from lms.classes import operations
    from lms.geo.models import Province, Region, School
    from lms.users.models import Role

    region = db.session.scalar(db.select(Region).where(Region.code == "MA-06"))
    school = School(
        code="SCH-H", name_fr="Lycée H", province=Province(code="P-H", name_fr="P", region=region)
    )
    db.session.add(school)
    owner = make_user(Role.TEACHER, school_id=school.id)
    klass = operations.create_class(owner, "3e A", school, "2026-2027")
    db.session.commit()
    auth.login(make_user(Role.TEACHER, school_id=school.id))
    for method in (client.get, client.head):
        assert method(f"/classes/{klass.id}/progress.csv").status_code == 404


def test_head_on_an_export_does_not_audit_it(client, auth, make_user, db):
    from sqlalchemy import func, select

    from lms.audit.models import AuditEntry
    from lms.users.models import Role

    auth.login(make_user(Role.ADMIN))
    for url in ("/admin/people/export.csv", "/admin/audit/export.csv", "/admin/certificates/export.zip"):
        response = client.head(url)
        assert response.status_code == 200 and response.get_data() == b""
    exported = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "data.exported")
    assert db.session.scalar(exported) == 0
    assert client.get("/admin/people/export.csv").get_data()
    assert db.session.scalar(exported) == 1


def test_the_people_export_reads_rows_in_one_streamed_query(app, client, auth, make_user, monkeypatch):
    """100,000 people: one query read in batches, whatever the count (no query per row, no list in memory)."""
    from lms.users.models import Role
    from tests.conftest import cheap_password_hashes, count_queries

    cheap_password_hashes(monkeypatch)
    auth.login(make_user(Role.ADMIN))

    def statements() -> tuple[int, int]:
        with count_queries() as seen:
            body = client.get("/admin/people/export.csv").get_data()
        return len([s for s in seen if "FROM users" in s]), body.count(b"\r\n")

    few, lines = statements()
    for _ in range(30):
        make_user()
    many, more_lines = statements()
    assert more_lines == lines + 30 and many == few
