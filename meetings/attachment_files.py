"""Uploaded attachments: which files are allowed, and names that are safe to hand back.

A file is accepted only when its extension and its content agree on one of the allowed types.
The extension alone is what a browser or a person renames; the first bytes (and, for the
zip-based office formats, the zip's table of contents) are what the file really is. An
``.exe`` renamed to ``.pdf`` fails on content, a PDF renamed to ``.docx`` fails on the
mismatch, and anything larger than ``settings.ATTACHMENT_MAX_BYTES`` fails before it is read.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


KINDS = {
    "pdf": FileKind("pdf", "application/pdf", "PDF"),
    "docx": FileKind(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word"),
    "xlsx": FileKind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pptx": FileKind(
        "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint"),
    "odt": FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument-tekst"),
    "png": FileKind("png", "image/png", "PNG"),
    "jpg": FileKind("jpg", "image/jpeg", "JPEG"),
}
EXTENSION_ALIASES = {"jpeg": "jpg"}

# The part of an Office Open XML package that says which application it belongs to.
_OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def allowed_extensions_text():
    return ", ".join(sorted(KINDS))


def _extension(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return EXTENSION_ALIASES.get(ext, ext)


def _sniff_zip(uploaded):
    """The office format inside a zip file, or None."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype == KINDS["odt"].content_type.encode():
                    return "odt"
                return None
            if "[Content_Types].xml" not in names:
                return None
            for ext, prefix in _OOXML_MAIN_PART.items():
                if any(name.startswith(prefix) for name in names):
                    return ext
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return None
    finally:
        uploaded.seek(0)
    return None


def sniff(uploaded):
    """What the file's content says it is: a key of KINDS, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(uploaded)
    return None


def validate_upload(uploaded):
    """Return the FileKind of an acceptable upload, or raise ValidationError in Norwegian."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Filen er for stor (%(size)s). Største tillatte størrelse er %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Filen er tom."), code="empty")
    ext = _extension(uploaded.name or "")
    if ext not in KINDS:
        raise ValidationError(
            _("Filtypen er ikke tillatt. Tillatte filtyper: %(types)s.")
            % {"types": allowed_extensions_text()},
            code="extension",
        )
    found = sniff(uploaded)
    if found is None:
        raise ValidationError(
            _("Innholdet i filen er ikke en gyldig %(kind)s-fil. Tillatte filtyper: %(types)s.")
            % {"kind": KINDS[ext].label, "types": allowed_extensions_text()},
            code="content",
        )
    if found != ext:
        raise ValidationError(
            _("Filen heter .%(ext)s, men innholdet er en %(kind)s-fil. Gi filen riktig "
              "filendelse og last den opp på nytt.")
            % {"ext": ext, "kind": KINDS[found].label},
            code="mismatch",
        )
    return KINDS[ext]


_UNSAFE = re.compile(r"[^\w .,()\-–]+", re.UNICODE)


def safe_filename(text, extension, max_length=120):
    """A file name for Content-Disposition: no path, no control or quote characters, no
    leading dots, and the extension the content was checked against."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("/", " ").replace("\\", " ")
    text = _UNSAFE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:max_length].rstrip(" .") or "vedlegg"
    return f"{text}.{extension}"
