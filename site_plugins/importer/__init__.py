"""``khuyencong import``: legacy articles (text copied from old provincial portals, or saved
HTML pages with their photos) turned into article files of the portal.

The importer finds the headline (not the site's name or a section line), the date line and
its precision, the sapo (``summary``), paragraphs, lists, photos and their captions, the
byline and "Theo …"/"Nguồn: …" sources; drops portal chrome (menus, counters, share bars,
"Tin khác", "Liên kết website"); proposes ``province`` and ``category``. It never invents:
every value it is not sure of is marked for review (``# CẦN KIỂM TRA: …`` in the
front-matter, with the reason in Vietnamese) and such an article is written as a draft.

Articles always land inside the articles folder (``content/tin-tuc/<năm>/``, undated ones in
``chua-ro-ngay/``), with their photos in ``anh/`` beside them; an article whose text is
already there is not written again; nothing is ever written over an existing file.

Modules, in the order a file goes through them: ``reading`` (bytes to text), ``textpage``
and ``htmlpage`` (text to a ``Page`` of blocks), ``pipeline`` (the named stages, with
``dating``, ``signature``, ``guesses`` and ``body``), ``photos``, ``duplicates`` and ``run``
(files, folders, the report); ``review`` lists the marks left for ``khuyencong check``.
"""

from __future__ import annotations

from .pipeline import Imported
from .reading import ImportFailure, read_legacy
from .review import ReviewWarning, review_report, review_warnings
from .run import Report, import_file, import_html, import_paths, import_text

__all__ = [
    "Imported",
    "ImportFailure",
    "Report",
    "ReviewWarning",
    "read_legacy",
    "import_text",
    "import_html",
    "import_file",
    "import_paths",
    "review_warnings",
    "review_report",
]
