"""The demo library (a dozen documents across categories, years and languages) and the benchmark seeding."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase

from documents.models import DocumentCategory, PortalDocument
from tests.fixtures import html, text_of


class DemoLibraryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())

    def test_demo_library_holds_a_dozen_documents_across_categories_years_and_languages(self):
        documents = list(PortalDocument.objects.select_related("category"))
        self.assertGreaterEqual(len(documents), 12)
        self.assertGreaterEqual(len({document.category_id for document in documents}), 4)
        self.assertGreaterEqual(len({document.publication_date.year for document in documents}), 4)
        self.assertEqual({document.language for document in documents}, {"en", "fr", "es"})
        self.assertGreater(len({document.file_type for document in documents}), 1)

    def test_french_and_spanish_demo_documents_hold_text_in_their_language(self):
        by_language = Counter()
        for document in PortalDocument.objects.exclude(language="en"):
            with self.subTest(document=document.title):
                words = set(document.extracted_text.lower().split())
                markers = {"fr": {"les", "des", "une", "est"}, "es": {"los", "las", "una", "es"}}[document.language]
                self.assertTrue(words & markers, document.extracted_text[:80])
                by_language[document.language] += 1
        self.assertGreaterEqual(by_language["fr"], 2)
        self.assertGreaterEqual(by_language["es"], 2)

    def test_demo_library_lists_and_filters_the_demo_documents(self):
        main = html(self.client.get("/en/documents/", {"language": "fr"})).find("main")
        titles = [text_of(title) for title in main.select(".document-card__title")]
        self.assertIn("L'Alliance en bref", titles)
        # The English guide is not listed (its card's "Also in English" names it: the demo's sets).
        self.assertNotIn("Membership guide", titles)

    def test_loading_the_demo_content_again_adds_no_document_or_category(self):
        before = (PortalDocument.objects.count(), DocumentCategory.objects.count())
        call_command("load_demo_content", stdout=StringIO())
        self.assertEqual((PortalDocument.objects.count(), DocumentCategory.objects.count()), before)

    def test_loading_again_describes_a_demo_document_loaded_before_categories_existed(self):
        document = PortalDocument.objects.get(title="L'Alliance en bref")
        # Loaded before categories, hence before translation sets too (an English one could not share the set).
        PortalDocument.objects.filter(pk=document.pk).update(category=None, language="en", translation_key=None)
        call_command("load_demo_content", stdout=StringIO())
        document.refresh_from_db()
        self.assertEqual((document.category.slug, document.language), ("fact-sheets", "fr"))
        original = PortalDocument.objects.get(title="The Alliance at a glance")
        self.assertEqual(document.translation_key, original.translation_key)


@pytest.mark.django_db
def test_seed_bench_documents_creates_searchable_documents_across_the_filters(client, library):
    call_command("seed_bench_documents", count=60, batch_size=25, stdout=StringIO())
    documents = PortalDocument.objects.filter(collection__name="Benchmark documents")
    assert documents.count() == 60
    assert {"en", "fr", "es"} <= set(documents.values_list("language", flat=True))
    assert len(set(documents.values_list("file_type", flat=True))) >= 3
    assert all(documents.values_list("extracted_text", flat=True))
    assert client.get(library.url, {"q": "solidarity"}).status_code == 200
    listing = client.get(library.url, {"language": "all"})
    assert "Showing 1 to 20 of 60 documents." in text_of(html(listing).find("main"))
    download = client.get(documents.first().url)
    assert download.status_code == 200
    download.close()
