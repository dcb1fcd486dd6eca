"""Clean document HTML: one heading outline under the page's <h1>, ids on headings for the table
of contents, sanitized with the portal's ``document`` profile, plus the plain text for search.
"""

from dataclasses import dataclass, field

import lxml.html
from django.utils.text import slugify

from normen_portal.richtext import sanitize

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The reading page's own title is the <h1>; the table of contents lists these levels.
TOC_LEVELS = ("h2", "h3")


@dataclass
class CleanText:
    html: str
    toc: list = field(default_factory=list)
    plain: str = ""


def _fragment(html):
    return lxml.html.fragment_fromstring(html or "", create_parent="div")


def _serialize(root):
    parts = [root.text or ""] if root.text else []
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts)


def _demote_headings(root):
    """A document written with Heading 1 at the top gets every heading one level down, so the
    outline sits under the page's title and no level is skipped."""
    if not root.xpath(".//h1"):
        return
    for element in root.iter(*HEADINGS):
        level = min(int(element.tag[1]) + 1, 6)
        element.tag = f"h{level}"


def _drop_empty_anchors(root):
    # Word bookmarks (_Toc…, _Ref…) become <a id> without href; sanitizing strips the id and
    # leaves empty links behind, which screen readers announce as nothing.
    for anchor in root.xpath(".//a[not(@href)]"):
        anchor.drop_tag()


def _unlink_internal_references(root):
    # Footnote and cross-reference links point at ids the sanitizer removes: keep the text.
    for anchor in root.xpath(".//a[starts-with(@href, '#')]"):
        anchor.drop_tag()


def _heading_ids(root):
    toc, used = [], set()
    for element in root.iter("h2", "h3", "h4"):
        title = " ".join(element.text_content().split())
        if not title:
            continue
        base = slugify(title)[:60].strip("-") or "avsnitt"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        element.set("id", anchor)
        if element.tag in TOC_LEVELS:
            toc.append({"level": int(element.tag[1]), "id": anchor, "title": title})
    return toc


def plain_text(html):
    """The words of ``html``, one block per line, for search and excerpts."""
    if not html:
        return ""
    root = _fragment(html)
    for block in root.iter("p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "br", "dt", "dd"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def clean_document_html(html):
    """Sanitize ``html`` for a document's reading page and derive its TOC and plain text."""
    if not (html or "").strip():
        return CleanText(html="")
    root = _fragment(html)
    _demote_headings(root)
    _drop_empty_anchors(root)
    _unlink_internal_references(root)
    # Sanitize first (drops whatever is not allowed), then add the ids on the clean tree and
    # sanitize once more: the ids are the only thing added, and the allow-list keeps them.
    root = _fragment(sanitize(_serialize(root), "document"))
    toc = _heading_ids(root)
    clean = sanitize(_serialize(root), "document")
    return CleanText(html=clean, toc=toc, plain=plain_text(clean))



SECTION_CHARS = 2500  # a long section is cut at block ends into pieces about this size


def sections(html):
    """The text cut at its headings (h2–h4): a list of (anchor, heading, plain text). The
    first piece of a section starts with its heading; a long section is cut again at block
    ends, each piece keeping the heading's anchor."""
    if not (html or "").strip():
        return []
    root = _fragment(html)
    out = []
    anchor, heading, blocks = "", "", []
    if root.text and root.text.strip():
        blocks.append(" ".join(root.text.split()))

    def flush():
        piece = [heading] if heading else []
        size = len(heading)
        for block in blocks:
            if size and size + len(block) > SECTION_CHARS:
                out.append((anchor, heading, "\n".join(piece)))
                piece, size = [], 0
            piece.append(block)
            size += len(block)
        if piece:
            out.append((anchor, heading, "\n".join(piece)))

    for element in root:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in {"h2", "h3", "h4"}:
            flush()
            anchor = element.get("id", "")
            heading = " ".join(element.text_content().split())
            blocks = []
        else:
            text = plain_text(lxml.html.tostring(element, encoding="unicode", with_tail=False))
            if text:
                blocks.append(text)
        if element.tail and element.tail.strip():
            blocks.append(" ".join(element.tail.split()))
    flush()
    return out
