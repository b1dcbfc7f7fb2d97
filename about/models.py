import math

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from about import enquiries
from about.blocks import WhyJoinStreamBlock
from home import fragment_cache
from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from home.models import BasePage, SiteSettings, SiteTexts
from home.models.pages import RelatedDocumentsMixin


def _large_number(amount, word):
    """``amount`` millions or billions (``word``), to one decimal, as the active language writes it: "1.2 billion",
    "1,2 milliard", "1,2 mil millones", "12 millones". Whole amounts take the language's plural rule; amounts with a
    decimal part have their own message, since gettext's rules count whole numbers only ("1,2 milliard" is singular
    in French, "1,2 millones" plural in Spanish)."""
    amount = round(amount, 1)
    if amount == int(amount):
        written = number_format(int(amount))
        if word == "billion":
            return ngettext("%(amount)s billion", "%(amount)s billion", int(amount)) % {"amount": written}
        return ngettext("%(amount)s million", "%(amount)s million", int(amount)) % {"amount": written}
    written = number_format(amount, decimal_pos=1)
    if word == "billion":
        return pgettext("a number with a decimal part", "%(amount)s billion") % {"amount": written}
    return pgettext("a number with a decimal part", "%(amount)s million") % {"amount": written}


class AboutPage(BasePage):
    """The "About us" section: an introduction, a body and a card for each of its pages."""

    body = StreamField(BaseStreamBlock(), blank=True, help_text="The section's main content, above the cards.")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["about.AlliancePage", "about.WhyJoinPage"]

    class Meta:
        verbose_name = "about page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_cards"] = fragment_cache.lazy(lambda: self.child_cards(request))
        return context


class AlliancePage(RelatedDocumentsMixin, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """The International Co-operative Alliance: its key facts as typed, editable fields and a body."""

    organisation_name = models.CharField(
        max_length=200,
        default="International Co-operative Alliance",
        help_text="The Alliance's full name, used in the key-figures panel and structured data.",
    )
    founded_year = models.PositiveSmallIntegerField(default=1895, help_text="The year the Alliance was founded.")
    founded_city = models.CharField(max_length=100, default="London", help_text="The city where it was founded.")
    member_organisations = models.PositiveIntegerField(
        default=310, help_text="How many member organisations the Alliance has."
    )
    countries = models.PositiveIntegerField(default=107, help_text="How many countries its members come from.")
    people_represented = models.PositiveBigIntegerField(
        default=1_000_000_000, help_text="How many people its members represent, as a whole number."
    )
    people_represented_qualifier = models.CharField(
        max_length=30,
        blank=True,
        default="nearly",
        help_text="A word that qualifies the number of people, e.g. nearly or over; leave empty if exact.",
    )
    headquarters_city = models.CharField(max_length=100, default="Brussels", help_text="Where the head office is.")
    headquarters_country = models.CharField(max_length=100, default="Belgium", help_text="The head office's country.")
    headquarters_country_code = models.CharField(
        max_length=2, default="BE", help_text="The head office country's two-letter ISO code, for structured data."
    )
    un_consultative_status_year = models.PositiveSmallIntegerField(
        default=1946,
        help_text="The year the Alliance, as the first NGO to receive it, was granted UN consultative status.",
    )
    ecosoc_status = models.CharField(
        max_length=120,
        default="General consultative status (Category I)",
        help_text="Its current status with the UN Economic and Social Council (ECOSOC).",
    )
    ecosoc_category_size = models.PositiveSmallIntegerField(
        default=41, help_text="How many organisations share that ECOSOC category."
    )
    website = models.URLField(default="https://ica.coop", help_text="The Alliance's own website.")
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text="What the Alliance is, its objectives and its activities.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldRowPanel([FieldPanel("founded_year"), FieldPanel("founded_city")]),
                FieldRowPanel([FieldPanel("member_organisations"), FieldPanel("countries")]),
                FieldRowPanel([FieldPanel("people_represented_qualifier"), FieldPanel("people_represented")]),
                FieldRowPanel(
                    [
                        FieldPanel("headquarters_city"),
                        FieldPanel("headquarters_country"),
                        FieldPanel("headquarters_country_code"),
                    ]
                ),
                FieldRowPanel([FieldPanel("un_consultative_status_year"), FieldPanel("ecosoc_category_size")]),
                FieldPanel("ecosoc_status"),
                FieldPanel("website"),
            ],
            heading="Key facts",
        ),
        InlinePanel("regional_offices", label="Regional offices", min_num=0),
        FieldPanel("body"),
        FieldPanel("related_documents"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("organisation_name"),
        APIField("founded_year"),
        APIField("founded_city"),
        APIField("member_organisations"),
        APIField("countries"),
        APIField("people_represented"),
        APIField("people_represented_qualifier"),
        APIField("headquarters_city"),
        APIField("headquarters_country"),
        APIField("headquarters_country_code"),
        APIField("un_consultative_status_year"),
        APIField("ecosoc_status"),
        APIField("ecosoc_category_size"),
        APIField("website"),
        APIField("regional_offices"),
        APIField("body"),
        APIField("related_documents"),
    ]
    # The head office's country code is data for structured data (ISO 3166), not words: copied, never translated.
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("headquarters_country_code", overridable=False),
    ]

    parent_page_types = ["about.AboutPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Alliance page"

    @property
    def people_represented_label(self):
        """The number of people in words an editor would write: "nearly 1 billion", "12 million" (in the active
        language: "près de 1 milliard", "1,2 millones")."""
        number = self.people_represented
        if number >= 1_000_000_000:
            text = _large_number(number / 1_000_000_000, "billion")
        elif number >= 1_000_000:
            text = _large_number(number / 1_000_000, "million")
        else:
            text = number_format(number, force_grouping=True)
        return f"{self.people_represented_qualifier} {text}".strip()

    @property
    def key_figures(self):
        """The figures of the key-figures panel, in the order shown."""
        return [
            (str(self.founded_year), gettext("founded in %(city)s") % {"city": self.founded_city}),
            (
                number_format(self.member_organisations, force_grouping=True),
                ngettext("member organisation", "member organisations", self.member_organisations),
            ),
            (number_format(self.countries, force_grouping=True), ngettext("country", "countries", self.countries)),
            (self.people_represented_label, gettext("people represented")),
        ]

    def structured_data(self, regional_offices):
        """schema.org ``Organization`` data for the page's JSON-LD script."""
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.organisation_name,
            "url": self.website,
            "foundingDate": str(self.founded_year),
            "foundingLocation": {"@type": "Place", "name": self.founded_city},
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.headquarters_city,
                "addressCountry": self.headquarters_country_code,
            },
            "description": gettext(
                "%(organisations)s member organisations from %(countries)s countries, representing %(people)s people."
            )
            % {
                "organisations": self.member_organisations,
                "countries": self.countries,
                "people": self.people_represented_label,
            },
            "subOrganization": [
                {"@type": "Organization", "name": office.name, "areaServed": office.region}
                for office in regional_offices
            ],
        }

    def live_regional_offices(self, request):
        """The regional offices, in order.

        They change only when the page is published, so a served live page keeps them in the shared cache under its
        live revision (``CACHE_IS_SHARED`` only); a preview shows its own draft's offices and never caches them.
        """
        if not settings.CACHE_IS_SHARED or getattr(request, "is_preview", True) or not self.live_revision_id:
            return list(self.regional_offices.all())
        key = f"alliance:offices:v1:{self.pk}:{self.live_revision_id}"
        offices = cache.get(key)
        if offices is None:
            offices = list(self.regional_offices.all())
            cache.set(key, offices, 60 * 60)
        return offices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offices = self.live_regional_offices(request)
        context["regional_offices"] = offices
        context["structured_data"] = self.structured_data(offices)
        context["related_documents"] = fragment_cache.lazy(lambda: self.visible_related_documents(request))
        return context


class RegionalOffice(Orderable):
    """One of the Alliance's regional offices."""

    page = ParentalKey(AlliancePage, on_delete=models.CASCADE, related_name="regional_offices")
    region = models.CharField(max_length=100, help_text="The region the office serves, e.g. Africa.")
    name = models.CharField(
        max_length=200, help_text="The office's name, e.g. Cooperatives Africa; shown in the list of offices."
    )
    city = models.CharField(max_length=100, blank=True, help_text="Where the office is (optional).")

    panels = [FieldPanel("region"), FieldPanel("name"), FieldPanel("city")]
    api_fields = [APIField("region"), APIField("name"), APIField("city")]

    def __str__(self):
        return self.name


class WhyJoinPage(RelatedDocumentsMixin, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """ "Why join the ICA": the benefits of membership, a call to action and answers to common questions."""

    body = StreamField(
        WhyJoinStreamBlock(),
        blank=True,
        help_text="Benefit blocks, a call to action (membership enquiry or contact) and questions and answers.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body"), FieldPanel("related_documents")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body"), APIField("related_documents")]

    parent_page_types = ["about.AboutPage"]
    subpage_types = ["about.MembershipEnquiryPage"]
    max_count = 1

    class Meta:
        verbose_name = "why join page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_documents"] = fragment_cache.lazy(lambda: self.visible_related_documents(request))
        return context


class MembershipEnquiryFormField(AbstractFormField):
    """One question of the membership enquiry form, as an editor set it up."""

    page = ParentalKey("MembershipEnquiryPage", on_delete=models.CASCADE, related_name="form_fields")
    label = models.CharField(
        max_length=255, help_text="The question as visitors read it, e.g. Your organisation's name."
    )
    help_text = models.CharField(
        max_length=255, blank=True, help_text="Optional guidance shown under the question, like this sentence."
    )
    required = models.BooleanField(default=True, help_text="Whether the enquiry cannot be sent without an answer.")
    field_type = models.CharField(
        max_length=16,
        choices=FORM_FIELD_CHOICES,
        help_text="The kind of answer: a line of text, a paragraph, an e-mail address, a choice…",
    )
    # As on Wagtail's own field: previews need a field type to build the form.
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = "form field"

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.get_field_clean_name() == enquiries.HONEYPOT_FIELD:
            raise ValidationError({"label": "This label is reserved by the form's spam protection; reword it."})


class MembershipEnquiryPage(AbstractEmailForm, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """The membership enquiry form under "Why join the ICA".

    Editors choose its questions. Each enquiry is kept (Forms in the admin, exportable as CSV) and then e-mailed to
    the enquiries address of the site settings; a failed e-mail is logged and never loses the enquiry. A honeypot
    field and a per-address rate limit keep robots out (``about.enquiries``).
    """

    # The form holds a CSRF token and the visitor's answers: rendered afresh every time (home.fragment_cache).
    cache_rendered_content = False
    # Enquiries go to the address in the site settings, not to one typed on the page.
    to_address = None
    from_address = models.EmailField(
        max_length=255,
        blank=True,
        help_text="The sender of the e-mail that announces each enquiry; the site's usual sender when empty.",
    )
    subject = models.CharField(
        max_length=255,
        blank=True,
        default="Membership enquiry from the website",
        help_text="The subject of that e-mail. It is sent to the enquiries address in Settings > Site settings.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="What visitors read once their enquiry is sent, e.g. who will reply and when.",
    )

    form_builder = enquiries.EnquiryFormBuilder
    content_panels = [
        FormSubmissionsPanel(),
        *BasePage.content_panels,
        InlinePanel("form_fields", label="Form fields", min_num=1),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("subject"), FieldPanel("from_address")], heading="E-mail to the federation"),
    ]

    parent_page_types = ["about.WhyJoinPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "membership enquiry page"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and enquiries.count_attempt(request):
            context = self.get_context(request)
            context["retry_minutes"] = math.ceil(settings.ENQUIRY_RATE_WINDOW / 60)
            response = TemplateResponse(request, "about/membership_enquiry_rate_limited.html", context, status=429)
            response["Retry-After"] = str(settings.ENQUIRY_RATE_WINDOW)
            return response
        response = super().serve(request, *args, **kwargs)
        # The form carries a CSRF token and the thank-you page an enquirer's answers: never for a shared cache.
        add_never_cache_headers(response)
        return response

    def process_form_submission(self, form):
        """Keep the enquiry first, then e-mail it; the e-mail may fail, the enquiry stays."""
        submission = FormMixin.process_form_submission(self, form)
        self.send_mail(form)
        enquiries.send_acknowledgement(self, form, self.organisation_name(), self.get_full_url())
        return submission

    def organisation_name(self):
        """The federation's name as the enquirer reads it: in the form's language (the request's), from the site
        texts of that language (Snippets > Site texts) when they name it, else the site settings' name, as the
        page's header does (``SiteSettings.for_request``)."""
        site = self.get_site()
        name = SiteSettings.for_site(site).organisation_name
        language = translation.get_language()
        if site is not None and language and language != settings.LANGUAGE_CODE:
            name = SiteTexts.values_for(site.pk, language).get("organisation_name") or name
        return name

    def send_mail(self, form):
        recipients = SiteSettings.for_site(self.get_site()).enquiry_recipients
        return enquiries.send_enquiry_email(self, form, recipients)
