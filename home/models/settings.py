from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The organisation's contact details, edited in Settings > Site settings and used by the footer."""

    organisation_name = models.CharField(
        max_length=255,
        default="National Federation of Co-operatives",
        help_text="The federation's name as it appears in the footer and in page titles.",
    )
    postal_address = models.TextField(
        blank=True, help_text="The postal address shown in the footer, one line per line of the address."
    )
    email = models.EmailField(blank=True, help_text="The public contact e-mail address.")
    phone = models.CharField(max_length=50, blank=True, help_text="The public telephone number, e.g. +32 2 000 00 00.")
    alliance_url = models.URLField(
        default="https://ica.coop",
        help_text="The International Co-operative Alliance's website, linked from the footer.",
    )
    footer_text = models.TextField(blank=True, help_text="A short sentence about the federation shown in the footer.")

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("email"), FieldPanel("phone")], heading="Contact details"
        ),
        FieldPanel("alliance_url"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "site settings"

    def __str__(self):
        return self.organisation_name
