"""Smoke test of ``manage.py load_demo_content``: the tree it builds, and that running it again changes nothing.

The only tests that use the demo loader; every other test builds its data with the factories.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import BaseViewRestriction, Collection, Page, PageViewRestriction, Revision, Site

from about.models import AboutPage, AlliancePage, WhyJoinPage
from documents.models import DocumentsLibraryPage, PortalDocument
from home.models import CustomImage, HomePage, StandardPage
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db

TREE = {
    "/en/": (HomePage, "home/home_page.html"),
    "/en/about-us/": (AboutPage, "about/about_page.html"),
    "/en/about-us/international-co-operative-alliance/": (AlliancePage, "about/alliance_page.html"),
    "/en/about-us/why-join-the-ica/": (WhyJoinPage, "about/why_join_page.html"),
    "/en/documents/": (DocumentsLibraryPage, "documents/documents_library_page.html"),
    "/en/private-areas/": (StandardPage, "home/standard_page.html"),
}


def load_demo_content():
    call_command("load_demo_content", stdout=StringIO(), stderr=StringIO())


def page_at(url):
    site = Site.objects.get(is_default_site=True)
    path = url.removeprefix("/en/")
    return Page.objects.get(url_path=site.root_page.url_path + path).specific


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "documents": PortalDocument.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


class DemoContentTests(TestCase):
    """What one run builds. The loader runs once for the class; each test only reads."""

    @classmethod
    def setUpTestData(cls):
        load_demo_content()

    def test_demo_content_builds_the_page_tree(self):
        for url, (model, _template) in TREE.items():
            with self.subTest(url=url):
                page = page_at(url)
                self.assertIs(type(page), model)
                self.assertTrue(page.live)

    def test_demo_content_puts_the_members_pages_inside_private_areas(self):
        children = page_at("/en/private-areas/").get_children().live()
        self.assertTrue(children.exists())
        self.assertTrue(all(type(child.specific) is StandardPage for child in children))

    def test_demo_content_restricts_private_areas_to_members(self):
        restriction = PageViewRestriction.objects.get(page=page_at("/en/private-areas/"))
        self.assertEqual(restriction.restriction_type, BaseViewRestriction.GROUPS)
        self.assertEqual(list(restriction.groups.values_list("name", flat=True)), ["Members"])

    def test_demo_content_creates_the_demo_accounts_in_their_groups(self):
        users = {user.username: user for user in get_user_model().objects.all()}
        self.assertLessEqual({"admin", "editor", "moderator", "member", "visitor"}, set(users))
        self.assertTrue(users["admin"].is_superuser)
        for username, group in [("editor", "Editors"), ("moderator", "Moderators"), ("member", "Members")]:
            with self.subTest(username=username):
                self.assertEqual(list(users[username].groups.values_list("name", flat=True)), [group])
        self.assertFalse(users["visitor"].groups.exists())
        self.assertFalse(users["visitor"].is_superuser)

    def test_demo_content_has_images_and_pdf_documents(self):
        self.assertTrue(CustomImage.objects.exists())
        self.assertTrue(PortalDocument.objects.filter(file__endswith=".pdf").exists())

    def test_demo_pages_render_with_their_templates_for_a_member(self):
        self.client.force_login(get_user_model().objects.get(username="member"))
        for url, (_model, template) in TREE.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertTemplateUsed(response, template)

    def test_demo_alliance_page_shows_the_key_facts(self):
        text = text_of(html(self.client.get("/en/about-us/international-co-operative-alliance/")).find("main"))
        for fact in ["1895", "London", "310", "107", "nearly 1 billion", "Brussels", "Belgium", "1946", "41"]:
            with self.subTest(fact=fact):
                self.assertIn(fact, text)

    def test_demo_private_areas_redirect_anonymous_visitors_to_log_in(self):
        self.assertEqual(self.client.get("/en/private-areas/").status_code, 302)


@pytest.fixture
def demo():
    load_demo_content()


def test_demo_content_second_run_changes_nothing(demo):
    before = counts()
    load_demo_content()
    assert counts() == before


def test_demo_content_second_run_keeps_an_editors_change(demo):
    editor = get_user_model().objects.get(username="editor")
    moderator = get_user_model().objects.get(username="moderator")
    page = page_at("/en/about-us/international-co-operative-alliance/")
    page.intro = "Rewritten by an editor."
    page.member_organisations = 320
    page.save_revision(user=editor).publish(user=moderator)
    latest_revision = page.latest_revision_id

    load_demo_content()

    page = page_at("/en/about-us/international-co-operative-alliance/")
    assert page.intro == "Rewritten by an editor."
    assert page.member_organisations == 320
    assert page.latest_revision_id == latest_revision


def test_demo_content_second_run_keeps_an_editors_draft(demo):
    page = page_at("/en/about-us/")
    page.title = "About the federation"
    page.save_revision()

    load_demo_content()

    page = page_at("/en/about-us/")
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "About the federation"
