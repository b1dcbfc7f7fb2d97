"""Text extraction from uploaded documents, for the library's full-text search.

PDFs are read with pypdf, Word files (DOCX) with python-docx, plain text and CSV are decoded. Other formats
(spreadsheets, presentations, archives) keep no text. Extraction never stops an upload: a corrupt, encrypted or
unreadable file is logged and stored without text.
"""

import io
import logging
import re

logger = logging.getLogger(__name__)

# Enough for the text of a long report; PostgreSQL's tsvector also has a 1 MB limit.
MAX_TEXT_LENGTH = 200_000
# A PDF's pages are read up to this many: a 2,000-page scan would otherwise hold an upload for minutes.
MAX_PDF_PAGES = 300
TEXT_EXTENSIONS = {"txt", "csv"}

_WHITESPACE = re.compile(r"\s+")


class ExtractionSkipped(Exception):  # noqa: N818 - it is a reason, not a failure of ours
    """The file is readable as far as we know, but its text cannot be extracted (e.g. it is encrypted)."""


def read_text(file, extension):
    """The text of ``file`` (a binary file object at any position), normalised; ``""`` for formats without text.

    Raises ``ExtractionSkipped`` for a file whose text cannot be had (encrypted) and whatever the parser raises for
    a corrupt one: the background task (documents/tasks.py) records and retries those.
    """
    reader = {"pdf": _pdf_text, "docx": _docx_text}.get(extension)
    if reader is None and extension in TEXT_EXTENSIONS:
        reader = _plain_text
    if reader is None:
        return ""
    try:
        file.seek(0)
        return normalise(reader(file.read()))
    finally:
        file.seek(0)


def extract_text(file, extension, *, name=""):
    """The text of ``file`` (see ``read_text``), or ``""`` when it cannot be read (logged, never raised).

    ``extension`` is the file's extension in lower case; ``name`` only labels the log message.
    """
    try:
        return read_text(file, extension)
    except ExtractionSkipped as reason:
        logger.warning("Text extraction skipped for %s: %s", name or "a document", reason)
        return ""
    except Exception:  # noqa: BLE001 - any parser error in a visitor's upload must not become a 500
        logger.warning("Text extraction failed for %s; the document is stored without text", name, exc_info=True)
        return ""


def normalise(text):
    """Collapse whitespace, drop NUL characters (PostgreSQL refuses them) and cap the length."""
    return _WHITESPACE.sub(" ", text.replace("\x00", " ")).strip()[:MAX_TEXT_LENGTH]


def _pdf_text(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ExtractionSkipped("the PDF is encrypted")
    parts, length = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_TEXT_LENGTH:
            break
    return "\n".join(parts)


def _docx_text(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _plain_text(data):
    data = data[: MAX_TEXT_LENGTH * 4]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
