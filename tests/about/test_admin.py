"""AboutPage, AlliancePage and WhyJoinPage in the admin: where they may be created, creation, preview, editing."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from about.models import AboutPage, AlliancePage, MembershipEnquiryPage, WhyJoinPage
from home.models import HomePage
from tests import factories
from tests.fixtures import PageAdminAssertions

ALLIANCE_FACTS = {
    "organisation_name": "International Co-operative Alliance",
    "founded_year": "1895",
    "founded_city": "London",
    "member_organisations": "310",
    "countries": "107",
    "people_represented": "1000000000",
    "people_represented_qualifier": "nearly",
    "headquarters_city": "Brussels",
    "headquarters_country": "Belgium",
    "headquarters_country_code": "BE",
    "un_consultative_status_year": "1946",
    "ecosoc_status": "General consultative status (Category I)",
    "ecosoc_category_size": "41",
    "website": "https://ica.coop",
}


def body_data():
    return streamfield(
        [
            ("heading", {"text": "Objectives", "level": "h2"}),
            ("rich_text", rich_text("<p>Promote the co-operative model.</p>")),
        ]
    )


class AboutPageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.about = factories.AboutPageFactory(parent=cls.home)

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def test_about_page_is_created_under_the_home_page_with_a_streamfield_body(self):
        self.assertCanCreate(
            self.home,
            AboutPage,
            nested_form_data({"title": "Who we are", "intro": "Our federation.", "body": body_data()}),
        )
        page = AboutPage.objects.get(slug="who-we-are")
        self.assertEqual([block.block_type for block in page.body], ["heading", "rich_text"])

    def test_about_page_is_only_allowed_under_the_home_page(self):
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})

    def test_about_page_allows_the_alliance_and_why_join_pages(self):
        self.assertAllowedSubpageTypes(AboutPage, {AlliancePage, WhyJoinPage})

    def test_about_page_preview_renders(self):
        data = nested_form_data({"title": "About us", "slug": "about-us", "body": body_data()})
        response = self.assertPreviewRenders(self.about, "about/about_page.html", data)
        self.assertContains(response, "Promote the co-operative model.")

    def test_about_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(self.about)


class AlliancePageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.about = factories.AboutPageFactory(parent=HomePage.objects.get())

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def form_data(self, **extra):
        return nested_form_data(
            {
                "title": "International Co-operative Alliance",
                "slug": "international-co-operative-alliance",
                **ALLIANCE_FACTS,
                "regional_offices": inline_formset(
                    [{"region": "Africa", "name": "Cooperatives Africa", "city": "Nairobi"}]
                ),
                "body": body_data(),
                "related_documents": streamfield([]),
                **extra,
            }
        )

    def test_alliance_page_is_created_under_the_about_page_with_facts_offices_and_body(self):
        self.assertCanCreate(self.about, AlliancePage, self.form_data())
        page = AlliancePage.objects.get()
        self.assertEqual(page.member_organisations, 310)
        self.assertEqual([office.name for office in page.regional_offices.all()], ["Cooperatives Africa"])
        self.assertEqual(page.body[0].value["text"], "Objectives")

    def test_alliance_page_is_created_without_regional_offices_or_documents(self):
        self.assertCanCreate(self.about, AlliancePage, self.form_data(regional_offices=inline_formset([])))
        self.assertFalse(AlliancePage.objects.get().regional_offices.exists())

    def test_only_one_alliance_page_may_exist(self):
        factories.AlliancePageFactory(parent=self.about)
        self.assertFalse(AlliancePage.can_create_at(self.about))

    def test_alliance_page_is_only_allowed_under_the_about_page(self):
        self.assertAllowedParentPageTypes(AlliancePage, {AboutPage})

    def test_alliance_page_allows_no_subpages(self):
        self.assertAllowedSubpageTypes(AlliancePage, set())

    def test_alliance_page_preview_renders(self):
        page = factories.AlliancePageFactory(parent=self.about)
        response = self.assertPreviewRenders(page, "about/alliance_page.html", self.form_data())
        self.assertContains(response, "Cooperatives Africa")
        self.assertContains(response, "application/ld+json")

    def test_alliance_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(factories.AlliancePageFactory(parent=self.about))


class WhyJoinPageAdminTests(PageAdminAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.about = factories.AboutPageFactory(parent=HomePage.objects.get())

    def setUp(self):
        self.client.force_login(factories.SuperuserFactory())

    def form_data(self):
        return nested_form_data(
            {
                "title": "Why join the ICA",
                "slug": "why-join-the-ica",
                "body": streamfield(
                    [
                        ("heading", {"text": "Membership", "level": "h2"}),
                        (
                            "call_to_action",
                            {
                                "heading": "Ask about membership",
                                "text": "",
                                "page": "",
                                "external_url": "https://example.org/join",
                                "link_text": "Write to us",
                            },
                        ),
                    ]
                ),
                "related_documents": streamfield([]),
            }
        )

    def test_why_join_page_is_created_under_the_about_page_with_a_streamfield_body(self):
        self.assertCanCreate(self.about, WhyJoinPage, self.form_data())
        page = WhyJoinPage.objects.get()
        self.assertEqual([block.block_type for block in page.body], ["heading", "call_to_action"])
        self.assertEqual(page.body[1].value.url, "https://example.org/join")

    def test_why_join_page_refuses_a_call_to_action_without_destination(self):
        data = self.form_data()
        data["body-1-value-external_url"] = ""
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["about", "whyjoinpage", self.about.pk]), data
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(WhyJoinPage.objects.exists())
        self.assertIn("body", response.context["form"].errors)

    def test_why_join_page_is_only_allowed_under_the_about_page(self):
        self.assertAllowedParentPageTypes(WhyJoinPage, {AboutPage})

    def test_why_join_page_allows_only_the_membership_enquiry_form_below_it(self):
        self.assertAllowedSubpageTypes(WhyJoinPage, {MembershipEnquiryPage})

    def test_why_join_page_preview_renders(self):
        page = factories.WhyJoinPageFactory(parent=self.about)
        response = self.assertPreviewRenders(page, "about/why_join_page.html", self.form_data())
        self.assertContains(response, 'href="https://example.org/join"')

    def test_why_join_page_edit_view_loads_for_an_editor(self):
        self.assertEditViewLoadsForEditor(factories.WhyJoinPageFactory(parent=self.about))
