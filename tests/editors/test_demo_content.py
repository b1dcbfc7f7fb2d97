"""The demo content has the membership enquiry form under "Why join", linked from its call to action, and fills the
editors' site settings once."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from about.models import MembershipEnquiryPage, WhyJoinPage
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def english(model):
    """The demo's English pages of ``model`` (its French and Spanish translations are pages of the same type)."""
    return model.objects.filter(locale__language_code="en")


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


def test_demo_has_the_enquiry_form_under_why_join_with_its_fields(demo):
    form = english(MembershipEnquiryPage).get()
    assert form.live
    assert isinstance(form.get_parent().specific, WhyJoinPage)
    labels = [field.label for field in form.form_fields.all()]
    assert "Your e-mail address" in labels and "Your question" in labels
    assert form.thank_you_text


def test_why_joins_call_to_action_points_to_the_form(demo):
    why_join = english(WhyJoinPage).get()
    calls = [block.value for block in why_join.body if block.block_type == "call_to_action"]
    assert [call.url for call in calls] == [english(MembershipEnquiryPage).get().url]


def test_demo_fills_the_social_and_enquiry_settings(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert [link.value["platform"] for link in settings.social_links] == ["linkedin", "x", "youtube"]
    assert settings.default_social_image is not None and settings.default_social_image.description
    assert settings.enquiries_email


def test_loading_again_changes_no_editor_setting(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.social_links = []
    settings.default_social_image = None
    settings.enquiries_email = "editors-choice@federation.example"
    settings.save()
    form = english(MembershipEnquiryPage).get()
    form.title = "Membership questions"
    form.save_revision().publish()

    call_command("load_demo_content", verbosity=0)

    settings.refresh_from_db()
    assert settings.enquiries_email == "editors-choice@federation.example"
    assert english(MembershipEnquiryPage).get().title == "Membership questions"
    assert english(MembershipEnquiryPage).count() == 1
