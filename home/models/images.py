from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """The portal's image model (``WAGTAILIMAGES_IMAGE_MODEL``).

    It exists from the first migration so that fields (credits, licences) can be added later without
    swapping the image model under existing content. Alt text lives in Wagtail's own ``description``
    field, which ``default_alt_text`` reads.
    """

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who made the image and under which licence, shown in small print under it.",
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
