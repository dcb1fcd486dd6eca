"""Rich text for cover notes, written as plain text in an ordinary text area.

The secretariat writes the way the seeds' cover notes look: paragraphs separated by a blank
line, bullet lists with «- », numbered lists with «1. », **bold** and *italic*. That is stored
as sanitized HTML (``normen_portal.richtext.sanitize``), and turned back into the same plain
text when the note is edited again, so nothing needs a script-driven editor and every
keyboard and screen reader handles the field. Text that starts with an HTML tag is taken as
HTML (sanitized); anything else starting with «<», such as «< 5 %», is plain text. HTML the
plain form cannot express (tables, headings, links) is shown as HTML for editing instead of
being flattened.

The promise the field keeps: what it stores, shown in the editor and saved unchanged, stores
exactly the same HTML. Two rules make that hold whatever was typed or pasted:

- stored HTML is brought to one tidy form (``_normalize``): sanitized, empty inline elements
  and paragraphs dropped, leading bare text put in a paragraph, and HTML the plain
  conventions say just as well rewritten the way they would write it;
- the editor gets the plain text only when saving that text gives back the stored HTML
  exactly (``html_to_text``); otherwise it gets the HTML, which saves to itself.
"""

import html
import re
from html.parser import HTMLParser

from django import forms
from django.utils.translation import gettext_lazy as _

from normen_portal.richtext import sanitize

_BULLET = re.compile(r"^\s*[-*•–]\s+(.*)$")
# A bounded number: «2024. Året» starts a list at 2024, a 30-digit number starts none.
_NUMBERED = re.compile(r"^\s*([0-9]{1,9})[.)]\s+(.*)$")
# Text is HTML when it opens with what a browser reads as markup: a whole tag or a comment.
# «< 5 %», «<3» and «<ca. 5 %» (no tag name followed by «>») stay text a person wrote.
_HTML_START = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^>]*)?|![^>]*)>")
# Inline content that can start sanitized HTML: wrapped in a paragraph so the stored value
# starts with a tag and reads back as HTML.
_STARTS_INLINE = re.compile(r"<(?:strong|em|b|i|a|br|span|code|sup|sub)\b|[^<]")
# Invisible elements: an empty <b></b> would otherwise read back as «****».
_EMPTY = re.compile(r"<(strong|em|b|i|span|code|sup|sub)></\1>|<p>[ \t\n\r\f]*</p>")
_HTML_SPACE = " \t\n\r\f"
_LINE_BREAKING_SPACE = re.compile(r"[ \t\r\f]*[\n\r\f][ \t\n\r\f]*")


def _inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    # Emphasis neither starts nor ends with an asterisk, so «****» stays four asterisks.
    text = re.sub(r"(?<![*\w])\*(?![\s*])(.+?)(?<![\s*])\*(?![*\w])", r"<em>\1</em>", text)
    return text


def _plain_to_html(text):
    """The plain conventions → sanitized HTML, without the tidying ``text_to_html`` adds."""
    out = []
    paragraph, items, list_tag, list_start = [], [], None, 1

    def flush_paragraph():
        if paragraph:
            out.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            opening = f'<ol start="{list_start}">' if list_tag == "ol" and list_start != 1 \
                else f"<{list_tag}>"
            out.append(opening + "".join(f"<li>{_inline(i)}</li>" for i in items)
                       + f"</{list_tag}>")
            items.clear()
        list_tag = None

    for line in text.split("\n"):
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            flush_paragraph()
            flush_list()
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            flush_paragraph()
            if list_tag != tag:
                flush_list()
                list_tag = tag
                # A list numbered from 3 in the text stays numbered from 3 on the page.
                list_start = int(numbered[1]) if numbered else 1
            items.append((bullet or numbered).groups()[-1].strip())
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return sanitize("".join(out), "document")


class _ToText(HTMLParser):
    """HTML → the plain conventions; gives up (``ok`` False) on anything they can't say.

    Callers check the result by converting it back, so this may be generous; it must not
    be lossy in a way the check can't see, which is why nesting the conventions can't write
    (a list in a list, a break in a list item) gives up here."""

    MARKERS = {"strong": "**", "b": "**", "em": "*", "i": "*"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.ok = [], "", True
        self.list = None  # [tag, start, items] while inside a list
        self.in_item = False

    def _end_block(self):
        if self.current.strip():
            self.blocks.append(self.current.strip())
        self.current = ""

    def handle_starttag(self, tag, attrs):
        if attrs and not (tag == "ol" and len(attrs) == 1 and attrs[0][0] == "start"
                          and re.fullmatch(r"[0-9]{1,9}", attrs[0][1] or "")):
            self.ok = False
        if tag == "p":
            if self.list is not None:
                self.ok = False
            self._end_block()
        elif tag == "br":
            if self.in_item:
                self.ok = False
            self.current += "\n"
        elif tag in ("ul", "ol"):
            if self.list is not None:  # nested lists have no plain form
                self.ok = False
            self._end_block()
            start = int(attrs[0][1]) if attrs and self.ok else 1
            self.list = [tag, start, []]
        elif tag == "li":
            if self.list is None or self.in_item:
                self.ok = False
            self.in_item, self.current = True, ""
        elif tag in self.MARKERS:
            self.current += self.MARKERS[tag]
        else:
            self.ok = False

    def handle_endtag(self, tag):
        if tag == "p":
            self._end_block()
        elif tag == "li":
            if self.list is None or not self.in_item:
                self.ok = False
                return
            self.list[2].append(self.current.strip())
            self.current, self.in_item = "", False
        elif tag in ("ul", "ol"):
            if self.list is None:
                self.ok = False
                return
            kind, start, items = self.list
            self.blocks.append("\n".join(
                f"{'-' if kind == 'ul' else f'{start + n}.'} {item}"
                for n, item in enumerate(items)))
            self.list, self.current = None, ""
        elif tag in self.MARKERS:
            self.current += self.MARKERS[tag]
        else:
            self.ok = False

    def handle_data(self, data):
        if self.list is not None and not self.in_item:
            if data.strip(_HTML_SPACE):  # text loose in a list
                self.ok = False
            return
        # A line break in the HTML source is a space on the page, not a new line.
        self.current += _LINE_BREAKING_SPACE.sub(" ", data)


def _to_text(value):
    """HTML → the plain conventions, or None when they can't express it."""
    parser = _ToText()
    parser.feed(value)
    parser.close()
    parser._end_block()
    if not parser.ok or parser.list is not None:
        return None
    return "\n\n".join(parser.blocks)


class _Signature(HTMLParser):
    """What a reader sees of simple HTML: tags with <b>/<strong> and <i>/<em> taken as one,
    whitespace collapsed and dropped next to block boundaries, entities decoded."""

    SAME = {"b": "strong", "i": "em"}
    INLINE = {"strong", "em", "a", "span", "code", "sup", "sub"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        tag = self.SAME.get(tag, tag)
        self.tokens.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        self.tokens.append(("</", self.SAME.get(tag, tag)))

    def handle_data(self, data):
        self.tokens.append(("text", re.sub(f"[{_HTML_SPACE}]+", " ", data)))

    def result(self):
        merged = []
        for token in self.tokens:
            if token[0] == "text" and merged and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1] + token[1])
            else:
                merged.append(token)

        def at_boundary(token):
            return token is None or (token[0] != "text" and token[1] not in self.INLINE)

        out = []
        for n, token in enumerate(merged):
            if token[0] == "text":
                text = re.sub(" +", " ", token[1])
                if at_boundary(merged[n - 1] if n else None):
                    text = text.lstrip(" ")
                if at_boundary(merged[n + 1] if n + 1 < len(merged) else None):
                    text = text.rstrip(" ")
                if not text:
                    continue
                token = ("text", text)
            out.append(token)
        return tuple(out)


def _signature(value):
    parser = _Signature()
    parser.feed(value)
    parser.close()
    return parser.result()


def _tidy(value):
    value = sanitize(value, "document").strip()
    value = _drop_empty(value)
    if value and _STARTS_INLINE.match(value):
        value = _drop_empty(sanitize("<p>" + value, "document").strip())
    # HTML the plain conventions say just as well is stored the way they write it, so it
    # reads back as plain text and saving that text changes nothing.
    plain = _to_text(value)
    if plain is not None:
        written = _plain_to_html(plain)
        if (written != value and _signature(written) == _signature(value)
                and _plain_to_html(_to_text(written) or "") == written):
            return written
    return value


def _drop_empty(value):
    while True:
        shorter = _EMPTY.sub("", value)
        if shorter == value:
            return value
        value = shorter


def _normalize(value):
    """Stored HTML in its tidy form; the tidy form of a tidy form is itself."""
    for _attempt in range(5):
        tidier = _tidy(value)
        if tidier == value:
            break
        value = tidier
    return value


def text_to_html(text):
    """Plain text with the conventions above, or HTML → sanitized HTML in its tidy form."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if _HTML_START.match(text):
        return _normalize(text)
    return _normalize(_plain_to_html(text))


def html_to_text(value):
    """Stored HTML → the plain text an editor sees; HTML itself when that can't be said.

    Stored values are read as HTML, the way the pages show them, also when they were
    written without tags; saving what this returns stores the tidy form of ``value``."""
    value = _normalize(str(value or ""))
    plain = _to_text(value)
    if plain is not None and text_to_html(plain) == value:
        return plain
    return value


class _Typed(str):
    """What the user sent, shown again as it is when the form comes back with errors."""


class RichTextField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _(
            "Tom linje gir nytt avsnitt. Linjer som begynner med «- » blir punktliste, «1. » "
            "nummerert liste. **fet** og *kursiv*."))
        super().__init__(strip=True, **kwargs)

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        return _Typed(data) if isinstance(data, str) else data

    def prepare_value(self, value):
        if isinstance(value, _Typed):
            return str(value)
        return html_to_text(value)

    def to_python(self, value):
        return text_to_html(super().to_python(value))

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or "")
