"""Help → "Editor guide" opens the portal's own guide (docs/editors.md), rendered inside the admin."""

import pytest
from django.urls import reverse

from home.editor_guide import heading_id, render_guide
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


def help_menu_links(client):
    """The Help menu's entries as (label, address), as Wagtail's sidebar receives them."""
    import json

    soup = html(client.get(reverse("wagtailadmin_home")))
    props = json.loads(soup.find(id="wagtail-sidebar-props").string)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "label" in node and "url" in node:
                found.append((node["label"], node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


def test_help_menu_points_to_the_portals_guide_not_wagtails(client, editor):
    client.force_login(editor)
    links = help_menu_links(client)
    assert ("Editor guide", reverse("portal_editor_guide")) in links
    guides = [(label, url) for label, url in links if "guide" in label.lower()]
    assert guides == [("Editor guide", reverse("portal_editor_guide"))]


def test_the_dashboards_account_summary_leads_to_the_portals_guide(client, editor):
    client.force_login(editor)
    soup = html(client.get(reverse("wagtailadmin_home")))
    guide_links = [a["href"] for a in soup.find_all("a") if "guide" in a.get_text().lower()]
    assert guide_links == [reverse("portal_editor_guide")]


def test_the_guide_is_rendered_in_the_admin_with_working_contents_links(client, editor):
    client.force_login(editor)
    response = client.get(reverse("portal_editor_guide"))
    assert response.status_code == 200
    soup = html(response)
    guide = soup.select_one(".portal-editor-guide")
    assert "Two groups are set up by the site itself" in text_of(guide)
    # The contents list's anchors lead to headings on the page.
    anchors = [link["href"][1:] for link in guide.select('a[href^="#"]')]
    assert "who-may-do-what" in anchors
    assert all(guide.find(id=anchor) is not None for anchor in anchors)
    # Its tables are tables, its pictures come from the admin.
    assert guide.find("table") is not None
    pictures = [img["src"] for img in guide.find_all("img")]
    assert pictures and all(src.startswith("screenshots/editor-") for src in pictures)
    picture = client.get(reverse("portal_editor_guide") + pictures[0])
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"


def test_the_guide_and_its_pictures_are_for_admin_users_only(client, member):
    assert client.get(reverse("portal_editor_guide")).status_code == 302
    client.force_login(member)
    assert client.get(reverse("portal_editor_guide")).status_code in (302, 403)


@pytest.mark.parametrize("name", ["../editors.md", "home.png", "editor-x.png", "..%2Feditors.md"])
def test_the_guide_serves_no_other_file(client, editor, name):
    client.force_login(editor)
    response = client.get(reverse("portal_editor_guide") + "screenshots/" + name)
    # A path with a slash in it is no picture name: the admin's 404 (or Django's trailing-slash redirect to one).
    assert response.status_code in (301, 404)
    assert "The editor's guide" not in response.content.decode()


def test_markup_in_the_guide_is_shown_as_text(tmp_path, settings):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "editors.md").write_text("# Guide\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    settings.BASE_DIR = tmp_path
    rendered = str(render_guide())
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert 'href="javascript:' not in rendered


def test_heading_ids_match_githubs_anchors():
    assert heading_id("Sending a page for approval, and approving it") == "sending-a-page-for-approval-and-approving-it"
    assert heading_id("Images: alt text and focal points") == "images-alt-text-and-focal-points"
