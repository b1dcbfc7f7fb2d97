"""The admin's image and document forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``, ``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

Wagtail's own fields (title, file, collection, tags, an image's description) carry no help text; these forms give
each one a sentence for editors. An image's description is its alt text wherever a page shows the image through a
chooser (a hero image, a card's listing image, the picture shared on social media), so it is required: an image
cannot be uploaded or saved without one. Images placed in a page's body have their own alt text in ``ImageBlock``.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.forms import BaseImageForm

from members.access import restricted_collection_ids

IMAGE_HELP_TEXT = {
    "title": "A name to find the image by in the admin; visitors do not see it.",
    "file": "A JPEG, PNG, GIF or WebP picture. Wide pictures of at least 1200 pixels suit every use on the site.",
    "description": "What the picture shows, for people who cannot see it: one sentence, no “image of”. It is read "
    "out by screen readers wherever the image appears without alt text of its own.",
    "collection": "Who may see the image: pictures in a members-only collection are shown to members only.",
    "tags": "Optional words to find the image by in the admin.",
}
DOCUMENT_HELP_TEXT = {
    "title": "The document's title as visitors see it in the library, in search results and on its own page.",
    "file": "The file to offer for download (PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text or ZIP).",
    "collection": "Who may download the document: files in a members-only collection are offered to members only.",
    "tags": "Optional words to find the document by in the admin.",
}


def document_collections(collections):
    """The collections of ``collections`` (a queryset) that a document may be put in.

    Never one that holds pictures only (``IMAGE_ONLY_COLLECTIONS``, "Demo images" on the demo site); never the root
    ("Root"), as soon as a public collection for documents exists (the demo's "Library"): public documents belong
    there, members-only ones in a members' collection. A site with no public collection yet keeps the root as the
    place for public documents.
    """
    collections = collections.exclude(name__in=settings.IMAGE_ONLY_COLLECTIONS)
    below_root = collections.filter(depth__gt=1)
    if below_root.exclude(pk__in=restricted_collection_ids()).exists():
        collections = below_root
    return collections


def _describe(form, help_texts):
    for name, text in help_texts.items():
        field = form.fields.get(name)
        if field is not None and not field.help_text:
            field.help_text = text


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self, IMAGE_HELP_TEXT)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = "Description (alt text)"
            description.error_messages["required"] = (
                "Describe the picture: its description is the alt text for people who cannot see it."
            )


class PortalDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self, DOCUMENT_HELP_TEXT)
        self._use_defaults_for_omitted_fields()
        self._offer_document_collections_only()
        self._offer_translation_of()

    def _offer_translation_of(self):
        """'Translation of': another document this one translates (the same report in another language). Both then
        share a translation key (``PortalDocument.translation_key``) and each page offers the other ("Also in ...").
        It starts on another document of the set; emptying it takes this document out of its set."""
        model = get_document_model()
        if not hasattr(model, "translation_key"):
            return
        others = model.objects.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["translation_of"] = forms.ModelChoiceField(
            queryset=others,
            required=False,
            widget=AdminDocumentChooser(),
            label="Translation of",
            help_text="Optional: the same document in another language. Visitors of either see a link to the other "
            "('Also in Français'); a set holds one document per language.",
        )
        if self.instance.pk and self.instance.translation_key is not None and not self.is_bound:
            self.initial["translation_of"] = self.instance.translations().values_list("pk", flat=True).first()

    def _translation_of_submitted(self):
        """Whether the submitted form had the 'Translation of' field (the multiple uploader's forms do not)."""
        return self.is_bound and self.add_prefix("translation_of") in self.data

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("translation_of")
        language = cleaned.get("language", getattr(self.instance, "language", None))
        if other is not None and language:
            if other.language == language:
                self.add_error("translation_of", "Choose a document in another language: this one is in the same.")
            elif other.translation_key is not None:
                clash = (
                    type(other)
                    .objects.filter(translation_key=other.translation_key, language=language)
                    .exclude(pk=self.instance.pk)
                    .first()
                )
                if clash is not None:
                    self.add_error(
                        "translation_of",
                        f"“{clash.title}” is already this set's document in that language: a set holds one document "
                        "per language.",
                    )
        elif other is None and language and self.instance.pk and self.instance.translation_key is not None:
            # Staying in the set with another language: the new language must be free in it.
            clash = (
                type(self.instance)
                .objects.filter(translation_key=self.instance.translation_key, language=language)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash is not None and not self._translation_of_submitted():
                self.add_error("language", f"“{clash.title}” is already in that language in this translation set.")
        return cleaned

    def _offer_document_collections_only(self):
        field = self.fields.get("collection")
        if field is None:
            return
        allowed = document_collections(field.queryset)
        if self.instance.pk:
            # The document's own collection stays a choice, so that saving it never fails on it.
            allowed = allowed | field.queryset.filter(pk=self.instance.collection_id)
        field.queryset = allowed.distinct()

    def save(self, commit=True):
        """A new upload (the add form, the multiple uploader, a chooser's upload tab) is not public yet: the file's
        name is its only title and nothing describes it. Saving an existing document from its edit form (or the
        multiple uploader's "Update") publishes it. Documents made in code (the demo loader, imports) are
        published by the model's default."""
        if hasattr(self.instance, "published"):
            self.instance.published = not self.instance._state.adding
        # Wagtail deletes the replaced file; the document model keeps it as an earlier version instead
        # (documents.models.PortalDocument._archive_replaced_file), so it must stay on storage.
        if "file" in self.changed_data:
            self.original_file = None
        if "translation_of" in self.fields:
            other = self.cleaned_data.get("translation_of")
            if other is not None:
                self.instance.join_translation_set(other)
            elif self._translation_of_submitted():
                # The editor emptied the field: the document leaves its set.
                self.instance.translation_key = None
        return super().save(commit=commit)

    def _use_defaults_for_omitted_fields(self):
        """Let a field with a model default be left out of the submitted data (the model's default then applies).

        The multiple uploader first builds a document from the file, its title and collection alone. Were the
        publication date and language required there, every upload would be parked as an ``UploadedFile``, and
        turning one into a document fails in Wagtail when ``WAGTAILDOCS_EXTENSIONS`` is set (the model's extension
        check runs before the file is attached). A field the editor submits empty is still required.
        """
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            omitted = field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name))
            if omitted and model_field.has_default():
                field.required = False
