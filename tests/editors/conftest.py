"""Fixtures for the editors' experience: the two admin groups, the membership enquiry form and the site settings."""

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from tests import factories


@pytest.fixture
def moderator(db):
    return factories.UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def site_settings(db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "hello@federation.example"
    settings.enquiries_email = "membership@federation.example"
    settings.save()
    return settings


@pytest.fixture
def enquiry_page(why_join_page, site_settings):
    """Why join → "Ask about membership", with a name, an e-mail address and a question."""
    from about.models import MembershipEnquiryFormField, MembershipEnquiryPage

    page = MembershipEnquiryPage(
        title="Ask about membership",
        slug="ask-about-membership",
        intro="Tell us about your organisation.",
        thank_you_text="<p>Thank you: we will reply within five working days.</p>",
    )
    why_join_page.add_child(instance=page)
    for order, (label, field_type, required) in enumerate(
        [("Your name", "singleline", True), ("Your e-mail", "email", True), ("Your question", "multiline", False)]
    ):
        MembershipEnquiryFormField.objects.create(
            page=page, sort_order=order, label=label, field_type=field_type, required=required
        )
    page.save_revision().publish()
    return page


ENQUIRY = {"your_name": "Ada Lovelace", "your_e_mail": "ada@coop.example", "your_question": "How do we join?"}
