"""HomePage and StandardPage in the admin: where they may be created, creation, preview and editing."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from about.models import AboutPage
from documents.models import DocumentsLibraryPage
from home.models import HomePage, StandardPage
from tests import factories
from tests.fixtures import PageAdminAssertions


def body_data():
    return streamfield(
        [
            ("heading", {"text": "What we do", "level": "h2"}),
            ("rich_text", rich_text("<p>We bring co-operatives together.</p>")),
        ]
    )


class HomePageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.about = factories.AboutPageFactory(parent=cls.home)

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def test_home_page_is_created_at_the_root_with_a_streamfield_body(self):
        # A site has one home page, so make room for the new one first.
        Site.objects.all().delete()
        self.home.delete()
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Welcome",
                    "slug": "welcome",
                    "hero_heading": "Co-operatives, together",
                    "intro": "The federation's portal.",
                    "highlights": streamfield([]),
                    "body": body_data(),
                }
            ),
        )
        page = HomePage.objects.get(slug="welcome")
        self.assertEqual([block.block_type for block in page.body], ["heading", "rich_text"])
        self.assertEqual(page.body[0].value["text"], "What we do")
        self.assertTrue(page.live)

    def test_a_second_home_page_cannot_be_created(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_home_page_is_only_allowed_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_allows_about_documents_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {AboutPage, DocumentsLibraryPage, StandardPage})

    def test_home_page_preview_renders(self):
        data = nested_form_data(
            {
                "title": "Home",
                "slug": "home",
                "hero_heading": "Previewed hero",
                "highlights": streamfield([("card", {"page": self.about.pk, "title": "Who we are", "text": ""})]),
                "body": body_data(),
            }
        )
        response = self.assertPreviewRenders(self.home, "home/home_page.html", data)
        self.assertContains(response, "Previewed hero")
        self.assertContains(response, "Who we are")

    def test_home_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(self.home)


class StandardPageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.section = factories.StandardPageFactory(
            parent=cls.home,
            title="Private areas",
            body=[{"type": "heading", "value": {"text": "For members", "level": "h2"}}],
        )

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def test_standard_page_is_created_under_the_home_page_with_a_streamfield_body(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Contact",
                    "intro": "How to reach us.",
                    "body": body_data(),
                    "related_documents": streamfield([]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="contact")
        self.assertEqual(page.get_parent().specific, self.home)
        self.assertIn("We bring co-operatives together.", page.body[1].value.source)

    def test_standard_page_is_created_under_a_standard_page(self):
        self.assertCanCreate(
            self.section,
            StandardPage,
            nested_form_data({"title": "Members' notices", "body": body_data(), "related_documents": streamfield([])}),
        )
        self.assertTrue(StandardPage.objects.child_of(self.section).filter(title="Members' notices").exists())

    def test_standard_page_parents_are_home_and_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_standard_page_allows_only_standard_subpages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_preview_renders(self):
        data = nested_form_data(
            {
                "title": "Private areas",
                "slug": "private-areas",
                "body": streamfield([("heading", {"text": "Previewed heading", "level": "h2"})]),
                "related_documents": streamfield([]),
            }
        )
        response = self.assertPreviewRenders(self.section, "home/standard_page.html", data)
        self.assertContains(response, "Previewed heading")

    def test_standard_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(self.section)
