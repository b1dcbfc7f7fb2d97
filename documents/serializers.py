"""Serializer fields for a document's JSON in the API (``/api/v2/documents/``): its category, year, type, size,
whether it is members-only, its download address and its translations."""

from wagtail.api.v2.utils import get_object_detail_url
from wagtail.documents import get_document_model

from documents.selectors import visible_translations
from home import representations
from home.serializers import WholeObjectField


class DocumentCategoryField(WholeObjectField):
    def to_representation(self, document):
        category = document.category
        return {"slug": category.slug, "name": category.name} if category else None


class DocumentYearField(WholeObjectField):
    def to_representation(self, document):
        return document.publication_date.year if document.publication_date else None


class DocumentFileTypeField(WholeObjectField):
    def to_representation(self, document):
        return document.file_type or document.file_extension.lower()


class DocumentFileSizeField(WholeObjectField):
    def to_representation(self, document):
        return document.get_file_size()


class DocumentMembersOnlyField(WholeObjectField):
    """Whether the document is members-only (only ever ``true`` for a request that may see it)."""

    def to_representation(self, document):
        return bool(getattr(document, "members_only", False))


class DocumentDownloadUrlField(WholeObjectField):
    def to_representation(self, document):
        return representations.full_url(self.context.get("request"), document.url)


def attach_api_translations(request, documents):
    """Set ``_api_translations`` on each of ``documents`` (the other documents of its translation set the request
    may see), in one query for the whole list (``documents.selectors.visible_translations``)."""
    by_key = visible_translations(request, documents)
    for document in documents:
        document._api_translations = [
            member for member in by_key.get(document.translation_key, ()) if member.pk != document.pk
        ]
    return documents


class DocumentTranslationsField(WholeObjectField):
    """``translations``: the same document in other languages, those the request may see (id, language, title,
    detail and download addresses)."""

    def to_representation(self, document):
        request = self.context.get("request")
        if not hasattr(document, "_api_translations"):
            attach_api_translations(request, [document])
        router = self.context.get("router")
        return [
            {
                "id": member.pk,
                "language": member.language,
                "title": member.title,
                "detail_url": get_object_detail_url(router, request, get_document_model(), member.pk),
                "download_url": representations.full_url(request, member.url),
            }
            for member in document._api_translations
        ]
