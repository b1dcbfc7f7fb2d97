import copy

from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import SocialLinksStreamBlock

from .site_texts import SiteTexts, footer_cache_key


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The organisation's details, edited in Settings > Site settings: the footer, page titles, the pictures shared
    on social media and where membership enquiries are sent. Templates read them from here and hold no copy.

    The social links are a StreamField rather than an inline model so that they arrive with the settings row: the
    footer on every page costs no extra query.
    """

    organisation_name = models.CharField(
        max_length=255,
        default="National Federation of Co-operatives",
        help_text="The federation's name as it appears in the footer and in page titles, in the site's default "
        "language (English); its other languages are under Snippets > Site texts.",
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
    footer_text = models.TextField(
        blank=True,
        help_text="A short sentence about the federation shown in the footer, in the site's default language "
        "(English); its other languages are under Snippets > Site texts.",
    )
    social_links = StreamField(
        SocialLinksStreamBlock(max_num=10),
        blank=True,
        help_text="The federation's social media accounts, listed in this order in the footer of every page.",
    )
    default_social_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when a page without its own listing image is shared on social media. "
        "Best at least 1200 × 630 pixels; it is cropped around its focal point.",
    )
    enquiries_email = models.EmailField(
        blank=True,
        help_text="Where membership enquiries from the website are sent; the public contact address when empty. "
        "Every enquiry is also kept under Forms in the admin.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("email"), FieldPanel("phone")], heading="Contact details"
        ),
        FieldPanel("alliance_url"),
        FieldPanel("footer_text"),
        MultiFieldPanel([FieldPanel("social_links"), FieldPanel("default_social_image")], heading="Social media"),
        FieldPanel("enquiries_email"),
    ]

    class Meta:
        verbose_name = "site settings"

    def __str__(self):
        return self.organisation_name

    def save(self, *args, **kwargs):
        if self.language:
            raise TypeError(
                "These site settings hold the texts of one language (SiteSettings.for_request): "
                "save the ones SiteSettings.for_site returns."
            )
        super().save(*args, **kwargs)
        self._clear_caches()

    def delete(self, *args, **kwargs):
        self._clear_caches()
        return super().delete(*args, **kwargs)

    def _clear_caches(self):
        footers = [self.footer_cache_key(self.site_id, language) for language, _name in django_settings.LANGUAGES]
        cache.delete_many([self.cache_key(self.site_id), *footers])

    @staticmethod
    def cache_key(site_id):
        return f"site-settings:v1:{site_id}"

    @staticmethod
    def footer_cache_key(site_id, language=None):
        """The rendered footer in ``language`` (the default language when ``None``), which shows these settings
        (``home.templatetags.navigation.site_footer``)."""
        return footer_cache_key(site_id, language)

    # Set on the copy ``for_request`` returns in a language other than the default: its code.
    language = ""

    @classmethod
    def for_request(cls, request):
        """The settings as the visitor reads them: in a language other than the default one, a copy whose
        visitor-facing texts (``SiteTexts.TRANSLATED_FIELDS``) come from the site texts in that language where
        there are some. The context processor's ``settings.home.SiteSettings`` comes from here, so templates read
        the texts in the page's language without asking. The copy cannot be saved: the admin edits ``for_site``'s.
        """
        site_settings = super().for_request(request)
        language = translation.get_language() or django_settings.LANGUAGE_CODE
        if language == django_settings.LANGUAGE_CODE or not site_settings.site_id:
            return site_settings
        attr_name = f"_portal_site_settings_{language}"
        localized = getattr(request, attr_name, None)
        if localized is None:
            localized = site_settings
            texts = SiteTexts.values_for(site_settings.site_id, language)
            if texts:
                localized = copy.copy(site_settings)
                for name, text in texts.items():
                    setattr(localized, name, text)
                localized.language = language
                localized._request = request
            setattr(request, attr_name, localized)
        return localized

    @classmethod
    def for_site(cls, site):
        """The site's settings. Every page's header and footer read them, so where the cache is shared by all
        processes (``CACHE_IS_SHARED``) they are kept there, and ``save`` clears them."""
        if site is None or not django_settings.CACHE_IS_SHARED:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            instance.twitter_handle  # noqa: B018 - kept with the cached instance
            cache.set(key, instance, 60 * 60)
        return instance

    @cached_property
    def twitter_handle(self):
        """The ``@name`` of the first X (Twitter) account in the social links, for ``twitter:site``; or empty.

        Worked out before the settings go into the cache (``for_site``), so that every page's head does not convert
        the social links again."""
        for link in self.social_links:
            if link.value.twitter_handle:
                return link.value.twitter_handle
        return ""

    @property
    def enquiry_recipients(self):
        """The addresses membership enquiries are e-mailed to (none when neither address is set)."""
        address = self.enquiries_email or self.email
        return [address] if address else []
