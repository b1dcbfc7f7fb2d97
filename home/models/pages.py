import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import fragment_cache, revisions, routing
from home.blocks import (
    BaseStreamBlock,
    HighlightsStreamBlock,
    RelatedDocumentsStreamBlock,
    complete_stored_form,
)
from home.image_facts import CARD_IMAGE_FILTER, HERO_FILTERS, visible_rendition_facts
from home.navigation_cache import cached_rows, site_root
from home.preview import HeadlessPreviewMixin
from home.serializers import ImageField
from members.access import can_view_page, document_language, shown_documents, visible_pages


class BasePage(HeadlessPreviewMixin, Page):
    """Fields every content page shares: a short introduction and a picture for cards that point to it.

    In the JSON API the picture is the page's social image, with its renditions; drafts can be previewed in the
    headless front end (``home.preview``).
    """

    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two sentences under the title; also the text of cards that lead to this page.",
    )
    listing_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture on cards that lead to this page and when it is shared on social media.",
    )

    # Whether the rendered content may be kept in the shared cache for the same audience (home.fragment_cache); off
    # for a page whose content depends on more than its address, its state and who is asking.
    cache_rendered_content = True

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("listing_image")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("listing_image", serializer=ImageField())]
    # What wagtail-localize sends to translators and what it copies from the source on every sync (the rest are its
    # defaults: words are translated, numbers, choices, addresses and pictures synchronised). The title, the slug
    # (so a French page can live at /fr/a-propos/) and the search-engine title and description are words; the card
    # picture is the source's, which a translator may replace in the translation editor.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("listing_image"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.complete_stream_fields()
        return super().save(*args, **kwargs)

    def complete_stream_fields(self):
        """Store every StreamField in the form wagtail-localize can translate (``home.blocks.complete_stored_form``):
        list items in block form with ids that then stay the same, no missing words in a structure."""
        for field in self._meta.get_fields():
            if isinstance(field, StreamField):
                raw, changed = complete_stored_form(
                    field.stream_block, field.stream_block.get_prep_value(field.value_from_object(self))
                )
                if changed:
                    setattr(self, field.attname, raw)

    def save_revision(self, user=None, approved_go_live_at=None, *args, overwrite_revision=None, **kwargs):
        """Wagtail's, except that saving content identical to the latest revision makes no new revision (an
        autosave, "Save draft" and "Submit" of the same words leave one): the user's latest is returned instead. An
        autosave that overwrites its own revision, a revert (``previous_revision``) and new comments (which are
        attached to the revision they come with) always save."""
        self.complete_stream_fields()  # the revision keeps the ids the page will have
        reverting = kwargs.get("previous_revision") is not None
        has_new_comments = getattr(self, COMMENTS_RELATION_NAME).filter(pk__isnull=True).exists()
        if overwrite_revision is None and not reverting and not has_new_comments and self.pk:
            latest = self.get_latest_revision()
            # Only the same user's revision is reused: autosave may later overwrite the revision it was given,
            # which Wagtail allows for the user's own revisions only.
            same_user = latest is not None and latest.user_id == (user.pk if user is not None else None)
            if same_user and revisions.unchanged_since(self, latest, approved_go_live_at):
                return latest
        return super().save_revision(user, approved_go_live_at, *args, overwrite_revision=overwrite_revision, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only a page served as itself keeps its rendered content; error and members-only pages never pass here.
        context[fragment_cache.CONTEXT_FLAG] = self.cache_rendered_content
        return context

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's rule, with ``max_count`` counted per language: a page type that exists once (the About page, the
        Alliance page...) exists once in each language, so an editor can add the French page of that type in the
        French tree while the English one exists. The language is the parent's, which the new page takes (a child of
        the tree's root, a language's home page, is made by translating the English home page instead)."""
        if cls.max_count is None:
            return super().can_create_at(parent)
        if not (cls.is_creatable and cls.can_exist_under(parent)):
            return False
        if cls.objects.filter(locale_id=parent.locale_id).count() >= cls.max_count:
            return False
        return cls.max_count_per_parent is None or (parent.get_children().type(cls).count() < cls.max_count_per_parent)

    def route(self, request, path_components):
        """Wagtail's routing by slugs, reading the pages along the rest of the path in one query.

        Wagtail's ``Page.route`` reads two rows per level (the child by its slug, then its specific page) just to
        call the child's own ``route``. Here one query reads the pages that the remaining slugs may name, and only
        the page that answers is read as its specific type; a page on the way whose type routes differently (the
        documents library's sub-pages) is asked to route the rest itself, exactly as Wagtail would. Which page
        answers is remembered (``home.routing``), so a later request reads only that page.
        """
        if request is not None and self.depth == 2:
            # The home page in the request's language: the menu and breadcrumbs start here too (site_root).
            request._portal_site_root = (getattr(getattr(request, "_wagtail_site", None), "pk", None), self)
        if not path_components:
            return super().route(request, path_components)
        known = routing.remembered(self, path_components, _routes_by_slug)
        if known is not None:
            page, remaining = known
            return page.route(request, remaining)
        condition = Q()
        for offset, slug in enumerate(path_components, start=1):
            condition |= Q(depth=self.depth + offset, slug=slug)
        # The descendants of this page down to the last slug's depth ('Z' is the last character of tree paths);
        # no ordering, as Wagtail's ``get()`` (sorting costs more to build than it saves).
        below = (self.path, self.path + "Z" * (Page.steplen * len(path_components)))
        candidates = {
            (page.path[: -Page.steplen], page.slug): page
            for page in Page.objects.filter(condition, path__range=below).order_by()
        }
        parent = self
        for position, slug in enumerate(path_components):
            page = candidates.get((parent.path, slug))
            if page is None:
                raise Http404
            # As Wagtail does: treebeard's get_parent() uses it instead of a query.
            page._cached_parent_obj = parent
            remaining = path_components[position + 1 :]
            if remaining and _routes_by_slug(page.specific_class):
                parent = page
                continue
            routing.remember(self, path_components[: position + 1], page)
            return page.specific.route(request, remaining)
        raise Http404  # not reached: the loop returns or raises

    def child_cards(self, request):
        """Cards for the live children ``request`` may see, in tree order: ``{title, url, intro, image}``.

        ``image`` holds the facts of the card picture's rendition (``home.image_facts``) or is ``None``. The rows
        are kept in the shared cache like the menu (``home.navigation_cache.cached_rows``: keyed by the pages the
        request may not see and the navigation version, which every publish, unpublish, move, rename or delete
        bumps), and the pictures' facts likewise; a warm page reads neither. Cold, a fixed number of queries
        however many children: the pages, one per page type for ``specific()``, the images and their renditions.
        """
        if not self.numchild:  # a leaf: no query and no cache look-up
            return []
        root = site_root(request) or self

        def card_rows():
            children = visible_pages(request, self.get_children()).specific().order_by("path")
            return [
                (
                    child.title,
                    child.get_url(request),
                    getattr(child, "intro", ""),
                    getattr(child, "listing_image_id", None),
                )
                for child in children
            ]

        rows = cached_rows(request, root, "cards", card_rows, self.pk)
        images = visible_rendition_facts(request, [row[3] for row in rows], CARD_IMAGE_FILTER)
        return [
            {"title": title, "url": url, "intro": intro, "image": images.get(image_id)}
            for title, url, intro, image_id in rows
        ]


def _routes_by_slug(page_class):
    """Whether ``page_class`` routes its sub-paths with Wagtail's plain slug routing (no routable sub-pages)."""
    return page_class is None or page_class.route in (Page.route, BasePage.route)


class RelatedDocumentsMixin(models.Model):
    """An editor-chosen list of documents shown at the foot of the page."""

    related_documents = StreamField(
        RelatedDocumentsStreamBlock(),
        blank=True,
        help_text="Documents to offer at the foot of the page, in the order shown.",
    )

    class Meta:
        abstract = True

    def visible_related_documents(self, request):
        """The chosen documents ``request`` may see, each in the page's language where it may see that version, one
        per translation set (``members.access.shown_documents``)."""
        return shown_documents(request, [block.value for block in self.related_documents], document_language())


class HomePage(BasePage):
    hero_heading = models.CharField(
        max_length=200, blank=True, help_text="The large heading at the top of the home page; the title when empty."
    )
    hero_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The wide picture at the top of the home page. Its description is used as alt text.",
    )
    body = StreamField(BaseStreamBlock(), blank=True, help_text="The home page's main content.")
    highlights = StreamField(
        HighlightsStreamBlock(),
        blank=True,
        help_text="Cards that lead visitors to the main sections of the site.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("intro"), FieldPanel("hero_image")], heading="Hero"),
        FieldPanel("highlights"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_heading"), index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero_heading"),
        APIField("hero_image", serializer=ImageField()),
        APIField("highlights"),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["about.AboutPage", "documents.DocumentsLibraryPage", "home.StandardPage"]
    max_count = 1
    # Purge tags of this page's HTML beyond its own (members.cache_policy): it lists the latest documents.
    cache_tags = ("docs",)

    class Meta:
        verbose_name = "home page"

    def highlight_cards(self, request):
        """The highlight cards whose page ``request`` may see (a card to a members' area stays hidden), as
        ``{title, url, text, image}``; ``image`` holds the facts of the picture's rendition or is ``None``.

        The rows are kept in the shared cache like the child-page cards (``cached_rows``: keyed by what the request
        may not see and the navigation version, which every publish bumps), and by the cards' own stored content,
        so a previewed draft never shares rows with the live page. Warm, no query; cold, the cards' pages and
        pictures in one query each.
        """
        root = site_root(request) or self

        def card_rows():
            return [
                (card.card_title, card.url, card.get("text") or "", card["image"].pk if card.get("image") else None)
                for card in (block.value for block in self.highlights)
                if card["page"] is not None and can_view_page(request, card["page"])
            ]

        content = json.dumps(list(self.highlights.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
        digest = hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()[:16]
        rows = cached_rows(request, root, "highlights", card_rows, self.pk, digest)
        images = visible_rendition_facts(request, [row[3] for row in rows], CARD_IMAGE_FILTER)
        return [
            {"title": title, "url": url, "text": text, "image": images.get(image_id)}
            for title, url, text, image_id in rows
        ]

    def hero_renditions(self, request):
        """The facts of the hero picture's renditions, narrowest first (``home.image_facts``), or ``[]`` (also when
        ``request`` may not see the picture)."""
        if self.hero_image_id is None:
            return []
        renditions = [
            visible_rendition_facts(request, [self.hero_image_id], spec).get(self.hero_image_id)
            for spec in HERO_FILTERS
        ]
        return renditions if all(r is not None and r.url for r in renditions) else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hero"] = fragment_cache.lazy(lambda: self.hero_renditions(request))
        context["highlight_cards"] = fragment_cache.lazy(lambda: self.highlight_cards(request))
        return context

    def documents_in_body(self):
        """Ids of the documents the body's document lists name (read from the raw data: no query)."""
        ids = set()
        for block in self.body.raw_data:
            if block.get("type") != "document_links":
                continue
            for item in (block.get("value") or {}).get("documents") or []:
                value = item.get("value") if isinstance(item, dict) else item
                if isinstance(value, int):
                    ids.add(value)
        return ids


class StandardPage(RelatedDocumentsMixin, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """A generic page; also the "Private areas" section and the members' pages inside it."""

    body = StreamField(BaseStreamBlock(), blank=True, help_text="The page's main content.")

    content_panels = [*BasePage.content_panels, FieldPanel("body"), FieldPanel("related_documents")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body"), APIField("related_documents")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_cards"] = fragment_cache.lazy(lambda: self.child_cards(request))
        context["related_documents"] = fragment_cache.lazy(lambda: self.visible_related_documents(request))
        return context
