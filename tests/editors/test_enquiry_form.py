"""The membership enquiry form: kept, e-mailed, thanked; robots refused by the honeypot and the rate limit; exported
as CSV from the admin; never lost when the e-mail fails."""

import csv
import io
import logging
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from about.enquiries import HONEYPOT_FIELD
from about.models import MembershipEnquiryFormField, MembershipEnquiryPage, WhyJoinPage
from home.models import HomePage
from tests import factories
from tests.editors.conftest import ENQUIRY
from tests.fixtures import html

pytestmark = pytest.mark.django_db


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available")


def submit(client, page, data=None, **extra):
    return client.post(page.url, data if data is not None else ENQUIRY, **extra)


# Page type ------------------------------------------------------------------------------------------------------


class EnquiryPageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = HomePage.objects.get()
        about = factories.AboutPageFactory(parent=home)
        cls.why_join = factories.WhyJoinPageFactory(parent=about)

    def setUp(self):
        self.client.force_login(factories.UserFactory(groups=["Editors"]))

    def test_enquiry_page_is_only_allowed_under_why_join(self):
        self.assertAllowedParentPageTypes(MembershipEnquiryPage, {WhyJoinPage})
        self.assertAllowedSubpageTypes(WhyJoinPage, {MembershipEnquiryPage})

    def test_editor_creates_the_form_with_its_own_fields_and_thank_you_text(self):
        self.assertCanCreate(
            self.why_join,
            MembershipEnquiryPage,
            nested_form_data(
                {
                    "title": "Ask about membership",
                    "intro": "Tell us about your organisation.",
                    "form_fields": inline_formset(
                        [
                            {"label": "Organisation", "field_type": "singleline", "required": "on"},
                            {
                                "label": "Sector",
                                "field_type": "dropdown",
                                "required": "on",
                                "choices": "Housing\nBanking",
                            },
                        ]
                    ),
                    "thank_you_text": rich_text("<p>We will reply soon.</p>"),
                    "subject": "Enquiry",
                    "from_address": "",
                }
            ),
            publish=False,
        )
        page = MembershipEnquiryPage.objects.get(slug="ask-about-membership")
        revision = page.latest_revision.as_object()
        self.assertEqual([field.label for field in revision.form_fields.all()], ["Organisation", "Sector"])

    def test_a_form_field_may_not_take_the_honeypots_name(self):
        field = MembershipEnquiryFormField(label="Fax number", field_type="singleline")
        with self.assertRaisesMessage(ValidationError, "reserved"):
            field.clean()


# Visitors ---------------------------------------------------------------------------------------------------------


def test_why_join_links_to_the_form_through_its_call_to_action(client, why_join_page, enquiry_page):
    why_join_page.body = [
        {
            "type": "call_to_action",
            "value": {
                "heading": "Interested?",
                "text": "",
                "page": enquiry_page.pk,
                "external_url": "",
                "link_text": "",
            },
        }
    ]
    why_join_page.save_revision().publish()
    cta = html(client.get(why_join_page.url)).select_one(".cta a.button")
    assert cta["href"] == enquiry_page.url


def test_form_shows_the_editors_fields_with_labels_and_a_hidden_honeypot(client, enquiry_page):
    response = client.get(enquiry_page.url)
    soup = html(response)
    form = soup.select_one("form.enquiry-form")
    labels = [label.get_text(" ", strip=True) for label in form.select(".form-field label")]
    assert labels == ["Your name (required)", "Your e-mail (required)", "Your question"]
    honeypot = form.select_one(f"input[name={HONEYPOT_FIELD}]")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="form-honeypot")["aria-hidden"] == "true"
    assert "no-store" in response["Cache-Control"]


def test_enquiry_is_stored_and_thanked(client, enquiry_page):
    response = submit(client, enquiry_page)
    assert response.status_code == 200
    assert "we will reply within five working days" in response.content.decode()
    assert html(response).find("h1").get_text(strip=True) == "Thank you for your enquiry"
    submission = FormSubmission.objects.get(page=enquiry_page)
    assert submission.form_data == ENQUIRY


def test_enquiry_is_emailed_to_the_enquiries_address_of_the_site_settings(client, enquiry_page):
    submit(client, enquiry_page)
    assert len(mail.outbox) == 2  # the federation's copy, then the enquirer's acknowledgement
    message = mail.outbox[0]
    assert message.to == ["membership@federation.example"]
    assert message.reply_to == ["ada@coop.example"]
    assert message.subject == enquiry_page.subject
    assert "Your organisation" not in message.body
    assert "Your name: Ada Lovelace" in message.body
    assert "How do we join?" in message.body
    assert HONEYPOT_FIELD not in message.body


def test_enquiry_goes_to_the_public_address_when_no_enquiries_address_is_set(client, enquiry_page, site_settings):
    site_settings.enquiries_email = ""
    site_settings.save()
    submit(client, enquiry_page)
    assert mail.outbox[0].to == ["hello@federation.example"]


def test_enquiry_is_kept_when_the_email_cannot_be_sent(client, enquiry_page, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    with caplog.at_level(logging.ERROR, logger="about.enquiries"):
        response = submit(client, enquiry_page)
    assert response.status_code == 200
    assert html(response).find("h1").get_text(strip=True) == "Thank you for your enquiry"
    assert FormSubmission.objects.filter(page=enquiry_page).count() == 1
    assert "could not be sent" in caplog.text
    assert "421 Service not available" in caplog.text


def test_enquiry_with_the_honeypot_filled_in_is_refused(client, enquiry_page):
    response = submit(client, enquiry_page, {**ENQUIRY, HONEYPOT_FIELD: "+1 555 0100"})
    assert response.status_code == 200
    assert "was not sent" in html(response).select_one(".form-error").get_text()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_enquiry_with_missing_answers_is_not_stored(client, enquiry_page):
    response = submit(client, enquiry_page, {"your_name": "Ada"})
    assert html(response).select_one("#id_your_e_mail")["aria-invalid"] == "true"
    assert not FormSubmission.objects.exists()


def test_too_many_enquiries_from_one_address_get_a_clear_429_page(client, enquiry_page, settings):
    settings.ENQUIRY_RATE_LIMIT = 5
    for _ in range(5):
        assert submit(client, enquiry_page, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = submit(client, enquiry_page, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.ENQUIRY_RATE_WINDOW)
    assert html(response).find("h1").get_text(strip=True) == "Too many enquiries"
    assert FormSubmission.objects.count() == 5
    # Another address is not affected.
    assert submit(client, enquiry_page, REMOTE_ADDR="198.51.100.9").status_code == 200
    assert FormSubmission.objects.count() == 6


def test_rate_limit_window_ends(client, enquiry_page, settings):
    from django.core.cache import cache

    settings.ENQUIRY_RATE_LIMIT = 1
    assert submit(client, enquiry_page).status_code == 200
    assert submit(client, enquiry_page).status_code == 429
    cache.clear()  # what the window's expiry does
    assert submit(client, enquiry_page).status_code == 200


# The admin ---------------------------------------------------------------------------------------------------------


def test_submissions_are_listed_and_exported_as_csv_from_the_admin(client, enquiry_page, editor):
    submit(client, enquiry_page)
    submit(client, enquiry_page, {**ENQUIRY, "your_name": "Grace Hopper", "your_e_mail": "grace@coop.example"})
    client.force_login(editor)
    listing = client.get(reverse("wagtailforms:list_submissions", args=[enquiry_page.pk]))
    assert listing.status_code == 200
    assert "Grace Hopper" in listing.content.decode()

    response = client.get(reverse("wagtailforms:list_submissions", args=[enquiry_page.pk]), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Submission date", "Your name", "Your e-mail", "Your question"]
    assert sorted(row[1] for row in rows[1:]) == ["Ada Lovelace", "Grace Hopper"]


def test_submissions_are_not_shown_to_a_logged_in_non_editor(client, enquiry_page, non_member):
    submit(client, enquiry_page)
    client.force_login(non_member)
    response = client.get(reverse("wagtailforms:list_submissions", args=[enquiry_page.pk]))
    assert response.status_code in (302, 403)
    assert "Ada Lovelace" not in response.content.decode()
