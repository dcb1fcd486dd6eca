"""HTML → archival PDF with WeasyPrint: the one place the portal calls it.

Variant: PDF/A-2u with tags. PDF/A-2 rather than PDF/A-3: the portal embeds no files, and
PDF/A-3's one addition (arbitrary embedded files) is what archives are wary of; "u" guarantees
that every glyph maps to Unicode, so the text can be searched, copied and read aloud.
WeasyPrint writes one variant at a time, so PDF/UA is not declared, but ``pdf_tags=True`` adds
the same logical structure tree its PDF/UA mode writes (headings, lists, tables, /Lang,
DisplayDocTitle, MarkInfo).

Templates extend ``pdf/base.html``, which inlines ``pdf/print.css`` from the template
directory: nothing is fetched over HTTP while rendering, and the fetcher below refuses any
URL that is not a local file under ``templates/pdf`` or a ``data:`` URI, so a link or image
address in user-written text can never make the worker call out.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML, default_url_fetcher

PDF_VARIANT = "pdf/a-2u"
TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "pdf"
GENERATOR = "Normen-portalen"


@dataclass(frozen=True)
class RenderedPdfData:
    content: bytes
    pages: int
    seconds: float


def local_url_fetcher(url, *args, **kwargs):
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    if url.startswith("file://"):
        path = Path(unquote(urlsplit(url).path)).resolve()
        if path.is_relative_to(TEMPLATE_DIR.resolve()):
            return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF rendering does not fetch {url}")


def document_html(kind, obj, context):
    """The HTML a kind renders for ``obj``, metadata in its <head>."""
    meta = kind.metadata(obj)
    with translation.override(kind.lang):
        return render_to_string(kind.template, {
            **context,
            "pdf_meta": meta,
            "pdf_generator": GENERATOR,
            "pdf_created": timezone.localtime().isoformat(timespec="seconds"),
        })


def write_pdf(html):
    """Lay out ``html`` and write it as tagged PDF/A-2u."""
    started = time.perf_counter()
    document = HTML(string=html, base_url=TEMPLATE_DIR.as_uri() + "/",
                    url_fetcher=local_url_fetcher).render()
    content = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return RenderedPdfData(content=content, pages=len(document.pages),
                           seconds=time.perf_counter() - started)


def render(kind, obj, context=None):
    if context is None:
        with translation.override(kind.lang):
            context = kind.context(obj)
    return write_pdf(document_html(kind, obj, context))
