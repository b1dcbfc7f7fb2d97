"""Serializer fields for the portal's ``api_fields``: each asks ``portal.api.representations`` (and so the access
module) for its JSON. Models use them through ``APIField(name, serializer=...)``."""

from rest_framework.fields import Field

from portal.api import representations


class ImageField(Field):
    """A chosen image (``listing_image``, ``hero_image``) as alt text, size and renditions; ``null`` when the
    request may not see it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, image):
        return representations.image_representation(image, self.context.get("request"))


class WholeObjectField(Field):
    """A field computed from the whole object rather than one attribute."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class ImageAltField(WholeObjectField):
    def to_representation(self, image):
        return image.default_alt_text or ""


class ImageRenditionsField(WholeObjectField):
    def to_representation(self, image):
        return representations.rendition_sizes(image, self.context.get("request"))


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


class ImageDownloadUrlField(WholeObjectField):
    """The original file's address (served through the access module's checked media view)."""

    def to_representation(self, image):
        return representations.full_url(self.context.get("request"), image.file.url)


class PropertyField(WholeObjectField):
    """A read-only model property, e.g. ``size_label``."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return getattr(instance, self.attribute)
