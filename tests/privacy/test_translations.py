"""Privacy in every language: a translation of a members-only page is members-only.

The restriction lives on the English page only (as an editor sets it); its French and Spanish translations are
hidden from anonymous visitors and non-members on every surface, whatever order the pages, translations,
restrictions and moves came in, and become public again when the English restriction is removed
(``members.access._load_page_rows``).
"""

import html
import json
import re
from urllib.parse import unquote_plus, urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale, Page, PageViewRestriction

from members import access, frontend_cache
from members.cache_policy import url_tag
from tests import factories
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es"]
# A visible word per language for the fixtures' translated titles, so each language's secrets are its own.
WORDS = {"fr": "réservé aux membres", "es": "reservado a los socios"}


def translate(page, language, title=None, publish=True):
    """``page``'s translation into ``language`` made as Wagtail makes it (``copy_for_translation``), live, with any
    restriction Wagtail copied onto it taken off: the restriction stays on the English page alone."""
    translation = page.specific.copy_for_translation(Locale.objects.get(language_code=language))
    PageViewRestriction.objects.filter(page=translation).delete()
    translation.title = title or f"{page.title} ({WORDS[language]})"
    if hasattr(translation, "intro"):
        translation.intro = f"{getattr(page.specific, 'intro', '')} [{WORDS[language]}]"
    translation.save()
    if publish:
        translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def homes(home_page):
    """The site's home page in English, French and Spanish (each language's own root, as on the site)."""
    titles = {"fr": "Accueil", "es": "Inicio"}
    return {
        "en": home_page,
        **{language: translate(home_page, language, title=titles[language]) for language in LANGUAGES},
    }


@pytest.fixture
def english_tree(homes, members_group):
    """English: Home → Private areas (restricted to Members, in the menus) → Members' notices; Home → News (public,
    in the menus) with a rich-text link to the members' notices."""
    section = factories.StandardPageFactory(
        parent=homes["en"], title="Private areas", slug="private-areas", show_in_menus=True
    )
    notices = factories.StandardPageFactory(
        parent=section, title="Members notices board", slug="members-notices", intro="Quarterly dues are due soon."
    )
    news = factories.StandardPageFactory(parent=homes["en"], title="News", slug="news", show_in_menus=True)
    restrict_page(section, groups=[members_group])
    return {"section": section, "notices": notices, "news": news}


def move(page, target):
    """``page`` moved under ``target`` as the admin does it, from fresh rows (the tree's counts change as it grows)."""
    Page.objects.get(pk=page.pk).move(Page.objects.get(pk=target.pk), pos="last-child")
    page.refresh_from_db()


def translate_tree(tree, language):
    """The translations of ``tree``'s pages into ``language``, parents first."""
    translated = {}
    for name in ("news", "section", "notices"):
        translated[name] = translate(tree[name], language)
    return translated


def secrets_of(pages):
    """What must never reach anyone who may not see ``pages``: their titles (but the private areas' entry's, which
    the menu names), addresses, slugs and intros."""
    found = []
    for page in pages:
        page = page.specific
        if page.slug != "private-areas":
            found.append(page.title)
        found += [page.url, page.intro]
    return found


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = html.unescape(content.decode("utf-8", "replace"))
    if response.get("Content-Type", "").startswith("application/json"):
        text += json.dumps(response.json(), ensure_ascii=False)  # the JSON's escapes read as the text
    return text


def public_surfaces(language, tree, translated):
    """Every surface in ``language`` that lists or shows pages, as addresses."""
    prefix = f"/{language}"
    urls = [
        translated["news"].url,
        Page.objects.get(pk=translated["news"].get_parent().pk).url,
        f"{prefix}/no-such-page/",
        f"{prefix}/login/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/feeds/pages/",
        f"/feeds/pages/?language={language}",
        f"/feeds/documents/?language={language}",
        "/api/v2/pages/?limit=100&fields=*",
        f"/api/v2/pages/?locale={language}&limit=100",
        f"/api/v2/pages/{translated['section'].pk}/",
        f"/api/v2/pages/{translated['notices'].pk}/",
        f"/api/v2/pages/?child_of={translated['section'].pk}",
        f"/api/v2/pages/?descendant_of={translated['section'].pk}",
        "/api/v2/pages/find/?" + urlencode({"html_path": translated["notices"].url}),
    ]
    for page in (translated["section"], translated["notices"]):
        for words in (page.title, page.intro):
            urls.append(f"{prefix}/search/?" + urlencode({"q": words}))
            urls.append(f"{prefix}/search/autocomplete/?" + urlencode({"q": words.split()[0]}))
            urls.append("/api/v2/pages/?" + urlencode({"search": words}))
    return urls


def assert_hidden(client, language, tree, translated, who):
    hidden = [translated["section"], translated["notices"]]
    secrets = secrets_of(hidden)
    for url in public_surfaces(language, tree, translated):
        text = text_of(client.get(url))
        query = re.search(r"[?&](?:q|search)=([^&]+)", url)
        if query:  # the visitor's own search words, which the results page may repeat back, are no leak
            text = text.replace(unquote_plus(query[1]), "")
        for secret in secrets:
            assert secret not in text, f"{who}: {secret!r} shown at {url}"


@pytest.fixture
def visitors(client, member, non_member):
    def as_(who):
        client.logout()
        if who == "visitor":
            client.force_login(non_member)
        elif who == "member":
            client.force_login(member)
        return client

    return as_


# Serving ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_of_a_members_only_page_is_refused_like_the_english_one(visitors, english_tree, language):
    translated = translate_tree(english_tree, language)
    section, notices = translated["section"], translated["notices"]
    assert not PageViewRestriction.objects.filter(page__locale__language_code=language).exists()
    assert section.url.startswith(f"/{language}/") and notices.url.startswith(f"/{language}/")

    anonymous = visitors("anonymous").get(section.url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(f"/{language}/login/")
    assert visitors("anonymous").get(notices.url).status_code == 404
    assert visitors("visitor").get(section.url).status_code == 403
    assert visitors("visitor").get(notices.url).status_code == 404

    member = visitors("member").get(notices.url)
    assert member.status_code == 200
    assert notices.title in text_of(member)
    assert "no-store" in member["Cache-Control"] and "private" in member["Cache-Control"]


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_of_a_members_only_page_shows_on_no_surface(visitors, english_tree, language, who):
    translated = translate_tree(english_tree, language)
    assert_hidden(visitors(who), language, english_tree, translated, who)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_finds_the_translation_in_the_menu(visitors, english_tree, language):
    translated = translate_tree(english_tree, language)
    client = visitors("member")
    assert translated["section"].url in text_of(client.get(translated["news"].url))
    assert translated["notices"].title in text_of(client.get(translated["section"].url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rich_text_link_to_the_translation_is_plain_text_for_visitors(visitors, english_tree, language):
    translated = translate_tree(english_tree, language)
    notices = translated["notices"]
    linking = factories.StandardPageFactory(
        parent=translated["news"],
        title="Liens",
        slug="liens",
        body=[
            {"type": "rich_text", "value": f'<p>Voir <a linktype="page" id="{notices.pk}">le tableau</a>.</p>'},
        ],
    )
    linking.save_revision().publish()
    for who in ("anonymous", "visitor"):
        text = text_of(visitors(who).get(linking.url))
        assert "le tableau" in text
        assert notices.url not in text
    assert notices.url in text_of(visitors("member").get(linking.url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translated_login_link_leads_a_member_to_the_private_areas_in_their_language(
    client, member, english_tree, language
):
    translated = translate_tree(english_tree, language)
    response = client.post(f"/{language}/login/", {"username": "member", "password": "password"})
    assert response.status_code == 302
    assert response["Location"] == translated["section"].url


# Every order an editor may work in --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_made_before_the_english_restriction_is_hidden_as_soon_as_it_is_added(
    visitors, homes, members_group, language
):
    section = factories.StandardPageFactory(parent=homes["en"], title="Board room", slug="board-room")
    notes = factories.StandardPageFactory(parent=section, title="Board minutes archive", slug="board-minutes")
    translate(section, language)
    notes_translated = translate(notes, language)
    client = visitors("anonymous")
    assert client.get(notes_translated.url).status_code == 200  # public so far, and its rows are cached now

    restrict_page(section, groups=[members_group])
    assert client.get(notes_translated.url).status_code == 404
    assert notes_translated.title not in text_of(client.get(f"/{language}/search/?q=Board"))
    assert visitors("member").get(notes_translated.url).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_alias_of_a_members_only_page_is_members_only(visitors, english_tree, language):
    """wagtail-localize's synchronised trees make aliases of untranslated pages; the portal's serve-time check
    replaces Wagtail's (which reads an alias's original's restrictions), so the access module covers them too."""
    alias = english_tree["section"].copy_for_translation(Locale.objects.get(language_code=language), alias=True)
    PageViewRestriction.objects.filter(page=alias).delete()
    client = visitors("anonymous")
    assert client.get(alias.url).status_code == 302
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404


def test_a_translation_made_while_the_restrictions_are_cached_is_hidden_at_once(visitors, english_tree):
    """The English agenda is members-only through its Spanish translation (moved into the Spanish private areas);
    its French translation, made afterwards under the public French news, is hidden from its first request."""
    translate_tree(english_tree, "es")
    french = translate_tree(english_tree, "fr")
    agenda = factories.StandardPageFactory(parent=english_tree["news"], title="Assembly agenda", slug="agenda")
    spanish_section = english_tree["section"].get_translation(Locale.objects.get(language_code="es"))
    move(translate(agenda, "es"), spanish_section)
    client = visitors("anonymous")
    assert client.get(agenda.url).status_code == 404  # the restriction rows are cached now
    agenda_fr = translate(agenda, "fr")
    assert agenda_fr.url.startswith(french["news"].url)
    assert client.get(agenda_fr.url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_made_under_a_public_parent_is_hidden_when_the_english_page_moves_into_the_private_area(
    visitors, english_tree, language
):
    """The translation never moves: its English original does, into the restricted section."""
    draft = factories.StandardPageFactory(parent=english_tree["news"], title="Strike fund rules", slug="strike-fund")
    translate(english_tree["news"], language)
    translated = translate(draft, language)
    client = visitors("anonymous")
    assert client.get(translated.url).status_code == 200

    move(draft, english_tree["section"])
    assert client.get(translated.url).status_code == 404
    assert translated.title not in text_of(client.get(f"/api/v2/pages/?locale={language}&limit=100"))
    assert visitors("member").get(translated.url).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_moved_out_of_its_restricted_tree_stays_hidden(visitors, english_tree, language):
    translated = translate_tree(english_tree, language)
    notices = translated["notices"]
    move(notices, translated["news"])
    notices.refresh_from_db()
    assert notices.url.startswith(translated["news"].url)
    client = visitors("anonymous")
    assert client.get(notices.url).status_code == 404
    assert notices.title not in text_of(client.get(translated["news"].url))
    assert notices.title not in text_of(client.get("/sitemap-pages.xml"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_made_under_a_public_parent_then_moved_into_the_translated_private_area_is_hidden(
    visitors, english_tree, language
):
    """French page made under the French news section, then moved under the French private areas (which is
    restricted only through its English original)."""
    translated = translate_tree(english_tree, language)
    page = factories.StandardPageFactory(
        parent=translated["news"],
        title="Calendrier des assemblées",
        slug="assemblees",
        locale=translated["news"].locale,
    )
    client = visitors("anonymous")
    assert client.get(page.url).status_code == 200
    move(page, translated["section"])
    page.refresh_from_db()
    assert client.get(page.url).status_code == 404
    assert page.url not in text_of(client.get(f"/{language}/search/?" + urlencode({"q": page.title})))
    assert page.url not in text_of(client.get(translated["news"].url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_removing_the_english_restriction_makes_the_translations_public_again(visitors, english_tree, language):
    translated = translate_tree(english_tree, language)
    client = visitors("anonymous")
    assert client.get(translated["notices"].url).status_code == 404
    PageViewRestriction.objects.filter(page=english_tree["section"]).delete()
    response = client.get(translated["notices"].url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert translated["section"].url in text_of(client.get(translated["news"].url))


def test_the_english_restrictions_groups_apply_to_the_translations(client, english_tree, non_member):
    translated = translate_tree(english_tree, "fr")
    client.force_login(non_member)
    assert client.get(translated["notices"].url).status_code == 404
    board = Group.objects.create(name="Board")
    non_member.groups.add(board)
    english_tree["section"].view_restrictions.get().groups.add(board)
    assert client.get(translated["notices"].url).status_code == 200


def test_a_spanish_translation_of_the_french_translation_is_covered_too(visitors, english_tree):
    """Made from the French page, not the English one: the same translation set, the same restriction."""
    french = translate_tree(english_tree, "fr")
    translate(french["news"], "es")
    translate(french["section"], "es")
    spanish = translate(french["notices"], "es")
    assert visitors("anonymous").get(spanish.url).status_code == 404


def test_a_public_english_page_whose_translation_is_members_only_is_members_only(visitors, english_tree):
    """By construction the whole translation set shares its privacy: a page moved into a restricted tree in any
    language takes its translations with it (here a French page moved into the French private areas)."""
    translated = translate_tree(english_tree, "fr")
    agenda = factories.StandardPageFactory(parent=english_tree["news"], title="Assembly agenda", slug="agenda")
    agenda_fr = translate(agenda, "fr")
    assert visitors("anonymous").get(agenda.url).status_code == 200
    move(agenda_fr, translated["section"])
    assert visitors("anonymous").get(agenda.url).status_code == 404


# The admin and the front cache --------------------------------------------------------------------------------------


def test_admin_shows_the_translation_as_private_and_says_why(client, english_tree, superuser):
    translated = translate_tree(english_tree, "fr")
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{translated['notices'].pk}/edit/")
    assert response.status_code == 200
    assert "its translation “Private areas” (English) is restricted" in text_of(response)
    # The status panel's "Visible to all" is the hidden one of its two states.
    public_state = BeautifulSoup(response.content, "html.parser").find(
        attrs={"data-w-zone-switch-key-value": "isPublic"}
    )
    assert "w-hidden" in public_state["class"]
    # The English page's own editor is told nothing new: Wagtail's privacy panel already says it.
    english = text_of(client.get(f"/admin/pages/{english_tree['notices'].pk}/edit/"))
    assert "is restricted, and a translation" not in english


@override_settings(FRONTEND_CACHE_URLS=["http://varnish.test:6081"])
def test_moving_the_english_page_purges_its_translations_from_the_front_cache(
    english_tree, monkeypatch, django_capture_on_commit_callbacks
):
    draft = factories.StandardPageFactory(parent=english_tree["news"], title="Strike fund rules", slug="strike-fund")
    translate(english_tree["news"], "fr")
    translated = translate(draft, "fr")
    bans = []
    monkeypatch.setattr(frontend_cache, "send_ban", lambda url, headers: bans.append(headers))
    frontend_cache._state.pending = None  # what the set-up queued
    with django_capture_on_commit_callbacks(execute=True):
        move(draft, english_tree["section"])
    assert bans, "a ban was sent"
    assert "X-Ban-All" in bans[-1] or re.search(bans[-1]["X-Ban-Tags"], f",{url_tag(translated.url_path)},")


def test_restricted_rows_cost_one_query_per_round_and_are_cached(english_tree, django_assert_num_queries):
    for language in LANGUAGES:
        translate_tree(english_tree, language)
    cache.clear()
    # The restrictions, the translation sets met in the restricted trees, then one round finding nothing new.
    with django_assert_num_queries(3):
        paths = access.restricted_page_paths()
    assert len(paths) == 3
    with django_assert_num_queries(0):
        access.restricted_page_paths()
