"""HomePage and StandardPage as visitors see them."""

import pytest
from pytest_django.asserts import assertTemplateUsed

from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def hero_image():
    return factories.CustomImageFactory(title="Hero", description="Co-operators meeting in a hall")


@pytest.fixture
def filled_home(home_page, about_page, documents_page, hero_image):
    home_page.hero_heading = "Co-operatives, stronger together"
    home_page.intro = "The federation's portal for members and partners."
    home_page.hero_image = hero_image
    home_page.highlights = [
        {"type": "card", "value": {"page": about_page.pk, "title": "Who we are", "text": "Our story and the ICA."}},
        {"type": "card", "value": {"page": documents_page.pk, "title": "", "text": "Reports and statutes."}},
    ]
    home_page.body = [
        {"type": "heading", "value": {"text": "Latest from the federation", "level": "h2"}},
        {"type": "rich_text", "value": "<p>The general assembly meets in June.</p>"},
    ]
    home_page.save_revision().publish()
    return home_page


def test_home_page_renders_with_its_template(client, filled_home):
    response = client.get("/en/")
    assert response.status_code == 200
    assertTemplateUsed(response, "home/home_page.html")
    assertTemplateUsed(response, "base.html")


def test_home_page_shows_hero_heading_intro_and_body(client, filled_home):
    soup = html(client.get("/en/"))
    assert soup.find("h1").get_text(strip=True) == "Co-operatives, stronger together"
    text = text_of(soup.find("main"))
    assert "The federation's portal for members and partners." in text
    assert "Latest from the federation" in text
    assert "The general assembly meets in June." in text


def test_home_page_hero_image_uses_the_images_description_as_alt_text(client, filled_home):
    soup = html(client.get("/en/"))
    assert soup.find("main").find("img", alt="Co-operators meeting in a hall") is not None


def test_home_page_heading_falls_back_to_the_title(client, home_page):
    home_page.title = "Welcome"
    home_page.save_revision().publish()
    assert html(client.get("/en/")).find("h1").get_text(strip=True) == "Welcome"


def test_home_page_shows_a_highlight_card_for_each_section(client, filled_home, about_page, documents_page):
    main = html(client.get("/en/")).find("main")
    assert main.find("a", href=about_page.url).get_text(strip=True) == "Who we are"
    # A card without its own title takes the page's.
    assert main.find("a", href=documents_page.url).get_text(strip=True) == "Documents"
    assert "Reports and statutes." in text_of(main)


def test_home_page_hides_a_highlight_card_to_a_members_area_from_anonymous(client, home_page, private_area):
    home_page.highlights = [{"type": "card", "value": {"page": private_area.pk, "title": "For members"}}]
    home_page.save_revision().publish()
    assert "For members" not in text_of(html(client.get("/en/")).find("main"))


def test_home_page_shows_a_highlight_card_to_a_members_area_to_a_member(client, member, home_page, private_area):
    home_page.highlights = [{"type": "card", "value": {"page": private_area.pk, "title": "For members"}}]
    home_page.save_revision().publish()
    client.force_login(member)
    main = html(client.get("/en/")).find("main")
    assert main.find("a", href=private_area.url).get_text(strip=True) == "For members"


def test_home_page_has_the_site_layout(client, home_page):
    soup = html(client.get("/en/"))
    assert soup.find("a", href="#main-content") is not None
    assert soup.find("main", id="main-content") is not None
    assert soup.find("header").find("form", role="search") is not None
    assert soup.find("footer").find("a", href="https://ica.coop") is not None
    assert len(soup.find_all("h1")) == 1


# StandardPage


@pytest.fixture
def standard_page(home_page):
    page = factories.StandardPageFactory(
        parent=home_page,
        title="Governance",
        intro="How the federation is run.",
        body=[
            {"type": "heading", "value": {"text": "The board", "level": "h2"}},
            {"type": "quote", "value": {"quote": "Democracy at work.", "attribution": "Our chair"}},
        ],
    )
    factories.StandardPageFactory(parent=page, title="Statutes", intro="The rules we agreed.")
    factories.StandardPageFactory(parent=page, title="Elections")
    return page


def test_standard_page_renders_with_its_template(client, standard_page):
    response = client.get(standard_page.url)
    assert response.status_code == 200
    assertTemplateUsed(response, "home/standard_page.html")


def test_standard_page_shows_title_intro_and_body(client, standard_page):
    soup = html(client.get(standard_page.url))
    assert soup.find("h1").get_text(strip=True) == "Governance"
    text = text_of(soup.find("main"))
    assert "How the federation is run." in text
    assert "The board" in text
    assert "Democracy at work." in text
    assert "Our chair" in text


def test_standard_page_shows_a_card_for_each_child(client, standard_page):
    main = html(client.get(standard_page.url)).find("main")
    for child in standard_page.get_children():
        assert main.find("a", href=child.url).get_text(strip=True) == child.title
    assert "The rules we agreed." in text_of(main)


def test_standard_page_leaves_out_a_draft_child(client, standard_page):
    draft = factories.StandardPageFactory(parent=standard_page, title="Unfinished", live=False)
    main = html(client.get(standard_page.url)).find("main")
    assert "Unfinished" not in text_of(main)
    assert main.find("a", href=draft.url) is None


def test_standard_page_lists_its_related_documents(client, standard_page):
    document = factories.PortalDocumentFactory(title="Statutes 2024")
    standard_page.related_documents = [{"type": "document", "value": document.pk}]
    standard_page.save_revision().publish()
    main = html(client.get(standard_page.url)).find("main")
    assert "Related documents" in text_of(main)
    assert main.find("a", href=document.url) is not None


def test_standard_page_hides_a_members_only_related_document_from_anonymous(client, standard_page, members_collection):
    public = factories.PortalDocumentFactory(title="Statutes 2024")
    private = factories.PortalDocumentFactory(title="Board minutes", collection=members_collection)
    standard_page.related_documents = [
        {"type": "document", "value": private.pk},
        {"type": "document", "value": public.pk},
    ]
    standard_page.save_revision().publish()
    main = html(client.get(standard_page.url)).find("main")
    assert "Board minutes" not in text_of(main)
    assert main.find("a", href=public.url) is not None


def test_private_area_redirects_anonymous_visitors_to_log_in(client, private_area):
    response = client.get(private_area.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_private_area_is_served_to_a_member(client, member, private_area):
    client.force_login(member)
    response = client.get(private_area.url)
    assert response.status_code == 200
    assertTemplateUsed(response, "home/standard_page.html")
    assert "Members' notices" in text_of(html(response).find("main"))


def test_private_area_is_never_stored_by_a_shared_cache(client, member, private_area):
    client.force_login(member)
    cache_control = client.get(private_area.url)["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control
