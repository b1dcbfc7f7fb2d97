"""Making a page private: the privacy dialog lists the public pages that link to it, with links to edit them."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests import factories
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db


def linking_to(page):
    return [{"type": "rich_text", "value": f'<p>See <a linktype="page" id="{page.pk}">the handbook</a>.</p>'}]


@pytest.fixture
def handbook(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Handbook", slug="handbook")
    page.save_revision().publish()
    return page


def publish_with_body(page, body):
    page.body = body
    page.save_revision().publish()
    return page


def privacy_dialog(client, page):
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]))
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.json()["html"], "html.parser")


def test_the_privacy_dialog_lists_the_public_pages_linking_to_the_page(
    client, moderator, home_page, handbook, members_group
):
    news = publish_with_body(
        factories.StandardPageFactory(parent=home_page, title="News", slug="news"), linking_to(handbook)
    )
    # The home page's call to action, as in the issue.
    call_to_action = {
        "heading": "Read the handbook",
        "text": "",
        "page": handbook.pk,
        "external_url": "",
        "link_text": "",
    }
    publish_with_body(home_page.specific, [{"type": "call_to_action", "value": call_to_action}])
    # Not listed: a members-only page, a page below the handbook (made private with it), a page without a link.
    secret = factories.StandardPageFactory(parent=home_page, title="Members corner", slug="members-corner")
    publish_with_body(secret, linking_to(handbook))
    restrict_page(secret, groups=[members_group])
    publish_with_body(
        factories.StandardPageFactory(parent=handbook, title="Chapter one", slug="one"), linking_to(handbook)
    )
    factories.StandardPageFactory(parent=home_page, title="Unrelated", slug="unrelated")

    client.force_login(moderator)
    warning = privacy_dialog(client, handbook).find(id="privacy-referrers")
    assert warning is not None
    links = {link.get_text(strip=True): link["href"] for link in warning.find_all("a")}
    assert links["News"] == reverse("wagtailadmin_pages:edit", args=[news.pk])
    assert links[home_page.title] == reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    assert "Members corner" not in links and "Chapter one" not in links and "Unrelated" not in links
    assert "link to this page" in warning.get_text(" ", strip=True)


def test_the_privacy_dialog_has_no_warning_for_a_page_nobody_links_to(client, moderator, handbook):
    client.force_login(moderator)
    assert privacy_dialog(client, handbook).find(id="privacy-referrers") is None


def test_the_privacy_dialog_still_makes_the_page_private(client, moderator, home_page, handbook, members_group):
    publish_with_body(factories.StandardPageFactory(parent=home_page, title="News", slug="news"), linking_to(handbook))
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[handbook.pk]),
        {"restriction_type": "groups", "groups": [members_group.pk]},
    )
    assert response.json()["step"] == "set_privacy_done"
    assert PageViewRestriction.objects.filter(page=handbook).exists()


def test_the_collection_privacy_dialog_still_opens(client, superuser, members_collection):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_collections:set_privacy", args=[members_collection.pk]))
    assert response.status_code == 200
    assert "privacy-referrers" not in response.json()["html"]
