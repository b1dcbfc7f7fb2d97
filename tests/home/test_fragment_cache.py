"""A page's rendered content kept in the shared cache (``home.fragment_cache``): the next visitor of the same
audience gets it without the page being built again, and every change an editor makes, above all a privacy change,
shows at once. Each test first loads the page, so that a stale copy would be what the second request gets."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from home import fragment_cache
from tests import factories
from tests.fixtures import restrict_collection, restrict_page

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def kept_keys():
    """The page contents kept in the test cache now: local memory, or Redis when CI sets CACHE_URL."""
    store = cache._cache  # noqa: SLF001
    if hasattr(store, "get_client"):  # django's RedisCache
        keys = [key.decode() for key in store.get_client(write=False).scan_iter(match="*:page_content:*")]
    else:
        keys = list(store)
    return [key for key in keys if ":page_content:" in key and not key.endswith(":generation")]


def body(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_second_anonymous_visitor_gets_the_kept_content_for_fewer_queries(
    home_page, about_page, django_assert_max_num_queries
):
    factories.PortalDocumentFactory(title="Annual report")
    first = body(Client().get(about_page.url))
    assert kept_keys(), "the content was not kept"
    with django_assert_max_num_queries(3):  # the session-less request: routing and the page, not its cards
        second = body(Client().get(about_page.url))
    assert second == first


def test_every_page_type_renders_the_same_from_the_cache_as_afresh(
    home_page, about_page, alliance_page, why_join_page, documents_page, private_area, member
):
    """Whatever page types exist (walked from the database), for a visitor and a member: the kept copy is the page
    as it would be built now."""
    factories.PortalDocumentFactory(title="Annual report")
    pages = list(Page.objects.live().filter(depth__gte=2).specific())
    assert len(pages) >= 6
    member_client = Client()
    member_client.force_login(member)
    for page in pages:
        for client in (Client(), member_client):
            response = client.get(page.url)
            if response.status_code != 200:
                continue  # the private areas send a visitor to log in
            first = CSRF.sub("", response.content.decode())
            second = CSRF.sub("", body(client.get(page.url)))
            fragment_cache.content_changed()
            fresh = CSRF.sub("", body(client.get(page.url)))
            assert first == second == fresh, f"{page.url} differs when taken from the cache"


def test_a_published_change_shows_at_once(home_page, about_page):
    body(Client().get(about_page.url))
    about_page.intro = "We changed the introduction."
    about_page.save_revision().publish()
    assert "We changed the introduction." in body(Client().get(about_page.url))


def test_a_card_follows_the_page_it_leads_to(home_page, about_page, why_join_page):
    """The About page's child cards show Why join's title: publishing Why join changes About's content."""
    assert why_join_page.title in body(Client().get(about_page.url))
    why_join_page.title = "Reasons to join"
    why_join_page.save_revision().publish()
    assert "Reasons to join" in body(Client().get(about_page.url))


def test_a_document_saved_shows_in_the_latest_documents(home_page):
    document = factories.PortalDocumentFactory(title="First title")
    assert "First title" in body(Client().get(home_page.url))
    document.title = "Second title"
    document.save()
    page = body(Client().get(home_page.url))
    assert "Second title" in page and "First title" not in page


def test_a_page_restricted_after_it_was_shown_disappears_from_the_kept_cards(home_page, about_page, why_join_page):
    assert why_join_page.url in body(Client().get(about_page.url))
    restrict_page(why_join_page, kind="login")
    page = body(Client().get(about_page.url))
    assert why_join_page.url not in page and why_join_page.title not in page


def test_a_collection_restricted_after_it_was_shown_hides_its_documents(home_page, members_group):
    collection = factories.CollectionFactory(name="Board papers")
    factories.PortalDocumentFactory(title="Board minutes", collection=collection)
    assert "Board minutes" in body(Client().get(home_page.url))
    restrict_collection(collection, groups=[members_group])
    assert "Board minutes" not in body(Client().get(home_page.url))


def test_a_member_who_leaves_the_group_no_longer_sees_members_only_documents(home_page, member, members_collection):
    factories.PortalDocumentFactory(title="Members' minutes", collection=members_collection)
    client = Client()
    client.force_login(member)
    assert "Members&#x27; minutes" in body(client.get(home_page.url))
    member.groups.clear()
    assert "Members&#x27; minutes" not in body(client.get(home_page.url))


def test_each_member_is_greeted_by_their_own_name(home_page, private_area):
    ada = factories.UserFactory(username="ada", first_name="Ada", last_name="Lovelace", groups=["Members"])
    grace = factories.UserFactory(username="grace", first_name="Grace", last_name="Hopper", groups=["Members"])
    for user, name, other in ((ada, "Ada Lovelace", "Grace Hopper"), (grace, "Grace Hopper", "Ada Lovelace")):
        client = Client()
        client.force_login(user)
        page = body(client.get(private_area.url))
        assert name in page and other not in page


def test_a_member_and_a_visitor_never_share_a_copy(home_page, member, members_collection):
    factories.PortalDocumentFactory(title="Members' minutes", collection=members_collection)
    client = Client()
    client.force_login(member)
    assert "Members&#x27; minutes" in body(client.get(home_page.url))
    assert "minutes" not in body(Client().get(home_page.url))


def test_the_enquiry_form_is_never_kept_and_each_visitor_can_send_it(home_page, about_page, why_join_page):
    from about.models import MembershipEnquiryFormField, MembershipEnquiryPage

    enquiry = MembershipEnquiryPage(title="Ask", slug="ask", intro="Ask us.", thank_you_text="<p>Thanks.</p>")
    why_join_page.add_child(instance=enquiry)
    MembershipEnquiryFormField.objects.create(page=enquiry, label="Your name", field_type="singleline")
    enquiry.save_revision().publish()
    for name in ("Ada", "Grace"):
        client = Client(enforce_csrf_checks=True)
        page = body(client.get(enquiry.url))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', page).group(1)
        response = client.post(enquiry.url, {"csrfmiddlewaretoken": token, "your_name": name})
        assert response.status_code in (200, 302), f"{name}'s enquiry was refused ({response.status_code})"
        assert "Thanks." in response.content.decode() or response.status_code == 302
    assert not kept_keys()


def test_a_query_string_is_never_answered_from_the_kept_content(home_page, documents_page):
    factories.PortalDocumentFactory(title="Annual report")
    factories.PortalDocumentFactory(title="Membership guide")
    assert "Membership guide" in body(Client().get(documents_page.url))
    page = body(Client().get(documents_page.url, {"q": "annual"}))
    assert "Annual report" in page and "Membership guide" not in page


def test_a_preview_is_never_kept_and_never_answered_from_the_cache(client, home_page, about_page, superuser):
    body(Client().get(about_page.url))
    client.force_login(superuser)
    about_page.intro = "A draft nobody else may read."
    about_page.save_revision()
    preview = body(client.get(reverse("wagtailadmin_pages:view_draft", args=[about_page.pk])))
    assert "A draft nobody else may read." in preview
    assert "A draft nobody else may read." not in body(Client().get(about_page.url))


def test_without_a_shared_cache_nothing_is_kept(home_page, about_page, settings):
    settings.CACHE_IS_SHARED = False
    body(Client().get(about_page.url))
    assert not kept_keys()


def test_rows_written_by_visitors_keep_the_content(home_page, member):
    """Logging in and searching write rows; none of them retires what pages show."""
    body(Client().get(home_page.url))  # the first visit creates the site settings' row: that one counts
    before = fragment_cache.generation()
    client = Client()
    client.force_login(member)  # a session row and the user's last_login
    client.get("/en/search/", {"q": "co-operative"})  # the search statistics
    assert fragment_cache.generation() == before
