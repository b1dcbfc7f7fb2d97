"""After an editor's change returns, the next anonymous request through Varnish shows the new state.

Each test warms the cache with every answer that shows the content (and checks they are hits), makes the change
in the editor's process (tests/stack/editor.py: Wagtail's model API, as the admin does), then asks again through
Varnish. Content is created per test with made-up words, so what a test looks for appears nowhere else.
"""

import re

import pytest

from tests.stack.conftest import word

HOME, ABOUT, LIBRARY = "/en/", "/en/about-us/", "/en/documents/"


@pytest.fixture
def about_id(editor):
    return editor.call("find_page", "/home/about-us/")["id"]


@pytest.fixture
def home_id(editor):
    return editor.call("find_page", "/home/")["id"]


def listings(name):
    """Answers that list pages with their titles: search and API (the sitemap lists addresses: ``SITEMAP``)."""
    return [f"/en/search/?q={name}", "/api/v2/pages/?limit=50"]


SITEMAP = "/sitemap-pages.xml"


def assert_everywhere(stack, paths, text, present=True):
    for path in paths:
        response = stack.get(path)
        shown = re.sub(r"</?mark>", "", response.text)  # search results highlight the words searched for
        assert (text in shown) is present, f"{path} ({response.header('X-Cache')}): {text!r} {present=}"


def assert_redirects(stack, old, new):
    response = stack.get(old)
    assert response.status == 301 and response.header("Location").endswith(new), (old, response.headers)


def test_publishing_a_page_shows_at_once_on_the_page_its_parent_and_the_listings(stack, editor, about_id):
    name = word()
    page = editor.call("create_page", about_id, f"Page {name}", name, f"Body {name}")
    paths = [page["url"], ABOUT, *listings(name)]
    stack.warm(*paths, LIBRARY)
    editor.call("publish", page["id"], title=f"Renamed {name}")
    assert_everywhere(stack, paths, f"Renamed {name}")
    # Exact: a page that neither shows nor lists it (it is not in the menus) stays in the cache.
    assert stack.get(LIBRARY).hit


def test_a_page_in_the_menus_changes_in_the_menus_of_every_page(stack, editor, home_id):
    name = word()
    page = editor.call("create_page", home_id, f"Menu {name}", name, "In the menus.", show_in_menus=True)
    stack.warm(LIBRARY, ABOUT)
    assert f"Menu {name}" in stack.get(LIBRARY).text
    editor.call("publish", page["id"], title=f"Menu renamed {name}")
    assert_everywhere(stack, [LIBRARY, ABOUT], f"Menu renamed {name}")
    stack.warm(LIBRARY)
    editor.call("publish", page["id"], show_in_menus=False)
    assert_everywhere(stack, [LIBRARY, ABOUT], name, present=False)


def test_unpublishing_a_page_removes_it_everywhere(stack, editor, about_id):
    name = word()
    page = editor.call("create_page", about_id, f"Page {name}", name, f"Body {name}")
    stack.warm(page["url"], ABOUT, SITEMAP, *listings(name))
    editor.call("unpublish", page["id"])
    assert stack.get(page["url"]).status == 404
    assert_everywhere(stack, [ABOUT, *listings(name)], f"Page {name}", present=False)
    assert name not in stack.get(SITEMAP).text


def test_deleting_a_page_removes_it_everywhere(stack, editor, about_id):
    name = word()
    page = editor.call("create_page", about_id, f"Page {name}", name, f"Body {name}")
    stack.warm(page["url"], ABOUT, SITEMAP, *listings(name))
    editor.call("delete", page["id"])
    assert stack.get(page["url"]).status == 404
    assert_everywhere(stack, [ABOUT, *listings(name)], f"Page {name}", present=False)
    assert name not in stack.get(SITEMAP).text


def test_moving_a_page_moves_its_address_and_its_card(stack, editor, about_id, home_id):
    name = word()
    target = editor.call("create_page", home_id, f"Target {name}", f"target-{name}", "A new home.")
    page = editor.call("create_page", about_id, f"Moving {name}", name, f"Body {name}")
    stack.warm(page["url"], ABOUT, target["url"], SITEMAP, *listings(name))
    moved = editor.call("move", page["id"], target["id"])
    assert moved["url"] != page["url"]
    assert_redirects(stack, page["url"], moved["url"])  # Wagtail's automatic redirect
    assert f"Moving {name}" not in stack.get(ABOUT).text
    assert f"Moving {name}" in stack.get(target["url"]).text
    assert stack.get(moved["url"]).status == 200
    assert_everywhere(stack, [SITEMAP, *listings(name)], moved["url"])


def test_renaming_a_pages_address_and_its_parents_title(stack, editor, about_id):
    name = word()
    parent = editor.call("create_page", about_id, f"Parent {name}", f"parent-{name}", "The parent.")
    child = editor.call("create_page", parent["id"], f"Child {name}", f"child-{name}", "The child.")
    stack.warm(parent["url"], child["url"], ABOUT)
    renamed = editor.call("publish", parent["id"], slug=f"renamed-{name}", title=f"Renamed parent {name}")
    new_child_url = child["url"].replace(f"parent-{name}", f"renamed-{name}")
    assert_redirects(stack, parent["url"], renamed["url"])  # Wagtail's automatic redirects
    assert_redirects(stack, child["url"], new_child_url)
    assert stack.get(renamed["url"]).status == 200
    # The breadcrumbs of the child show the parent's new title.
    assert f"Renamed parent {name}" in stack.get(new_child_url).text
    assert f"Renamed parent {name}" in stack.get(ABOUT).text


def test_a_new_title_in_an_ancestor_shows_in_the_breadcrumbs_below_it(stack, editor, about_id):
    name = word()
    parent = editor.call("create_page", about_id, f"Parent {name}", f"parent-{name}", "The parent.")
    child = editor.call("create_page", parent["id"], f"Child {name}", f"child-{name}", "The child.")
    stack.warm(child["url"])
    editor.call("publish", parent["id"], title=f"Retitled {name}")
    assert f"Retitled {name}" in stack.get(child["url"]).text


def test_a_scheduled_revision_going_live_shows_at_once(stack, editor, about_id):
    name = word()
    page = editor.call("create_page", about_id, f"Page {name}", name, "Now.")
    stack.warm(page["url"], ABOUT)
    editor.call("schedule_and_run", page["id"], title=f"Scheduled {name}")
    assert_everywhere(stack, [page["url"], ABOUT], f"Scheduled {name}")


def test_reverting_to_an_earlier_revision_shows_at_once(stack, editor, about_id):
    name = word()
    page = editor.call("create_page", about_id, f"First {name}", name, "Now.")
    editor.call("publish", page["id"], title=f"Second {name}")
    stack.warm(page["url"], ABOUT)
    editor.call("revert", page["id"], 1)
    assert_everywhere(stack, [page["url"], ABOUT], f"First {name}")


def test_a_change_to_the_site_settings_shows_in_every_footer(stack, editor):
    name = word()
    stack.warm(HOME, ABOUT, LIBRARY)
    editor.call("site_settings", footer_text=f"Footer {name}")
    assert_everywhere(stack, [HOME, ABOUT, LIBRARY], f"Footer {name}")


def test_documents_added_edited_replaced_moved_and_deleted(stack, editor):
    name = word()
    library = editor.call("collection_id", "Library")
    members = editor.call("collection_id", "Members documents")
    search = f"/en/search/?q={name}"
    listed = [LIBRARY, HOME, search, "/api/v2/documents/?limit=50"]
    stack.warm(*listed, "/sitemap-documents.xml")
    document = editor.call("create_document", f"Report {name}", library)
    assert_everywhere(stack, listed, f"Report {name}")
    assert document["url"] in stack.get("/sitemap-documents.xml").text

    stack.warm(document["url"], LIBRARY, search)
    edited = editor.call("edit_document", document["id"], title=f"Edited {name}")
    assert_redirects(stack, document["url"], edited["url"])  # the address follows the title
    document = edited
    assert_everywhere(stack, [document["url"], LIBRARY, search], f"Edited {name}")

    stack.warm(document["url"])
    editor.call("replace_document_file", document["id"], f"replaced-{name}.txt", "A new version.")
    assert f"replaced-{name}.txt" in stack.get(document["url"]).text

    stack.warm(document["url"], LIBRARY, search, HOME, "/sitemap-documents.xml")
    editor.call("edit_document", document["id"], collection_id=members)
    assert stack.get(document["url"]).status == 404
    assert_everywhere(stack, [LIBRARY, search, HOME, "/api/v2/documents/?limit=50"], f"Edited {name}", present=False)
    assert document["url"] not in stack.get("/sitemap-documents.xml").text

    editor.call("edit_document", document["id"], collection_id=library)
    stack.warm(document["url"], LIBRARY)
    editor.call("delete_document", document["id"])
    assert stack.get(document["url"]).status == 404
    assert f"Edited {name}" not in stack.get(LIBRARY).text


def test_an_images_new_description_shows_at_once(stack, editor):
    image = editor.call("home_hero_image")
    name = word()
    stack.warm(HOME)
    editor.call("edit_image", image["id"], description=f"Alt {name}")
    try:
        assert f'alt="Alt {name}"' in stack.get(HOME).text
    finally:
        editor.call("edit_image", image["id"], description=image["description"])
