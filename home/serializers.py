"""Serializer fields for ``api_fields``: images and model properties; each asks ``home.representations`` (and so the
access module) for its JSON. Models and the API's endpoints use them through ``APIField(name, serializer=...)``; the
documents' own fields are in ``documents.serializers``."""

from rest_framework.fields import Field

from home import representations


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
