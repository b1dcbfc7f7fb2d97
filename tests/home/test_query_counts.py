"""Home and standard pages cost a fixed number of queries, however many cards or children they show."""

import pytest

from tests import factories
from tests.fixtures import html

pytestmark = pytest.mark.django_db

# Anonymous visitor, warm caches (the restriction rows, the site settings, the menu, the breadcrumbs, the child-page
# cards, the card and social pictures and which page a path names come from the cache; the site comes from the
# process's table, portal.sites: one query fewer on every page): the root page and the page itself, plus what each
# page type needs. Measured on SQLite and PostgreSQL alike.
HOME_PAGE_QUERIES = 2  # the last: the latest documents (the hero and the cards come from the cache)
STANDARD_PAGE_QUERIES = 3  # the last: the document-links block's documents
STANDARD_PAGE_WITH_RELATED_DOCUMENTS_QUERIES = 4  # and the related documents
# Rich-text page links come from the cache (members/rich_text.py): no query for the linked pages (was 4).
STANDARD_PAGE_WITH_RICH_TEXT_PAGE_LINKS_QUERIES = 2
# A member adds the session, the user and their groups, and the private areas welcome, which counts the members-only
# documents they may download; no permission look-ups (the user bar is for editors only: members.editors).
PRIVATE_AREA_MEMBER_QUERIES = 6


@pytest.mark.parametrize("cards", [1, 6])
def test_home_page_query_count_does_not_grow_with_highlight_cards(home_page, assert_warm_queries, cards):
    targets = [factories.StandardPageFactory(parent=home_page, show_in_menus=True) for _ in range(cards)]
    home_page.hero_image = factories.CustomImageFactory()
    home_page.highlights = [
        {"type": "card", "value": {"page": page.pk, "text": "More", "image": factories.CustomImageFactory().pk}}
        for page in targets
    ]
    home_page.save_revision().publish()
    response = assert_warm_queries("/en/", HOME_PAGE_QUERIES)
    assert len(html(response).find("main").select("article.card")) == cards


@pytest.mark.parametrize("children", [2, 12])
def test_standard_page_query_count_does_not_grow_with_children(home_page, assert_warm_queries, children):
    documents = [factories.PortalDocumentFactory() for _ in range(2)]
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[{"type": "document_links", "value": {"documents": [doc.pk for doc in documents]}}],
    )
    for _ in range(children):
        factories.StandardPageFactory(parent=page, listing_image=factories.CustomImageFactory())
    response = assert_warm_queries(page.url, STANDARD_PAGE_QUERIES)
    assert len(html(response).find("main").select("article.card")) == children


@pytest.mark.parametrize("links", [1, 5])
def test_rich_text_page_links_cost_no_query_when_warm(home_page, private_area, assert_warm_queries, links):
    targets = [factories.StandardPageFactory(parent=home_page, title=f"Target {i}") for i in range(links)]
    hidden = private_area.get_children().get()
    body = "".join(f'<p><a linktype="page" id="{page.pk}">link {i}</a></p>' for i, page in enumerate(targets))
    body += f'<p><a linktype="page" id="{hidden.pk}">hidden link</a></p>'
    page = factories.StandardPageFactory(parent=home_page, body=[{"type": "rich_text", "value": body}])
    response = assert_warm_queries(page.url, STANDARD_PAGE_WITH_RICH_TEXT_PAGE_LINKS_QUERIES)
    main = html(response).find("main")
    assert [a["href"] for a in main.select(".rich-text a[href], p a[href]") if "link" in a.text] == [
        target.url for target in targets
    ]
    assert "hidden link" in main.text and hidden.url not in str(main)


@pytest.mark.parametrize("related", [1, 6])
def test_standard_page_query_count_does_not_grow_with_related_documents(
    home_page, members_collection, assert_warm_queries, related
):
    page = factories.StandardPageFactory(parent=home_page)
    factories.StandardPageFactory(parent=page)
    page.related_documents = [
        {"type": "document", "value": factories.PortalDocumentFactory().pk} for _ in range(related)
    ] + [{"type": "document", "value": factories.PortalDocumentFactory(collection=members_collection).pk}]
    page.body = [{"type": "document_links", "value": {"documents": [factories.PortalDocumentFactory().pk]}}]
    page.save_revision().publish()
    response = assert_warm_queries(page.url, STANDARD_PAGE_WITH_RELATED_DOCUMENTS_QUERIES)
    # The members-only document is left out for an anonymous visitor.
    assert len(html(response).find("main").select("article.document-card")) == related + 1


@pytest.mark.parametrize("children", [2, 12])
def test_private_area_query_count_for_a_member_does_not_grow_with_children(
    client, member, private_area, assert_warm_queries, children
):
    for _ in range(children - 1):  # the private area already has one members' page
        factories.StandardPageFactory(parent=private_area)
    client.force_login(member)
    response = assert_warm_queries(private_area.url, PRIVATE_AREA_MEMBER_QUERIES)
    assert len(html(response).find("main").select("article.card")) == children


def test_an_editor_still_gets_the_user_bar_and_a_member_does_not(client, member, editor, private_area, home_page):
    client.force_login(member)
    assert "wagtail-userbar" not in client.get("/en/").content.decode()
    client.force_login(editor)
    assert "wagtail-userbar" in client.get("/en/").content.decode()


def test_a_group_losing_admin_access_loses_the_user_bar_at_once(client, editor, editors_group, home_page):
    from django.contrib.auth.models import Permission

    client.force_login(editor)
    assert "wagtail-userbar" in client.get("/en/").content.decode()
    editors_group.permissions.remove(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert "wagtail-userbar" not in client.get("/en/").content.decode()
