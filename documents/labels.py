"""The names visitors know a document's file type and language by: the model's choices, the library's filters and
the API's enumerations share them (a module of its own, so the selectors need not import the models).

The names are translated when they are shown (lazily: a module-level constant is read before any language is
active). Brand names (PDF, Word...) are the same in every language and are not marked for translation."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# File extensions and the names visitors know them by.
FILE_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": _("OpenDocument text"),
    "ods": _("OpenDocument spreadsheet"),
    "csv": "CSV",
    "txt": _("Text"),
    "zip": _("ZIP archive"),
}

LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}

# How long a member's share link may work, in days (the share form's choices).
SHARE_DAYS = (1, 7, 14, 30)


def share_day_choices():
    """``[(days, "7 days"), ...]`` in the active language."""
    return [(days, ngettext("%(count)d day", "%(count)d days", days) % {"count": days}) for days in SHARE_DAYS]
