"""Builds the demo content: collections, images, documents, pages, privacy, site settings and accounts.

Every step creates only what is missing, so running the loader again changes nothing:

* collections, images and documents are found by name/title (and collection) and created only if absent; document
  categories by slug. A demo document loaded before categories existed gets its category, language and publication
  date once (while it has no category);
* a page is created only when its parent has no child with its slug (for a page type limited to one
  instance, only when none exists anywhere); the home page, which a migration creates empty, is filled only
  while it has no revision. A page an editor has changed is therefore never overwritten;
* privacy restrictions are added only to a page or collection that has none;
* site settings are filled only while all their contact fields are still empty; the social media settings (links
  and default image) only while both are empty, and the enquiries address only while it is empty;
* accounts are created only if their username is free, and existing passwords are never reset;
* each page gets its French and Spanish translation (``content_fr``, ``content_es``) only while it has none in that
  language: an English page with no translation yet (a site loaded before it had languages) gets one, created from
  it with Wagtail's ``copy_for_translation`` (same ``translation_key``, under the translated parent, the home page's
  translation beside the site's root), then filled with that language's copy. The English page is only read. The
  site settings' texts in French and Spanish (``SiteTexts``) are added while the site has none in that language.

New pages are created as drafts first, so that pages can link to each other whatever their order, and then
published with one revision each, so editors see them in the page history.
"""

import csv
import io
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import ForeignObjectRel
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

from home.models import HomePage, SiteSettings, SiteTexts
from home.site_address import apply_site_url

from . import content_es, content_fr
from .content import HOME, PAGES, PRIVATE_SECTION
from .images import ARTWORKS, render_artwork
from .library import CATEGORIES, DOCUMENTS, MEMBERS_COLLECTION
from .pdf import render_pdf
from .users import ensure_accounts

MEMBERS_GROUP = "Members"
# Collections the demo content uses, all children of the root collection ("Members documents" normally comes
# from migration members/0002, with its restriction).
COLLECTIONS = ["Demo images", MEMBERS_COLLECTION, "Library"]
# Collections only the Members group may see (documents in them are hidden from everyone else).
MEMBERS_ONLY_COLLECTIONS = [MEMBERS_COLLECTION]

SITE_SETTINGS = {
    "postal_address": "Co-operative House\n24 Market Street\nMilltown MT1 4CP",
    "email": "hello@coop-federation.example",
    "phone": "+44 1632 960 123",
    "footer_text": "The National Federation of Co-operatives speaks for the country's co-operatives and is a "
    "member of the International Co-operative Alliance. It is a fictional organisation, made up for this demo.",
}
# Added with the editors' settings (social media, enquiries): filled separately, each group while it is empty, so a
# site loaded before they existed gets them too.
SOCIAL_LINKS = [
    ("linkedin", "https://www.linkedin.com/company/coop-federation-example"),
    ("x", "https://x.com/coopfed_example"),
    ("youtube", "https://www.youtube.com/@coopfed-example"),
]
ENQUIRIES_EMAIL = "membership@coop-federation.example"
IMAGE_CREDIT = "Abstract artwork generated for the Co-op Portal demo content."
# The demo pages and site texts in the other languages, each a module with LANGUAGE, PAGES and SITE_TEXTS.
TRANSLATIONS = [content_fr, content_es]


class DemoContentError(Exception):
    """The database is not in a state the loader can build on (for example, not migrated)."""


@dataclass
class Report:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    site_url: str = ""

    def add(self, created, kind, label):
        (self.created if created else self.existing).append((kind, label))


class DemoLoader:
    def __init__(self, with_users=True, site_url=None):
        self.with_users = with_users
        # The address the demo is served at (`make run` passes SITE_URL): the Site record takes it, so canonical
        # links, sitemaps and the API name the address the browser uses. Empty: the Site is left as it is.
        self.site_url = settings.SITE_URL if site_url is None else site_url
        self.report = Report()
        self.author = None

    def run(self):
        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise DemoContentError("There is no default site. Run `manage.py migrate` first.")
            home = site.root_page.specific
            if not isinstance(home, HomePage):
                raise DemoContentError(
                    f"The default site's root page is a {type(home).__name__}, not a HomePage; "
                    "the demo content is built under the home page that migration home/0002 creates."
                )
            if self.site_url:
                apply_site_url(site, self.site_url)
            self.report.site_url = site.root_url
            if self.with_users:
                self.report.accounts = ensure_accounts()
                for result in self.report.accounts:
                    self.report.add(result.created, "account", result.account.username)
                    if result.account.superuser:
                        self.author = result.user
            collections = self.ensure_collections()
            images = self.ensure_images(collections)
            documents = self.ensure_documents(collections)
            pages = self.ensure_pages(home, images, documents)
            members = Group.objects.filter(name=MEMBERS_GROUP).first()
            if members is None:
                raise DemoContentError(f"The {MEMBERS_GROUP} group is missing. Run `manage.py migrate` first.")
            self.restrict_page(pages[PRIVATE_SECTION], members)
            for translation in TRANSLATIONS:
                translated = self.ensure_translations(translation, pages, images, documents)
                if PRIVATE_SECTION in translated:
                    # Members-only in every language: the copy takes the English page's restriction, and a
                    # translation made before the English page had one gets its own here.
                    self.restrict_page(translated[PRIVATE_SECTION], members)
            for name in MEMBERS_ONLY_COLLECTIONS:
                self.restrict_collection(collections[name], members)
            self.fill_site_settings(site, images)
            for translation in TRANSLATIONS:
                self.fill_site_texts(site, translation)
        return self.report

    # Media -------------------------------------------------------------------------------------------------

    def ensure_collections(self):
        root = Collection.get_first_root_node()
        collections = {}
        for name in COLLECTIONS:
            collection = root.get_children().filter(name=name).first()
            created = collection is None
            if created:
                collection = root.add_child(name=name)
            collections[name] = collection
            self.report.add(created, "collection", name)
        return collections

    def ensure_images(self, collections):
        Image = get_image_model()
        images = {}
        for artwork in ARTWORKS:
            collection = collections[artwork.collection]
            image = Image.objects.filter(title=artwork.title, collection=collection).first()
            created = image is None
            if created:
                image = Image(
                    title=artwork.title,
                    description=artwork.description,
                    credit=IMAGE_CREDIT,
                    collection=collection,
                    uploaded_by_user=self.author,
                    file=ImageFile(io.BytesIO(render_artwork(artwork)), name=f"{artwork.key.replace('_', '-')}.jpg"),
                )
                image._set_image_file_metadata()
                image.save()
            images[artwork.key] = image
            self.report.add(created, "image", f"{artwork.title} ({artwork.collection})")
        return images

    def ensure_categories(self):
        """The library's document categories, found or created by slug."""
        # By name, as every page type here (``spec.model``): the demo fills every app, and ``home`` imports none.
        DocumentCategory = apps.get_model("documents", "DocumentCategory")
        categories = {}
        for spec in CATEGORIES:
            category = DocumentCategory.objects.filter(slug=spec.slug).first()
            created = category is None
            if created:
                category = DocumentCategory.objects.create(slug=spec.slug, name=spec.name, description=spec.description)
            categories[spec.slug] = category
            self.report.add(created, "category", spec.name)
        return categories

    def ensure_documents(self, collections):
        Document = get_document_model()
        categories = self.ensure_categories()
        documents = {}
        for spec in DOCUMENTS:
            collection = collections[spec.collection]
            document = Document.objects.filter(title=spec.title, collection=collection).first()
            created = document is None
            if created:
                document = Document(
                    title=spec.title,
                    description=spec.description,
                    collection=collection,
                    category=categories[spec.category.slug],
                    language=spec.language,
                    publication_date=spec.publication_date,
                    uploaded_by_user=self.author,
                    file=ContentFile(self._render_document(spec), name=spec.filename),
                )
                document._set_document_file_metadata()
                document.save()
                # Date each upload on its own day too (created_at is set automatically on the first save).
                Document.objects.filter(pk=document.pk).update(created_at=spec.created)
                document.created_at = spec.created
            elif document.category_id is None:
                # A demo document loaded before the library had categories: describe it once, like a fresh one.
                document.category = categories[spec.category.slug]
                document.language = spec.language
                document.publication_date = spec.publication_date
                document.save(update_fields=["category", "language", "publication_date"])
            documents[spec.key] = document
            self.report.add(created, "document", f"{spec.title} ({spec.collection})")
        self.ensure_translation_sets(documents)
        return documents

    def ensure_translation_sets(self, documents):
        """Put each demo translation in its original's translation set, while it is in none (a set an editor made
        or undid since is left alone)."""
        for spec in DOCUMENTS:
            document, original = documents[spec.key], documents.get(spec.translation_of)
            if original is None or document.translation_key is not None:
                continue
            document.join_translation_set(original)
            document.save(update_fields=["translation_key"])
            self.report.add(True, "translation set", f"{spec.title} ({spec.language})")

    def _render_document(self, spec):
        if spec.is_csv:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(spec.sections)
            return buffer.getvalue().encode("utf-8")
        return render_pdf(
            spec.title,
            spec.sections,
            author="National Federation of Co-operatives",
            subject=spec.subject,
            created=spec.created,
        )

    # Pages -------------------------------------------------------------------------------------------------

    def ensure_pages(self, home, images, documents):
        refs = SimpleNamespace(images=images, documents=documents, pages={HOME.key: home})
        to_publish = []
        for spec in PAGES:
            parent = refs.pages[spec.parent]
            model = apps.get_model(spec.model)
            page = self._existing_page(parent, spec, model)
            created = page is None
            if created:
                if not model.can_create_at(parent):
                    raise DemoContentError(
                        f"Cannot create {spec.title!r} ({spec.model}) under {parent.title!r} "
                        f"({type(parent).__name__}). Move or delete the page that is in the way and run again."
                    )
                page = model(title=spec.title, slug=spec.slug, show_in_menus=spec.show_in_menus, live=False)
                page.owner = self.author
                parent.add_child(instance=page)
                to_publish.append((spec, page))
            refs.pages[spec.key] = page
            self.report.add(created, "page", page.url_path)

        # The home page is created empty (with no revision) by a migration; fill it only while it is untouched.
        if not home.revisions.exists():
            to_publish.append((HOME, home))
            self.report.add(True, "page", f"{home.url_path} (filled in)")
        else:
            self.report.add(False, "page", home.url_path)

        for spec, page in to_publish:
            self._fill(page, spec.fields(refs), spec)
            revision = page.save_revision(user=self.author, log_action=True)
            revision.publish(user=self.author)
        return refs.pages

    def _existing_page(self, parent, spec, model):
        page = parent.get_children().filter(slug=spec.slug).first()
        same_language = model.objects.filter(locale_id=parent.locale_id)
        if page is None and model.max_count is not None and same_language.count() >= model.max_count:
            # An editor may have renamed or moved the only page of its type: never create a second one. (Its
            # translations are the same page in other languages, hence the count in the parent's language.)
            page = same_language.first()
        return page.specific if page is not None else None

    def ensure_translations(self, translation, pages, images, documents):
        """The demo pages in ``translation.LANGUAGE``: each English demo page's translation, created (from the
        English page, in the tree order of ``PAGES``) and filled only when the page has none in that language.

        Returns the translated pages by key; a page whose translation cannot be made (its parent has none, say an
        editor deleted it) is left out with a warning.
        """
        locale = Locale.objects.filter(language_code=translation.LANGUAGE).first()
        if locale is None:
            self.report.warnings.append(f"No {translation.LANGUAGE!r} locale: run `manage.py migrate` first.")
            return {}
        translated = {}
        to_publish = []
        for spec in [HOME, *PAGES]:
            page = pages[spec.key]
            text = translation.PAGES[spec.key]
            existing = page.get_translation_or_none(locale)
            label = f"{page.url_path} ({translation.LANGUAGE})"
            if existing is not None:
                translated[spec.key] = existing.specific
                self.report.add(False, "translation", label)
                continue
            try:
                copy = page.copy_for_translation(locale, copy_parents=False, alias=False)
            except ParentNotTranslatedError:
                self.report.warnings.append(f"{label}: its parent has no translation, so neither has it.")
                continue
            copy = copy.specific
            copy.title = text.title
            copy.slug = text.slug
            copy.owner = self.author
            translated[spec.key] = copy
            to_publish.append((spec, text, copy))
            self.report.add(True, "translation", label)

        # Links within the translated pages lead to pages in the same language (English where there is none).
        refs = SimpleNamespace(images=images, documents=documents, pages={**pages, **translated})
        for spec, text, page in to_publish:
            # Its children were copied under it since it was made: publishing saves the whole page, tree fields
            # included, so a stale child count (0) would be written back and the next child added would be given
            # an existing child's path.
            page.numchild = Page.objects.filter(pk=page.pk).values_list("numchild", flat=True).get()
            self._fill(page, text.fields(refs), spec)
            revision = page.save_revision(user=self.author, log_action=True)
            revision.publish(user=self.author)
        return translated

    def _fill(self, page, values, spec):
        for name, value in values.items():
            model_field = page._meta.get_field(name)
            if isinstance(model_field, ForeignObjectRel):  # a child relation, e.g. the regional offices
                setattr(page, name, [model_field.related_model(**row) for row in value])
            else:
                setattr(page, name, value)
        for model_field in page._meta.get_fields():
            if isinstance(model_field, StreamField):
                try:
                    model_field.stream_block.clean(getattr(page, model_field.name))
                except ValidationError as error:
                    details = error.as_json_data() if hasattr(error, "as_json_data") else error.messages
                    raise DemoContentError(
                        f"Invalid demo content in {spec.title!r}.{model_field.name}: {details}"
                    ) from error

    # Privacy and settings ----------------------------------------------------------------------------------

    def restrict_page(self, page, group):
        created = not PageViewRestriction.objects.filter(page=page).exists()
        if created:
            restriction = PageViewRestriction(page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.save(user=self.author)
            restriction.groups.set([group])
        self.report.add(created, "restriction", f"{page.url_path} -> {group.name} group")

    def restrict_collection(self, collection, group):
        created = not CollectionViewRestriction.objects.filter(collection=collection).exists()
        if created:
            restriction = CollectionViewRestriction(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.save()
            restriction.groups.set([group])
        self.report.add(created, "restriction", f"collection {collection.name!r} -> {group.name} group")

    def fill_site_settings(self, site, images):
        settings = SiteSettings.for_site(site)
        label = f"site settings for {site.site_name or site.hostname}"
        changed = False
        untouched = not any(getattr(settings, name) for name in SITE_SETTINGS)
        if untouched:
            for name, value in SITE_SETTINGS.items():
                setattr(settings, name, value)
            changed = True
        self.report.add(untouched, "settings", label)
        social_untouched = not settings.social_links and settings.default_social_image_id is None
        if social_untouched:
            settings.social_links = [
                {"type": "link", "value": {"platform": platform, "url": url, "link_text": ""}}
                for platform, url in SOCIAL_LINKS
            ]
            settings.default_social_image = images["hero"]
            changed = True
        self.report.add(social_untouched, "settings", f"{label}: social media")
        if not settings.enquiries_email:
            settings.enquiries_email = ENQUIRIES_EMAIL
            changed = True
            self.report.add(True, "settings", f"{label}: enquiries address")
        else:
            self.report.add(False, "settings", f"{label}: enquiries address")
        if changed:
            settings.full_clean()
            settings.save()

    def fill_site_texts(self, site, translation):
        """The site settings' texts in ``translation.LANGUAGE``, added while the site has none in that language.

        The site's rows share one translation key, as translations of each other."""
        label = f"site texts for {site.site_name or site.hostname} ({translation.LANGUAGE})"
        locale = Locale.objects.filter(language_code=translation.LANGUAGE).first()
        created = locale is not None and not SiteTexts.objects.filter(site=site, locale=locale).exists()
        if created:
            sibling = SiteTexts.objects.filter(site=site).first()
            texts = SiteTexts(site=site, locale=locale, **translation.SITE_TEXTS)
            if sibling is not None:
                texts.translation_key = sibling.translation_key
            texts.full_clean()
            texts.save()
        self.report.add(created, "settings", label)
