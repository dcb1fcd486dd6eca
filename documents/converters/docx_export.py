"""The whole document as Word (.docx): title page lines, the text, and the annexes.

The steering group asked for the documents in Word («fulldokumentet», sak 13/24). Built with
python-docx from the portal's sanitized HTML, so the Word file has the same headings, lists and
tables as the reading page, with real Word heading styles (navigable, accessible).
"""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn

from documents.converters.html import _fragment

BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr",
          "dl", "figure"}


class _Writer:
    def __init__(self, word):
        self.word = word

    # -- inline -------------------------------------------------------------------------------
    def inline(self, paragraph, element, bold=False, italic=False):
        if element.text:
            self._run(paragraph, element.text, bold, italic)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                paragraph.add_run().add_break()
            elif tag in BLOCKS or tag in {"li"}:
                # A block inside inline content (rare in sanitized HTML): keep its words.
                self._run(paragraph, child.text_content(), bold, italic)
            else:
                self.inline(paragraph, child, bold=bold or tag in {"strong", "b"},
                            italic=italic or tag in {"em", "i"})
                if tag == "a" and child.get("href", "").startswith(("http", "mailto")):
                    href = child.get("href")
                    if href != child.text_content().strip():
                        self._run(paragraph, f" ({href})", bold, italic)
                if tag == "sup" or tag == "sub":
                    run = paragraph.runs[-1] if paragraph.runs else None
                    if run is not None:
                        run.font.superscript = tag == "sup"
                        run.font.subscript = tag == "sub"
            if child.tail:
                self._run(paragraph, child.tail, bold, italic)

    @staticmethod
    def _run(paragraph, text, bold, italic):
        text = " ".join(text.split()) if text.strip() else (" " if text else "")
        if not text:
            return
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, container, level_offset=0):
        if container.text and container.text.strip():
            self.word.add_paragraph(" ".join(container.text.split()))
        for element in container:
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag in {"h2", "h3", "h4", "h5", "h6"}:
                # The reading page's <h2> is the document's first level: Word's Heading 1.
                level = min(int(tag[1]) - 1 + level_offset, 9)
                heading = self.word.add_heading(level=level)
                self.inline(heading, element)
            elif tag == "p":
                self.inline(self.word.add_paragraph(), element)
            elif tag in {"ul", "ol"}:
                self.list(element, ordered=tag == "ol", depth=0)
            elif tag == "table":
                self.table(element)
            elif tag == "blockquote":
                for child_p in element.xpath("./p") or [element]:
                    self.inline(self.word.add_paragraph(style="Quote"), child_p)
            elif tag == "pre":
                self.word.add_paragraph(element.text_content())
            elif tag == "hr":
                self.word.add_paragraph("")
            elif tag == "dl":
                for item in element:
                    para = self.word.add_paragraph()
                    self.inline(para, item, bold=item.tag == "dt")
            elif tag in {"figure", "div", "span"}:
                self.blocks(element, level_offset)
            elif tag:
                self.inline(self.word.add_paragraph(), element)
            if element.tail and element.tail.strip():
                self.word.add_paragraph(" ".join(element.tail.split()))

    def list(self, element, ordered, depth):
        base = "List Number" if ordered else "List Bullet"
        style = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
        for item in element.xpath("./li"):
            paragraph = self.word.add_paragraph(style=style)
            # Text of the item without its nested lists, which follow as their own paragraphs.
            nested = item.xpath("./ul|./ol")
            for sub in nested:
                item.remove(sub)
            self.inline(paragraph, item)
            for sub in nested:
                self.list(sub, ordered=sub.tag == "ol", depth=depth + 1)

    def table(self, element):
        rows = element.xpath(".//tr")
        if not rows:
            return
        width = max(len(row.xpath("./th|./td")) for row in rows)
        caption = element.xpath("./caption")
        if caption:
            self.inline(self.word.add_paragraph(style="Caption"), caption[0])
        table = self.word.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for row in rows:
            cells = table.add_row().cells
            for index, cell in enumerate(row.xpath("./th|./td")):
                paragraph = cells[index].paragraphs[0]
                self.inline(paragraph, cell, bold=cell.tag == "th")
            if row.xpath("./th") and not row.xpath("./td"):
                # A header row repeats on each page and is announced as such.
                tr_pr = table.rows[-1]._tr.get_or_add_trPr()
                header = tr_pr.makeelement(qn("w:tblHeader"), {})
                tr_pr.append(header)
        self.word.add_paragraph("")


def build_docx(version, annexes=None) -> bytes:
    """The version as a .docx: title, version line, approval, text, annexes (pages in full,
    files by name)."""
    document = version.document
    word = WordDocument()
    props = word.core_properties
    props.title = document.display_title
    props.subject = f"{document.label} v{version.number}"
    props.author = document.body.name
    props.language = "nb-NO"
    props.keywords = ", ".join(t.name for t in document.topics.all())
    # Language of the text for spelling and screen readers.
    styles = word.styles.element
    for rpr_default in styles.iter(qn("w:rPrDefault")):
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is not None:
            lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): "nb-NO"})
            rpr.append(lang)

    word.add_heading(document.display_title, level=0)
    lines = [_("Versjon %(number)s") % {"number": version.number}]
    if version.approval_reference:
        lines.append(version.approval_reference)
    if version.published_at:
        lines.append(_("Publisert %(date)s")
                     % {"date": formats.date_format(version.published_at, "d.m.Y")})
    for line in lines:
        word.add_paragraph(line)
    if document.summary:
        word.add_heading(_("Sammendrag"), level=1)
        word.add_paragraph(document.summary)

    writer = _Writer(word)
    writer.blocks(_fragment(version.text_html))

    if version.change_log:
        word.add_heading(_("Endringer i versjon %(number)s") % {"number": version.number},
                         level=1)
        for line in version.change_log.splitlines():
            if line.strip():
                word.add_paragraph(line.strip())

    for number, annex in enumerate(annexes if annexes is not None else version.annexes.all(),
                                   start=1):
        word.add_page_break()
        word.add_heading(_("Vedlegg %(n)s: %(title)s") % {"n": number, "title": annex.title},
                         level=1)
        if annex.kind == annex.Kind.PAGE:
            writer.blocks(_fragment(annex.html), level_offset=1)
        else:
            word.add_paragraph(_("Vedlegget er en egen fil: %(name)s")
                               % {"name": annex.original_name or annex.title})

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()

