"""The portal's search backends: Wagtail's database backend, with accent- and hyphen-folding (see ``search.text``).

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"`` (the default; see the settings).
"""
