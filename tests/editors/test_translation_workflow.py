"""Translating a page in the admin (wagtail-localize), as the Editors and Moderators groups do it.

An editor asks for a French (and Spanish) translation with "Translate this page", fills it in in the translation
editor, or downloads a PO file for an outside translator and uploads it back; a moderator publishes it. When the
English page changes, "Sync translated pages" brings the change into the translations. Editors never publish:
not by translating, not by syncing.
"""

import json
import re

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.models import StandardPage
from tests import factories

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "heading", "value": {"text": "Founded in 1920", "level": "h2"}},
    {"type": "rich_text", "value": "<p>Twelve co-operatives met in Lyon to found the federation.</p>"},
]
FRENCH = {
    "Our history": "Notre histoire",
    "our-history": "notre-histoire",
    "How the federation began.": "Comment la fédération est née.",
    "Founded in 1920": "Fondée en 1920",
    "Twelve co-operatives met in Lyon to found the federation.": (
        "Douze coopératives se sont réunies à Lyon pour fonder la fédération."
    ),
}


@pytest.fixture
def fr(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def es(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def picture(db):
    return factories.CustomImageFactory(title="Lyon, 1920")


@pytest.fixture
def english_page(home_page, picture):
    page = factories.StandardPageFactory(
        parent=home_page,
        title="Our history",
        slug="our-history",
        intro="How the federation began.",
        body=BODY,
        listing_image=picture,
    )
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def french_home(home_page, fr, superuser, django_capture_on_commit_callbacks):
    """The French home page, translated and live (the translations of the pages below it are its children)."""
    source, _ = TranslationSource.get_or_create_from_instance(home_page)
    translation = Translation.objects.create(source=source, target_locale=fr)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=superuser, publish=True)
    return home_page.get_translation(fr)


def submit(client, page, *locales):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [loc.pk for loc in locales]}
    )


def translation_of(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translate_in_editor(client, translation, words):
    """Type French words into the translation editor, string by string, as its JavaScript does (PUT per string)."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in words:
            response = client.put(
                reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
                f"value={words[segment.string.data]}",
                content_type="application/x-www-form-urlencoded; charset=utf-8",
            )
            assert response.status_code in (200, 201), response.content


def publish_translation(client, user, french_page, capture):
    """A moderator presses "Publish in French" in the translation editor."""
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[french_page.pk]), {"action": "publish"})
    assert response.status_code == 302
    return StandardPage.objects.get(pk=french_page.pk)


# Permissions ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_may_submit_pages_for_translation(group):
    permissions = Group.objects.get(name=group).permissions
    assert permissions.filter(content_type__app_label="wagtail_localize", codename="submit_translation").exists()


def test_the_permission_migration_restores_a_removed_permission():
    from importlib import import_module

    from django.apps import apps

    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(*editors.permissions.filter(codename="submit_translation"))
    import_module("members.migrations.0007_translation_permissions").grant(apps, None)
    assert editors.permissions.filter(codename="submit_translation").exists()


def test_an_editor_is_offered_translate_this_page(client, editor, english_page):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_page.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Translate this page" in body
    assert reverse("wagtail_localize:submit_page_translation", args=[english_page.pk]) in body


def test_a_user_outside_the_editors_groups_cannot_submit_a_translation(client, english_page, fr):
    client.force_login(factories.UserFactory(groups=["Members"]))
    response = submit(client, english_page, fr)
    assert response.status_code in (302, 403)
    assert not english_page.get_translations().exists()


# Translating ----------------------------------------------------------------------------------------------------


def test_an_editor_translates_a_page_into_french_and_spanish_as_drafts(
    client, editor, english_page, french_home, fr, es, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, english_page, fr, es)

    assert response.status_code == 302
    french, spanish = english_page.get_translation(fr), english_page.get_translation(es)
    assert french.get_parent().specific == french_home
    # Drafts: nothing reaches visitors until a moderator publishes the translation (WAGTAILLOCALIZE_SYNC_LIVE_...).
    assert not french.live and not spanish.live
    assert client.get("/fr/our-history/").status_code == 404


def test_the_translation_editor_opens_with_the_english_strings_and_the_progress(
    client, editor, english_page, french_home, fr, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    french = english_page.get_translation(fr)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk]))

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    props = json.loads(
        re.search(r'data-props="([^"]*)"', response.content.decode("utf-8")).group(1).replace("&quot;", '"')
    )
    sources = {segment["source"] for segment in props["segments"] if segment["type"] == "string"}
    assert set(FRENCH) <= sources
    assert props["perms"]["canPublish"] is False  # an editor fills it in; a moderator publishes
    assert props["links"]["downloadPofile"] and props["links"]["uploadPofile"]
    assert translation_of(english_page, fr).get_progress() == (len(props["segments"]) - _non_strings(props), 0)


def _non_strings(props):
    return sum(1 for segment in props["segments"] if segment["type"] != "string")


def test_translated_strings_raise_the_progress_and_a_moderator_publishes_the_french_page(
    client, editor, moderator, english_page, french_home, fr, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    translation = translation_of(english_page, fr)
    total, done = translation.get_progress()
    assert done == 0

    translate_in_editor(client, translation, {"Our history": "Notre histoire"})
    assert translation.get_progress() == (total, 1)
    report = client.get(reverse("wagtail_localize:translations_report"))
    assert report.status_code == 200
    assert "Waiting for translations" in report.content.decode()

    translate_in_editor(client, translation, FRENCH)
    assert translation.get_progress() == (total, total)

    french = publish_translation(
        client, moderator, english_page.get_translation(fr), django_capture_on_commit_callbacks
    )
    assert french.live
    body = client.get(french.url).content.decode()
    for words in FRENCH.values():
        assert words.replace("'", "&#x27;") in body
    assert "Twelve co-operatives" not in body
    assert french.listing_image_id == english_page.listing_image_id  # the card picture is the English page's
    assert "Twelve co-operatives" in client.get(english_page.url).content.decode()


def test_an_editor_cannot_publish_from_the_translation_editor(
    client, editor, english_page, french_home, fr, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    translate_in_editor(client, translation_of(english_page, fr), FRENCH)
    french = english_page.get_translation(fr)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action": "publish"})

    assert response.status_code in (302, 403)
    assert not StandardPage.objects.get(pk=french.pk).live


# Syncing a changed source ---------------------------------------------------------------------------------------


def _sync(client, page, capture, **data):
    source = TranslationSource.objects.get_for_instance(page)
    with capture(execute=True):
        return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), data)


@pytest.fixture
def published_french(client, editor, moderator, english_page, french_home, fr, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    translate_in_editor(client, translation_of(english_page, fr), FRENCH)
    return publish_translation(client, moderator, english_page.get_translation(fr), django_capture_on_commit_callbacks)


def _change_english(page, picture):
    page.intro = "How the federation began, and grew."
    page.body = [
        *BODY,
        {"type": "quote", "value": {"quote": "Together we are stronger.", "attribution": "A founder", "role": ""}},
    ]
    page.listing_image = picture
    page.save_revision().publish()


def test_sync_brings_a_changed_english_page_into_the_french_translation_keeping_its_translations(
    client, editor, moderator, english_page, published_french, fr, django_capture_on_commit_callbacks
):
    new_picture = factories.CustomImageFactory(title="The federation today")
    _change_english(english_page, new_picture)
    client.force_login(editor)

    response = _sync(client, english_page, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    # The translation editor now offers the changed and the new English strings, the rest stays translated.
    translation = translation_of(english_page, fr)
    total, done = translation.get_progress()
    assert done == len(FRENCH) - 1 and total == done + 3  # the new intro, the quote and its attribution
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[published_french.pk])).content.decode()
    assert "Together we are stronger." in editor_page
    # The editor's sync published nothing: visitors still read the French page as it was published.
    assert "Together we are stronger." not in client.get(published_french.url).content.decode()

    translate_in_editor(
        client, translation, {"How the federation began, and grew.": "Comment la fédération est née et a grandi."}
    )
    french = publish_translation(client, moderator, published_french, django_capture_on_commit_callbacks)

    assert french.title == "Notre histoire"  # translated strings are kept
    assert french.intro == "Comment la fédération est née et a grandi."
    assert french.body[2].value["quote"] == "Together we are stronger."  # the new block, awaiting its translation
    assert french.body[1].value.source == f"<p>{FRENCH[BODY[1]['value'][3:-4]]}</p>"
    assert french.listing_image_id == new_picture.pk  # synchronised from the English page


def test_an_editors_sync_never_publishes_even_when_asked(
    client, editor, english_page, published_french, django_capture_on_commit_callbacks
):
    _change_english(english_page, english_page.listing_image)
    client.force_login(editor)
    source = TranslationSource.objects.get_for_instance(english_page)

    form = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert form.status_code == 200
    assert 'type="checkbox" name="publish_translations"' not in form.content.decode()

    _sync(client, english_page, django_capture_on_commit_callbacks, publish_translations="on")

    assert "Together we are stronger." not in client.get(published_french.url).content.decode()


def test_a_moderators_sync_may_publish_at_once(
    client, moderator, english_page, published_french, django_capture_on_commit_callbacks
):
    _change_english(english_page, english_page.listing_image)
    client.force_login(moderator)

    _sync(client, english_page, django_capture_on_commit_callbacks, publish_translations="on")

    body = client.get(published_french.url).content.decode()
    assert "Together we are stronger." in body
    assert "Notre histoire" in body


# PO files for an outside translator -----------------------------------------------------------------------------


def _po(response):
    return polib.pofile(response.content.decode("utf-8"))


def test_po_round_trip_an_outside_translator_fills_the_file_and_the_page_gets_the_french_words(
    client, editor, moderator, english_page, french_home, fr, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    translation = translation_of(english_page, fr)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=our-history-fr.po")
    po = _po(response)
    assert set(FRENCH) <= {entry.msgid for entry in po}
    assert all(entry.msgstr == "" for entry in po)
    for entry in po:
        entry.msgstr = FRENCH.get(entry.msgid, "")

    upload = SimpleUploadedFile("our-history-fr.po", str(po).encode("utf-8"), content_type="text/x-gettext-translation")
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.get_translation(fr).pk])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": edit_url}
    )

    assert response.status_code == 302 and response["Location"] == edit_url
    assert StringTranslation.objects.filter(locale=fr, data="Notre histoire").exists()
    total, done = translation.get_progress()
    assert done == len(FRENCH) and done <= total
    french = publish_translation(
        client, moderator, english_page.get_translation(fr), django_capture_on_commit_callbacks
    )
    body = client.get(french.url).content.decode()
    assert "Fondée en 1920" in body
    # The downloaded file now carries the translations made so far.
    client.force_login(editor)
    again = _po(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])))
    assert {entry.msgid: entry.msgstr for entry in again}["Our history"] == "Notre histoire"


@pytest.fixture
def french_translation(client, editor, english_page, french_home, fr, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, english_page, fr)
    return translation_of(english_page, fr)


def _upload(client, translation, content):
    files = {} if content is None else {"file": SimpleUploadedFile("strings.po", content)}
    return client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), files, follow=True)


def test_uploading_without_a_file_is_refused_with_a_clear_message(client, french_translation):
    response = client.post(reverse("wagtail_localize:upload_pofile", args=[french_translation.pk]))
    assert response.status_code == 400
    assert b"Choose a PO file" in response.content


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n not a po file at all",
        b'msgid "Our history"\nmsgstr "Notre histoire"\n',  # a PO file, but not one downloaded from a translation
    ],
    ids=["not-po", "po-without-translation-id"],
)
def test_uploading_a_file_that_is_not_this_translations_po_says_so_and_imports_nothing(
    client, french_translation, fr, content
):
    response = _upload(client, french_translation, content)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("PO file" in message for message in messages)
    assert not StringTranslation.objects.filter(locale=fr).exists()


def test_a_po_file_of_another_translation_is_refused(client, french_translation, english_page, es, fr):
    client.post(reverse("wagtail_localize:submit_page_translation", args=[english_page.pk]), {"locales": [es.pk]})
    spanish = translation_of(english_page, es)
    po = _po(client.get(reverse("wagtail_localize:download_pofile", args=[spanish.pk])))
    for entry in po:
        entry.msgstr = "Nuestra historia"

    response = _upload(client, french_translation, str(po).encode("utf-8"))

    assert any("different translation" in str(message) for message in response.context["messages"])
    assert not StringTranslation.objects.filter(locale=fr).exists()


# The translation editor under the Content-Security-Policy -------------------------------------------------------


def test_the_translation_editor_gets_the_admin_policy_and_its_scripts_come_from_this_site(
    client, french_translation, english_page, fr
):
    from django.contrib.staticfiles import finders

    french = english_page.get_translation(fr)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk]))

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    # The editor is a React app started by an inline script, and styles its widgets inline: the admin's policy.
    assert "'unsafe-inline'" in directives["script-src"] and "'unsafe-inline'" in directives["style-src"]
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', response.content.decode())
    bundle = next(src for src in scripts if "wagtail-localize.js" in src)
    assert all(src.startswith(("/static/", "/admin/")) for src in scripts), "every script comes from this site"
    assert finders.find(bundle.split("?")[0].removeprefix("/static/"))


# Progress on the dashboard --------------------------------------------------------------------------------------


def test_the_dashboard_shows_the_translations_in_progress_with_their_progress(
    client, editor, french_translation, english_page, fr
):
    translate_in_editor(client, french_translation, {"Our history": "Notre histoire", "our-history": "notre-histoire"})

    body = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Translations in progress" in body
    panel = body[body.index("Translations in progress") :]
    french = english_page.get_translation(fr)
    assert reverse("wagtailadmin_pages:edit", args=[french.pk]) in panel
    assert "Français" in panel or "French" in panel
    assert "40% (2 of 5 texts)" in panel

    translate_in_editor(client, french_translation, FRENCH)
    # Fully translated: it leaves the panel (the French home page, still waiting, stays).
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[french.pk]) not in body


def test_the_dashboard_shows_no_translation_panel_to_admin_users_who_cannot_translate(client, french_translation):
    from django.contrib.auth.models import Permission

    reader = factories.UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "Translations in progress" not in response.content.decode()
