"""Issue 8's people journey: an admin imports a CSV, fixes the bad line, finds the pupil, changes a role,
deactivates an account, and the deactivated pupil can no longer sign in."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def _file(text: str) -> dict:
    # Semicolons and a BOM, as French Excel saves "CSV UTF-8".
    return {"name": "eleves.csv", "mimeType": "text/csv", "buffer": ("\ufeff" + text).encode("utf-8")}


def test_an_admin_imports_people_fixes_an_error_and_manages_accounts(page):
    tag = uuid.uuid4().hex[:6]
    digits = str(int(tag, 16) % 10**9).zfill(9)
    pupil_email, teacher_email = f"amina-{tag}@example.ma", f"prof-{tag}@example.ma"
    header = "email;display_name;role;massar_code;school_code;programme_code\n"
    good = (
        f"{pupil_email};أمينة الإدريسي {tag};student;J{digits};DEMO-L001;sic\n"
        f"{teacher_email};Karim Alami {tag};teacher;;DEMO-L004;digischool\n"
    )
    bad = good + f"broken-{tag};Bad Row;student;J123;DEMO-L001;sic\n"

    sign_in(page, "admin@demo.maharat.ma", "demo-admin-2030")
    page.click(".language-switcher button[value=en]")
    page.goto("/admin/people/import")
    page.set_input_files("input[name=file]", files=[_file(header + bad)])
    page.click("#check-import")
    report = page.locator("#import-problems")
    expect(report).to_contain_text("This is not a valid email address.")
    expect(report).to_contain_text("A Massar code is one letter followed by nine digits.")
    expect(report.locator("tbody tr").first.locator("th")).to_have_text("4")
    expect(page.locator("#plan-create")).to_contain_text("2 accounts would be created")
    expect(page.locator("#confirm-import")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "people-import-errors.png"), full_page=True)

    # The admin fixes the file and checks it again: no problem left, then imports.
    page.set_input_files("input[name=file]", files=[_file(header + good)])
    page.click("#check-import")
    expect(page.locator("#import-problems")).to_have_count(0)
    page.click("#confirm-import")
    expect(page.locator("#created-accounts tbody tr")).to_have_count(2)
    expect(page.locator("#created-accounts")).to_contain_text(pupil_email)
    password = page.locator("#created-accounts tr", has_text=pupil_email).locator("code").inner_text()

    # The new pupil is found by Massar code; the list links to their page.
    page.goto("/admin/people/")
    page.fill("input[name=q]", f"J{digits}")
    page.click("#search-people")
    rows = page.locator("#people tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(f"أمينة الإدريسي {tag}")
    expect(rows.first).to_contain_text("Lycée qualifiant Ibn Battouta")

    # The teacher becomes a programme manager (they have a programme from the file).
    page.fill("input[name=q]", teacher_email)
    page.click("#search-people")
    page.click(f"#people tbody tr >> text=Karim Alami {tag}")
    page.select_option("#change-role select[name=role]", "manager")
    page.click("#save-role")
    expect(page.locator(".flash-success")).to_contain_text("Programme manager")
    expect(page.locator("#person-history")).to_contain_text("user.role_changed")
    page.screenshot(path=str(ARTIFACTS / "people-person.png"), full_page=True)

    # The pupil is deactivated: their page says so and they cannot sign in.
    page.goto(f"/admin/people/?q={pupil_email}")
    page.click(f"#people tbody tr >> text=أمينة الإدريسي {tag}")
    page.fill("input[name=reason]", "Left the school")
    page.click("#deactivate-person")
    expect(page.locator(".flash-success")).to_contain_text("can no longer sign in")
    expect(page.locator("#reactivate-person")).to_be_visible()
    page.goto(f"/admin/people/?q={tag}&status=inactive")
    expect(page.locator("#people tbody tr")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "people-list.png"), full_page=True)
    page.click(".language-switcher button[value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#people tbody tr")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "people-list-ar.png"), full_page=True)
    page.click(".language-switcher button[value=fr]")  # the demo admin's own language again

    page.click("form.inline button[type=submit]")  # sign out
    sign_in(page, pupil_email, password)  # the right password, but the account is deactivated
    expect(page).to_have_url(re.compile("/auth/login"))
    expect(page.locator("#password-error")).to_be_visible()  # "the email or the password is not correct"


def test_the_problems_of_a_file_keep_their_words_whole_on_a_phone_in_arabic(open_page):
    # "anywhere" wrapping (inherited from main) broke the headings inside words: الس / طر, الإلكترو / ني.
    from tests.browser.test_learner_flow import SPLIT_WORDS

    page = open_page("admin", "ar", viewport={"width": 390, "height": 844})
    page.goto("/admin/people/import")
    rows = "email;display_name;role\nnot-an-email;Ali;student\n;سعاد;teacher\nx@example.ma;;wizard\n"
    page.set_input_files("input[name=file]", files=[_file(rows)])
    page.click("#check-import")
    report = page.locator("#import-problems")
    expect(report.locator("tbody tr")).to_have_count(4)
    assert page.evaluate(SPLIT_WORDS, "#import-problems th, #import-problems td") == []
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/admin",
        "/admin/people/",
        "/admin/audit/",
        "/admin/authoring/",
        "/admin/certificates/{code}",
    ],
)
def test_the_admins_tables_keep_arabic_words_whole_on_a_phone(open_page, world, path):
    # Headings and cells broke inside words at 390 px (الحد / ث, البرنام / ج, تلمي / ذ): each table now
    # scrolls in its own box instead. Codes and addresses may still wrap at their hyphens and dots.
    from tests.browser.test_learner_flow import SPLIT_WORDS

    page = open_page("admin", "ar", viewport={"width": 390, "height": 844})
    page.goto(path.format(code=world["certificate"]))
    expect(page.locator("main table").first).to_be_visible()
    split = page.evaluate(SPLIT_WORDS, "main th, main td")
    assert [w for w in split if re.fullmatch(r"[\u0600-\u06ff]+", w)] == []
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
