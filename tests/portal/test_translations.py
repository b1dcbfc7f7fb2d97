"""Everything a visitor reads is in their language: every interface string of the site has a French and a Spanish
translation, the compiled catalogs match their sources, and pages under /fr/ and /es/ speak French and Spanish.

The completeness test gathers the strings the way ``make messages`` does (Django's ``makemessages``, on a copy of
the project, so that no catalog of the working tree changes), from every template and Python file, whichever
catalog they belong to (``locale/`` for the public site, ``members/locale/`` for the members' pages, Django's and
Wagtail's own for the strings they share), and asks Django's translation machinery, as a page does, for each one.
"""

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from documents.models import DocumentCategory
from tests import factories
from tests.editors import conftest as editors
from tests.editors.conftest import ENQUIRY
from tests.fixtures import html, text_of

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = ("fr", "es")
# Folders that hold no interface string of the site (or someone else's: the virtualenv's packages).
NOT_SCANNED = {".venv", "node_modules", ".git", "media", "static", "staticfiles", "bench", "locale"}
# Words written the same in English and in a language: a translation equal to its source is right for these only.
SAME_IN = {
    "fr": {
        "Menu",
        "Action",
        "j F Y",  # a date format: day, month name, year in French as in English
        "Pages",
        "Documents",
        "document",
        "documents",
        "Page",
        "Pagination",
        "Document · %(type)s",
        "Document · %(type)s, %(size)s",
        "%(counter)s document.",
        "%(counter)s documents.",
        "%(amount)s million",
        "%(title)s (version %(number)s)",
    },
    "es": {"Error 404", "Error 500", "Error 503"},
}
SCAN_IGNORES = ["--ignore=tests/*", "--ignore=templates/wagtail*"]
PLACEHOLDER_OR_TAG = re.compile(r"%\([^)]*\)[sd]|<[^>]+>|&\w+;")


def has_words(text):
    """Whether ``text`` says anything besides placeholders, markup and punctuation ("%(label)s: %(error)s" does not)."""
    return bool(re.search(r"[^\W\d_]", PLACEHOLDER_OR_TAG.sub("", text)))


def gathered_messages(tmp_path):
    """Every message of the project's templates and Python files, as ``makemessages`` finds them."""
    copy = tmp_path / "project"
    skipped = shutil.ignore_patterns(*NOT_SCANNED, ".*", "__pycache__", "*.po", "*.mo", "*.sqlite3*")
    shutil.copytree(BASE_DIR, copy, ignore=skipped)
    (copy / "locale").mkdir()
    # The tests stay in the copy (the test settings import tests.embed_finder) but are not scanned; nor are the
    # copies of Wagtail's admin templates (templates/wagtail*/): the admin is for editors, in Wagtail's words.
    subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--keep-pot", *SCAN_IGNORES, "-v", "0"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    entries = []
    for pot in copy.rglob("*.pot"):
        entries.extend(entry for entry in polib.pofile(str(pot)) if entry.msgid)
    return entries


def translated(entry, language):
    """What a page in ``language`` shows for ``entry``: ``[(source, shown), ...]`` (both plural forms)."""
    with translation.override(language):
        if entry.msgid_plural:
            shown = []
            for count in (1, 5):
                source = entry.msgid if count == 1 else entry.msgid_plural
                if entry.msgctxt:
                    text = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                else:
                    text = translation.ngettext(entry.msgid, entry.msgid_plural, count)
                shown.append((source, text))
            return shown
        if entry.msgctxt:
            return [(entry.msgid, translation.pgettext(entry.msgctxt, entry.msgid))]
        return [(entry.msgid, translation.gettext(entry.msgid))]


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed: apt install gettext"
)
def test_every_interface_string_is_translated_into_french_and_spanish(tmp_path):
    entries = gathered_messages(tmp_path)
    # The scan works: it finds the site's own strings, in templates and in Python.
    msgids = {entry.msgid for entry in entries}
    assert {"Skip to main content", "Newest first", "Choose…"} <= msgids

    untranslated = []
    for entry in entries:
        for language in LANGUAGES:
            for source, shown in translated(entry, language):
                if shown == source and has_words(source) and source not in SAME_IN[language]:
                    where = ", ".join(path for path, _line in entry.occurrences[:2])
                    untranslated.append(f"{language}: {source!r} ({where})")
    assert not untranslated, "Interface strings with no translation (run `make messages`, translate, then " + (
        "`make compilemessages`):\n" + "\n".join(sorted(set(untranslated)))
    )


def project_catalogs():
    """The project's own .po files (``locale/`` and any app's ``locale/``), not the virtualenv's."""
    found = []
    for dirpath, dirnames, filenames in os.walk(BASE_DIR):
        dirnames[:] = [name for name in dirnames if not name.startswith(".") and name not in {"node_modules", "media"}]
        if Path(dirpath).name == "LC_MESSAGES":
            found.extend(Path(dirpath) / name for name in filenames if name.endswith(".po"))
    return sorted(found)


def test_the_site_has_french_and_spanish_catalogs():
    found = {path.relative_to(BASE_DIR).as_posix() for path in project_catalogs()}
    assert {"locale/fr/LC_MESSAGES/django.po", "locale/es/LC_MESSAGES/django.po"} <= found


@pytest.mark.parametrize("po_path", project_catalogs(), ids=lambda path: path.relative_to(BASE_DIR).as_posix())
def test_the_committed_mo_files_are_compiled_from_the_current_catalogs(po_path):
    """A .mo compiled from an older .po would show old or missing translations: `make compilemessages`."""
    po = polib.pofile(str(po_path))
    assert not po.fuzzy_entries() and not po.untranslated_entries(), f"{po_path}: untranslated or fuzzy entries"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make compilemessages` and commit it"

    def contents(catalog):
        return {
            (entry.msgctxt, entry.msgid, entry.msgid_plural): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            for entry in catalog
            if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
        }

    compiled = polib.mofile(str(mo_path))
    assert contents(compiled) == contents(po), f"{mo_path} is out of date: run `make compilemessages`"


# Pages in French and Spanish -----------------------------------------------------------------------------------

site_settings = editors.site_settings
enquiry_page = editors.enquiry_page


def translate_page(page, language):
    """``page``'s translation into ``language`` (its parents too), published."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def contact_details(site_settings):
    site_settings.phone = "+32 2 743 10 30"
    site_settings.save()
    return site_settings


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link", "search_label", "contact", "menu_label"),
    [
        ("fr", "Aller au contenu principal", "Rechercher sur le site", "Nous contacter", "Principale"),
        ("es", "Ir al contenido principal", "Buscar en el sitio", "Contacto", "Principal"),
    ],
)
def test_a_home_page_in_another_language_speaks_it(
    client, home_page, contact_details, language, skip_link, search_label, contact, menu_label
):
    translate_page(home_page, language)
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    soup = html(response)
    assert soup.html["lang"] == language
    assert text_of(soup.select_one("a.skip-link")) == skip_link
    assert text_of(soup.select_one("label[for=header-search-q]")) == search_label
    assert soup.select_one("nav.main-nav")["aria-label"] == menu_label
    assert text_of(soup.select_one("#footer-contact")) == contact
    english = html(client.get("/en/"))
    assert text_of(english.select_one("a.skip-link")) == "Skip to main content"
    assert text_of(english.select_one("#footer-contact")) == "Contact us"


@pytest.mark.django_db
@override_settings(CACHE_IS_SHARED=True)
def test_the_cached_footer_is_kept_per_language(client, home_page, contact_details):
    translate_page(home_page, "fr")
    assert text_of(html(client.get("/en/")).select_one("#footer-contact")) == "Contact us"
    assert text_of(html(client.get("/fr/")).select_one("#footer-contact")) == "Nous contacter"
    assert text_of(html(client.get("/en/")).select_one("#footer-contact")) == "Contact us"


@pytest.fixture
def library(documents_page):
    guides = DocumentCategory.objects.create(name="Guides")
    for number in range(23):
        factories.PortalDocumentFactory(
            title=f"Guide {number}", category=guides, language="en", publication_date=date(2025, 4, 15)
        )
    return documents_page


@pytest.mark.django_db
def test_the_documents_library_filters_and_pages_in_french(client, library):
    french = translate_page(library, "fr")
    response = client.get(french.url, {"language": "all"})
    assert response.status_code == 200
    soup = html(response)
    assert text_of(soup.select_one("#library-filters-heading")) == "Filtrer les documents"
    facets = [text_of(heading) for heading in soup.select(".facet__heading")]
    assert facets == ["Catégorie", "Année", "Langue", "Type de fichier"]
    assert "Anglais" in [text_of(label) for label in soup.select(".facet__label")]
    assert [text_of(option) for option in soup.select("#library-sort option")] == [
        "Les plus récents d’abord",
        "Les plus anciens d’abord",
        "Titre de A à Z",
    ]
    assert "Documents 1 à 20 sur 23." in text_of(soup.select_one(".list-status"))
    pagination = soup.select_one("nav.pagination")
    assert pagination["aria-label"] == "Documents\u00a0: pages"
    assert text_of(pagination.select_one("a[rel=next]")) == "Page Suivante"
    card = soup.select_one(".document-card")
    assert "15 avril 2025" in text_of(card)
    assert text_of(card.select_one(".document-card__download")).startswith("Télécharger Guide")
    # An unknown filter value is explained in French, and the filter chips too.
    filtered = html(client.get(french.url + "?year=abc&language=en"))
    assert "Ce n’est pas une année possible pour un document" in text_of(filtered)
    assert "Langue : Anglais" in [text_of(chip) for chip in filtered.select(".filter-chip")][0]


@pytest.mark.django_db
def test_a_document_page_in_spanish_writes_its_dates_the_spanish_way(client, library):
    spanish = translate_page(library, "es")
    document = factories.PortalDocumentFactory(title="Estatutos", publication_date=date(2025, 4, 15))
    soup = html(client.get(spanish.document_url(document)))
    facts = {text_of(row.dt): text_of(row.dd) for row in soup.select(".facts__row")}
    assert facts["Publicación"] == "15 de abril de 2025"
    assert facts["Idioma"] == "Inglés"
    assert facts["Tipo de archivo"] == "PDF"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "lead"),
    [("fr", "Page introuvable", "Nous n’avons pas trouvé"), ("es", "Página no encontrada", "No hemos encontrado")],
)
def test_a_missing_page_says_so_in_the_language_of_its_address(client, home_page, language, heading, lead):
    translate_page(home_page, language)
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    soup = html(response)
    assert soup.html["lang"] == language
    assert text_of(soup.h1) == heading
    assert text_of(soup.select_one(".lead")).startswith(lead)


@pytest.mark.django_db
def test_the_search_page_speaks_french(client, home_page):
    translate_page(home_page, "fr")
    soup = html(client.get("/fr/search/", {"q": "zzyzx"}))
    assert text_of(soup.h1) == "Recherche"
    assert text_of(soup.select_one("label[for=search-q]")) == "Mots recherchés"
    assert "Aucune page ni aucun document ne correspond à « zzyzx »." in text_of(soup.select_one("main"))
    tabs = [text_of(link) for link in soup.select(".search-kinds__link")]
    assert tabs == ["Tous les résultats (0)", "Pages (0)", "Documents (0)"]


@pytest.mark.django_db
def test_the_enquiry_form_its_errors_and_its_acknowledgement_are_in_french(client, enquiry_page):
    french = translate_page(enquiry_page, "fr")
    soup = html(client.get(french.url))
    assert text_of(soup.select_one("form.enquiry-form button[type=submit]")) == "Envoyer la demande"
    assert "(obligatoire)" in text_of(soup.select_one("label[for=id_your_name]"))
    assert text_of(soup.select_one("#enquiry-privacy")).startswith("Vos données personnelles.")

    soup = html(client.post(french.url, {"your_name": "", "your_e_mail": "pas une adresse"}))
    summary = soup.select_one("#error-summary")
    assert text_of(summary.h2) == "Votre demande n’a pas encore été envoyée"
    assert "Veuillez corriger ces réponses" in text_of(summary)
    # Django's and Wagtail's own messages come from their French catalogs.
    assert text_of(soup.select_one("#id_your_name_error")) in {"Ce champ est obligatoire.", "Champ requis."}

    refused = html(client.post(french.url, {**ENQUIRY, "fax_number": "0123"}))
    assert "la case « Laissez ce champ vide » a été remplie" in text_of(refused.select_one("#error-summary"))

    mail.outbox.clear()
    client.post(french.url, ENQUIRY)
    acknowledgement = next(message for message in mail.outbox if message.to == ["ada@coop.example"])
    assert acknowledgement.subject.startswith("Votre demande à ")
    assert "Merci pour votre demande" in acknowledgement.body


@pytest.mark.django_db
def test_the_alliance_figures_follow_the_language(alliance_page):
    alliance_page.people_represented = 1_200_000_000
    alliance_page.people_represented_qualifier = ""
    with translation.override("fr"):
        assert alliance_page.people_represented_label == "1,2 milliard"
        assert alliance_page.key_figures[0][1] == f"fondée à {alliance_page.founded_city}"
    with translation.override("es"):
        assert alliance_page.people_represented_label == "1,2 mil millones"
    alliance_page.people_represented = 12_000_000
    with translation.override("es"):
        assert alliance_page.people_represented_label == "12 millones"
    with translation.override("en"):
        assert alliance_page.people_represented_label == "12 million"


@pytest.mark.django_db
def test_the_error_pages_use_the_active_language():
    from django.template.loader import render_to_string

    with translation.override("es"):
        page = render_to_string("503.html")
    assert '<html lang="es">' in page and "Volvemos enseguida" in page and 'href="/es/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "acknowledgement_subject", "acknowledgement_lines", "staff_subject"),
    [
        (
            "fr",
            "Votre demande à Fédération nationale des coopératives",
            [
                "Merci pour votre demande adressée à Fédération nationale des coopératives.",
                "Nous l’avons bien reçue et vous répondrons à cette adresse. Voici ce que vous nous avez envoyé :",
                "Your name : Ada Lovelace",
                "Vous recevez ce message parce que cette adresse a été indiquée dans le formulaire de demande",
            ],
            "Demande d’adhésion : Ask about membership",
        ),
        (
            "es",
            "Su consulta a National Federation of Co-operatives",
            [
                "Gracias por su consulta a National Federation of Co-operatives.",
                "Your name: Ada Lovelace",
            ],
            "Consulta sobre afiliación: Ask about membership",
        ),
    ],
)
def test_the_enquiry_e_mails_sent_from_a_translated_form_are_in_its_language(
    client, enquiry_page, site_settings, language, acknowledgement_subject, acknowledgement_lines, staff_subject
):
    """The enquirer's copy and the federation's e-mail, subject and body, in the form's language (the answers'
    labels are the page's own, which an editor translates: the copied page here keeps the English ones). The
    federation is named as the page's header names it: the French site texts' name, the settings' one in Spanish."""
    from home.models import SiteTexts

    SiteTexts.objects.create(
        site=site_settings.site,
        locale=Locale.objects.get(language_code="fr"),
        organisation_name="Fédération nationale des coopératives",
    )
    page = translate_page(enquiry_page, language)
    page.subject = ""  # the subject an editor gives the page is theirs to translate; without one, the site's words
    page.save_revision().publish()
    mail.outbox.clear()
    client.post(page.url, ENQUIRY)
    acknowledgement = next(message for message in mail.outbox if message.to == ["ada@coop.example"])
    staff = next(message for message in mail.outbox if message.to == ["membership@federation.example"])
    assert acknowledgement.subject == acknowledgement_subject
    for line in acknowledgement_lines:
        assert line in acknowledgement.body.replace("\xa0", " ")
    assert page.full_url in acknowledgement.body
    assert "Thank you" not in acknowledgement.body and "This message" not in acknowledgement.body
    assert staff.subject.replace("\xa0", " ") == staff_subject
    assert "Ada Lovelace" in staff.body and "ada@coop.example" in staff.body
    assert "Leave this field empty" not in staff.body
    assert staff.reply_to == ["ada@coop.example"]
