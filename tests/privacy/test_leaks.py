"""The leak suite: members-only pages, documents and images of the demo content never reach anyone who may
not see them, on any surface; members reach each of them where they should.

Each surface is a row in ``public_surfaces``. A surface added later (the API, feeds, "latest documents")
gets its row here before it ships.
"""

import html
import re
from urllib.parse import urlencode, urlsplit

from django.core.management import call_command
from django.test import TestCase
from django.utils.html import strip_tags
from wagtail.models import Page

from documents.models import DocumentsLibraryPage, PortalDocument
from home.models import CustomImage
from members import access
from members.languages import language_codes

PASSWORD = "password"


def _text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode("utf-8", "replace"))


def _body_snippets(page):
    """Distinctive sentences of a page: its intro and the start of each rich-text block."""
    snippets = [page.intro] if page.intro else []
    for block in getattr(page, "body", []):
        if block.block_type == "rich_text":
            text = " ".join(html.unescape(strip_tags(block.value.source)).split())
            if len(text) > 30:
                snippets.append(text[:60])
    return snippets


class LeakSuite(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", verbosity=0)
        from django.contrib.auth import get_user_model

        User = get_user_model()
        for username in ("member", "visitor"):
            user = User.objects.get(username=username)
            user.set_password(PASSWORD)
            user.save()
        # The private areas in every language: the English section and its French and Spanish translations.
        english_section = Page.objects.get(slug="private-areas", locale__language_code="en")
        sections = [english_section, *english_section.get_translations()]
        cls.section_ids = {section.pk for section in sections}
        cls.private_pages = [page.specific for section in sections for page in section.get_descendants(inclusive=True)]
        public = Page.objects.live().filter(depth__gte=2)
        for section in sections:
            public = public.exclude(path__startswith=section.path)
        cls.public_pages = [page.specific for page in public]
        members_collection_ids = access.restricted_collection_ids()
        cls.private_documents = list(PortalDocument.objects.filter(collection_id__in=members_collection_ids))
        cls.private_images = list(CustomImage.objects.filter(collection_id__in=members_collection_ids))
        cls.library = DocumentsLibraryPage.objects.get(locale__language_code="en")
        cls.public_documents = list(
            PortalDocument.objects.exclude(collection_id__in=members_collection_ids).select_related("category")
        )
        assert len(cls.private_pages) >= 3, "the demo has the section and two members' pages"
        assert len(cls.private_documents) >= 3, "the demo has three members-only documents"
        assert cls.private_images, "a members' page shows an image from the members' collection"

    # What must never show -------------------------------------------------------------------------------

    def secrets(self):
        """(label, text) pairs that must not appear on a public surface."""
        found = []
        for page in self.private_pages:
            # The section's title, "Private areas" (in each language), is the public name of the login link; its URL
            # and content are not public. Every page below it is secret down to its title.
            if page.pk not in self.section_ids:
                found.append((f"title of {page.slug}", page.title))
            found.append((f"url of {page.slug}", page.url))
            found += [(f"text of {page.slug}", snippet) for snippet in _body_snippets(page)]
        for document in self.private_documents:
            found += [
                (f"title of document {document.pk}", document.title),
                (f"url of document {document.pk}", document.url),
                (f"file of document {document.pk}", document.filename),
                (f"detail page of document {document.pk}", self.detail_url(document)),
            ]
            if document.description:
                found.append((f"description of document {document.pk}", document.description[:60]))
        for image in self.private_images:
            found.append((f"file of image {image.pk}", image.filename.rsplit(".", 1)[0]))
        return found

    def public_surfaces(self):
        """(label, url, echo) of every public surface that could list or show content.

        ``echo`` is the visitor's own search words, which the page may repeat back: they are not a leak.
        """
        rows = [(f"page {page.url}", page.url, None) for page in self.public_pages]
        rows += [
            ("library, page 2", "/en/documents/?page=2", None),
            ("robots.txt", "/robots.txt", None),
            ("404 page", "/en/no-such-page/", None),
            ("login page", "/en/login/", None),
        ]
        words = set()
        for page in self.private_pages:
            words.add(page.title)
            words.update(_body_snippets(page)[:1])
        for document in self.private_documents:
            words.add(document.title)
        for word in sorted(words):
            short = " ".join(re.findall(r"\w+", word)[:2])
            for query in (word, short):
                rows.append((f"site search for {query!r}", "/en/search/?" + _query(query), query))
        rows += self.sitemap_surfaces()
        rows += self.feed_surfaces()
        rows += self.library_surfaces()
        rows += self.api_surfaces()
        rows += self.site_search_surfaces()
        return rows

    def private_search_words(self):
        """Queries made of the members-only pages' and documents' own words: titles, their first two words and
        last word, and for documents three words of the description and of the extracted text."""
        queries = set()
        for title in [page.title for page in self.private_pages if page.pk not in self.section_ids] + [
            document.title for document in self.private_documents
        ]:
            words = re.findall(r"\w+", title)
            queries |= {title, " ".join(words[:2]), words[-1]}
        for document in self.private_documents:
            queries.add(" ".join(document.description.split()[:3]))
            queries.add(" ".join(document.extracted_text.split()[10:13]))
        return sorted(query for query in queries if query)

    def sitemap_surfaces(self):
        """The sitemap index and every sitemap page it lists, as an anonymous visitor reads it: both sections, pages
        and documents (a library document at its detail page)."""
        addresses = _sitemap_pages(self.client_class())
        self.assertIn("/sitemap-pages.xml", addresses)
        self.assertIn("/sitemap-documents.xml", addresses)
        return [("sitemap index", "/sitemap.xml", None)] + [(f"sitemap {url}", url, None) for url in addresses]

    def site_search_surfaces(self):
        """Site search by kind (pages, documents) and title suggestions, for the members-only content's words;
        suggestions also for the first letters of each members-only title."""
        rows = []
        for query in self.private_search_words():
            for kind in ("pages", "documents"):
                rows.append(
                    (
                        f"site search ({kind}) for {query!r}",
                        "/en/search/?" + urlencode({"q": query, "kind": kind}),
                        query,
                    )
                )
            rows.append((f"suggestions for {query!r}", "/en/search/autocomplete/?" + _query(query), query))
        for title in [page.title for page in self.private_pages if page.pk not in self.section_ids] + [
            document.title for document in self.private_documents
        ]:
            first = re.findall(r"\w+", title)[0]
            for prefix in {first[:3], first[:4], first}:
                rows.append((f"suggestions for {prefix!r}", "/en/search/autocomplete/?" + _query(prefix), prefix))
        return rows

    def api_surfaces(self):
        """The JSON API: listings (all fields, every page type, searches for the members-only words, tree filters
        on members' pages), every public page's detail, and members-only pages, documents and images asked for by
        id or path. For anonymous requests and logged-in non-members (sessions) alike; tokens are tested below."""
        rows = [(f"api {name} with all fields", f"/api/v2/{name}/?limit=50&fields=*", None) for name in API_LISTINGS]
        rows.append(("api pages", "/api/v2/pages/?limit=50", None))
        for model in sorted({type(page) for page in self.public_pages}, key=lambda model: model.__name__):
            label = f"{model._meta.app_label}.{model.__name__}"
            rows.append((f"api pages of type {label}", f"/api/v2/pages/?type={label}&fields=*&limit=50", None))
        rows += [(f"api page {page.url}", f"/api/v2/pages/{page.pk}/", None) for page in self.public_pages]
        for page in self.private_pages:
            rows += [
                (f"api {name} of {page.slug}", f"/api/v2/pages/?{name}={page.pk}&fields=*", None)
                for name in ("child_of", "descendant_of", "ancestor_of")
            ]
            rows += [
                (f"api detail of {page.slug}", f"/api/v2/pages/{page.pk}/", None),
                (f"api find {page.slug} by path", "/api/v2/pages/find/?" + urlencode({"html_path": page.url}), None),
                (f"api find {page.slug} by id", f"/api/v2/pages/find/?id={page.pk}", None),
                (f"api search for {page.title!r}", "/api/v2/pages/?" + urlencode({"search": page.title}), None),
            ]
        for document in self.private_documents:
            rows += [
                (f"api document {document.pk}", f"/api/v2/documents/{document.pk}/", None),
                (f"api find document {document.pk}", f"/api/v2/documents/find/?id={document.pk}", None),
                (
                    f"api documents search {document.title!r}",
                    "/api/v2/documents/?" + urlencode({"search": document.title}),
                    None,
                ),
            ]
        for image in self.private_images:
            rows += [
                (f"api image {image.pk}", f"/api/v2/images/{image.pk}/", None),
                (f"api images search {image.title!r}", "/api/v2/images/?" + urlencode({"search": image.title}), None),
            ]
        return rows

    def feed_surfaces(self):
        """The public Atom feeds: all documents, each category's (members-only documents' categories included), the
        pages feed; a personal feed address and a share link that do not exist."""
        slugs = {
            document.category.slug
            for document in PortalDocument.objects.select_related("category")
            if document.category
        }
        rows = [("documents feed", "/feeds/documents/", None), ("pages feed", "/feeds/pages/", None)]
        rows += [(f"documents feed of {slug}", f"/feeds/documents/{slug}/", None) for slug in sorted(slugs)]
        for language in language_codes():  # each language's feeds (?language=fr)
            rows += [
                (f"documents feed in {language}", f"/feeds/documents/?language={language}", None),
                (f"pages feed in {language}", f"/feeds/pages/?language={language}", None),
            ]
            rows += [
                (f"documents feed of {slug} in {language}", f"/feeds/documents/{slug}/?language={language}", None)
                for slug in sorted(slugs)
            ]
        rows += [
            ("unknown personal feed", "/feeds/personal/" + "x" * 43 + "/en/documents/", None),
            ("unknown share link", "/share/" + "x" * 43 + "/", None),
        ]
        return rows

    def detail_url(self, document):
        return f"{self.library.url}{document.pk}-{document.slug}/"

    def library_surfaces(self):
        """The documents library's filters (every value any document has, members-only ones included), sorts,
        searches for the members-only documents' words, and every public document's detail page."""
        library = self.library.url
        documents = PortalDocument.objects.select_related("category")
        rows = [(f"library sorted {sort}", f"{library}?sort={sort}", None) for sort in ("oldest", "title")]
        values = set()
        for document in documents:
            if document.category:
                values.add(("category", document.category.slug))
            values |= {
                ("year", document.publication_date.year),
                ("language", document.language),
                ("type", document.file_type),
            }
        rows += [
            (f"library filtered by {param}={value}", f"{library}?{param}={value}", None) for param, value in values
        ]
        for document in self.private_documents:
            words = re.findall(r"\w+", document.title)
            for query in (document.title, " ".join(words[:2]), words[-1]):
                rows.append((f"library search for {query!r}", f"{library}?" + _query(query), query))
            text_words = " ".join(document.extracted_text.split()[10:13])
            rows.append((f"library search for its text {text_words!r}", f"{library}?" + _query(text_words), text_words))
        rows += [
            (f"detail page of {document.title!r}", self.detail_url(document), None)
            for document in self.public_documents
        ]
        return rows

    def assert_nothing_leaks(self, client, who):
        secrets = self.secrets()
        for label, url, echo in self.public_surfaces():
            response = client.get(url)
            text = _text_of(response)
            if echo:
                text = text.replace(echo, "")
            for secret_label, secret in secrets:
                with self.subTest(who=who, surface=label, secret=secret_label):
                    self.assertNotIn(secret, text)

    def assert_private_items_refused(self, client, who, expected_page_status):
        """The private areas' menu entry says it exists (``expected_page_status``: the login redirect or the
        members-only page); every other members-only page, document page and file answers as a missing one."""
        for page in self.private_pages:
            with self.subTest(who=who, page=page.url):
                response = client.get(page.url)
                announced = access.is_announced_page(None, page)
                self.assertEqual(response.status_code, expected_page_status if announced else 404)
                text = _text_of(response)
                for snippet in _body_snippets(page):
                    self.assertNotIn(snippet, text)
        for document in self.private_documents:
            with self.subTest(who=who, detail_page=self.detail_url(document)):
                response = client.get(self.detail_url(document))
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(document.title, _text_of(response))
            with self.subTest(who=who, download=document.url):
                response = client.get(document.url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("attachment", response.get("Content-Disposition", ""))
            with self.subTest(who=who, media=document.file.url):
                self.assertEqual(client.get(document.file.url).status_code, 404)
        for image in self.private_images:
            with self.subTest(who=who, image=image.file.url):
                self.assertEqual(client.get(image.file.url).status_code, 404)

    # The ladder --------------------------------------------------------------------------------------------

    def test_anonymous_visitor_sees_nothing_members_only_anywhere(self):
        self.assert_nothing_leaks(self.client, "anonymous")

    def test_anonymous_visitor_is_refused_every_members_only_page_and_file(self):
        self.assert_private_items_refused(self.client, "anonymous", 302)

    def test_logged_in_non_member_sees_nothing_members_only_anywhere(self):
        self._login("visitor")
        self.assert_nothing_leaks(self.client, "visitor")

    def test_logged_in_non_member_is_refused_every_members_only_page_and_file(self):
        self._login("visitor")
        self.assert_private_items_refused(self.client, "visitor", 403)

    def test_member_reads_every_members_only_page(self):
        self._login("member")
        for page in self.private_pages:
            with self.subTest(page=page.url):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
                text = _text_of(response)
                for snippet in _body_snippets(page):
                    self.assertIn(snippet, text)

    def test_member_downloads_every_members_only_document_privately(self):
        self._login("member")
        for document in self.private_documents:
            with self.subTest(document=document.title):
                response = self.client.get(document.url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("private", response["Cache-Control"])
                self.assertIn("no-store", response["Cache-Control"])
                # Reading the streamed file closes the response (the test client's own close): closing it again
                # would send request_finished, which on PostgreSQL closes the test's connection mid-transaction.
                self.assertTrue(_text_of(response).startswith("%PDF"))

    def test_member_sees_members_only_documents_in_the_library_marked_as_such(self):
        self._login("member")
        text = "".join(_text_of(self.client.get(url)) for url in ("/en/documents/", "/en/documents/?page=2"))
        for document in self.private_documents:
            with self.subTest(document=document.title):
                self.assertIn(document.title, text)
        self.assertIn("Members only", text)

    def test_library_facet_counts_count_only_what_the_visitor_may_see(self):
        expected = {}
        for document in self.public_documents:
            for param, value in [
                ("category", document.category.slug if document.category else None),
                ("year", str(document.publication_date.year)),
                ("language", document.language),
                ("type", document.file_type),
            ]:
                if value:
                    expected[(param, value)] = expected.get((param, value), 0) + 1
        for who in ("anonymous", "visitor"):
            if who == "visitor":
                self._login("visitor")
            with self.subTest(who=who):
                # Every language (the library otherwise shows the visitor's own); "All languages" counts them all.
                counts = _facet_counts(_text_of(self.client.get(self.library.url + "?language=all")))
                total = len(self.public_documents)
                self.assertEqual(counts.pop(("language", "all"), total), total)
                self.assertEqual(counts, expected)

    def test_library_facets_offer_no_value_only_members_only_documents_have(self):
        public_categories = {document.category.slug for document in self.public_documents if document.category}
        hidden = {d.category.slug for d in self.private_documents if d.category} - public_categories
        self.assertTrue(hidden, "the demo has a category with members-only documents alone")
        counts = _facet_counts(_text_of(self.client.get(self.library.url)))
        for slug in hidden:
            with self.subTest(category=slug):
                self.assertNotIn(("category", slug), counts)
                # Asked for by address, it answers as an unknown category: never named, the filter dropped.
                text = _text_of(self.client.get(self.library.url + "?category=" + slug))
                self.assertIn("There is no such category", text)
                self.assertNotIn(("category", slug), _facet_counts(text))
                name = next(d.category.name for d in self.private_documents if d.category and d.category.slug == slug)
                self.assertNotIn(name, text)

    def test_member_sees_members_only_documents_in_library_facets_and_search(self):
        self._login("member")
        counts = _facet_counts(_text_of(self.client.get(self.library.url + "?language=all")))
        self.assertEqual(
            sum(count for (param, _v), count in counts.items() if param == "type"), PortalDocument.objects.count()
        )
        for document in self.private_documents:
            with self.subTest(document=document.title):
                text = _text_of(self.client.get(self.library.url + "?language=all&" + _query(document.title)))
                self.assertIn(self.detail_url(document), text)

    def test_member_reads_members_only_detail_pages_privately(self):
        self._login("member")
        for document in self.private_documents:
            with self.subTest(document=document.title):
                response = self.client.get(self.detail_url(document))
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
                self.assertIn(document.title, _text_of(response))

    def test_member_sees_the_members_image_through_the_checked_media_view(self):
        self._login("member")
        briefing = next(page for page in self.private_pages if page.slug == "members-briefing")
        page_html = _text_of(self.client.get(briefing.url))
        image_urls = re.findall(r'src="(/media/images/[^"]+)"', page_html)
        self.assertTrue(image_urls, "the members' page shows its image")
        for url in image_urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
        self.client.logout()
        for url in image_urls:
            with self.subTest(anonymous=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_member_finds_members_pages_in_site_search(self):
        self._login("member")
        page = next(page for page in self.private_pages if page.slug == "members-briefing")
        text = _text_of(self.client.get("/en/search/?" + _query(page.title)))
        self.assertIn(page.url, text)

    def assert_site_search_counts_only_what_is_listed(self, who):
        """Each kind's count equals the results the visitor can page through, which hold nothing members-only."""
        for query in self.private_search_words():
            for kind in ("pages", "documents"):
                with self.subTest(who=who, query=query, kind=kind):
                    url = "/en/search/?" + urlencode({"q": query, "kind": kind})
                    page_html = _text_of(self.client.get(url))
                    counts = dict(re.findall(r'kind=(pages|documents)"[^>]*>[^<]*<span[^>]*>\((\d+)\)', page_html))
                    listed = re.findall(r'class="search-result__link" href="([^"]+)"', page_html)
                    for number in range(2, 11):
                        if 'rel="next"' not in page_html:
                            break
                        page_html = _text_of(self.client.get(f"{url}&page={number}"))
                        listed += re.findall(r'class="search-result__link" href="([^"]+)"', page_html)
                    self.assertEqual(int(counts[kind]), len(listed))

    def test_site_search_counts_count_only_what_an_anonymous_visitor_may_see(self):
        self.assert_site_search_counts_only_what_is_listed("anonymous")

    def test_site_search_counts_count_only_what_a_non_member_may_see(self):
        self._login("visitor")
        self.assert_site_search_counts_only_what_is_listed("visitor")

    def test_member_finds_members_only_documents_in_site_search_and_suggestions(self):
        self._login("member")
        for document in self.private_documents:
            with self.subTest(document=document.title):
                text = _text_of(self.client.get("/en/search/?" + urlencode({"q": document.title, "kind": "documents"})))
                self.assertIn(document.title, text)
                self.assertIn("Members only", text)
                first = re.findall(r"\w+", document.title)[0]
                response = self.client.get("/en/search/autocomplete/?" + _query(first))
                self.assertIn(document.title, [item["title"] for item in response.json()["suggestions"]])
                self.assertIn("no-store", response["Cache-Control"])

    def test_sitemap_lists_no_members_page_even_for_a_member(self):
        self._login("member")
        text = _text_of(self.client.get("/sitemap.xml"))
        text += "".join(_text_of(self.client.get(url)) for url in _sitemap_pages(self.client))
        self.assertIn("/en/about-us/", text)
        for page in self.private_pages:
            with self.subTest(page=page.url):
                self.assertNotIn(page.url, text)

    def test_document_files_are_never_served_as_plain_media(self):
        self._login("member")
        for document in PortalDocument.objects.all():
            with self.subTest(document=document.title):
                self.assertEqual(self.client.get(document.file.url).status_code, 404)

    def test_api_with_a_non_members_token_shows_nothing_members_only(self):
        from django.contrib.auth import get_user_model

        from members import tokens

        _token, plaintext = tokens.create_token(get_user_model().objects.get(username="visitor"), "leak suite")
        self.client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plaintext}"
        self.assert_nothing_leaks(self.client, "visitor's token")

    def test_member_token_reaches_members_content_over_the_api(self):
        from django.contrib.auth import get_user_model

        from members import tokens

        _token, plaintext = tokens.create_token(get_user_model().objects.get(username="member"), "leak suite")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
        self.client.cookies.clear()
        for page in self.private_pages:
            with self.subTest(page=page.url):
                response = self.client.get(f"/api/v2/pages/{page.pk}/", **headers)
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
                text = _json_text(response.json())
                for snippet in _body_snippets(page):
                    self.assertIn(snippet, text)
        listed = {item["id"] for item in self.client.get("/api/v2/documents/?limit=50", **headers).json()["items"]}
        self.assertLessEqual({document.pk for document in self.private_documents}, listed)
        listed = {item["id"] for item in self.client.get("/api/v2/images/?limit=50", **headers).json()["items"]}
        self.assertLessEqual({image.pk for image in self.private_images}, listed)

    def test_no_members_only_file_bytes_reach_an_anonymous_request_or_a_non_members_token(self):
        """``/files/`` and ``/media/`` with a token (members.tokens.bearer_token_allowed): a non-member's token and an
        anonymous request get the 404 of a missing file and not one byte of it; a member's token gets the file."""
        from django.contrib.auth import get_user_model

        from members import tokens

        User = get_user_model()
        _token, visitor = tokens.create_token(User.objects.get(username="visitor"), "leak suite")
        _token, member = tokens.create_token(User.objects.get(username="member"), "leak suite")
        self.client.cookies.clear()
        files = [(document.url, document.file.read()[:64]) for document in self.private_documents]
        files += [(image.file.url, image.file.read()[:64]) for image in self.private_images]
        for url, first_bytes in files:
            for who, headers in (("anonymous", {}), ("visitor's token", {"HTTP_AUTHORIZATION": f"Bearer {visitor}"})):
                for method in (self.client.get, self.client.head):
                    with self.subTest(who=who, url=url, method=method.__name__):
                        response = method(url, **headers)
                        self.assertEqual(response.status_code, 404)
                        self.assertNotIn(first_bytes, _text_of(response).encode("utf-8", "replace"))
                        self.assertNotIn("attachment", response.get("Content-Disposition", ""))
            with self.subTest(who="member's token", url=url):
                response = self.client.get(url, HTTP_AUTHORIZATION=f"Bearer {member}")
                self.assertEqual(response.status_code, 200)
                self.assertIn("no-store", response["Cache-Control"])
                content = b"".join(response.streaming_content) if response.streaming else response.content
                self.assertTrue(content.startswith(first_bytes))

    def _login(self, username):
        response = self.client.post("/en/login/", {"username": username, "password": PASSWORD})
        self.assertEqual(response.status_code, 302, f"{username} could not log in")


def _facet_counts(page_html):
    """``{(parameter, value): count}`` of the facet links on a library page."""
    links = re.findall(
        r'data-facet="([^"]+)" data-value="([^"]+)"[^>]*>.*?class="facet__count">(\d+)', page_html, flags=re.S
    )
    return {(param, value): int(count) for param, value, count in links}


def _sitemap_pages(client):
    """The addresses (path and query) of the sitemap pages that the sitemap index lists."""
    locations = [
        urlsplit(url) for url in re.findall(r"<sitemap><loc>([^<]+)</loc>", _text_of(client.get("/sitemap.xml")))
    ]
    return [parts.path + (f"?{parts.query}" if parts.query else "") for parts in locations]


def _query(text):
    return urlencode({"q": text})


API_LISTINGS = ("pages", "documents", "images")


def _json_text(data):
    """Every string in an API response, as the words a reader would see (tags stripped, whitespace collapsed)."""
    if isinstance(data, dict):
        return " ".join(_json_text(value) for value in data.values())
    if isinstance(data, list):
        return " ".join(_json_text(value) for value in data)
    if isinstance(data, str):
        return " ".join(html.unescape(strip_tags(data)).split())
    return ""
