"""The leak suite in every language: the demo site translated into French and Spanish the way editors do it
(``copy_for_translation``, parents first), with the members' restriction on the English private areas alone.

Every surface of ``LeakSuite`` is walked again with the translated pages among the public pages (their menus,
breadcrumbs and cards) and among the members-only ones (their titles, addresses and text are secrets), plus each
language's own search. The translated members-only titles carry a word of their language, so a leak of a
translation is told apart from a leak of its English original.
"""

import re
from urllib.parse import urlencode

from wagtail.models import Locale, Page, PageViewRestriction

from tests.privacy import test_leaks

LANGUAGES = ("fr", "es")
MARKS = {"fr": "version française", "es": "versión española"}


def translate_site(home, language):
    """Every live page under ``home`` (inclusive) translated into ``language`` and published, parents first;
    restrictions Wagtail copied onto the translations are taken off (the English page's restriction covers them)."""
    locale = Locale.objects.get(language_code=language)
    translations = []
    for page in home.get_descendants(inclusive=True).live().specific().order_by("path"):
        translation = page.copy_for_translation(locale)
        PageViewRestriction.objects.filter(page=translation).delete()
        translation.title = f"{page.title} ({MARKS[language]})"
        translation.save_revision().publish()
        translations.append(Page.objects.get(pk=translation.pk).specific)
    return translations


class TranslatedLeakSuite(test_leaks.LeakSuite):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The demo loads its own French and Spanish trees, each with its own restriction: this suite makes them
        # again as copies with the restriction on the English private areas alone, so those go first.
        for page in Page.objects.filter(depth__gt=1).exclude(locale__language_code="en").order_by("-depth"):
            if Page.objects.filter(pk=page.pk).exists():
                page.delete()
        assert not Page.objects.filter(depth__gt=1).exclude(locale__language_code="en").exists()
        kept = set(Page.objects.values_list("pk", flat=True))
        cls.private_pages = [page for page in cls.private_pages if page.pk in kept]
        cls.public_pages = [page for page in cls.public_pages if page.pk in kept]
        home = Page.objects.get(depth=2, locale__language_code="en")
        section = Page.objects.get(slug="private-areas", locale__language_code="en")
        private_keys = {page.translation_key for page in cls.private_pages}
        for language in LANGUAGES:
            for page in translate_site(home, language):
                (cls.private_pages if page.translation_key in private_keys else cls.public_pages).append(page)
        assert not PageViewRestriction.objects.exclude(page=section).filter(page__locale__language_code="fr").exists()
        cls.translated_private_pages = [page for page in cls.private_pages if page.locale.language_code != "en"]
        assert len(cls.translated_private_pages) == 2 * len(
            [p for p in cls.private_pages if p.locale.language_code == "en"]
        )

    def public_surfaces(self):
        """``LeakSuite``'s surfaces (now with every translated public page), and each language's own site search
        and suggestions for the translated members-only pages' words."""
        rows = super().public_surfaces()
        for page in self.translated_private_pages:
            language = page.locale.language_code
            for words in {page.title, *(test_leaks._body_snippets(page)[:1])}:
                short = " ".join(re.findall(r"\w+", words)[:2])
                for query in (words, short):
                    rows.append(
                        (f"{language} search for {query!r}", f"/{language}/search/?" + urlencode({"q": query}), query)
                    )
                    rows.append(
                        (
                            f"{language} suggestions for {query!r}",
                            f"/{language}/search/autocomplete/?" + urlencode({"q": query}),
                            query,
                        )
                    )
            rows.append((f"{language} 404 page", f"/{language}/no-such-page/", None))
            rows.append((f"{language} login page", f"/{language}/login/", None))
        return rows

    # The walk of every surface, and the refusals, run again; the member-side checks of ``LeakSuite`` (the library,
    # documents, search counts) do not depend on the language and are not repeated.
    test_member_downloads_every_members_only_document_privately = None
    test_member_sees_members_only_documents_in_the_library_marked_as_such = None
    test_library_facet_counts_count_only_what_the_visitor_may_see = None
    test_library_facets_offer_no_value_only_members_only_documents_have = None
    test_member_sees_members_only_documents_in_library_facets_and_search = None
    test_member_reads_members_only_detail_pages_privately = None
    test_member_sees_the_members_image_through_the_checked_media_view = None
    test_member_finds_members_pages_in_site_search = None
    test_site_search_counts_count_only_what_an_anonymous_visitor_may_see = None
    test_site_search_counts_count_only_what_a_non_member_may_see = None
    test_member_finds_members_only_documents_in_site_search_and_suggestions = None
    test_document_files_are_never_served_as_plain_media = None
    test_no_members_only_file_bytes_reach_an_anonymous_request_or_a_non_members_token = None
    # The API serves the default site's tree (the English one) alone for now: a translated page is a 404 over the API
    # for everyone, a member too (the non-members' side is walked above, in ``api_surfaces``).
    test_member_token_reaches_members_content_over_the_api = None

    def _login(self, username):
        response = self.client.post("/en/login/", {"username": username, "password": test_leaks.PASSWORD})
        self.assertEqual(response.status_code, 302, f"{username} could not log in")
