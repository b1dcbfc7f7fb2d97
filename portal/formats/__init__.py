"""The portal's own date formats where Django's differ from how the site writes dates (``FORMAT_MODULE_PATH``).

Templates write dates with ``|date:"DATE_FORMAT"`` so that each language has its own: "15 April 2025",
"15 avril 2025", "15 de abril de 2025". Django's English formats are American ("April 15, 2025"); the portal's
English is British. French and Spanish use Django's formats as they are.
"""
