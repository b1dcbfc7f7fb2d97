"""Serializer fields for a document's JSON in the API (``/api/v2/documents/``): its category, year, type, size,
whether it is members-only and its download address."""

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
