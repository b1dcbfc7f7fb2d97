"""The portal's demo content, loaded by ``manage.py load_demo_content``.

* ``content``: the page tree and each page's copy and StreamField data;
* ``blocks``: helpers that write StreamField data in its raw JSON form;
* ``library``: the demo documents and the text of their PDFs;
* ``images``: abstract pictures drawn with Pillow;
* ``pdf``: a small, dependency-free PDF writer (Helvetica, real extractable text);
* ``users``: the demo accounts;
* ``loader``: puts it all in the database, creating only what is missing.
"""
