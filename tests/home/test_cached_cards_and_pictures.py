"""The child-page cards, highlight cards, pictures and footer read from the shared cache follow every change an editor
makes, at once, and never show a visitor what they may not see."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Site

from home import image_facts
from home.models import SiteSettings
from home.templatetags import navigation
from tests import factories
from tests.fixtures import html, restrict_collection, restrict_page

pytestmark = pytest.mark.django_db


def _cards(client, page):
    return html(client.get(page.url)).find("main").select("article.card")


def _og_image(client, page):
    tag = html(client.get(page.url)).find("meta", property="og:image")
    return tag["content"] if tag else None


def _og_image_alt(client, page):
    tag = html(client.get(page.url)).find("meta", property="og:image:alt")
    return tag["content"] if tag else None


@pytest.fixture
def section(home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Section")
    factories.StandardPageFactory(parent=section, title="First child", intro="The first.")
    return section


def test_a_childs_new_title_and_intro_show_on_the_cached_cards_once_published(client, section):
    assert "First child" in _cards(client, section)[0].get_text()
    child = section.get_children().get().specific
    child.title = "Renamed child"
    child.intro = "A new introduction."
    child.save_revision().publish()
    text = _cards(client, section)[0].get_text()
    assert "Renamed child" in text
    assert "A new introduction." in text


def test_a_draft_change_does_not_reach_the_cached_cards(client, section):
    assert len(_cards(client, section)) == 1
    child = section.get_children().get().specific
    child.title = "Draft title"
    child.save_revision()
    assert "Draft title" not in _cards(client, section)[0].get_text()


def test_a_new_and_an_unpublished_child_change_the_cached_cards(client, section):
    assert len(_cards(client, section)) == 1
    second = factories.StandardPageFactory(parent=section, title="Second child")
    second.save_revision().publish()  # as the admin does: the publish signal bumps the navigation version
    assert [card.find("a").get_text() for card in _cards(client, section)] == ["First child", "Second child"]
    second.unpublish()
    assert [card.find("a").get_text() for card in _cards(client, section)] == ["First child"]


def test_a_child_restricted_after_caching_leaves_the_cards_of_anonymous_visitors_only(
    client, section, member, members_group
):
    assert len(_cards(client, section)) == 1
    restrict_page(section.get_children().get(), groups=[members_group])
    assert _cards(client, section) == []
    client.force_login(member)
    assert len(_cards(client, section)) == 1


def test_a_card_shows_the_new_file_of_its_picture_once_the_image_is_replaced(client, section):
    child = section.get_children().get().specific
    child.listing_image = factories.CustomImageFactory(title="Old picture")
    child.save_revision().publish()
    old_src = _cards(client, section)[0].find("img")["src"]
    image = child.listing_image
    image.file = factories.CustomImageFactory.build(title="New picture").file
    image.save()
    image.renditions.all().delete()  # as Wagtail's image edit view does when the file changes
    new_src = _cards(client, section)[0].find("img")["src"]
    assert new_src != old_src
    assert "new-picture" in new_src


def test_the_social_image_alt_text_follows_the_images_description(client, home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.listing_image = factories.CustomImageFactory(description="Before.")
    page.save_revision().publish()
    assert _og_image_alt(client, page) == "Before."
    page.listing_image.description = "After."
    page.listing_image.save()
    assert _og_image_alt(client, page) == "After."


def test_a_social_image_moved_into_a_members_collection_after_caching_is_no_longer_offered(
    client, home_page, members_collection
):
    page = factories.StandardPageFactory(parent=home_page)
    page.listing_image = factories.CustomImageFactory()
    page.save_revision().publish()
    assert _og_image(client, page) is not None
    page.listing_image.collection = members_collection
    page.listing_image.save()
    assert _og_image(client, page) is None


def test_a_social_image_whose_collection_is_restricted_after_caching_is_no_longer_offered(
    client, home_page, members_group
):
    collection = factories.CollectionFactory(name="Later restricted")
    page = factories.StandardPageFactory(parent=home_page)
    page.listing_image = factories.CustomImageFactory(collection=collection)
    page.save_revision().publish()
    assert _og_image(client, page) is not None
    restrict_collection(collection, groups=[members_group])
    assert _og_image(client, page) is None


def test_a_social_image_without_its_file_gives_no_picture_and_no_error(client, home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.listing_image = factories.CustomImageFactory()
    page.save_revision().publish()
    page.listing_image.file.storage.delete(page.listing_image.file.name)
    response = client.get(page.url)
    assert response.status_code == 200
    assert html(response).find("meta", property="og:image") is None


@override_settings(CACHE_IS_SHARED=False)
def test_without_a_shared_cache_nothing_about_pictures_is_cached(client, section):
    child = section.get_children().get().specific
    child.listing_image = factories.CustomImageFactory()
    child.save_revision().publish()
    assert _cards(client, section)[0].find("img") is not None
    assert image_facts.rendition_facts([child.listing_image_id], image_facts.CARD_IMAGE_FILTER)
    assert cache.get(image_facts._key(child.listing_image_id, image_facts.CARD_IMAGE_FILTER)) is None


def test_rendition_facts_refuses_a_filter_it_cannot_forget():
    with pytest.raises(ValueError, match="CACHED_FILTERS"):
        image_facts.rendition_facts([1], "width-100")


@pytest.fixture
def home_with_cards(home_page):
    about = factories.StandardPageFactory(parent=home_page, title="About the federation")
    home_page.hero_image = factories.CustomImageFactory(description="Co-operators in a hall.")
    home_page.highlights = [
        {"type": "card", "value": {"page": about.pk, "text": "Who we are.", "image": factories.CustomImageFactory().pk}}
    ]
    home_page.save_revision().publish()
    return home_page


def _highlights(client):
    return [card.find("a").get_text() for card in html(client.get("/en/")).find("main").select("article.card")]


def test_the_home_hero_offers_both_widths_with_the_images_alt_text(client, home_with_cards):
    img = html(client.get("/en/")).find("main").find("img", alt="Co-operators in a hall.")
    assert ".fill-600x250.format-webp" in img["src"]
    narrow, wide = img["srcset"].split(", ")
    assert narrow == f"{img['src']} {img['width']}w"
    assert ".fill-1200x500.format-webp" in wide
    assert wide.endswith("w")
    assert img["fetchpriority"] == "high"


def test_a_highlight_cards_page_renamed_after_caching_gives_the_card_its_new_title(client, home_with_cards):
    assert _highlights(client) == ["About the federation"]
    page = home_with_cards.highlights[0].value["page"].specific
    page.title = "Who we are"
    page.save_revision().publish()
    assert _highlights(client) == ["Who we are"]


def test_a_highlight_cards_page_restricted_after_caching_hides_the_card_from_anonymous_visitors(
    client, home_with_cards, members_group
):
    assert len(_highlights(client)) == 1
    restrict_page(home_with_cards.highlights[0].value["page"], groups=[members_group])
    assert _highlights(client) == []


def test_a_previewed_draft_of_the_home_page_never_changes_the_live_cards(client, home_with_cards):
    assert _highlights(client) == ["About the federation"]
    draft = home_with_cards.get_latest_revision_as_object()
    draft.highlights = [{"type": "card", "value": {"page": draft.highlights[0].value["page"].pk, "title": "Draft"}}]
    assert "Draft" in draft.make_preview_request().content.decode()
    assert _highlights(client) == ["About the federation"]


def _footer(client):
    return html(client.get("/en/")).find("footer")


def test_the_cached_footer_follows_a_change_of_the_site_settings(client, home_page):
    assert "Renamed Federation" not in _footer(client).get_text()
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.organisation_name = "Renamed Federation"
    settings_row.social_links = [
        {"type": "link", "value": {"platform": "linkedin", "url": "https://www.linkedin.com/company/rf"}}
    ]
    settings_row.save()
    footer = _footer(client)
    assert "Renamed Federation" in footer.get_text()
    assert footer.find("a", href="https://www.linkedin.com/company/rf") is not None


def test_the_cached_footer_shows_the_new_year_when_it_comes(client, home_page, monkeypatch):
    assert "© 2030" not in _footer(client).get_text()
    monkeypatch.setattr(navigation.timezone, "localdate", lambda: date(2030, 1, 1))
    assert "© 2030" in _footer(client).get_text()


def test_a_card_picture_in_a_members_collection_shows_to_members_only(client, section, member, members_collection):
    child = section.get_children().get().specific
    child.listing_image = factories.CustomImageFactory(collection=members_collection)
    child.save_revision().publish()
    card = _cards(client, section)[0]
    assert card.find("img") is None
    assert "First child" in card.get_text()  # the card stays: only its picture is the members'
    client.force_login(member)
    assert _cards(client, section)[0].find("img") is not None


def test_a_home_hero_and_highlight_picture_in_a_members_collection_are_not_shown_to_visitors(
    client, home_with_cards, members_collection
):
    home = home_with_cards
    for image in {home.hero_image, *(block.value["image"] for block in home.highlights if block.value.get("image"))}:
        image.collection = members_collection
        image.save()
    main = html(client.get(home.url)).find("main")
    assert main.select("img") == []
