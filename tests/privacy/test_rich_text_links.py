"""Rich-text links to members-only pages and documents: plain text for those who may not follow them."""

import pytest

from tests import factories
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def linking_page(home_page, private_area, members_collection):
    members_page = private_area.get_children().get()
    secret_document = factories.PortalDocumentFactory(title="Secret minutes", collection=members_collection)
    public_document = factories.PortalDocumentFactory(title="Public report")
    body = (
        f'<p>Read <a linktype="page" id="{members_page.pk}">the notices</a>, '
        f'<a linktype="document" id="{secret_document.pk}">the minutes</a> and '
        f'<a linktype="document" id="{public_document.pk}">the report</a>.</p>'
    )
    page = factories.StandardPageFactory(
        parent=home_page, title="Linking page", body=[{"type": "rich_text", "value": body}]
    )
    return page, members_page, secret_document, public_document


def test_anonymous_visitor_gets_the_words_but_not_the_hidden_addresses(client, linking_page):
    page, members_page, secret_document, public_document = linking_page
    html = client.get(page.url).content.decode()
    assert "the notices" in html and "the minutes" in html
    assert members_page.url not in html
    assert secret_document.url not in html
    assert f'href="{public_document.url}"' in html


def test_logged_in_non_member_gets_no_hidden_address_either(client, non_member, linking_page):
    page, members_page, secret_document, _public = linking_page
    client.force_login(non_member)
    html = client.get(page.url).content.decode()
    assert members_page.url not in html
    assert secret_document.url not in html


def test_member_follows_every_link(client, member, linking_page):
    page, members_page, secret_document, public_document = linking_page
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert f'href="{members_page.url}"' in html
    assert f'href="{secret_document.url}"' in html
    assert f'href="{public_document.url}"' in html


# Expanded page links are kept in the shared cache (members/rich_text.py): the key holds what the request may not
# see, and publishing, unpublishing, moving, renaming or a restriction change takes effect on the next request.


def test_a_members_cached_links_never_reach_an_anonymous_visitor(client, member, linking_page):
    page, members_page, _secret, _public = linking_page
    client.force_login(member)
    assert f'href="{members_page.url}"' in client.get(page.url).content.decode()
    client.logout()
    html = client.get(page.url).content.decode()
    assert "the notices" in html and members_page.url not in html


def test_restricting_a_linked_page_hides_its_cached_link_at_once(client, home_page, members_group):
    target = factories.StandardPageFactory(parent=home_page, title="Open notices", slug="open-notices")
    body = f'<p>See <a linktype="page" id="{target.pk}">the open notices</a>.</p>'
    page = factories.StandardPageFactory(parent=home_page, title="Linker", body=[{"type": "rich_text", "value": body}])
    assert f'href="{target.url}"' in client.get(page.url).content.decode()
    restrict_page(target, groups=[members_group])
    html = client.get(page.url).content.decode()
    assert "the open notices" in html and target.url not in html


def test_renaming_unpublishing_a_linked_page_updates_its_cached_link_at_once(client, home_page):
    target = factories.StandardPageFactory(parent=home_page, title="Old name", slug="old-name")
    body = f'<p>See <a linktype="page" id="{target.pk}">the notices</a>.</p>'
    page = factories.StandardPageFactory(parent=home_page, title="Linker", body=[{"type": "rich_text", "value": body}])
    assert 'href="/en/old-name/"' in client.get(page.url).content.decode()
    target.slug = "new-name"
    target.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'href="/en/new-name/"' in html and "/old-name/" not in html
    target.refresh_from_db()
    target.unpublish()
    assert "/new-name/" not in client.get(page.url).content.decode()


def test_moving_a_linked_document_into_a_members_collection_hides_its_cached_link_at_once(
    client, home_page, members_collection
):
    document = factories.PortalDocumentFactory(title="Annual report")
    body = f'<p>Read <a linktype="document" id="{document.pk}">the report</a>.</p>'
    page = factories.StandardPageFactory(parent=home_page, title="Linker", body=[{"type": "rich_text", "value": body}])
    assert f'href="{document.url}"' in client.get(page.url).content.decode()
    document.collection = members_collection
    document.save()
    html = client.get(page.url).content.decode()
    assert "the report" in html and document.url not in html
