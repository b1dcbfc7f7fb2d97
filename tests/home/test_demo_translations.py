"""The demo content in French and Spanish: ``manage.py load_demo_content`` builds each demo page's translation, the
site texts in both languages, members-only private areas in every language, and creates nothing on a second run.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site

from home.demo import content_es, content_fr
from home.demo.content import HOME, PAGES
from home.models import SiteSettings, SiteTexts
from tests.fixtures import html, text_of

pytestmark = pytest.mark.django_db

# Words each language uses all the time and the others never do, to tell a translated text from an English one.
MARKERS = {
    "fr": {" les ", " des ", " et ", " du ", " l'", " d'", " à "},
    "es": {" los ", " las ", " y ", " del ", " el ", " una "},
}
ENGLISH_MARKERS = {" the ", " and ", " of ", " for "}


def load_demo_content():
    call_command("load_demo_content", stdout=StringIO(), stderr=StringIO())


def english_pages():
    """The English demo pages by key, found by their demo slugs under the default site's root."""
    root = Site.objects.get(is_default_site=True).root_page.specific
    pages = {HOME.key: root}
    for spec in PAGES:
        pages[spec.key] = pages[spec.parent].get_children().get(slug=spec.slug).specific
    return pages


def words(text):
    return f" {' '.join(text.split())} "


class DemoTranslationsTests(TestCase):
    """What one run builds in French and Spanish. The loader runs once for the class; each test only reads."""

    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.english = english_pages()
        cls.member = get_user_model().objects.get(username="member")

    def translation(self, key, language):
        return self.english[key].get_translation(Locale.objects.get(language_code=language)).specific

    def test_every_demo_page_has_a_live_french_and_spanish_translation_with_a_translated_slug(self):
        for key, page in self.english.items():
            for language in ("fr", "es"):
                with self.subTest(page=key, language=language):
                    translated = self.translation(key, language)
                    self.assertTrue(translated.live)
                    self.assertIs(type(translated), type(page))
                    self.assertEqual(translated.translation_key, page.translation_key)
                    self.assertNotEqual(translated.slug, page.slug)
                    self.assertNotEqual(translated.search_description, page.search_description)

    def test_translated_pages_are_written_in_their_language(self):
        for key in self.english:
            for language in ("fr", "es"):
                with self.subTest(page=key, language=language):
                    page = self.translation(key, language)
                    text = words(f"{page.title} {page.intro} {page.search_description}")
                    self.assertTrue([marker for marker in MARKERS[language] if marker in text], text)
                    self.assertFalse([marker for marker in ENGLISH_MARKERS if marker in text], text)

    def test_translated_tree_mirrors_the_english_tree(self):
        for spec in PAGES:
            for language in ("fr", "es"):
                with self.subTest(page=spec.key, language=language):
                    parent = self.translation(spec.key, language).get_parent().specific
                    self.assertEqual(parent.pk, self.translation(spec.parent, language).pk)

    def test_an_editor_can_add_a_page_under_every_translated_page(self):
        # Each translated page's tree bookkeeping counts the children it was given, so a new child gets a free
        # place in the tree (a stale count of 0 made Wagtail give it the first child's path: "Page with this Path
        # already exists").
        from home.models import StandardPage

        for key in self.english:
            for language in ("fr", "es"):
                with self.subTest(page=key, language=language):
                    parent = Page.objects.get(pk=self.translation(key, language).pk)
                    self.assertEqual(parent.numchild, parent.get_children().count())
                    child = parent.add_child(instance=StandardPage(title="Nouvelle page", slug=f"nouvelle-{key}"))
                    self.assertEqual(child.get_parent().pk, parent.pk)

    def test_the_sites_home_page_is_localized_to_the_french_and_spanish_home_pages(self):
        root = Site.objects.get(is_default_site=True).root_page
        for language, title in (("fr", "Accueil"), ("es", "Inicio")):
            with self.subTest(language=language):
                home = self.translation("home", language)
                self.assertEqual(home.get_parent().depth, 1)
                self.assertEqual(root.get_translation(Locale.objects.get(language_code=language)).pk, home.pk)
                self.assertEqual(home.title, title)

    def test_french_home_page_is_served_at_fr_with_a_french_menu(self):
        response = self.client.get("/fr/")
        self.assertEqual(response.status_code, 200)
        page = html(response)
        self.assertIn("Des coopératives qui avancent ensemble", text_of(page.find("main")))
        menu = page.find("nav", attrs={"aria-label": True})
        links = {a.get_text(strip=True): a["href"] for a in menu.find_all("a")}
        self.assertEqual(links.get("À propos"), "/fr/a-propos/")
        self.assertEqual(links.get("Documents"), "/fr/bibliotheque/")
        self.assertNotIn("About us", links)

    def test_spanish_home_page_is_served_at_es_with_a_spanish_menu(self):
        response = self.client.get("/es/")
        self.assertEqual(response.status_code, 200)
        page = html(response)
        self.assertIn("Cooperativas que trabajan juntas", text_of(page.find("main")))
        links = {a.get_text(strip=True): a["href"] for a in page.find("nav", class_="main-nav").find_all("a")}
        self.assertEqual(links.get("Quiénes somos"), "/es/acerca-de/")
        self.assertEqual(links.get("Documentos"), "/es/documentos/")
        self.assertNotIn("About us", links)

    def test_links_in_french_content_lead_to_french_pages(self):
        main = html(self.client.get("/fr/")).find("main")
        hrefs = {a["href"] for a in main.find_all("a", href=True)}
        self.assertIn("/fr/a-propos/alliance-cooperative-internationale/", hrefs)
        self.assertIn("/fr/a-propos/pourquoi-adherer-a-l-aci/", hrefs)
        self.assertFalse({href for href in hrefs if href.startswith("/en/")})

    def test_french_alliance_page_shows_key_figures_and_offices_in_french(self):
        response = self.client.get("/fr/a-propos/alliance-cooperative-internationale/")
        self.assertEqual(response.status_code, 200)
        text = text_of(html(response).find("main"))
        for fact in ["1895", "Londres", "310", "107", "Bruxelles", "Belgique", "1946", "41", "Asie-Pacifique"]:
            with self.subTest(fact=fact):
                self.assertIn(fact, text)

    def test_spanish_enquiry_form_asks_its_questions_in_spanish(self):
        response = self.client.get("/es/acerca-de/por-que-unirse-a-la-aci/solicitar-informacion/")
        self.assertEqual(response.status_code, 200)
        labels = {label.get_text(" ", strip=True) for label in html(response).find("main").find_all("label")}
        self.assertTrue(any("Su correo electrónico" in label for label in labels), labels)
        self.assertFalse(any("Your e-mail address" in label for label in labels), labels)

    def test_a_spanish_enquiry_is_sent_and_thanked_in_spanish(self):
        form = self.translation("membership_enquiry", "es")
        answers = {
            field.clean_name: "Otra" if field.field_type == "dropdown" else "x" for field in form.form_fields.all()
        }
        answers.update({field.clean_name: "ana@example.com" for field in form.form_fields.filter(field_type="email")})
        response = self.client.post(form.url, answers)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Gracias: su consulta ha llegado a la federación", text_of(html(response).find("main")))
        self.assertEqual(form.get_submission_class().objects.filter(page=form).count(), 1)

    def test_footer_and_header_are_in_french_on_french_pages(self):
        page = html(self.client.get("/fr/a-propos/"))
        footer = text_of(page.find("footer"))
        self.assertIn("porte la voix des coopératives du pays", footer)
        self.assertIn("Fédération nationale des coopératives", text_of(page.find("header")))
        self.assertNotIn("speaks for the country's co-operatives", footer)

    def test_footer_stays_in_english_on_english_pages(self):
        self.client.get("/fr/")  # a French footer in the cache must not reach English pages
        footer = text_of(html(self.client.get("/en/about-us/")).find("footer"))
        self.assertIn("speaks for the country's co-operatives", footer)
        self.assertNotIn("porte la voix", footer)

    def test_french_and_spanish_private_areas_are_members_only(self):
        for language in ("fr", "es"):
            private = self.translation("private_areas", language)
            restriction = PageViewRestriction.objects.get(page=private)
            self.assertEqual(list(restriction.groups.values_list("name", flat=True)), ["Members"])
            response = self.client.get(private.url)
            self.assertEqual(response.status_code, 302)
            self.assertIn("/login/", response["Location"])
            children = list(private.get_children().specific())
            self.assertEqual(len(children), 2)
            for page in children:
                # A members-only page answers a guessed address as a missing one does (issue 11).
                with self.subTest(url=page.url):
                    response = self.client.get(page.url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(page.title, response.content.decode())

    def test_members_read_the_french_and_spanish_private_pages(self):
        self.client.force_login(self.member)
        for language, phrase in (("fr", "Réservé aux membres"), ("es", "Solo para socios")):
            with self.subTest(language=language):
                response = self.client.get(self.translation("private_areas", language).url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(phrase, text_of(html(response).find("main")))

    def test_site_settings_read_in_french_cannot_be_saved(self):
        site = Site.objects.get(is_default_site=True)
        request = RequestFactory().get("/fr/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
        with translation.override("fr"):
            settings = SiteSettings.for_request(request)
        self.assertEqual(settings.footer_text, content_fr.SITE_TEXTS["footer_text"])
        with self.assertRaises(TypeError):
            settings.save()
        self.assertTrue(SiteSettings.for_site(site).footer_text.startswith("The National Federation of Co-operatives"))


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
        "site texts": SiteTexts.objects.count(),
    }


def test_second_run_creates_no_translations():
    load_demo_content()
    before = counts()
    load_demo_content()
    assert counts() == before
    assert before["site texts"] == 2


def test_run_on_a_site_loaded_before_languages_adds_them_and_leaves_english_pages_alone():
    load_demo_content()
    english = english_pages()
    # The site as it was before it had languages: no French or Spanish pages or site texts.
    for language in ("fr", "es"):
        english["home"].get_translation(Locale.objects.get(language_code=language)).delete()
    SiteTexts.objects.all().delete()
    editor = get_user_model().objects.get(username="editor")
    moderator = get_user_model().objects.get(username="moderator")
    about = english["about"]
    about.intro = "Rewritten by an editor."
    about.save_revision(user=editor).publish(user=moderator)
    about_revision = Page.objects.get(pk=about.pk).latest_revision_id
    english_revisions = Revision.objects.filter(object_id__in=[str(page.pk) for page in english.values()]).count()

    load_demo_content()

    for key, page in english_pages().items():
        assert page.pk == english[key].pk
        for module in (content_fr, content_es):
            translated = page.get_translation(Locale.objects.get(language_code=module.LANGUAGE))
            assert translated.live
            assert translated.slug == module.PAGES[key].slug
    about = Page.objects.get(pk=about.pk).specific
    assert about.intro == "Rewritten by an editor."
    assert about.latest_revision_id == about_revision
    assert Revision.objects.filter(object_id__in=[str(page.pk) for page in english.values()]).count() == (
        english_revisions
    )
    assert SiteTexts.objects.count() == 2
