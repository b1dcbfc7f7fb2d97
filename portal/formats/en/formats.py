"""British English dates: "15 April 2025", "15 April 2025, 14:30" (Django's "en" formats are American)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
