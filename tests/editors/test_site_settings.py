"""The site settings drive the footer and the page titles: change a setting and every page changes, because the
templates hold no copy of them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from home.blocks import SocialLinksStreamBlock
from home.models import SiteSettings
from tests import factories
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db

SOCIAL_LINKS = [
    {"type": "link", "value": {"platform": "linkedin", "url": "https://www.linkedin.com/company/nfc", "link_text": ""}},
    {"type": "link", "value": {"platform": "other", "url": "https://forum.example/nfc", "link_text": "Our forum"}},
]


@pytest.fixture
def settings_row(db):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def test_footer_shows_every_contact_setting(client, home_page, settings_row):
    settings_row.organisation_name = "Federation of Worker Co-operatives"
    settings_row.postal_address = "1 Mill Lane\nMilltown"
    settings_row.email = "office@fwc.example"
    settings_row.phone = "+44 1632 960 000"
    settings_row.footer_text = "Owned by its members since 1921."
    settings_row.alliance_url = "https://www.ica.coop/en"
    settings_row.save()
    soup = html(client.get("/en/"))
    footer = soup.find("footer")
    text = text_of(footer)
    assert "Federation of Worker Co-operatives" in text
    assert "1 Mill Lane" in text and "Milltown" in text
    assert "Owned by its members since 1921." in text
    assert footer.find("a", href="mailto:office@fwc.example") is not None
    assert footer.find("a", href="tel:+441632960000") is not None
    assert footer.find("a", href="https://www.ica.coop/en") is not None
    assert soup.title.string.endswith("| Federation of Worker Co-operatives")


def test_footer_lists_the_social_links_in_order_with_their_names(client, home_page, settings_row):
    settings_row.social_links = SOCIAL_LINKS
    settings_row.save()
    section = html(client.get("/en/")).find("footer").find(id="footer-social").find_parent("section")
    links = [(a["href"], a.get_text(strip=True)) for a in section.find_all("a")]
    assert links == [("https://www.linkedin.com/company/nfc", "LinkedIn"), ("https://forum.example/nfc", "Our forum")]


def test_footer_has_no_social_section_without_social_links(client, home_page, settings_row):
    assert html(client.get("/en/")).find(id="footer-social") is None


def test_templates_hold_no_copy_of_the_settings(client, home_page, settings_row):
    """The defaults of the settings appear nowhere once the settings say something else."""
    settings_row.organisation_name = "Renamed Federation"
    settings_row.alliance_url = "https://alliance.example"
    settings_row.save()
    text = client.get("/en/").content.decode()
    assert "National Federation of Co-operatives" not in text
    assert "ica.coop" not in text


def test_an_other_social_link_needs_its_words():
    block = SocialLinksStreamBlock()
    value = block.to_python(
        [{"type": "link", "value": {"platform": "other", "url": "https://x.example", "link_text": ""}}]
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_moderator_edits_the_site_settings_in_the_admin(client, settings_row):
    moderator = factories.UserFactory(groups=["Moderators"])
    client.force_login(moderator)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", settings_row.site_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation_name": "Federation",
            "postal_address": "",
            "email": "",
            "phone": "",
            "alliance_url": "https://ica.coop",
            "footer_text": "",
            "social_links-count": "1",
            "social_links-0-type": "link",
            "social_links-0-deleted": "",
            "social_links-0-order": "0",
            "social_links-0-value-platform": "youtube",
            "social_links-0-value-url": "https://www.youtube.com/@federation",
            "social_links-0-value-link_text": "",
            "default_social_image": "",
            "enquiries_email": "join@federation.example",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    settings_row.refresh_from_db()
    assert settings_row.enquiries_email == "join@federation.example"
    assert [link.value["platform"] for link in settings_row.social_links] == ["youtube"]


def test_editor_cannot_edit_the_site_settings(client, editor, settings_row):
    client.force_login(editor)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", settings_row.site_id])
    assert client.get(url).status_code in (302, 403)
