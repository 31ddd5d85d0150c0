"""Steps an admin takes in the browser to make a one-unit course with one item of a given kind.

Shared by the browser tests of each exercise kind, which then fill the item's own editor.
"""

from __future__ import annotations


def new_course_with_item(
    page, *, slug: str, title: str, summary: str, unit: tuple[str, str], kind: str, item: tuple[str, str]
) -> None:
    """Create the course ``slug``, its unit ``(title, slug)`` and an item ``(title, slug)`` of ``kind``;
    the page is left on the item's editor."""
    page.goto("/admin/authoring/new")
    page.fill("input[name=slug]", slug)
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", summary)
    page.select_option("select[name=programme]", "sic")
    page.select_option("select[name=language]", "fr")
    page.fill("input[name=hours]", "1")
    page.check("input[name=for_students]")
    page.check("input[name=self_enrol]")
    page.click("text=Create the course")
    page.fill("input[name=unit-title]", unit[0])
    page.fill("input[name=unit-slug]", unit[1])
    page.click("text=Add the unit")
    page.click("text=Add an item to this unit")
    page.select_option("select[name=item-kind]", kind)
    page.fill("input[name=item-title]", item[0])
    page.fill("input[name=item-slug]", item[1])
    page.click("text=Add the item")
