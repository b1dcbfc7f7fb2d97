from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


def footer_cache_key(site_id, language=None):
    """The rendered footer of a site in ``language`` (the default language when ``None``): it shows the site
    settings and these texts (``home.templatetags.navigation.site_footer``)."""
    return f"site-footer:v2:{site_id}:{language or django_settings.LANGUAGE_CODE}"


class SiteTexts(TranslatableMixin, models.Model):
    """The site settings' visitor-facing words in one language other than the default (Snippets > Site texts).

    Settings > Site settings holds them in the site's default language (English); a row here gives them in French,
    Spanish... for one site. ``SiteSettings.for_request`` puts them in place for a visitor reading that language, so
    the header, the page titles and the footer need no change; an empty field, or a language without a row, shows
    the default language's text. The rows of one site share a translation key, so wagtail-localize can translate one
    language's row into another.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The site whose settings these texts translate.",
    )
    organisation_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="The federation's name in this language, for the header, the footer and page titles; the name "
        "in the site settings when empty.",
    )
    footer_text = models.TextField(
        blank=True,
        help_text="The footer's sentence about the federation in this language; the site settings' one when empty.",
    )

    panels = [FieldPanel("site"), FieldPanel("organisation_name"), FieldPanel("footer_text")]

    # The fields that stand in for the site settings' fields of the same names.
    TRANSLATED_FIELDS = ("organisation_name", "footer_text")

    class Meta(TranslatableMixin.Meta):
        verbose_name = "site texts"
        verbose_name_plural = "site texts"
        constraints = [models.UniqueConstraint(fields=["site", "locale"], name="one_site_texts_per_site_and_locale")]

    def __str__(self):
        return f"{self.organisation_name or 'Site texts'} ({self.locale})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.clear_caches(self.site_id)

    def delete(self, *args, **kwargs):
        self.clear_caches(self.site_id)
        return super().delete(*args, **kwargs)

    @staticmethod
    def cache_key(site_id, language):
        return f"site-texts:v1:{site_id}:{language}"

    @classmethod
    def clear_caches(cls, site_id):
        keys = []
        for language, _name in django_settings.LANGUAGES:
            keys += [cls.cache_key(site_id, language), footer_cache_key(site_id, language)]
        cache.delete_many(keys)

    @classmethod
    def values_for(cls, site_id, language):
        """``{field: text}`` of the site's texts in ``language`` (non-empty fields only; ``{}`` when there are none).

        Kept in the shared cache (``CACHE_IS_SHARED``) until a row of the site changes, as the settings are."""
        key = cls.cache_key(site_id, language) if django_settings.CACHE_IS_SHARED else None
        values = cache.get(key) if key else None
        if values is None:
            row = (
                cls.objects.filter(site_id=site_id, locale__language_code=language)
                .values(*cls.TRANSLATED_FIELDS)
                .first()
            )
            values = {name: value for name, value in (row or {}).items() if value}
            if key:
                cache.set(key, values, 60 * 60)
        return values
