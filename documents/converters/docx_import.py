"""Word (.docx) → clean HTML for the reading page.

The file is checked before mammoth opens it: a .docx is a zip package, and a hostile one can be
a zip bomb (tiny file, gigabytes unpacked), carry macros or ActiveX, embed HTML through
altChunk, or make the converter fetch images from other hosts. Every refusal is a
``DocxRejected`` with a Norwegian message for the person who uploaded the file.
"""

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

import mammoth
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree

from .html import CleanText, clean_document_html

# Limits, overridable in settings. A 40-page guide with a few figures is 1–5 MB packed and
# rarely above 30 MB unpacked; text compresses about 5–10 times, XML up to 50 times.
MAX_BYTES = getattr(settings, "DOCUMENT_DOCX_MAX_BYTES", 20 * 1024 * 1024)
MAX_UNPACKED_BYTES = getattr(settings, "DOCUMENT_DOCX_MAX_UNPACKED_BYTES", 150 * 1024 * 1024)
MAX_RATIO = getattr(settings, "DOCUMENT_DOCX_MAX_RATIO", 200)
MAX_ENTRIES = 2000

MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MACRO_TYPES = ("macroEnabled", "vbaProject", "activeX")
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
IMAGE_REL = "relationships/image"
# Parts that carry HTML or other documents the converter would not sanitize on its way in.
EMBEDDED_CONTENT_RELS = ("relationships/aFChunk", "relationships/subDocument")

# Norwegian Word names its built-in heading styles «Overskrift 1» (id Overskrift1); mammoth
# knows the English ones. The Title style («Tittel») is left out: the reading page's <h1> is
# the document's title as the portal knows it.
STYLE_MAP = "\n".join(
    [f"p[style-name='Overskrift {n}'] => h{n}:fresh" for n in range(1, 7)]
    + [f"p.Overskrift{n} => h{n}:fresh" for n in range(1, 7)]
    + ["p[style-name='Title'] => !", "p[style-name='Tittel'] => !",
       "p[style-name='Subtitle'] => p:fresh", "p[style-name='Undertittel'] => p:fresh"]
)

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class DocxRejected(ValueError):
    """The upload is not a .docx the portal will convert; the message says why."""


@dataclass
class Converted:
    text: CleanText
    images_dropped: int = 0
    messages: list = field(default_factory=list)


def _read_xml(package, name):
    # Sizes are already bounded by the checks above; entity expansion is off.
    try:
        return etree.fromstring(package.read(name), _SAFE_XML)  # noqa: S320
    except (etree.XMLSyntaxError, KeyError, zipfile.BadZipFile, OSError) as exc:
        raise DocxRejected(_("Word-filen er skadet og kan ikke leses.")) from exc


def check_size(size):
    if size > MAX_BYTES:
        raise DocxRejected(
            _("Filen er for stor (%(size)s). Største tillatte størrelse er %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)}
        )


def check_package(data: bytes):
    """Raise DocxRejected unless ``data`` is a plausible, harmless .docx. Returns nothing: the
    checks are on the bytes the converter will get."""
    check_size(len(data))
    if not data.startswith(b"PK\x03\x04"):
        raise DocxRejected(_("Filen er ikke et Word-dokument (.docx). Lagre dokumentet som "
                             "«Word-dokument (*.docx)» og prøv igjen."))
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocxRejected(_("Word-filen er skadet og kan ikke leses.")) from exc
    with package:
        if len(entries) > MAX_ENTRIES:
            raise DocxRejected(_("Word-filen har uvanlig mange deler og avvises."))
        unpacked = 0
        for entry in entries:
            unpacked += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > MAX_RATIO and entry.file_size > 1024 * 1024:
                raise DocxRejected(_("Word-filen pakkes ut til langt mer enn et vanlig dokument "
                                     "(mulig «zip-bombe») og avvises."))
        if unpacked > MAX_UNPACKED_BYTES:
            raise DocxRejected(_("Word-filen pakkes ut til langt mer enn et vanlig dokument "
                                 "(mulig «zip-bombe») og avvises."))
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names:
            raise DocxRejected(_("Filen er ikke et Word-dokument (.docx)."))
        types = _read_xml(package, "[Content_Types].xml")
        content_types = {
            el.get("ContentType", "") for el in types.iter(f"{CT_NS}Override", f"{CT_NS}Default")
        }
        if any(marker in ct for ct in content_types for marker in MACRO_TYPES) or any(
            name.lower().endswith("vbaproject.bin") or name.lower().startswith("word/activex/")
            for name in names
        ):
            raise DocxRejected(_("Word-filen inneholder makroer eller skript (.docm/ActiveX). "
                                 "Lagre den som et vanlig Word-dokument (.docx) uten makroer."))
        if MAIN_TYPE not in content_types and TEMPLATE_TYPE not in content_types:
            raise DocxRejected(_("Filen er ikke et Word-dokument (.docx)."))
        for name in names:
            if not name.endswith(".rels"):
                continue
            rels = _read_xml(package, name)
            for rel in rels.iter(f"{REL_NS}Relationship"):
                rel_type = rel.get("Type", "")
                external = rel.get("TargetMode", "") == "External"
                if external and rel_type.endswith(IMAGE_REL):
                    raise DocxRejected(_("Word-filen viser bilder som hentes fra en annen "
                                         "nettadresse (lenkede bilder). Sett inn bildene i "
                                         "dokumentet i stedet, eller fjern dem."))
                if rel_type.endswith(EMBEDDED_CONTENT_RELS):
                    raise DocxRejected(_("Word-filen har innebygd HTML eller andre dokumenter "
                                         "(altChunk/underdokument), som ikke kan tas inn. "
                                         "Lim inn innholdet som vanlig tekst."))
        if not any(posixpath.basename(n) == "document.xml" for n in names):
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

