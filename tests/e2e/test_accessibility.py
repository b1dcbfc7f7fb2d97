"""axe-core finds no WCAG 2.2 A/AA violation on any demo page, and no page scrolls sideways at 320px."""

import json
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import NOT_FOUND, PUBLIC_PAGES, WIDE, log_in_as_member, visit
from tests.requirements_plugin import AXE_PATH

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"


def axe_violations(page):
    page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate(AXE_RUN, AXE_TAGS)["violations"]


def describe(path, violations):
    """One line per violation (id, impact, help, link), then each failing node: its selector, HTML and first reason."""
    lines = []
    for violation in violations:
        lines.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            reasons = [line.strip() for line in node.get("failureSummary", "").splitlines()[1:] if line.strip()]
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            if reasons:
                lines.append(f"       {reasons[0]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more elements")
    return lines


def test_public_pages_have_no_axe_violations(demo_site, open_page):
    page = open_page(WIDE, bypass_csp=True)
    report = []
    for path in PUBLIC_PAGES:
        visit(page, demo_site.url + path)
        report += describe(path, axe_violations(page))
    visit(page, demo_site.url + NOT_FOUND, expected_status=404)
    report += describe(NOT_FOUND + " (404)", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)


def test_login_and_members_pages_have_no_axe_violations(demo_site, open_page):
    page = open_page(WIDE, bypass_csp=True)
    report = []
    # The login page, reached by an anonymous visitor who asks for the private area.
    visit(page, demo_site.url + "/en/private-areas/")
    login_path = urlsplit(page.url).path
    assert page.locator("input[type=password]").count() == 1, f"{page.url} is not a login page"
    report += describe(login_path, axe_violations(page))

    log_in_as_member(page, demo_site)
    paths = demo_site.private_paths
    assert len(paths) >= 2, f"expected the private-areas section and a members' page, found {paths}"
    for path in paths:
        visit(page, demo_site.url + path)
        report += describe(path + " (as a member)", axe_violations(page))
    assert not report, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(report)


def test_no_demo_page_scrolls_sideways_at_320px(demo_site, open_page):
    page = open_page({"width": 320, "height": 640})
    too_wide = []
    for path in [*PUBLIC_PAGES, NOT_FOUND]:
        visit(page, demo_site.url + path, expected_status=404 if path == NOT_FOUND else 200)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter((el) => el.getBoundingClientRect().right > 320.5)
                    .slice(0, 5)
                    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""
            )
            too_wide.append(f"{path}: scrollWidth {width}px; wider elements: {culprits}")
    assert not too_wide, "pages scroll horizontally at 320px:\n" + "\n".join(too_wide)
