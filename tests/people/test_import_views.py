"""The import pages: dry run, error report, confirmation, idempotence, valid rows only, places."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from lms.audit.models import AuditEntry
from lms.extensions import db
from lms.geo.models import Province, School
from lms.users.models import Role, User
from tests.people.conftest import EN

GOOD = (
    "email;display_name;massar_code;school_code\n"
    "amina@example.ma;أمينة الإدريسي;J130000001;FES-1\n"
    "karim@example.ma;Karim Alami;J130000002;\n"
)
BAD = GOOD + "not-an-email;Bad Row;J13;NOPE\n"


def _upload(client, text: str | bytes, name: str = "people.csv", **fields):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        "/admin/people/import",
        data={"file": (io.BytesIO(raw), name), "first_password": "show", **fields},
        content_type="multipart/form-data",
        headers=EN,
    )


def _confirm(client, text: str, confirm: str = "all", first_password: str = "show"):  # noqa: S107 - a choice, not a password
    return client.post(
        "/admin/people/import",
        data={
            "content": text,
            "filename": "people.csv",
            "confirm": confirm,
            "first_password": first_password,
        },
        headers=EN,
    )


def _users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def _entries() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_the_import_page_offers_a_template_in_the_admins_language(as_admin):
    page = as_admin.get("/admin/people/import", headers=EN)
    assert page.status_code == 200 and "Download the template" in page.get_data(as_text=True)
    template = as_admin.get("/admin/people/import/template.csv", headers=EN)
    rows = list(csv.reader(io.StringIO(template.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:2] == ["Email address", "Full name"]
    assert len(rows) == 3


def test_a_dry_run_shows_the_plan_and_writes_nothing(as_admin, places):
    users, entries = _users(), _entries()
    response = _upload(as_admin, "\ufeff" + GOOD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 accounts would be created" in html and "Nothing has been saved yet." in html
    assert 'name="content"' in html and 'id="confirm-import"' in html
    assert (_users(), _entries()) == (users, entries)


def test_the_error_report_names_line_column_and_reason_and_nothing_is_written(as_admin, places):
    users = _users()
    response = _upload(as_admin, BAD)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    report = re.findall(
        r'<tr><th scope="row" class="num">(\d+)</th><td><bdi>([^<]+)</bdi></td><td>([^<]+)</td></tr>', html
    )
    assert report == [
        ("4", "Email address", "This is not a valid email address."),
        ("4", "Massar code", "A Massar code is one letter followed by nine digits."),
        ("4", "School code", "unknown school code &#39;NOPE&#39;"),
    ]
    assert "Nothing was imported: 3 problems to fix" in html
    assert 'id="confirm-import"' not in html and "Import the 2 valid lines anyway" in html
    assert _users() == users
    # Posting a confirmation of all rows anyway is refused, too.
    assert _confirm(as_admin, BAD).status_code == 400
    assert _users() == users


def test_confirming_imports_shows_passwords_once_and_a_second_import_changes_nothing(as_admin, places):
    users = _users()
    response = _confirm(as_admin, GOOD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    assert "Import done: 2 created, 0 updated, 0 unchanged." in html
    assert len(re.findall(r'<td dir="ltr"><code>[a-z2-9]{12}</code></td>', html)) == 2
    assert _users() == users + 2
    entries = _entries()

    again = _upload(as_admin, GOOD)
    assert "2 accounts are already up to date" in again.get_data(as_text=True)
    changed = _upload(as_admin, GOOD.replace("Karim Alami;J130000002;", "Karim Alami;J130000002;AGA-1"))
    assert re.search(r"karim@example.ma</td><td>School code</td>", changed.get_data(as_text=True))
    done = _confirm(as_admin, GOOD)
    assert "Import done: 0 created, 0 updated, 2 unchanged." in done.get_data(as_text=True)
    assert _users() == users + 2
    assert _entries() == entries + 1  # the import's summary only
    amina = db.session.scalar(select(User).where(User.massar_code == "J130000001"))
    assert (
        amina.display_name == "أمينة الإدريسي" and amina.school.code == "FES-1" and amina.role is Role.STUDENT
    )


def test_the_admin_may_import_the_valid_lines_only(as_admin, places):
    users = _users()
    response = _confirm(as_admin, BAD, confirm="valid")
    assert response.status_code == 200
    assert _users() == users + 2
    summary = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.imported"))
    assert summary.details["skipped_lines"] == [4]


def test_new_people_can_be_mailed_a_link_instead(as_admin, places, mails):
    response = _confirm(as_admin, GOOD, first_password="email")
    html = response.get_data(as_text=True)
    assert "2 new people were sent a link" in html and "<code>" not in html
    assert sorted(to for to, _s, _b in mails) == ["amina@example.ma", "karim@example.ma"]


def test_unreadable_and_oversized_files_are_refused(as_admin, monkeypatch):
    monkeypatch.setattr("lms.csvfiles.MAX_UPLOAD_BYTES", 1000)  # a real 1 MB body spools to a temp file
    # A legacy code page is read when its bytes say which one (tests/test_csvfiles.py); else refused.
    unknown = _upload(as_admin, b"email,display_name\nA\x81b@example.ma,x\n")
    assert unknown.status_code == 400 and "save it as “CSV UTF-8”" in unknown.get_data(as_text=True)
    big = _upload(as_admin, b"email\n" + b"a" * 1000)
    assert big.status_code == 400 and "larger than 1 MB" in big.get_data(as_text=True)
    empty = as_admin.post("/admin/people/import", data={"first_password": "show"}, headers=EN)
    assert empty.status_code == 400 and "Please choose a CSV file." in empty.get_data(as_text=True)


def test_markup_in_a_cell_is_shown_as_text(as_admin):
    response = _upload(as_admin, "email,school_code\na@example.ma,<b>x</b>\n")
    html = response.get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_a_password_column_is_refused(as_admin):
    response = _upload(as_admin, "email,display_name,password\na@example.ma,A,hunter22\n")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "passwords are never imported" in html
    assert "Import the" not in html


# --- provinces and schools -------------------------------------------------------------------------


PROVINCES = "code;name_fr;name_ar;region_code\nFES;Préfecture de Fès;عمالة فاس;MA-03\n"
SCHOOLS = (
    "code,name_fr,name_ar,province_code\nS1,Lycée Al Qaraouiyine,ثانوية القرويين,FES\nS2,Collège X,,NOPE\n"
)


def _places(client, kind: str, text: str, confirm: bool = False):
    data = {"content": text, "confirm": "all"} if confirm else {"file": (io.BytesIO(text.encode()), "p.csv")}
    return client.post(
        f"/admin/people/{kind}/import", data=data, content_type="multipart/form-data", headers=EN
    )


def test_places_are_imported_with_a_dry_run_an_error_report_and_idempotence(as_admin):
    dry = _places(as_admin, "provinces", PROVINCES)
    assert dry.status_code == 200 and "1 place would be created" in dry.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Province)) == 0
    done = _places(as_admin, "provinces", PROVINCES, confirm=True)
    assert "Import done: 1 created, 0 updated, 0 unchanged." in done.get_data(as_text=True)
    assert db.session.scalar(select(Province.name_ar)) == "عمالة فاس"
    again = _places(as_admin, "provinces", PROVINCES)
    assert "1 place is already up to date" in again.get_data(as_text=True)

    bad = _places(as_admin, "schools", SCHOOLS)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert re.search(
        r'<th scope="row" class="num">3</th><td><bdi>Province code</bdi></td><td>unknown code', html
    )
    assert _places(as_admin, "schools", SCHOOLS, confirm=True).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(School)) == 0
    fixed = SCHOOLS.replace("NOPE", "FES")
    assert _places(as_admin, "schools", fixed, confirm=True).status_code == 200
    assert db.session.scalar(select(func.count()).select_from(School)) == 2
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "geo.imported", AuditEntry.target == "schools")
    )
    assert entry.details["created"] == 2


def test_place_templates_have_the_ministry_columns_in_the_admins_language(as_admin):
    response = as_admin.get("/admin/people/schools/template.csv", headers=EN)
    template = response.get_data(as_text=True).lstrip("\ufeff")
    assert template.startswith("Code,Name in French,Name in Arabic,Province code")
    french = as_admin.get("/admin/people/provinces/template.csv", headers={"Accept-Language": "fr"})
    # The template in French is read back as it is (headers in any language, or the ministry's keys).
    text = french.get_data(as_text=True).lstrip("\ufeff")
    assert _places(as_admin, "provinces", text).status_code == 200


def test_a_failing_mail_server_does_not_undo_the_import(as_admin, places, monkeypatch):
    def refuse(to, subject, body):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("lms.people.operations.send_mail", refuse)
    users = _users()
    response = _confirm(as_admin, GOOD, first_password="email")
    assert response.status_code == 200
    assert "2 links could not be sent" in response.get_data(as_text=True)
    assert _users() == users + 2
