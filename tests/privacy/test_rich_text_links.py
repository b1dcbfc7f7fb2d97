"""Rich-text links to members-only pages and documents: plain text for those who may not follow them."""

import pytest

from tests import factories

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
