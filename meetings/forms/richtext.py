"""Rich text for cover notes, written as plain text in an ordinary text area.

The secretariat writes the way the seeds' cover notes look: paragraphs separated by a blank
line, bullet lists with «- », numbered lists with «1. », **bold** and *italic*. That is stored
as sanitized HTML (``normen_portal.richtext.sanitize``), and turned back into the same plain
text when the note is edited again, so nothing needs a script-driven editor and every
keyboard and screen reader handles the field. Text that starts with «<» is taken as HTML as
it is (sanitized), and HTML the plain form cannot express (tables, headings, links) is shown
as HTML for editing instead of being flattened.
"""

import html
import re
from html.parser import HTMLParser

from django import forms
from django.utils.translation import gettext_lazy as _

from normen_portal.richtext import sanitize

_BULLET = re.compile(r"^\s*[-*•–]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")


def _inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", text)
    return text


def text_to_html(text):
    """Plain text with the conventions above → sanitized HTML."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if text.startswith("<"):
        return sanitize(text, "document")
    out = []
    paragraph, items, list_tag = [], [], None

    def flush_paragraph():
        if paragraph:
            out.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items)
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
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append((bullet or numbered).groups()[-1].strip())
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return sanitize("".join(out), "document")


class _ToText(HTMLParser):
    """HTML → the plain conventions; gives up (``ok`` False) on anything they can't say."""

    SIMPLE = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.lists, self.ok = [], "", [], True

    def _end_block(self):
        if self.current.strip():
            self.blocks.append(self.current.strip())
        self.current = ""

    def handle_starttag(self, tag, attrs):
        if tag not in self.SIMPLE:
            self.ok = False
        elif tag == "p":
            self._end_block()
        elif tag == "br":
            self.current += "\n"
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 0, []])
        elif tag == "li":
            self.current = ""
        elif tag in ("strong", "b"):
            self.current += "**"
        elif tag in ("em", "i"):
            self.current += "*"

    def handle_endtag(self, tag):
        if tag not in self.SIMPLE:
            self.ok = False
        elif tag == "p":
            self._end_block()
        elif tag == "li" and self.lists:
            lst = self.lists[-1]
            lst[1] += 1
            marker = "-" if lst[0] == "ul" else f"{lst[1]}."
            lst[2].append(f"{marker} {' '.join(self.current.split())}")
            self.current = ""
        elif tag in ("ul", "ol") and self.lists:
            lst = self.lists.pop()
            if self.lists:  # nested lists have no plain form
                self.ok = False
            self.blocks.append("\n".join(lst[2]))
        elif tag in ("strong", "b"):
            self.current += "**"
        elif tag in ("em", "i"):
            self.current += "*"

    def handle_data(self, data):
        if "*" in data:  # would read back as emphasis
            self.ok = False
        self.current += data


def html_to_text(value):
    """Stored HTML → the plain text an editor sees; HTML itself when that can't be said."""
    value = value or ""
    if not value.lstrip().startswith("<"):
        return value
    parser = _ToText()
    parser.feed(value)
    parser.close()
    parser._end_block()
    if not parser.ok:
        return value
    return "\n\n".join(parser.blocks)


class RichTextField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _(
            "Tom linje gir nytt avsnitt. Linjer som begynner med «- » blir punktliste, «1. » "
            "nummerert liste. **fet** og *kursiv*."))
        super().__init__(strip=True, **kwargs)

    def prepare_value(self, value):
        return html_to_text(value)

    def to_python(self, value):
        return text_to_html(super().to_python(value))

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or "")
