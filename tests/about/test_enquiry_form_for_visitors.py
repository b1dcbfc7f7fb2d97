"""The membership enquiry form as a visitor meets it: input purposes for autofill (WCAG 1.3.5), no answer chosen
for them, a privacy notice, an error summary that links to each answer to correct, and a copy by e-mail."""

import pytest
from django.core import mail

from about.models import MembershipEnquiryFormField
from tests.editors import conftest as editors
from tests.editors.conftest import ENQUIRY
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db

# The editors' tests' enquiry page (name, e-mail, question) and site settings.
enquiry_page = editors.enquiry_page
site_settings = editors.site_settings


@pytest.fixture
def full_form(enquiry_page):
    for order, (label, field_type, choices) in enumerate(
        [
            ("Your organisation", "singleline", ""),
            ("Kind of organisation", "dropdown", "Co-operative enterprise\nNational federation\nOther"),
            ("Country", "singleline", ""),
            ("Telephone", "singleline", ""),
        ],
        start=10,
    ):
        MembershipEnquiryFormField.objects.create(
            page=enquiry_page, sort_order=order, label=label, field_type=field_type, required=True, choices=choices
        )
    return enquiry_page


def test_questions_about_the_enquirer_say_their_input_purpose(client, full_form):
    soup = html(client.get(full_form.url))
    purposes = {field["name"]: field.get("autocomplete") for field in soup.select("form.enquiry-form [name]")}
    assert purposes["your_name"] == "name"
    assert purposes["your_e_mail"] == "email"
    assert purposes["your_organisation"] == "organization"
    assert purposes["country"] == "country-name"
    assert purposes["telephone"] == "tel"
    assert purposes["your_question"] is None  # not about the enquirer


def test_no_kind_of_organisation_is_chosen_for_the_visitor(client, full_form):
    select = html(client.get(full_form.url)).select_one("select[name=kind_of_organisation]")
    options = select.find_all("option")
    assert options[0]["value"] == "" and text_of(options[0]) == "Choose…"
    assert [option["value"] for option in select.select("option[selected]")] in ([], [""])
    assert select.get("autocomplete") is None  # a kind of organisation is not the enquirer's own data
    response = client.post(full_form.url, {**ENQUIRY, "your_organisation": "Dairy", "country": "BE", "telephone": "1"})
    assert html(response).select_one("#id_kind_of_organisation")["aria-invalid"] == "true"


def test_the_form_carries_a_privacy_notice_beside_its_button(client, enquiry_page):
    soup = html(client.get(enquiry_page.url))
    notice = soup.select_one("#enquiry-privacy")
    assert "only to reply to your enquiry" in text_of(notice)
    assert soup.select_one("form.enquiry-form button[type=submit]")["aria-describedby"] == "enquiry-privacy"


def test_the_error_summary_links_to_each_answer_to_correct_and_takes_the_focus(client, enquiry_page):
    soup = html(client.post(enquiry_page.url, {"your_name": "", "your_e_mail": "not an address"}))
    summary = soup.select_one("#error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    links = {link["href"]: text_of(link) for link in summary.select("a")}
    assert set(links) == {"#id_your_name", "#id_your_e_mail"}
    assert links["#id_your_name"].startswith("Your name: ")
    for target in links:
        assert soup.select_one(target) is not None


def test_the_enquirer_gets_an_acknowledgement_with_a_copy_of_their_answers(client, enquiry_page):
    client.post(enquiry_page.url, ENQUIRY)
    acknowledgement = [message for message in mail.outbox if message.to == ["ada@coop.example"]]
    assert len(acknowledgement) == 1
    assert acknowledgement[0].subject.startswith("Your enquiry to ")
    assert "Your question: How do we join?" in acknowledgement[0].body
    assert "fax" not in acknowledgement[0].body.lower()
