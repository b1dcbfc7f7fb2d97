"""The names visitors know a document's file type and language by: the model's choices, the library's filters and
the API's enumerations share them (a module of its own, so the selectors need not import the models)."""

# File extensions and the names visitors know them by.
FILE_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "csv": "CSV",
    "txt": "Text",
    "zip": "ZIP archive",
}

LANGUAGE_CHOICES = [("en", "English"), ("fr", "French"), ("es", "Spanish")]
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
# Each language in its own words: how "Also in Français · Español" names a document's translations, whatever the
# language of the page around it (a reader looks for their own language's name).
NATIVE_LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
