"""The one upload policy: which files the portal accepts from people, and the names it keeps.

Every path that takes a file from a person goes through ``check_upload``: meeting attachments,
document annexes, the Word and PDF sources of document versions, the Word import, and anything
added later. Three doors lead to it, so no path can forget it:

- ``UploadField``, the form field (errors next to the field, in Norwegian);
- ``UploadValidator``, on every ``models.FileField`` (tests/uploads checks that each one has
  it, except the fields in ``EXEMPT_FILE_FIELDS``);
- direct calls from the services, which also run without a form.

What is accepted is an allow-list *by content*. The extension is what a person or a browser
renames; the first bytes, and for the zip-based office formats the package itself, are what
the file is. The two must agree. In order:

1. Size: over the profile's limit or empty is refused before anything is read.
2. Name: Unicode NFC, without control, format and bidi characters (an RTL override makes
   "Vedtak‮fdp.exe" look like "Vedtakexe.pdf"), path separators or leading dots. Norwegian
   letters stay. The extension of the *cleaned* name must be one the profile allows.
3. Content: magic bytes. PDF must start with ``%PDF-`` at byte 0 (readers accept a header
   anywhere in the first kilobyte, which is how HTML/PDF polyglots are made) and no HTML
   may appear anywhere in it; PNG/JPEG by signature; CSV must be text without formulas.
4. Packages (docx/xlsx/pptx, odt/ods) are opened as zips and inspected without trusting
   them: bounded entry count, bounded total and per-entry unpacked size (checked on the
   declared sizes before inflating, then every entry is inflated once with its CRC checked,
   so a zip that lies about its sizes fails too), no overlapping entries, no absolute,
   ``..``, backslash or duplicate names, no encryption; no macros (vbaProject,
   macroEnabled content types, ActiveX, XLM macro sheets, ODF Basic/Scripts and script
   event listeners), no OLE objects, no external relationships, no altChunk/subDocument,
   no Word fields that fetch or run things (DDE, INCLUDEPICTURE, INCLUDETEXT, LINK), no
   links to other workbooks. Embedded office packages are inspected by the same rules.

External hyperlinks: allowed, but only to ``http``, ``https`` and ``mailto``. They are only
followed when a reader clicks them, like a link on a web page, and guidance documents link
to Lovdata and the Directorate all the time; refusing them would refuse most real files.
Every other external relationship (linked images, remote templates, OLE links as in
"Follina", frames) is fetched by Office when the file opens, and is refused; so are
hyperlinks to ``file:``, UNC paths or program protocols, which run or leak on a click.
"""

import contextlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from normen_portal.text import BIDI_CONTROLS

# -- kinds and profiles ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    extension: str          # the canonical extension, which stored names get
    content_type: str       # what the portal serves it as
    label: str              # «Word», as in «en Word-fil»
    noun: str               # «et Word-dokument», as in «…, ikke et Word-dokument»
    aliases: tuple = ()


_OOXML = "application/vnd.openxmlformats-officedocument."
KINDS = {
    kind.extension: kind
    for kind in [
        Kind("pdf", "application/pdf", "PDF", gettext_lazy("en PDF-fil")),
        Kind("docx", _OOXML + "wordprocessingml.document", "Word",
             gettext_lazy("et Word-dokument")),
        Kind("xlsx", _OOXML + "spreadsheetml.sheet", "Excel", gettext_lazy("et Excel-regneark")),
        Kind("pptx", _OOXML + "presentationml.presentation", "PowerPoint",
             gettext_lazy("en PowerPoint-presentasjon")),
        Kind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument-tekst",
             gettext_lazy("et OpenDocument-tekstdokument")),
        Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-regneark",
             gettext_lazy("et OpenDocument-regneark")),
        Kind("csv", "text/csv", "CSV", gettext_lazy("en CSV-fil")),
        Kind("png", "image/png", "PNG", gettext_lazy("et PNG-bilde")),
        Kind("jpg", "image/jpeg", "JPEG", gettext_lazy("et JPEG-bilde"), aliases=("jpeg",)),
    ]
}
_ALIASES = {alias: kind.extension for kind in KINDS.values() for alias in kind.aliases}

MB = 1024 * 1024


@dataclass(frozen=True)
class Profile:
    """One upload path's allowed kinds and size limit (the limit is read from settings on
    every check, so tests and deployments can change it)."""

    name: str
    kinds: tuple
    max_bytes_setting: str = "ATTACHMENT_MAX_BYTES"
    max_bytes_default: int = 25 * MB

    def max_bytes(self):
        return getattr(settings, self.max_bytes_setting, self.max_bytes_default)

    def extensions(self):
        """Every extension a browser's file picker should offer (aliases included)."""
        return [ext for kind in self.kinds for ext in (kind, *KINDS[kind].aliases)]

    def types_text(self):
        return ", ".join(sorted(self.kinds))


PROFILES = {
    profile.name: profile
    for profile in [
        Profile("meeting_attachment", ("pdf", "docx", "xlsx", "pptx", "odt", "png", "jpg")),
        # Annexes become public with their version, so they get the same checks.
        Profile("document_annex",
                ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "png", "jpg")),
        # The Word import and the PDF source share the import's limit.
        Profile("document_docx", ("docx",), "DOCUMENT_DOCX_MAX_BYTES", 20 * MB),
        Profile("document_pdf", ("pdf",), "DOCUMENT_DOCX_MAX_BYTES", 20 * MB),
        # A body's member list (governance.services.member_import): read, never stored.
        Profile("member_list", ("csv", "xlsx"), "MEMBER_LIST_MAX_BYTES", 2 * MB),
    ]
}

# Model file fields that take no file from a person, and why. The test that every FileField
# carries UploadValidator skips exactly these.
EXEMPT_FILE_FIELDS = {
    "rendering.RenderedPdf.file": (
        "written only by the portal's own PDF renderer (WeasyPrint) from its own templates; "
        "no person uploads to it"
    ),
}


def _setting(name, default):
    return getattr(settings, name, default)


def _limits():
    # A 40-page guide with figures is 1-5 MB packed and rarely over 30 MB unpacked; text
    # compresses 5-10 times, XML up to 50, so 200 is well above any real document.
    return {
        "unpacked": _setting("UPLOAD_MAX_UNPACKED_BYTES", 150 * MB),
        "ratio": _setting("UPLOAD_MAX_RATIO", 200),
        "entries": _setting("UPLOAD_MAX_ENTRIES", 2000),
        "depth": _setting("UPLOAD_MAX_NESTING", 2),
    }


# -- the result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanUpload:
    """An accepted upload: what it is, and the name to keep for it."""

    kind: Kind
    name: str                       # clean, with the kind's canonical extension
    size: int
    parts: frozenset = frozenset()  # zip entry names, for packages
    content_types: frozenset = frozenset()   # OOXML [Content_Types].xml values
    hyperlinks: tuple = ()          # the external hyperlinks that were allowed

    @property
    def content_type(self):
        return self.kind.content_type

    @property
    def extension(self):
        return self.kind.extension


class _Refused(Exception):
    """Internal: carries a code and message parameters until the kind is known."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _message(code, params):
    messages = {
        "too_large": _("Filen er for stor (%(size)s). Største tillatte størrelse er %(limit)s."),
        "empty": _("Filen er tom."),
        "extension": _("Filtypen er ikke tillatt (%(ext)s). Tillatte filtyper: %(types)s."),
        "no_extension": _("Filtypen er ikke tillatt: filnavnet har ingen filendelse. "
                          "Tillatte filtyper: %(types)s."),
        "bidi_name": _("Filtypen er ikke tillatt: filnavnet inneholder skjulte tegn som snur "
                       "teksten, slik at filen ser ut til å være noe annet enn den er (den er "
                       "egentlig en %(ext)s-fil). Tillatte filtyper: %(types)s."),
        "content": _("Innholdet i filen er ikke en gyldig %(kind)s-fil%(hint)s. "
                     "Tillatte filtyper: %(types)s."),
        "mismatch": _("Filen heter .%(ext)s, men innholdet er en %(found)s-fil, ikke "
                      "%(expected)s. Gi filen riktig filendelse og last den opp på nytt."),
        "damaged": _("Innholdet i filen er ikke en gyldig %(kind)s-fil: filen er skadet og "
                     "kan ikke leses."),
        "encrypted": _("Filen er passordbeskyttet eller kryptert, så innholdet kan ikke "
                       "kontrolleres. Fjern passordet og last den opp på nytt."),
        "too_many_entries": _("Filen har uvanlig mange deler (%(count)s, høyst %(max)s er "
                              "tillatt) og avvises."),
        "zip_bomb": _("Filen pakkes ut til langt mer enn et vanlig dokument (mulig "
                      "«zip-bombe») og avvises."),
        "unsafe_path": _("Filen har deler med ugyldige eller villedende navn (for eksempel "
                         "«../», absolutte stier eller to deler med samme navn) og avvises."),
        "nesting": _("Filen har dokumenter inni dokumenter i for mange nivåer og avvises."),
        "macros": _("Filen inneholder makroer, skript eller ActiveX-kontroller (for eksempel "
                    ".docm eller .xlsm). Lagre den som et vanlig dokument uten makroer og last "
                    "den opp på nytt."),
        "ole": _("Filen har innebygde objekter eller programmer (OLE-objekter) som ikke kan "
                 "kontrolleres. Fjern dem, eller lagre filen som PDF, og last den opp på nytt."),
        "external": _("Filen henter innhold fra andre steder når den åpnes (for eksempel "
                      "lenkede bilder, maler eller objekter fra en nettadresse eller en "
                      "filsti). Sett inn innholdet i selve filen, eller fjern koblingen, og "
                      "last den opp på nytt."),
        "unsafe_link": _("Filen har lenker til noe annet enn nettsider og e-postadresser (for "
                         "eksempel til filer eller programmer på maskinen: %(target)s). Fjern "
                         "lenkene og last den opp på nytt."),
        "external_data": _("Regnearket har koblinger til andre arbeidsbøker eller DDE-koblinger "
                           "som henter data fra andre steder. Bryt koblingene og last det opp "
                           "på nytt."),
        "external_field": _("Dokumentet har felt som henter innhold fra andre steder eller "
                            "starter andre programmer (%(field)s). Gjør feltene om til vanlig "
                            "tekst (merk alt og trykk Ctrl+Skift+F9) og last det opp på nytt."),
        "embedded_content": _("Filen har innebygd HTML eller andre dokumenter "
                              "(altChunk/underdokument), som ikke kan tas inn. Lim inn "
                              "innholdet som vanlig tekst."),
        "html_polyglot": _("Filen inneholder HTML-kode (en nettside eller et skript) i tillegg "
                           "til å være %(noun)s. Slike filer kan lure nettleseren og avvises. "
                           "Lag filen på nytt fra programmet den kom fra."),
        "csv_formula": _("CSV-filen har celler som begynner med =, +, - eller @ og ville blitt "
                         "kjørt som formler i et regneark (for eksempel «%(cell)s»). Sett en "
                         "apostrof (') foran eller fjern formelen, og last den opp på nytt."),
    }
    return messages[code] % params


def _error(code, **params):
    return ValidationError(_message(code, params), code=code)


# -- names -------------------------------------------------------------------------------------

# Control (Cc), format (Cf: bidi controls, zero-width characters, BOM), private-use,
# surrogate, unassigned and line/paragraph separator characters: invisible or reordering,
# never part of an honest file name.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
_NAME_UNSAFE = re.compile(r"[^\w .,()\-–]+")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


def strip_invisible(text):
    """``text`` in NFC without invisible or reordering characters; other spaces become " "."""
    text = unicodedata.normalize("NFC", text or "")
    return "".join(
        " " if unicodedata.category(ch) == "Zs" else ch
        for ch in text
        if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )


def clean_filename(text, *, fallback="fil", max_length=120):
    """A file name stem that is safe to store, show and send in Content-Disposition: NFC,
    no invisible or bidi characters, no path separators (they become spaces), no quotes or
    other punctuation shells and browsers treat specially, no leading or trailing dots."""
    text = strip_invisible(text).replace("/", " ").replace("\\", " ")
    text = _NAME_UNSAFE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:max_length].rstrip(" .")
    if text.split(".", 1)[0].upper() in _WINDOWS_RESERVED:
        text = f"{text}_"
    return text or fallback


def _split_name(raw):
    """(stem, extension) of an uploaded name, after removing what makes names lie."""
    name = strip_invisible(raw or "")
    name = re.split(r"[/\\]", name)[-1].strip()
    if "." not in name.strip("."):
        return name, ""
    stem, ext = name.rsplit(".", 1)
    ext = ext.strip().lower()
    return stem, _ALIASES.get(ext, ext)


# -- reading the file --------------------------------------------------------------------------

_HEAD = 8 * 1024
_CHUNK = 1024 * 1024


class _Source:
    """Uniform, position-preserving access to bytes, an UploadedFile or a stored file."""

    def __init__(self, file, name):
        if isinstance(file, bytes | bytearray | memoryview):
            self.stream, self.size = io.BytesIO(bytes(file)), len(file)
            self.name = name or ""
            return
        if isinstance(file, FieldFile):
            file = file.file
        self.stream = file
        self.name = name if name is not None else (getattr(file, "name", "") or "")
        size = getattr(file, "size", None)
        if size is None:
            file.seek(0, io.SEEK_END)
            size = file.tell()
        self.size = size

    def read(self, offset, length):
        self.stream.seek(offset)
        return self.stream.read(length)

    def chunks(self, overlap=0):
        """The whole content in chunks, each starting ``overlap`` bytes before the last
        ended, so a pattern across a chunk boundary is still seen."""
        offset = 0
        while offset < self.size:
            start = max(offset - overlap, 0)
            data = self.read(start, _CHUNK + (offset - start))
            if not data:
                break
            yield data
            offset = start + len(data)

    def rewind(self):
        self.stream.seek(0)


# -- HTML inside files -------------------------------------------------------------------------

# Tags a browser's content sniffing, or anyone who opens the file as HTML, would act on.
# Single letters (a, b, p) are left out: hex strings in PDFs look like «<b>».
_HTML = re.compile(
    rb"<(?:!doctype|\?xml-stylesheet|(?:html|head|body|script|iframe|frame|frameset|object|"
    rb"embed|svg|style|meta|link|img|form|base|math)(?=[\s/>]))",
    re.IGNORECASE,
)


def _contains_html(source, whole):
    if not whole:
        # Only the sniffing window: further in, a package's stored parts (an SVG image, a
        # thumbnail) may hold such tags harmlessly, and the zip inspection governs them.
        return bool(_HTML.search(source.read(0, 512)))
    return any(_HTML.search(chunk) for chunk in source.chunks(overlap=32))


# -- content sniffing ------------------------------------------------------------------------

_FOREIGN = [
    (b"MZ", gettext_lazy("et Windows-program")),
    (b"\x7fELF", gettext_lazy("et program")),
    (b"#!", gettext_lazy("et skript")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     gettext_lazy("et eldre Office-dokument (doc, xls, ppt) eller et passordbeskyttet "
                  "dokument")),
    (b"Rar!", gettext_lazy("et RAR-arkiv")),
    (b"7z\xbc\xaf", gettext_lazy("et 7z-arkiv")),
]


def _hint(head):
    for magic, what in _FOREIGN:
        if head.startswith(magic):
            return _(" (det ser ut som %(what)s)") % {"what": what}
    if _HTML.search(head[:1024].lstrip()[:64]):
        return _(" (det ser ut som en nettside, HTML)")
    return ""


def _check_pdf(source, head):
    if not re.match(rb"%PDF-[12]\.\d", head):
        raise _Refused("content")
    # Anything a browser could render as a page, anywhere in the file: a PDF reader skips
    # what it does not understand, so the same bytes can be both a PDF and a web page.
    if _contains_html(source, whole=True):
        raise _Refused("html_polyglot")


def _check_image(source):
    if _contains_html(source, whole=True):
        raise _Refused("html_polyglot")


_NUMBER = re.compile(r"[+-]?[\d\s.,]*\d[\d\s.,]*%?")
_FORMULA_START = re.compile(r'(?m)(?:^|[,;\t|])[ \t]*"?[ \t]*([=+\-@][^,;\t|\r\n"]*)')


def _check_csv(source):
    data = source.read(0, source.size)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # Excel on Norwegian Windows saves «CSV (semikolonseparert)» as Windows-1252.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        return None
    if _HTML.search(data):
        raise _Refused("html_polyglot")
    # Any delimiter a spreadsheet might pick: a cell that starts a formula is refused unless
    # it is a plain number (+47 22 33 44 55, -12,5 %).
    for match in _FORMULA_START.finditer(text):
        cell = match.group(1).strip()
        if cell[0] in "=@" or not _NUMBER.fullmatch(cell):
            raise _Refused("csv_formula", cell=strip_invisible(cell)[:40])
    return "csv"


# -- zip packages ------------------------------------------------------------------------------

_CT_MAIN = {
    _OOXML + "wordprocessingml.document.main+xml": "docx",
    _OOXML + "wordprocessingml.template.main+xml": "docx",
    _OOXML + "spreadsheetml.sheet.main+xml": "xlsx",
    _OOXML + "spreadsheetml.template.main+xml": "xlsx",
    _OOXML + "presentationml.presentation.main+xml": "pptx",
    _OOXML + "presentationml.slideshow.main+xml": "pptx",
    _OOXML + "presentationml.template.main+xml": "pptx",
}
_OOXML_FOLDER = {"word": "docx", "xl": "xlsx", "ppt": "pptx"}
_ODF_MIMETYPE = {KINDS["odt"].content_type: "odt", KINDS["ods"].content_type: "ods"}

_MACRO_MARKERS = ("macroenabled", "vbaproject", "vbadata", "activex", "macrosheet")
_MACRO_EXTENSIONS = (".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".potm",
                     ".ppsm", ".ppam")
_PACKAGE_EXTENSIONS = (".docx", ".dotx", ".xlsx", ".xltx", ".pptx", ".potx", ".ppsx")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
# Word field types that fetch content or start programs when fields are updated.
_ACTIVE_FIELDS = {"DDE", "DDEAUTO", "INCLUDETEXT", "INCLUDEPICTURE", "IMPORT", "LINK"}
_SCRIPT_VALUES = ("vnd.sun.star.script:", "vnd.sun.star.basic", "macro:", "javascript:",
                  "vbscript:")
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error,
               NotImplementedError, RuntimeError, ValueError, KeyError, struct.error)


def _safe_link(target):
    target = (target or "").strip()
    if any(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in target):
        return False
    try:
        return urlsplit(target).scheme.lower() in _SAFE_SCHEMES
    except ValueError:
        return False


def _local(name):
    """The local name of an lxml tag or attribute name, namespace or prefix ignored."""
    if not isinstance(name, str):
        return ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _iter_xml(stream, events=("start", "end")):
    """Parse package XML without trusting it: no DTDs, no entities, no network, no huge
    trees. Unbound namespace prefixes are tolerated (every rule here matches local names,
    whatever the prefix); any other error means the part is damaged."""
    parser = etree.iterparse(stream, events=("start", "end"), recover=True,
                             resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    first = True
    try:
        for event, element in parser:
            if first:
                first = False
                if element.getroottree().docinfo.doctype:
                    raise _Refused("damaged")
            if event in events:
                yield event, element
            if event == "end":
                # Keep memory flat on large parts: what has been seen is dropped.
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise _Refused("damaged") from exc
    errors = [e for e in parser.error_log
              if e.level >= etree.ErrorLevels.ERROR and e.domain != etree.ErrorDomains.NAMESPACE]
    if errors or first:
        raise _Refused("damaged")


def _unsafe_name(name):
    if not name or len(name) > 1024 or name.startswith(("/", "\\")) or "\\" in name:
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    if any(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in name):
        return True
    segments = name.rstrip("/").split("/")
    return any(seg in ("", ".", "..") for seg in segments)


@dataclass
class _Budget:
    """Unpacked bytes left for one upload, nested packages included."""

    left: int
    limits: dict = field(default_factory=dict)


def _check_layout(read_at, infos, start_dir):
    """Every entry's local header where the directory says, with the same name, and no two
    entries sharing bytes (overlapping entries are how the largest zip bombs are built).
    Returns where each entry's data starts."""
    spans, starts = [], {}
    for info in infos:
        header = read_at(info.header_offset, 30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise _Refused("damaged")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        local_name = read_at(info.header_offset + 30, name_length)
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if local_name.decode(encoding, "replace") != info.orig_filename:
            raise _Refused("unsafe_path")
        start = info.header_offset + 30 + name_length + extra_length
        starts[info.filename] = start
        spans.append((info.header_offset, start + info.compress_size))
    spans.sort()
    if spans and spans[0][0] != 0:
        raise _Refused("damaged")
    for (_start, end), (next_start, _end) in zip(spans, spans[1:], strict=False):
        if next_start < end:
            raise _Refused("zip_bomb")
    if spans and spans[-1][1] > start_dir:
        raise _Refused("zip_bomb")
    return starts


def _inflate(read_at, info, start):
    """Inflate one entry from where its local header says its data is, never producing more
    than its declared size: an entry that holds more (or other) data than the directory
    says is refused, whatever a reader that trusts one or the other would do with it."""
    crc, produced, offset, left = 0, 0, start, info.compress_size
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0 and not (inflater and inflater.eof):
        raw = read_at(offset, min(_CHUNK, left))
        if not raw:
            raise _Refused("damaged")
        offset, left = offset + len(raw), left - len(raw)
        while raw:
            if inflater is None:
                out, raw = raw, b""
            else:
                out = inflater.decompress(raw, _CHUNK)
                raw = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise _Refused("zip_bomb")
            crc = zlib.crc32(out, crc)
            if inflater and inflater.eof:
                break
    if inflater is not None and not inflater.eof:
        raise _Refused("damaged")
    if produced != info.file_size or crc != info.CRC:
        raise _Refused("damaged")


def _inspect_zip(stream, budget, depth=0):
    """Inspect a zip package; returns (kind or None, parts, content types, hyperlinks)."""
    limits = budget.limits
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise _Refused("damaged") from exc
    with archive:
        if len(infos) > limits["entries"]:
            raise _Refused("too_many_entries", count=len(infos), max=limits["entries"])
        seen = set()
        for info in infos:
            if _unsafe_name(info.filename):
                raise _Refused("unsafe_path")
            key = unicodedata.normalize("NFC", info.filename).casefold()
            if key in seen:
                raise _Refused("unsafe_path")
            seen.add(key)
            if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symbolic link
                raise _Refused("unsafe_path")
            if info.flag_bits & 0x1:
                raise _Refused("encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _Refused("damaged")
            if (info.file_size > MB
                    and info.file_size / max(info.compress_size, 1) > limits["ratio"]):
                raise _Refused("zip_bomb")
            budget.left -= info.file_size
            if budget.left < 0:
                raise _Refused("zip_bomb")

        def read_at(offset, length):
            stream.seek(offset)
            return stream.read(length)

        starts = _check_layout(read_at, infos, archive.start_dir)
        try:
            for info in infos:
                _inflate(read_at, info, starts[info.filename])
        except _ZIP_ERRORS as exc:
            raise _Refused("damaged") from exc

        names = {info.filename: info for info in infos if not info.is_dir()}
        folded = {name.casefold(): name for name in names}
        if "[content_types].xml" in folded:
            return _inspect_ooxml(archive, names, folded["[content_types].xml"], budget, depth)
        if "mimetype" in names:
            return _inspect_odf(archive, names, budget, depth)
        return None, frozenset(names), frozenset(), ()


def _open_part(archive, name):
    try:
        return archive.open(name)
    except _ZIP_ERRORS as exc:
        raise _Refused("damaged") from exc


def _inspect_ooxml(archive, names, types_name, budget, depth):
    content_types = set()
    with _open_part(archive, types_name) as part:
        for _event, element in _iter_xml(part, events=("start",)):
            if _local(element.tag) in ("Default", "Override"):
                content_types.add(element.get("ContentType", ""))
    lowered = [ct.lower() for ct in content_types]
    paths = [name.lower() for name in names]

    def segments(path):
        return path.split("/")

    if any(marker in ct for ct in lowered for marker in _MACRO_MARKERS) or any(
        segments(p)[-1].startswith(("vbaproject", "vbadata"))
        or {"activex", "macrosheets"} & set(segments(p))
        or p.endswith(_MACRO_EXTENSIONS)
        for p in paths
    ):
        raise _Refused("macros")
    if any("oleobject" in ct for ct in lowered) or any(
        segments(p)[-1].startswith("oleobject")
        or ("embeddings" in segments(p) and p.endswith(".bin"))
        for p in paths
    ):
        raise _Refused("ole")
    if any("externallink" in ct for ct in lowered) or any(
        "externallinks" in segments(p) for p in paths
    ):
        raise _Refused("external_data")

    hyperlinks = []
    for name in names:
        if not name.lower().endswith(".rels"):
            continue
        with _open_part(archive, name) as part:
            for _event, rel in _iter_xml(part, events=("start",)):
                if _local(rel.tag) != "Relationship":
                    continue
                rel_type = rel.get("Type", "").lower()
                target = rel.get("Target", "")
                if rel_type.endswith(("/afchunk", "/subdocument")):
                    raise _Refused("embedded_content")
                if rel_type.endswith("/oleobject"):
                    raise _Refused("ole")
                if rel.get("TargetMode", "").strip().lower() != "external":
                    continue
                if not rel_type.endswith("/hyperlink"):
                    raise _Refused("external")
                if not _safe_link(target):
                    raise _Refused("unsafe_link", target=strip_invisible(target)[:80])
                hyperlinks.append(target)

    kinds = {_CT_MAIN[ct] for ct in content_types if ct in _CT_MAIN}
    if len(kinds) > 1:
        raise _Refused("damaged")
    kind = kinds.pop() if kinds else None
    if kind is None:
        folders = {_OOXML_FOLDER.get(segments(p)[0]) for p in paths} - {None}
        kind = folders.pop() if len(folders) == 1 else None

    if kind == "docx":
        for name in names:
            if name.lower().startswith("word/") and name.lower().endswith(".xml"):
                with _open_part(archive, name) as part:
                    _check_word_fields(part)
    for name in names:
        if "embeddings" in segments(name.lower()) and name.lower().endswith(
                _PACKAGE_EXTENSIONS):
            _inspect_nested(archive, name, budget, depth)
    return kind, frozenset(names), frozenset(content_types), tuple(hyperlinks)


def _check_word_fields(part):
    """Refuse DDE and the fields that fetch content. A field's instruction may be split over
    several runs (w:instrText) between fldChar begin and separate."""
    stack = []

    def check(instruction):
        words = instruction.strip().split(None, 1)
        if words and words[0].upper() in _ACTIVE_FIELDS:
            raise _Refused("external_field", field=words[0].upper())

    for event, element in _iter_xml(part):
        name = _local(element.tag)
        if event == "start" and name == "fldSimple":
            for attr, value in element.attrib.items():
                if _local(attr) == "instr":
                    check(value)
        elif event == "start" and name == "fldChar":
            kind = next((v for a, v in element.attrib.items() if _local(a) == "fldCharType"),
                        "")
            if kind == "begin":
                stack.append([])
            elif kind in ("separate", "end") and stack:
                check("".join(stack[-1]))
                if kind == "end":
                    stack.pop()
                else:
                    stack[-1] = []
        elif event == "end" and name == "instrText" and stack:
            stack[-1].append(element.text or "")
    for pending in stack:
        check("".join(pending))


def _inspect_nested(archive, name, budget, depth):
    if depth + 1 >= budget.limits["depth"]:
        raise _Refused("nesting")
    try:
        data = archive.read(name)
    except _ZIP_ERRORS as exc:
        raise _Refused("damaged") from exc
    if not data.startswith(b"PK\x03\x04"):
        raise _Refused("ole")
    kind = _inspect_zip(io.BytesIO(data), budget, depth + 1)[0]
    if kind is None:
        raise _Refused("ole")


def _inspect_odf(archive, names, budget, depth):
    with _open_part(archive, "mimetype") as part:
        mimetype = part.read(200).strip().decode("ascii", "replace")
    kind = _ODF_MIMETYPE.get(mimetype)
    paths = [name.lower() for name in names]
    if any(p.split("/")[0] in ("basic", "scripts") for p in paths):
        raise _Refused("macros")
    if "META-INF/manifest.xml" in names:
        with _open_part(archive, "META-INF/manifest.xml") as part:
            for _event, element in _iter_xml(part, events=("start",)):
                if _local(element.tag) == "encryption-data":
                    raise _Refused("encrypted")
    hyperlinks = []
    for name in names:
        if not name.lower().endswith(".xml") or name == "META-INF/manifest.xml":
            continue
        with _open_part(archive, name) as part:
            for _event, element in _iter_xml(part, events=("start",)):
                hyperlinks.extend(_check_odf_element(element))
    return kind, frozenset(names), frozenset(), tuple(hyperlinks)


def _check_odf_element(element):
    tag = _local(element.tag)
    if tag in ("event-listener", "script"):
        raise _Refused("macros")
    if tag in ("object-ole", "applet", "plugin"):
        raise _Refused("ole")
    if tag.startswith("dde-"):
        raise _Refused("external_data" if tag != "dde-connection-decl" else "external")
    links = []
    for attr, value in element.attrib.items():
        plain = value.strip().lower()
        if plain.startswith(_SCRIPT_VALUES):
            raise _Refused("macros")
        if _local(attr) != "href":
            continue
        target = value.strip()
        external = bool(_SCHEME.match(target)) or target.startswith(("/", "\\", "../"))
        if not external:
            continue
        if tag != "a":  # linked images, objects, sections: fetched when the file opens
            raise _Refused("external")
        if not _safe_link(target):
            raise _Refused("unsafe_link", target=strip_invisible(target)[:80])
        links.append(target)
    return links


# -- the policy --------------------------------------------------------------------------------


def _profile(allowed):
    if isinstance(allowed, Profile):
        return allowed
    if isinstance(allowed, str):
        return PROFILES[allowed]
    return Profile("custom", tuple(allowed))


def check_size(size, max_bytes):
    """Refuse an upload by its size alone, before reading it."""
    if size > max_bytes:
        raise _error("too_large", size=filesizeformat(size), limit=filesizeformat(max_bytes))
    if size == 0:
        raise _error("empty")


_MEMO = "_normen_upload_checks"


def check_upload(file, allowed, *, name=None, max_bytes=None):
    """Check ``file`` (an uploaded file, a not yet stored FieldFile, or bytes with ``name``)
    against the profile ``allowed`` (a PROFILES key, a Profile, or a list of kinds). Returns
    a CleanUpload or raises ValidationError with a Norwegian message and a ``code``. The
    file's position is back at 0 afterwards, so it can be stored as it is."""
    profile = _profile(allowed)
    limit = profile.max_bytes() if max_bytes is None else max_bytes
    source = _Source(file, name)
    check_size(source.size, limit)
    stem, ext = _check_name(source.name, profile)
    key = (profile.kinds, limit, source.size, ext)
    memo = getattr(source.stream, _MEMO, None) or {}
    if key not in memo:
        # The same file object is often checked by the form, the service and the model
        # validator in turn; the name is checked each time, the content once.
        memo = {**memo, key: _check_content(source, profile, ext)}
        with contextlib.suppress(AttributeError):
            setattr(source.stream, _MEMO, memo)
    parts, content_types, hyperlinks = memo[key]
    kind = KINDS[ext]
    return CleanUpload(
        kind=kind, name=f"{clean_filename(stem)}.{kind.extension}", size=source.size,
        parts=parts, content_types=content_types, hyperlinks=hyperlinks,
    )


def _check_name(raw, profile):
    stem, ext = _split_name(raw)
    if ext in profile.kinds:
        return stem, ext
    if any(ch in BIDI_CONTROLS for ch in raw or ""):
        raise _error("bidi_name", ext=f".{ext}" if ext else "?", types=profile.types_text())
    if not ext:
        raise _error("no_extension", types=profile.types_text())
    raise _error("extension", ext=f".{ext}", types=profile.types_text())


def _check_content(source, profile, ext):
    expected = KINDS[ext]
    try:
        head = source.read(0, _HEAD)
        try:
            found, package = _sniff(source, head, ext, profile)
        except _Refused as refused:
            params = {"kind": expected.label, "noun": expected.noun, **refused.params}
            if refused.code == "content":
                params.update(hint=_hint(head), types=profile.types_text())
            raise _error(refused.code, **params) from None
        if found is None:
            raise _error("content", kind=expected.label, hint=_hint(head),
                         types=profile.types_text())
        if found != ext:
            raise _error("mismatch", ext=ext, found=KINDS[found].label,
                         expected=expected.noun)
    finally:
        source.rewind()
    return package or (frozenset(), frozenset(), ())


def _sniff(source, head, ext, profile):
    """(kind found in the content, package details) after that kind's own checks."""
    if head.startswith(b"%PDF-"):
        if ext == "pdf":
            _check_pdf(source, head)
        return "pdf", None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if ext == "png":
            _check_image(source)
        return "png", None
    if head.startswith(b"\xff\xd8\xff"):
        if ext == "jpg":
            _check_image(source)
        return "jpg", None
    if head.startswith(b"PK\x03\x04"):
        if _contains_html(source, whole=False):
            raise _Refused("html_polyglot")
        budget = _Budget(left=_limits()["unpacked"], limits=_limits())
        kind, parts, content_types, hyperlinks = _inspect_zip(source.stream, budget)
        return kind, (parts, content_types, hyperlinks)
    if ext == "csv" and "csv" in profile.kinds:
        return _check_csv(source), None
    return None, None


# -- the doors: model validator and form field -------------------------------------------------


@deconstructible
class UploadValidator:
    """The policy on a model FileField. It checks a file that is being assigned (not yet
    stored); a stored file got there through this policy, and re-reading every stored file
    on every save would be slow and would lock records out of edits whenever the policy is
    tightened."""

    def __init__(self, profile):
        if profile not in PROFILES:
            raise ValueError(f"Unknown upload profile {profile!r}")
        self.profile = profile

    def __call__(self, value):
        if isinstance(value, str) or not value:
            return
        if isinstance(value, FieldFile):
            if value._committed:
                return
            value = value.file
        if isinstance(value, File) or hasattr(value, "read"):
            check_upload(value, self.profile)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.profile == self.profile

    def __hash__(self):
        return hash(("UploadValidator", self.profile))


class UploadField(forms.FileField):
    """A form file field that runs the policy. ``cleaned_data`` gets the uploaded file with
    its name replaced by the clean one and the CleanUpload as ``file.upload``."""

    default_error_messages = {
        "required": gettext_lazy("Velg en fil."),
        "empty": gettext_lazy("Filen er tom."),
        "invalid": gettext_lazy("Det kom ingen fil med. Velg filen på nytt."),
        "missing": gettext_lazy("Det kom ingen fil med. Velg filen på nytt."),
    }

    def __init__(self, profile, **kwargs):
        self.profile = PROFILES[profile]
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", ",".join(f".{ext}" for ext in self.profile.extensions()))

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "read"):
            result = check_upload(uploaded, self.profile)
            uploaded.name = result.name
            uploaded.upload = result
        return uploaded
