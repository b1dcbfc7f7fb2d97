"""No English left under /fr/ and /es/: every surface a visitor reads (every page of the demo's French and Spanish
trees, whatever its type, search with and without results, the library with filters and a document's page, login,
password reset, the members-only 403, the 404, the enquiry form with its errors and its thank-you page, My account)
and the e-mails those pages send show none of the site's English interface phrases whose translation differs.

The phrases are the site's own catalogs' (``locale/<language>/`` and ``members/locale/<language>/``): every message
of at least two words, without placeholders (their words are only part of what is shown), markup stripped, whose
translation is not the same words. A phrase found in a page's visible words (its text, and the ``alt``, ``title``,
``aria-label`` and ``placeholder`` a reader meets) was left in English: a string not marked for translation, or a
template that writes English next to a translated one.

New surfaces are covered without editing the test: the pages are walked from each language's home page (a new page
type in the demo is a new page in its French tree), and the test fails when a page type of the English demo has no
page in the language's tree.
"""

import html
import re
from pathlib import Path

import polib
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale, Page

from about.enquiries import HONEYPOT_FIELD
from about.models import MembershipEnquiryPage
from documents.models import DocumentsLibraryPage, PortalDocument
from members import access

LANGUAGES = ("fr", "es")
CATALOGS = ("locale", "members/locale")
PLACEHOLDER = re.compile(r"%\(?\w*\)?[sdif]|\{[^}]*\}")
TAG = re.compile(r"<[^>]+>")
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
PASSWORD = "a-test-password-1"  # noqa: S105


def _plain(text):
    return " ".join(html.unescape(TAG.sub(" ", text)).replace("\u00a0", " ").split())


def english_phrases(language):
    """``{English phrase: its translation}``: the catalogs' messages of at least two words, without placeholders,
    whose ``language`` translation (markup stripped) is not the same words."""
    phrases = {}
    for root in CATALOGS:
        path = Path(settings.BASE_DIR) / root / language / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            sources = [(entry.msgid, entry.msgstr or entry.msgstr_plural.get(0, ""))]
            if entry.msgid_plural:
                sources.append((entry.msgid_plural, entry.msgstr_plural.get(1, "")))
            for source, shown in sources:
                if PLACEHOLDER.search(source):
                    continue
                english, translated = _plain(source), _plain(shown)
                if len(re.findall(r"[^\W\d_]+", english)) >= 2 and translated and translated != english:
                    phrases[english] = translated
    return phrases


def visible_words(response):
    """What a reader meets in an HTML response: its text (not its scripts and styles) and the attributes read out."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    soup = BeautifulSoup(content, "html.parser")
    for node in soup(["script", "style", "template"]):
        node.decompose()
    parts = [soup.get_text(" ")]
    for node in soup.find_all(True):
        parts += [node[name] for name in READ_ATTRIBUTES if isinstance(node.get(name), str)]
    return _plain(" ".join(parts))


def without(words, texts):
    """``words`` without ``texts`` (editors' words in another language: an English document's title and description,
    which a French page names as they are, marked with the document's language)."""
    for text in sorted(texts, key=len, reverse=True):
        words = words.replace(text, " ")
    return words


def english_in(words, phrases):
    """The English phrases found in ``words`` (as whole words)."""
    return sorted(
        phrase for phrase in phrases if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", words) is not None
    )


def answers_for(page):
    """Valid answers to ``page``'s enquiry form (first choice of each choice, an address for e-mail fields)."""
    from django import forms

    form = page.get_form(page=page, user=None)
    data = {}
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        if isinstance(field, forms.EmailField):
            data[name] = "ada@coop.example"
        elif isinstance(field, forms.MultipleChoiceField):
            data[name] = [field.choices[0][0]]
        elif isinstance(field, forms.ChoiceField):
            data[name] = next(value for value, _label in field.choices if value)
        elif isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(field, forms.DateField):
            data[name] = "2026-12-05"
        elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
            data[name] = "3"
        elif isinstance(field, forms.URLField):
            data[name] = "https://coop.example"
        else:
            data[name] = "Ada Lovelace"
    return data


class NoEnglishLeft(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", verbosity=0)
        for username in ("member", "visitor"):
            user = get_user_model().objects.get(username=username)
            user.set_password(PASSWORD)
            user.email = f"{username}@coop.example"
            user.save()

    def setUp(self):
        # Every surface is fetched again for each language: the enquiry form's rate limit is not what is tested.
        self.settings_override = self.settings(ENQUIRY_RATE_LIMIT=1000)
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)

    def login(self, username):
        self.client.logout()
        if username:
            self.client.force_login(get_user_model().objects.get(username=username))

    def check(self, gaps, phrases, label, response, status=200):
        self.assertEqual(response.status_code, status, label)
        found = english_in(without(visible_words(response), self.foreign_content), phrases)
        if found:
            gaps.append(f"{label}: {found}")

    def surfaces(self, language):
        """``[(label, who, address, status), ...]``: every page of the language's tree (as a member where it is
        members-only, and its 403 for a logged-in non-member), and the site's own views in that language."""
        locale = Locale.objects.get(language_code=language)
        home = Page.objects.get(depth=2, locale=locale)
        pages = home.get_descendants(inclusive=True).live().specific().order_by("path")
        english_types = {
            page.specific_class
            for page in Page.objects.get(depth=2, locale__language_code="en").get_descendants(inclusive=True).live()
        }
        self.assertEqual({type(page) for page in pages}, english_types, f"page types without a {language} page")
        rows = []
        for page in pages:
            if access.is_restricted_page(None, page):
                rows.append((f"{page.url} (member)", "member", page.url, 200))
                # A non-member is refused (403) where the menu announces the page, else told it does not exist.
                refused = 403 if access.is_announced_page(None, page) else 404
                rows.append((f"{page.url} ({refused} for a non-member)", "visitor", page.url, refused))
            else:
                rows.append((page.url, None, page.url, 200))
        library = DocumentsLibraryPage.objects.live().get(locale=locale)
        document = PortalDocument.objects.filter(published=True, category__isnull=False).order_by("pk").first()
        year = document.publication_date.year
        rows += [
            ("library, all languages", None, f"{library.url}?language=all", 200),
            (
                "library with filters",
                None,
                f"{library.url}?language=all&category={document.category.slug}&year={year}&sort=oldest",
                200,
            ),
            ("library, filters that match nothing", None, f"{library.url}?category=no-such&year=1800", 200),
            ("a document's page", None, library.document_url(document), 200),
            ("search results", None, f"/{language}/search/?q={home.title.split()[0]}", 200),
            ("search, no results", None, f"/{language}/search/?q=zzyzx", 200),
            ("search, no words", None, f"/{language}/search/", 200),
            ("login", None, f"/{language}/login/", 200),
            ("logged out", None, f"/{language}/logout/done/", 200),
            ("password reset form", None, f"/{language}/password-reset/", 200),
            ("password reset sent", None, f"/{language}/password-reset/sent/", 200),
            ("password reset link used", None, f"/{language}/password-reset/MQ/not-a-token/", 200),
            ("password reset done", None, f"/{language}/password-reset/done/", 200),
            ("404", None, f"/{language}/no-such-page/", 404),
            ("My account", "member", f"/{language}/account/", 200),
            ("password change", "member", f"/{language}/account/password/", 200),
        ]
        return rows

    def gaps_in(self, language):
        phrases = english_phrases(language)
        # The demo's documents are in English only: the French library and pages name them as they are.
        self.foreign_content = {
            _plain(text)
            for document in PortalDocument.objects.exclude(language=language)
            for text in (document.title, document.description)
            if text
        }
        self.assertGreater(len(phrases), 100)  # the catalogs were read
        gaps = []
        for label, who, address, status in self.surfaces(language):
            self.login(who)
            self.check(gaps, phrases, label, self.client.get(address, follow=status == 200), status)
        self.login(None)

        # The enquiry form: its errors, its thank-you page and the e-mails it sends.
        enquiry = MembershipEnquiryPage.objects.live().get(locale__language_code=language)
        self.check(gaps, phrases, "enquiry form with errors", self.client.post(enquiry.url, {}))
        mail.outbox.clear()
        self.check(gaps, phrases, "enquiry thank-you page", self.client.post(enquiry.url, answers_for(enquiry)))
        self.assertGreaterEqual(len(mail.outbox), 2, "the enquirer's copy and the federation's")
        # The password reset e-mail.
        self.client.post(f"/{language}/password-reset/", {"email": "member@coop.example"})
        for message in mail.outbox:
            found = english_in(_plain(f"{message.subject}\n{message.body}"), phrases)
            if found:
                gaps.append(f"e-mail {message.subject!r} to {message.to}: {found}")
        return gaps

    def test_no_french_page_or_e_mail_shows_an_english_interface_phrase(self):
        gaps = self.gaps_in("fr")
        self.assertFalse(gaps, "English left in French:\n" + "\n".join(gaps))

    def test_no_spanish_page_or_e_mail_shows_an_english_interface_phrase(self):
        gaps = self.gaps_in("es")
        self.assertFalse(gaps, "English left in Spanish:\n" + "\n".join(gaps))

    def test_the_check_finds_an_english_phrase(self):
        phrases = english_phrases("fr")
        self.assertIn("Skip to main content", phrases)
        self.assertEqual(english_in("Aller au contenu. Skip to main content", phrases), ["Skip to main content"])
        self.assertEqual(english_in("Aller au contenu principal", phrases), [])
