"""What keeps the membership enquiry form useful: a honeypot and a rate limit against spam, and the e-mail that
tells the federation about an enquiry without ever losing one.

The honeypot is a text field people never see (it is off-screen, hidden from assistive technology and out of the
tab order) that form-filling robots complete; an enquiry with it filled in is refused. The rate limit counts the
enquiries sent from one address in the shared cache: past ``ENQUIRY_RATE_LIMIT`` in ``ENQUIRY_RATE_WINDOW`` seconds
the form answers 429 until the window ends. Like the login throttling, the address is the one django-axes reads,
so ``AXES_IPWARE_PROXY_COUNT`` covers a reverse proxy; with several processes, the cache must be shared
(``CACHE_URL``) for the limit to hold across them.
"""

import logging
import re

import django.forms
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import send_mail
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.folding import fold

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "fax_number"
HONEYPOT_LABEL = _("Leave this field empty")
HONEYPOT_MESSAGE = _(
    "Your enquiry was not sent because the “Leave this field empty” box was filled in. "
    "Empty it and send the enquiry again."
)
RATE_LIMIT_KEY = "enquiry-rate:{address}"


class EnquiryForm(BaseForm):
    """The form built from the editors' fields, plus the honeypot (added last, so it never comes first)."""

    honeypot_name = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = django.forms.CharField(
            label=HONEYPOT_LABEL,
            required=False,
            widget=django.forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def enquiry_fields(self):
        """The fields people fill in: every field but the honeypot."""
        return [field for field in self if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return cleaned_data


# WCAG 1.3.5 (identify input purpose): the ``autocomplete`` token of a question about the enquirer, from its label
# (folded words) or its kind; browsers then offer what the visitor typed before. First match wins.
AUTOCOMPLETE_BY_LABEL = [
    ({"e", "mail"}, "email"),
    ({"email"}, "email"),
    ({"phone"}, "tel"),
    ({"telephone"}, "tel"),
    ({"organisation"}, "organization"),
    ({"organization"}, "organization"),
    ({"country"}, "country-name"),
    ({"name"}, "name"),
]
CHOOSE_LABEL = _("Choose…")


def autocomplete_token(label, field):
    if isinstance(field, django.forms.EmailField):
        return "email"
    words = set(re.findall(r"[a-z]+", fold(label)))
    for wanted, token in AUTOCOMPLETE_BY_LABEL:
        if wanted <= words:
            return token
    return None


class EnquiryFormBuilder(FormBuilder):
    def create_dropdown_field(self, field, options):
        """A list of choices with nothing chosen until the visitor chooses (a browser would pick the first)."""
        choice_field = super().create_dropdown_field(field, options)
        if not options.get("initial"):
            choice_field.choices = [("", CHOOSE_LABEL), *choice_field.choices]
        return choice_field

    @property
    def formfields(self):
        fields = super().formfields
        for model_field in self.fields:
            name = model_field.clean_name or model_field.get_field_clean_name()
            form_field = fields.get(name)
            token = autocomplete_token(model_field.label, form_field) if form_field is not None else None
            # A free answer only: a list of choices ("Kind of organisation") is not the enquirer's own data.
            if (
                token
                and not isinstance(form_field, django.forms.ChoiceField)
                and not isinstance(form_field.widget, django.forms.Textarea)
            ):
                form_field.widget.attrs["autocomplete"] = token
        return fields

    def get_form_class(self):
        return type("MembershipEnquiryForm", (EnquiryForm,), self.formfields)


def client_address(request):
    return get_client_ip_address(request) or "unknown"


def count_attempt(request):
    """Count one more enquiry from the request's address; ``True`` when that is over the limit.

    A fixed window: the first enquiry from an address starts it, and it ends ``ENQUIRY_RATE_WINDOW`` seconds later.
    """
    key = RATE_LIMIT_KEY.format(address=client_address(request))
    if cache.add(key, 1, settings.ENQUIRY_RATE_WINDOW):
        return settings.ENQUIRY_RATE_LIMIT < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, settings.ENQUIRY_RATE_WINDOW)
        count = 1
    return count > settings.ENQUIRY_RATE_LIMIT


def reply_to_address(form):
    """The enquirer's own address (the first e-mail field they filled in), so a reply goes straight to them."""
    for name, field in form.fields.items():
        if isinstance(field, django.forms.EmailField) and form.cleaned_data.get(name):
            return [form.cleaned_data[name]]
    return None


def send_enquiry_email(page, form, recipients):
    """E-mail the enquiry to ``recipients``; ``True`` if it was sent.

    Called after the submission is saved. Whatever goes wrong with the mail server is logged and swallowed: the
    enquiry is already kept in the admin (Forms), and the visitor still gets the thank-you page.
    """
    if not recipients:
        logger.warning("Membership enquiry %s saved but not e-mailed: no enquiries address in the site settings", page)
        return False
    try:
        send_mail(
            page.subject or gettext("Membership enquiry: %(title)s") % {"title": page.title},
            page.render_email(form),
            recipients,
            page.from_address or None,
            reply_to=reply_to_address(form),
        )
    except Exception:
        logger.exception("Membership enquiry saved but the e-mail to %s could not be sent", ", ".join(recipients))
        return False
    return True


# The enquirer's copy, in the language of the form they filled in (the request's language).
ACKNOWLEDGEMENT = _("""Thank you for your enquiry to %(organisation)s.

We have received it and will reply to this address. What you sent us:

%(answers)s

This message was sent because this address was given in the membership enquiry form at %(url)s. If you did not send
it, you may ignore this message: we keep the enquiry only to answer it.
""")


def send_acknowledgement(page, form, organisation, url):
    """E-mail the enquirer (their first e-mail answer) a copy of the enquiry; ``True`` if it was sent.

    Like the federation's copy, a failure is logged and swallowed: the enquiry is kept either way.
    """
    to = reply_to_address(form)
    if not to:
        return False
    answers = "\n".join(
        gettext("%(question)s: %(answer)s") % {"question": field.label, "answer": form.cleaned_data.get(name)}
        for name, field in form.fields.items()
        if name != HONEYPOT_FIELD and form.cleaned_data.get(name) not in (None, "")
    )
    try:
        send_mail(
            gettext("Your enquiry to %(organisation)s") % {"organisation": organisation},
            ACKNOWLEDGEMENT % {"organisation": organisation, "answers": answers, "url": url},
            to,
            page.from_address or None,
        )
    except Exception:
        logger.exception("Membership enquiry saved but its acknowledgement could not be sent")
        return False
    return True
