"""axe-core on the key pages of every role, in French, Arabic and English: no serious or critical violation.

axe-core is vendored under ``tests/browser/vendor/`` by ``tools/frontend/vendor-axe.sh`` (pinned in
``tools/frontend/package.json``); it is evaluated in the page for the test only, never served to users.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
LANGUAGES = ["fr", "ar", "en"]
#: WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, one h1, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
COURSE = "/courses/sic-python-fundamentals"


def pages_of(role: str, world: dict) -> list[str]:
    """The key pages each role sees."""
    return {
        "visitor": ["/auth/login", "/auth/register", f"/verify/{world['certificate_display']}", "/verify"],
        "pupil": [
            "/dashboard/learner",
            "/courses/",
            COURSE,
            f"{COURSE}/items/valeurs-afficher-et-calculer",
            f"{COURSE}/items/quiz-valeurs-et-types",
            f"{COURSE}/items/quiz-valeurs-et-types?attempt={world['quiz_attempt']}",
            f"{COURSE}/items/valeurs-prix-ttc",
            "/certificates",
            "/account/profile",
            "/notifications/",
            "/notifications/feedback",
        ],
        "teacher": [
            "/dashboard/teacher",
            "/classes/",
            f"/classes/{world['class_id']}",
            f"/classes/{world['class_id']}/members",
            f"/classes/{world['class_id']}/import",
            f"/classes/{world['class_id']}/learners/{world['pupil_id']}",
            world["teachers_lesson"],
            f"/gradebook/classes/{world['class_id']}",
            f"/gradebook/classes/{world['class_id']}/learners/{world['pupil_id']}/items/{world['quiz_item']}",
            f"/assignments/classes/{world['class_id']}",
            f"/notifications/classes/{world['class_id']}/announcements",
            f"/teaching/classes/{world['class_id']}/settings",
            "/teaching/help",
        ],
        "manager": ["/dashboard/manager", "/reports/"],
        "admin": [
            "/dashboard/admin",
            "/admin/certificates",
            f"/admin/certificates/{world['certificate']}",
            "/admin/people/",
            f"/admin/people/{world['pupil_id']}",
            "/admin/people/new",
            "/admin/people/import",
            "/admin/authoring/",
            "/admin/authoring/new",
            "/admin/authoring/sic-python-fundamentals",
            "/admin/authoring/sic-python-fundamentals/items/valeurs-afficher-et-calculer",
            "/admin/authoring/sic-python-fundamentals/items/quiz-valeurs-et-types",
            "/admin/authoring/sic-python-fundamentals/items/valeurs-prix-ttc",
            "/admin/audit/",
        ],
    }[role]


def run_axe(page) -> list[dict]:
    """axe's violations on the current page (every impact)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluated through the DevTools protocol, so the page's strict CSP allows it
    return page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))",
        AXE_TAGS,
    )


def describe(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{url}: [{v['impact']}] {v['id']} — {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["visitor", "pupil", "teacher", "manager", "admin"])
def test_key_pages_have_no_serious_accessibility_violation(open_page, world, role, language):
    page = open_page(role, language)
    report = []
    for url in pages_of(role, world):
        response = page.goto(url)
        assert response.ok, f"{url}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == language
        blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
        if blocking:
            report.append(describe(url, blocking))
    assert not report, f"axe-core ({language}, {role}):\n" + "\n".join(report)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_heatmap_and_progress_bars_do_not_rely_on_colour(open_page, world, language):
    teacher = open_page("teacher", language)
    teacher.goto(f"/classes/{world['class_id']}")
    cells = teacher.locator("#heatmap td.cell")
    assert cells.count() > 0
    for cell in cells.all():
        symbol = cell.locator(".symbol")
        if symbol.count():  # a unit cell: a symbol for the eye, a word for screen readers
            assert symbol.inner_text().strip() in {"✓", "◐", "○"}
            assert cell.locator(".visually-hidden").inner_text().strip()
        else:  # the learner's overall status, in words
            assert cell.inner_text().strip()
    pupil = open_page("pupil", language)
    pupil.goto("/dashboard/learner")
    for bar in pupil.locator(".progress").all():
        assert bar.locator("progress").get_attribute("aria-label")
        assert any(ch.isdigit() for ch in bar.locator(".progress-value").inner_text())
