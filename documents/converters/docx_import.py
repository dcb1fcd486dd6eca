"""Word (.docx) → clean HTML for the reading page.

The file is checked before mammoth opens it: a .docx is a zip package, and a hostile one can be
a zip bomb (tiny file, gigabytes unpacked), carry macros or ActiveX, embed HTML through
altChunk, or make the converter fetch images from other hosts. Every refusal is a
``DocxRejected`` with a Norwegian message for the person who uploaded the file.
"""

import io
import posixpath
from dataclasses import dataclass, field

import mammoth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.converters.html import CleanText, clean_document_html
from normen_portal import uploads

# The size limit, overridable in settings (tests patch it here). Everything else about which
# packages are harmless (macros, ActiveX, external relationships, altChunk, zip bombs, entry
# count, names) is the portal's one upload policy, normen_portal.uploads.
MAX_BYTES = getattr(settings, "DOCUMENT_DOCX_MAX_BYTES", 20 * 1024 * 1024)

MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

# Norwegian Word names its built-in heading styles «Overskrift 1» (id Overskrift1); mammoth
# knows the English ones. The Title style («Tittel») is left out: the reading page's <h1> is
# the document's title as the portal knows it.
STYLE_MAP = "\n".join(
    [f"p[style-name='Overskrift {n}'] => h{n}:fresh" for n in range(1, 7)]
    + [f"p.Overskrift{n} => h{n}:fresh" for n in range(1, 7)]
    + ["p[style-name='Title'] => !", "p[style-name='Tittel'] => !",
       "p[style-name='Subtitle'] => p:fresh", "p[style-name='Undertittel'] => p:fresh"]
)


class DocxRejected(ValueError):
    """The upload is not a .docx the portal will convert; the message says why."""


@dataclass
class Converted:
    text: CleanText
    images_dropped: int = 0
    messages: list = field(default_factory=list)


def _not_word():
    return DocxRejected(_("Filen er ikke et Word-dokument (.docx). Lagre dokumentet som "
                          "«Word-dokument (*.docx)» og prøv igjen."))


def _rejected(error):
    """The policy's refusal in the words of the Word import."""
    if error.code in ("content", "mismatch", "extension", "no_extension", "bidi_name"):
        return _not_word()
    if error.code == "damaged":
        return DocxRejected(_("Word-filen er skadet og kan ikke leses."))
    return DocxRejected(" ".join(error.messages))


def check_size(size):
    try:
        uploads.check_size(size, MAX_BYTES)
    except ValidationError as exc:
        raise _rejected(exc) from exc


def check_package(data: bytes):
    """Raise DocxRejected unless ``data`` is a harmless .docx the converter can read: the
    upload policy's checks, then what the converter itself needs (the main document part)."""
    try:
        clean = uploads.check_upload(data, "document_docx", name="dokument.docx",
                                     max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise _rejected(exc) from exc
    if MAIN_TYPE not in clean.content_types and TEMPLATE_TYPE not in clean.content_types:
        raise DocxRejected(_("Filen er ikke et Word-dokument (.docx)."))
    if not any(posixpath.basename(n) == "document.xml" for n in clean.parts):
        raise DocxRejected(_("Filen er ikke et Word-dokument (.docx)."))


def convert(data: bytes) -> Converted:
    """Check and convert a .docx; raises DocxRejected."""
    check_package(data)
    dropped = []

    def drop_image(image):
        # The portal's HTML carries no images (the sanitizer's allow-list): figures go in as
        # annexes, with a text alternative. Counting them lets the page say so.
        dropped.append(image.alt_text or "")
        return []

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=drop_image,
            external_file_access=False,
        )
    except DocxRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken upload
        raise DocxRejected(_("Word-filen kunne ikke gjøres om til tekst. Er den skadet?")) from exc
    text = clean_document_html(result.value)
    if not text.plain.strip():
        raise DocxRejected(_("Word-filen inneholder ingen tekst."))
    return Converted(text=text, images_dropped=len(dropped),
                     messages=[m.message for m in result.messages if m.type == "error"])

