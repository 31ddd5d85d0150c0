"""Every file and stream, downloaded from gunicorn and from ``flask run``: the bytes are what the page shows.

Each test runs against both servers (the ``live`` fixture), on the engine chosen with ``--database``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from urllib.parse import unquote

import pytest

from tests.classes.html_tables import table_rows
from tests.live.client import LiveClient, Reply
from tests.live.coverage import covers
from tests.live.world import PNG

LANGUAGES = ("fr", "ar", "en")


def csv_rows(reply: Reply) -> list[list[str]]:
    """The rows of a complete CSV download (an incomplete stream raised in the client already)."""
    assert reply.status == 200, reply.body[:300]
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.body.startswith(b"\xef\xbb\xbf") and len(reply.body) > 3
    return list(csv.reader(io.StringIO(reply.body.decode("utf-8-sig"))))


def as_read(rows: list[list[str]]) -> list[list[str]]:
    """Cells with spaces collapsed, as :func:`table_rows` reads the page (a no-break space stays a space)."""
    return [[" ".join(cell.split()) for cell in row] for row in rows]


def saved_name(reply: Reply) -> str:
    """The file name a browser saves: ``filename*`` (RFC 5987) when present, else ``filename``."""
    disposition = reply.headers["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    extended = re.search(r"filename\*=UTF-8''([^;]+)", disposition)
    if extended:
        return unquote(extended.group(1))
    return re.search(r'filename="?([^";]+)"?', disposition).group(1)


def exports_in_audit(admin: LiveClient) -> list[dict]:
    """The "data exported" entries, read from the audit CSV itself (English labels)."""
    admin.use_language("en")
    rows = csv_rows(admin.get("/admin/audit/export.csv"))
    return [json.loads(row[8]) for row in rows[1:] if row[1] == "Personal data downloaded"]


@covers("classes.export_progress")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_class_csv_is_the_table_on_screen(visit, world, language):
    teacher = visit("teacher", language)
    page = teacher.get(f"/classes/{world['class_id']}?sort=name").text
    reply = teacher.get(f"/classes/{world['class_id']}/progress.csv?sort=name")
    rows = as_read(csv_rows(reply))
    screen = table_rows(page, "heatmap")[:-2]  # without the footer (class averages)
    formula = next(i for i, row in enumerate(screen) if row[0].startswith("=HYPERLINK"))
    screen[formula][0] = "'" + screen[formula][0]  # neutralised in the file, shown as typed on screen
    assert rows == screen and len(rows) == 5
    assert "أمينة الإدريسي" in [row[0] for row in rows]
    assert saved_name(reply).startswith("maharat-القسم-الأول-Tronc-commun-cours-live-")


@covers("people.export_people", "people.import_template")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_people_csv_lists_the_people_on_screen_in_the_import_columns(visit, language):
    admin = visit("admin", language)
    screen = table_rows(admin.get("/admin/people/?per_page=100").text, "people")
    rows = csv_rows(admin.get("/admin/people/export.csv?per_page=100"))
    template = csv_rows(admin.get("/admin/people/import/template.csv"))
    assert rows[0][: len(template[0])] == template[0]  # an export can be imported again
    emails = {row[0] for row in rows[1:]}
    assert emails and all(any(email in " ".join(line) for line in screen) for email in emails)
    assert len(rows) - 1 == len(screen) - 1
    assert template[1][1] == "أمينة الإدريسي"


@covers("people.provinces_template", "people.schools_template")
def test_the_place_templates_download(visit):
    admin = visit("admin", "fr")
    for kind, first in (("provinces", "FES"), ("schools", "FES-0001")):
        reply = admin.get(f"/admin/people/{kind}/template.csv")
        rows = csv_rows(reply)
        assert rows[1][0] == first and saved_name(reply) == f"{kind}-template.csv"


@covers("audit.export")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_audit_csv_holds_what_the_page_shows(visit, language):
    admin = visit("admin", language)
    page = admin.get("/admin/audit/").text
    rows = csv_rows(admin.get("/admin/audit/export.csv"))
    actions = {row[1] for row in rows[1:]}
    shown = {cell for line in table_rows_any(page) for cell in line}
    assert actions and actions <= shown | {rows[0][1]}


def table_rows_any(html: str) -> list[list[str]]:
    """Cells of the first table of a page that has no table id (the audit list)."""
    return table_rows(html.replace('<table class="table">', '<table class="table" id="first">', 1), "first")


@covers("reports.export_places", "reports.export_weeks", "reports.export_courses")
@pytest.mark.parametrize("language", LANGUAGES)
def test_report_csvs_are_the_tables_on_screen(visit, language):
    manager = visit("manager", language)
    page = manager.get("/reports/?programme=sic").text
    for url, table in (
        ("places.csv?programme=sic&role=teacher", "report-places-teacher"),
        ("places.csv?programme=sic&role=student", "report-places-student"),
        ("weeks.csv?programme=sic", "report-weeks"),
    ):
        assert as_read(csv_rows(manager.get(f"/reports/{url}"))) == table_rows(page, table)
    courses = manager.get("/reports/courses?programme=sic").text
    rows = table_rows(courses, "report-courses")
    assert len(rows) > 1
    assert as_read(csv_rows(manager.get("/reports/courses.csv?programme=sic"))) == rows


@covers("certificates.download_pdf", "certificates.credential")
def test_a_certificate_pdf_and_credential_point_at_the_public_url(visit, world, tmp_path, live):
    pupil = visit("pupil", "fr")
    code = world["certificate"]
    reply = pupil.get(f"/certificates/{code}.pdf")
    assert (
        reply.status == 200
        and reply.body.startswith(b"%PDF")
        and saved_name(reply) == f"certificate-{code}.pdf"
    )
    url = qr_target(reply.body, tmp_path)
    assert url.startswith(world["public_url"] + "/verify/")
    verified = visit().get(url.removeprefix(world["public_url"]))
    assert verified.status == 200 and code[:4] in verified.text.replace("-", "")
    credential = visit().get(f"/certificates/{code}.json?download=1")
    assert saved_name(credential) == f"certificate-{code}.json"
    document = json.loads(credential.body)
    assert document == json.loads(visit().get(f"/certificates/{code}.json").body)
    assert document["id"] == f"{world['public_url']}/certificates/{code}.json"
    issuer = document["issuer"]["id"]
    assert issuer.startswith(world["public_url"] + "/issuers/")
    profile = json.loads(visit().get(issuer.removeprefix(world["public_url"])).body)
    assert profile["id"] == issuer


def qr_target(pdf: bytes, folder) -> str:
    """The URL in the certificate's QR code (Poppler and ZBar, as a phone would read the paper)."""
    import subprocess

    source = folder / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(source), str(folder / "page")], check=True, timeout=240
    )
    image = next(folder.glob("page*.png"))
    return subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, check=True, text=True, timeout=240
    ).stdout.strip()


def test_certificates_issued_without_a_request_use_the_public_url(visit, world, live_env):
    """From a worker thread (the world) and from the CLI (`certificates reconcile`): never localhost."""
    from tests.live.server import flask

    flask(live_env, "certificates", "reconcile")
    codes = [world["threaded_certificate"]]
    later = LiveClient(visit().base_url)
    later.sign_in(world["later"], world["password"])
    mine = later.get("/certificates").text
    codes += [c for c in re.findall(r"/certificates/([0-9A-Z]{16})\.pdf", mine)]
    assert len(codes) == 2 and all(codes)
    for code in codes:
        document = json.loads(visit().get(f"/certificates/{code}.json").body)
        assert document["id"] == f"{world['public_url']}/certificates/{code}.json"
        assert document["credentialStatus"]["statusListCredential"].startswith(
            world["public_url"] + "/status/"
        )


@covers("certificates.admin_export")
def test_the_certificates_zip_holds_the_pdfs_of_the_listed_certificates(visit, world):
    admin = visit("admin", "fr")
    listed = set(re.findall(r"/admin/certificates/([0-9A-Z]{16})\b", admin.get("/admin/certificates").text))
    reply = admin.get("/admin/certificates/export.zip")
    assert reply.status == 200 and saved_name(reply) == "certificates.zip"
    with zipfile.ZipFile(io.BytesIO(reply.body)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        index = list(csv.reader(io.StringIO(archive.read("certificates.csv").decode("utf-8-sig"))))
    assert names[0] == "certificates.csv" and len(names) == len(index) >= 2
    assert (
        listed
        and {name.removeprefix("pdf/").removesuffix(".pdf").replace("-", "") for name in names[1:]} == listed
    )


@covers("privacy.my_data_json", "privacy.my_data_zip")
def test_my_data_downloads_hold_my_profile(visit, world):
    pupil = visit("pupil", "ar")
    data = pupil.get("/account/data.json")
    assert data.status == 200 and saved_name(data).endswith(".json")
    assert json.loads(data.body)["profile"]["email"] == world["pupil"]
    archive = pupil.get("/account/data.zip")
    with zipfile.ZipFile(io.BytesIO(archive.body)) as files:
        profile = list(csv.reader(io.StringIO(files.read("profile.csv").decode("utf-8-sig"))))
    assert world["pupil"] in profile[1]


@covers("learning.asset", "authoring.asset")
def test_a_course_image_is_served_as_stored(visit, world):
    pupil = visit("pupil", "fr")
    lesson = pupil.get(f"/courses/{world['course']}/items/introduction").text
    assert f"/courses/{world['course']}/assets/schema.png" in lesson
    image = pupil.get(f"/courses/{world['course']}/assets/schema.png")
    assert image.status == 200 and image.body == PNG and image.headers["Content-Type"] == "image/png"
    admin = visit("admin", "fr")
    assert admin.get(f"/admin/authoring/{world['course']}").status == 200  # opens the draft
    draft = admin.get(f"/admin/authoring/{world['course']}/assets/schema.png")
    assert draft.status == 200 and draft.body == PNG


def test_head_on_an_export_runs_nothing_and_audits_nothing(visit, world):
    admin = visit("admin", "en")
    before = exports_in_audit(admin)
    for url in ("/admin/people/export.csv", "/admin/audit/export.csv", "/admin/certificates/export.zip"):
        reply = admin.head(url)
        assert reply.status == 200 and reply.body == b""
    teacher = visit("teacher", "en")
    assert teacher.head(f"/classes/{world['class_id']}/progress.csv").status == 200
    after = exports_in_audit(admin)
    # Only the audit download made by this test itself (to read ``before``) was recorded.
    assert [e["export"] for e in after[len(before) :]] == ["audit_log"]


def test_an_export_embedded_by_a_page_is_refused_before_it_runs(visit, world):
    """What a browser says when a page embeds an export's address (an announcement's image): refused, and
    nothing is exported or audited; opened or saved by the person, it downloads (lms/core/downloads.py)."""
    admin = visit("admin", "en")
    before = exports_in_audit(admin)
    pupil = visit("pupil", "en")
    for destination in ("image", "style", "iframe"):
        reply = pupil.get(
            "/account/data.zip", headers={"Sec-Fetch-Dest": destination, "Sec-Fetch-Site": "same-origin"}
        )
        assert reply.status == 403 and b"PK" not in reply.body[:2], destination
    after = exports_in_audit(admin)
    assert [e["export"] for e in after[len(before) :]] == ["audit_log"]  # only the audit read itself
    opened = pupil.get("/account/data.zip", headers={"Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "none"})
    assert opened.status == 200 and opened.body[:2] == b"PK"


def test_a_finished_download_is_audited_with_its_rows(visit, world):
    teacher = visit("teacher", "en")
    rows = csv_rows(teacher.get(f"/classes/{world['class_id']}/progress.csv"))
    admin = visit("admin", "en")
    last = [e for e in exports_in_audit(admin) if e["export"] == "class_progress"][-1]
    assert last["rows"] == len(rows) - 1 and "complete" not in last


@covers("gradebook.export")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_gradebook_csv_is_the_grid_on_screen(visit, world, language):
    from lms.reports.exports import neutralise
    from tests.teaching.test_gradebook import grid_cells

    teacher = visit("teacher", language)
    page = teacher.get(f"/gradebook/classes/{world['class_id']}?sort=name").text
    reply = teacher.get(f"/gradebook/classes/{world['class_id']}/gradebook.csv?sort=name")
    rows = csv_rows(reply)
    assert saved_name(reply).startswith("maharat-gradebook-")
    # A cell that starts like a formula (the world has a pupil named "=HYPERLINK(…)") is neutralised.
    screen = [[str(neutralise(cell)) for cell in row] for row in grid_cells(page)]
    assert len(rows) > 1 and as_read(rows[1:]) == as_read(screen)


@covers("classes.import_template")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roster_template_downloads_with_headers_in_the_teachers_language(visit, world, language):
    teacher = visit("teacher", language)
    rows = csv_rows(teacher.get(f"/classes/{world['class_id']}/import/template.csv"))
    assert len(rows) >= 2 and all(rows[0])
    assert visit("pupil", language).get(f"/classes/{world['class_id']}/import/template.csv").status in (
        403,
        404,
    )


@covers("certificates.issuer", "certificates.status_list")
def test_the_issuer_profile_and_status_list_are_served_at_the_public_url(visit, world):
    document = json.loads(visit().get(f"/certificates/{world['certificate']}.json").body)
    issuer = document["issuer"]["id"]
    profile = json.loads(visit().get(issuer.removeprefix(world["public_url"])).body)
    assert profile["id"] == issuer
    status = document["credentialStatus"]["statusListCredential"]
    assert status.startswith(world["public_url"] + "/status/")
    listed = visit().get(status.removeprefix(world["public_url"]))
    assert listed.status == 200 and json.loads(listed.body)["id"] == status


@covers("exercises.asset")
def test_an_exercise_types_own_script_is_served(visit):
    reply = visit("pupil", "fr").get("/exercise-types/python/exercise.js")
    assert reply.status == 200 and b"addEventListener" in reply.body
    assert visit().get("/exercise-types/python/../../__init__.py").status == 404
