"""Privacy changes through Varnish: once a page or a collection is restricted, its title, address and body never
appear again in an anonymous answer (the page, its subtree, menus, cards, the library, search, sitemap, API), and
they come back when the restriction is removed."""

import pytest

from tests.stack.conftest import word

HOME, ABOUT, LIBRARY = "/en/", "/en/about-us/", "/en/documents/"


@pytest.fixture
def private_section(stack, editor):
    """A public section in the menus with a child page, each with its own made-up words."""
    name = word("zp")
    home = editor.call("find_page", "/home/")["id"]
    about = editor.call("find_page", "/home/about-us/")["id"]
    section = editor.call("create_page", home, f"Section {name}", name, f"Secret body {name}", show_in_menus=True)
    child = editor.call("create_page", section["id"], f"Child {name}", f"child-{name}", f"Child body {name}")
    # A card on another page: a child of About us that is in the menus too.
    card = editor.call("create_page", about, f"Card {name}", f"card-{name}", f"Card body {name}")
    return name, section, child, card


def surfaces(name):
    return [HOME, ABOUT, LIBRARY, f"/en/search/?q={name}", "/sitemap-pages.xml", "/api/v2/pages/?limit=50"]


def assert_nowhere(stack, paths, *secrets):
    for path in paths:
        response = stack.get(path)
        # A 404 offers the login link back to the address asked for: the visitor's own words, not a leak.
        text = response.text.replace("<mark>", "").replace("</mark>", "").replace(f"next={path}", "")
        for secret in secrets:
            assert secret not in text, (path, secret)


def test_restricting_a_page_hides_it_and_its_subtree_from_every_anonymous_answer(stack, editor, private_section):
    name, section, child, _card = private_section
    paths = surfaces(name)
    stack.warm(section["url"], child["url"], *paths)
    assert f"Section {name}" in stack.get(HOME).text  # in the menu

    editor.call("restrict_page", section["id"])
    for url in (section["url"], child["url"]):
        response = stack.get(url)
        # The menu announces the private section (a login redirect); a guessed page below it answers as missing.
        assert response.status in (302, 404)
        for secret in (f"Section {name}", f"Child {name}", f"Secret body {name}"):
            assert secret not in response.text
    assert_nowhere(stack, paths, f"Section {name}", f"Child {name}", section["url"], f"Secret body {name}")

    # Asked again (now from the cache), still nothing.
    assert_nowhere(stack, paths, f"Section {name}", section["url"])

    editor.call("unrestrict_page", section["id"])
    assert f"Secret body {name}" in stack.get(section["url"]).text
    assert f"Section {name}" in stack.get(HOME).text


def test_restricting_a_card_page_removes_its_card(stack, editor, private_section):
    name, _section, _child, card = private_section
    stack.warm(ABOUT, card["url"])
    assert f"Card {name}" in stack.get(ABOUT).text
    editor.call("restrict_page", card["id"])
    assert_nowhere(stack, [ABOUT, card["url"], f"/en/search/?q={name}"], f"Card {name}", card["url"])


def test_restricting_a_collection_hides_its_documents_from_every_anonymous_answer(stack, editor):
    name = word("zp")
    collection = editor.call("create_collection", f"Stack {name}")
    document = editor.call("create_document", f"Paper {name}", collection)
    paths = [LIBRARY, HOME, f"/en/search/?q={name}", "/sitemap-documents.xml", "/api/v2/documents/?limit=50"]
    stack.warm(document["url"], document["file"], *paths)
    assert f"Paper {name}" in stack.get(LIBRARY).text

    editor.call("restrict_collection", collection)
    detail = stack.get(document["url"])
    assert detail.status == 404 and f"Paper {name}" not in detail.text
    assert stack.get(document["file"]).status == 404
    assert_nowhere(stack, paths, f"Paper {name}", document["url"], document["file"])

    editor.call("unrestrict_collection", collection)
    assert f"Paper {name}" in stack.get(LIBRARY).text
    assert stack.get(document["url"]).status == 200
