from django.db import models
from django.db.models import prefetch_related_objects
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock, HighlightsStreamBlock, RelatedDocumentsStreamBlock
from home.models.images import CustomImage
from members.access import can_view_page, filter_visible_documents, visible_pages
from portal.api.preview import HeadlessPreviewMixin
from portal.api.serializers import ImageField


class BasePage(HeadlessPreviewMixin, Page):
    """Fields every content page shares: a short introduction and a picture for cards that point to it.

    In the JSON API the picture is the page's social image, with its renditions; drafts can be previewed in the
    headless front end (``portal.api.preview``).
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

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("listing_image")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("listing_image", serializer=ImageField())]

    class Meta:
        abstract = True

    def child_cards(self, request):
        """The live children ``request`` may see, as specific pages with their card images loaded.

        A fixed number of queries however many children there are: one for the pages, one per page type
        for ``specific()``, one for the images; renditions come from the rendition cache.
        """
        children = list(visible_pages(request, self.get_children()).specific().order_by("path"))
        prefetch_related_objects([child for child in children if hasattr(child, "listing_image_id")], "listing_image")
        return children


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
        return filter_visible_documents(request, [block.value for block in self.related_documents])


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

    class Meta:
        verbose_name = "home page"

    def highlight_cards(self, request):
        """The highlight cards whose page ``request`` may see (a card to a members' area stays hidden)."""
        return [
            block.value
            for block in self.highlights
            if block.value["page"] is not None and can_view_page(request, block.value["page"])
        ]

    def load_images(self):
        """Read the hero and card images in one query rather than one per field (often the same picture)."""
        ids = {self.hero_image_id, self.listing_image_id} - {None}
        if ids:
            images = CustomImage.objects.in_bulk(ids)
            self.hero_image = images.get(self.hero_image_id)
            self.listing_image = images.get(self.listing_image_id)

    def get_context(self, request, *args, **kwargs):
        self.load_images()
        context = super().get_context(request, *args, **kwargs)
        context["highlight_cards"] = self.highlight_cards(request)
        context["latest_documents"] = self.latest_documents(request)
        return context

    def latest_documents(self, request):
        from documents.selectors import latest_documents  # documents.models builds on this module

        return latest_documents(request)


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
        context["child_cards"] = self.child_cards(request)
        context["related_documents"] = self.visible_related_documents(request)
        return context
