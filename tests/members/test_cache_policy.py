"""members/cache_policy.py: the one place that decides who may keep an answer (real Varnish: tests/stack/)."""

import pytest

from tests.fixtures import restrict_page


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response):
    assert {"private", "no-store"} <= cache_control(response), response.get("Cache-Control")
    assert "X-Cache-Tags" not in response


@pytest.mark.django_db
def test_an_anonymous_public_page_is_shared_for_hours_with_its_purge_tags(client, about_page):
    response = client.get(about_page.url)
    assert response.status_code == 200
    assert {"public", "max-age=0", "s-maxage=21600"} == cache_control(response)
    tags = response["X-Cache-Tags"].strip(",").split(",")
    assert {"nav", f"p{about_page.pk}", "u/home/" + about_page.slug + "/"} <= set(tags)


@pytest.mark.django_db
def test_the_home_page_and_the_library_are_tagged_as_listing_documents(client, home_page, documents_page):
    for page in (home_page, documents_page):
        assert ",docs," in client.get(page.url)["X-Cache-Tags"]


@pytest.mark.django_db
def test_a_logged_in_users_page_is_private(client, about_page, member):
    client.force_login(member)
    assert_private(client.get(about_page.url))


@pytest.mark.django_db
def test_a_members_page_is_private_even_for_its_members(client, private_area, member):
    client.force_login(member)
    response = client.get(private_area.url)
    assert response.status_code == 200
    assert_private(response)


@pytest.mark.django_db
def test_a_page_restricted_to_logged_in_users_is_refused_privately(client, about_page):
    restrict_page(about_page, kind="login")
    response = client.get(about_page.url)
    assert response.status_code == 302
    assert_private(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/login/", "/en/no-such-page/", "/healthz", "/readyz"])
def test_login_not_found_and_health_answers_are_private(client, home_page, path):
    assert_private(client.get(path))


@pytest.mark.django_db
def test_a_page_with_a_form_is_private(client, why_join_page):
    from about.models import MembershipEnquiryFormField, MembershipEnquiryPage

    form_page = MembershipEnquiryPage(title="Ask", slug="ask", intro="Ask us.", thank_you_text="<p>Thanks.</p>")
    why_join_page.add_child(instance=form_page)
    MembershipEnquiryFormField.objects.create(page=form_page, label="Your name", field_type="singleline")
    form_page.save_revision().publish()
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert_private(response)


@pytest.mark.django_db
def test_an_authorization_header_makes_any_answer_private(client, about_page):
    assert_private(client.get(about_page.url, headers={"Authorization": "Bearer whatever"}))


@pytest.mark.django_db
def test_search_and_sitemap_are_shared_and_tagged_as_listings(client, home_page):
    for path in ("/en/search/?q=alliance", "/sitemap.xml"):
        response = client.get(path)
        assert "s-maxage=21600" in response["Cache-Control"]
        assert ",docs,pages," in response["X-Cache-Tags"]
