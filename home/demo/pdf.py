"""A tiny PDF writer for the demo documents: headings, paragraphs and bullet lists on A4 pages.

It has no dependencies and writes plain PDF 1.4 with the standard Helvetica fonts in WinAnsi encoding, so
the text is real text: a PDF reader can search and copy it, and text extraction finds it. Lines are wrapped
with Helvetica's own character widths and pages break automatically; every page has a coloured band and a
footer with the document's title and page number.

    pdf = PdfWriter(title="Membership guide", author="National Federation of Co-operatives")
    pdf.heading("Membership guide")
    pdf.paragraph("Who can join, and how.")
    pdf.bullets(["First point", "Second point"])
    data = pdf.build()  # bytes
"""

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 72
TEXT_TOP = PAGE_HEIGHT - 100  # below the coloured band
TEXT_BOTTOM = 80  # above the footer
BAND_COLOUR = (0.09, 0.29, 0.42)
HEADING_COLOUR = (0.09, 0.29, 0.42)

# Advance widths (1/1000 em) of the printable ASCII characters 32-126 in the standard 14 fonts' metrics.
_HELVETICA = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 "
    "556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_HELVETICA_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 "
    "611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
# Widths of the WinAnsi characters above 126 that the demo copy uses (curly quotes, dashes, bullet, etc.).
_EXTRA_WIDTHS = {
    "F1": {0x91: 222, 0x92: 222, 0x93: 333, 0x94: 333, 0x95: 350, 0x96: 556, 0x97: 1000, 0xE9: 556, 0xA0: 278},
    "F2": {0x91: 278, 0x92: 278, 0x93: 500, 0x94: 500, 0x95: 350, 0x96: 556, 0x97: 1000, 0xE9: 556, 0xA0: 278},
}
WIDTHS = {
    "F1": dict(zip(range(32, 127), map(int, _HELVETICA.split()), strict=True)) | _EXTRA_WIDTHS["F1"],
    "F2": dict(zip(range(32, 127), map(int, _HELVETICA_BOLD.split()), strict=True)) | _EXTRA_WIDTHS["F2"],
}
FONT_NAMES = {"F1": "Helvetica", "F2": "Helvetica-Bold"}


def encode(text):
    """``text`` as WinAnsi (cp1252) bytes; characters outside it become ``?``."""
    return text.encode("cp1252", errors="replace")


def pdf_string(data):
    """A PDF literal string ``(...)`` for ``data`` (bytes), with ``\\``, ``(`` and ``)`` escaped."""
    out = []
    for byte in data:
        if byte in b"\\()":
            out.append("\\" + chr(byte))
        elif 32 <= byte <= 126:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def text_width(data, font, size):
    """The width in points of ``data`` (WinAnsi bytes) set in ``font`` at ``size``."""
    widths = WIDTHS[font]
    return sum(widths.get(byte, 556) for byte in data) * size / 1000


def wrap(text, font, size, width):
    """Split ``text`` into lines (WinAnsi bytes) no wider than ``width`` points; long words are kept whole."""
    lines, current = [], b""
    for word in encode(text).split():
        candidate = current + b" " + word if current else word
        if current and text_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass
class _Page:
    operations: list = field(default_factory=list)


class PdfWriter:
    """Lays text out top to bottom on A4 pages and serialises the result as PDF bytes."""

    def __init__(self, title, author="", subject="", created=None):
        self.title = title
        self.author = author
        self.subject = subject
        self.created = created or datetime(2025, 1, 1, tzinfo=UTC)
        self.pages = []
        self.y = 0
        self._new_page()

    # Layout ------------------------------------------------------------------------------------------------

    def _new_page(self):
        self.pages.append(_Page())
        self.y = TEXT_TOP

    def _ensure_room(self, height):
        if self.y - height < TEXT_BOTTOM:
            self._new_page()

    def _line(self, data, font, size, x=MARGIN, colour=(0, 0, 0)):
        red, green, blue = colour
        self.pages[-1].operations.append(
            f"BT {red:.2f} {green:.2f} {blue:.2f} rg /{font} {size} Tf 1 0 0 1 {x:.1f} {self.y:.1f} Tm "
            f"{pdf_string(data)} Tj ET"
        )

    def _block(self, text, font, size, leading, indent=0, space_after=0, colour=(0, 0, 0), marker=None):
        lines = wrap(text, font, size, PAGE_WIDTH - 2 * MARGIN - indent)
        for number, line in enumerate(lines):
            self._ensure_room(leading)
            self.y -= leading
            if number == 0 and marker:
                self._line(encode(marker), font, size, x=MARGIN + indent - 14, colour=colour)
            self._line(line, font, size, x=MARGIN + indent, colour=colour)
        self.y -= space_after

    def heading(self, text, level=1):
        """A heading in bold; level 1 is the document's title, 2 a section, 3 a sub-section."""
        size, before, after = {1: (22, 0, 10), 2: (15, 14, 4), 3: (12, 10, 2)}[level]
        # Keep a heading with at least two lines of what follows it.
        self._ensure_room(before + size * 1.3 + 30)
        if self.y != TEXT_TOP:
            self.y -= before
        self._block(text, "F2", size, size * 1.3, space_after=after, colour=HEADING_COLOUR)

    def paragraph(self, text, bold=False):
        self._block(text, "F2" if bold else "F1", 11, 15, space_after=8)

    def bullets(self, items, numbered=False):
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if numbered else "\u2022"
            self._block(item, "F1", 11, 15, indent=16, space_after=4, marker=marker)
        self.y -= 4

    # Output ------------------------------------------------------------------------------------------------

    def _page_stream(self, page, number, total):
        band = "{:.2f} {:.2f} {:.2f} rg 0 {} {} 42 re f".format(*BAND_COLOUR, PAGE_HEIGHT - 42, PAGE_WIDTH)
        footer_title = encode(self.title)
        footer_page = encode(f"Page {number} of {total}")
        footer = [
            f"0.6 0.6 0.6 RG 0.5 w {MARGIN} 56 m {PAGE_WIDTH - MARGIN} 56 l S",
            f"BT 0.35 0.35 0.35 rg /F1 9 Tf 1 0 0 1 {MARGIN} 42 Tm {pdf_string(footer_title)} Tj ET",
            "BT 0.35 0.35 0.35 rg /F1 9 Tf 1 0 0 1 {x:.1f} 42 Tm {s} Tj ET".format(
                x=PAGE_WIDTH - MARGIN - text_width(footer_page, "F1", 9), s=pdf_string(footer_page)
            ),
        ]
        return "\n".join([band, *page.operations, *footer]).encode("latin-1")

    def _info_string(self, text):
        return pdf_string(encode(text))

    def build(self):
        """The document as PDF bytes."""
        total = len(self.pages)
        # Object numbers: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content per page.
        page_ids = [6 + 2 * index for index in range(total)]
        objects = {
            1: b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) /ViewerPreferences << /DisplayDocTitle true >> >>",
            2: "<< /Type /Pages /Kids [{}] /Count {} >>".format(
                " ".join(f"{pid} 0 R" for pid in page_ids), total
            ).encode(),
        }
        for number, font in ((3, "F1"), (4, "F2")):
            objects[number] = (
                f"<< /Type /Font /Subtype /Type1 /BaseFont /{FONT_NAMES[font]} /Encoding /WinAnsiEncoding >>"
            ).encode()
        date = self.created.strftime("D:%Y%m%d%H%M%SZ")
        info = [f"/Title {self._info_string(self.title)}", f"/Producer {self._info_string('Co-op Portal demo')}"]
        if self.author:
            info.append(f"/Author {self._info_string(self.author)}")
        if self.subject:
            info.append(f"/Subject {self._info_string(self.subject)}")
        info += [f"/CreationDate ({date})", f"/ModDate ({date})"]
        objects[5] = ("<< " + " ".join(info) + " >>").encode()
        for index, page in enumerate(self.pages):
            page_id = page_ids[index]
            stream = zlib.compress(self._page_stream(page, index + 1, total))
            objects[page_id] = (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_id + 1} 0 R >>"
            ).encode()
            objects[page_id + 1] = (
                f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream"
            )

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for number in sorted(objects):
            offsets[number] = len(out)
            out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
        xref_at = len(out)
        size = max(objects) + 1
        out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
        for number in range(1, size):
            out += f"{offsets[number]:010d} 00000 n \n".encode()
        out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
        return bytes(out)


def render_pdf(title, sections, author="", subject="", created=None):
    """Build a PDF from a simple outline.

    ``sections`` is a list of ``(kind, content)`` pairs: ``("h1"|"h2"|"h3", text)``, ``("p", text)``,
    ``("ul", [items])`` or ``("ol", [items])``.
    """
    pdf = PdfWriter(title=title, author=author, subject=subject, created=created)
    for kind, content in sections:
        if kind in ("h1", "h2", "h3"):
            pdf.heading(content, level=int(kind[1]))
        elif kind == "p":
            pdf.paragraph(content)
        elif kind in ("ul", "ol"):
            pdf.bullets(content, numbered=kind == "ol")
        else:
            raise ValueError(f"Unknown section kind {kind!r}")
    return pdf.build()
