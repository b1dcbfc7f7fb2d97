"""The demo in French and Spanish shows each chosen document in the page's language.

The translated demo pages keep the English documents their originals chose (wagtail-localize copies the ids); the
page shows the French or Spanish edition where the library has one, and the English one where it has none.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale

from home.demo.content import HOME, PAGES
from tests.fixtures import html, text_of

from .test_demo_translations import english_pages

pytestmark = pytest.mark.django_db


def section_titles(response, heading):
    """The document titles of the section (or block) whose heading reads ``heading``."""
    page = html(response)
    found = page.find(lambda tag: tag.name in ("h2", "h3") and text_of(tag) == heading)
    assert found is not None, f"no {heading!r} heading"
    container = found.find_parent(["section", "div"])
    return [text_of(title) for title in container.select(".document-card__title")]


class DemoDocumentLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO(), stderr=StringIO())
        cls.english = english_pages()

    def url(self, key, language):
        page = self.english[key].get_translation(Locale.objects.get(language_code=language))
        return page.get_url()

    def test_french_home_lists_the_french_editions(self):
        response = self.client.get(self.url(HOME.key, "fr"))
        recent = section_titles(response, "Parutions récentes")
        self.assertIn("L'Alliance en bref", recent)
        self.assertNotIn("The Alliance at a glance", recent)
        # The annual report has no French edition: still offered, in English.
        self.assertIn("Federation annual report 2024", recent)
        latest = section_titles(response, "Derniers documents")
        self.assertIn("Guide de l'adhésion", latest)
        self.assertNotIn("Membership guide", latest)
        self.assertNotIn("The Alliance at a glance", latest)
        self.assertNotIn("L'Alliance en bref", latest)  # already in "Parutions récentes"

    def test_english_home_keeps_the_english_documents(self):
        response = self.client.get(self.url(HOME.key, "en"))
        recent = section_titles(response, "Recently published")
        self.assertIn("The Alliance at a glance", recent)
        self.assertNotIn("L'Alliance en bref", recent)
        latest = section_titles(response, "Latest documents")
        self.assertNotIn("Guide de l'adhésion", latest)

    def test_spanish_related_documents_offer_the_spanish_edition(self):
        key = next(spec.key for spec in PAGES if spec.key == "why_join")
        response = self.client.get(self.url(key, "es"))
        related = section_titles(response, "Documentos relacionados")
        self.assertIn("Guía de la identidad cooperativa", related)
        self.assertNotIn("The co-operative identity: a short guide", related)
        self.assertIn("Membership guide", related)  # no Spanish edition: the English one, labelled so
        card = html(response).find(lambda tag: tag.name == "h3" and text_of(tag) == "Membership guide")
        language = card.find_parent("article").select_one(".document-card__language")
        self.assertIn("Inglés", text_of(language))
