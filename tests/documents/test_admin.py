"""DocumentsLibraryPage in the admin: where it may be created, creation, preview and editing."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from documents.models import DocumentsLibraryPage
from home.models import HomePage
from tests import factories
from tests.fixtures import PageAdminAssertions


class DocumentsLibraryPageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.collection = factories.CollectionFactory(name="Reports")

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def test_documents_library_page_is_created_under_the_home_page(self):
        self.assertCanCreate(
            self.home,
            DocumentsLibraryPage,
            nested_form_data({"title": "Documents", "intro": "Our reports.", "collection": self.collection.pk}),
        )
        self.assertEqual(DocumentsLibraryPage.objects.get().collection, self.collection)

    def test_documents_library_page_is_only_allowed_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DocumentsLibraryPage, {HomePage})

    def test_documents_library_page_allows_no_subpages(self):
        self.assertAllowedSubpageTypes(DocumentsLibraryPage, set())

    def test_documents_library_page_preview_renders(self):
        page = factories.DocumentsLibraryPageFactory(parent=self.home)
        factories.PortalDocumentFactory(title="Annual report", collection=self.collection)
        data = nested_form_data({"title": "Documents", "slug": "documents", "collection": self.collection.pk})
        response = self.assertPreviewRenders(page, "documents/documents_library_page.html", data)
        self.assertContains(response, "Annual report")

    def test_documents_library_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(factories.DocumentsLibraryPageFactory(parent=self.home))
