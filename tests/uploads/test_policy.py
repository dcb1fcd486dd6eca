"""The upload policy's rules one by one, on files built in memory: names, PDFs, CSV, the zip
inspection (sizes, layout, names, encryption), OOXML (macros, OLE, links, fields, nested
packages) and OpenDocument (macros, scripts, linked content, encryption)."""

import io
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from normen_portal.uploads import (
    PROFILES,
    UploadField,
    UploadValidator,
    check_upload,
    clean_filename,
)

from . import files


def refused(data, name, profile="document_annex"):
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile(name, data), profile)
    return err.value.code, err.value.messages[0]


def accepted(data, name, profile="document_annex"):
    return check_upload(SimpleUploadedFile(name, data), profile)


# -- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "clean"), [
    ("Referat 16/24", "Referat 16 24"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("...skjult", "skjult"),
    ("Fa\u0308rger og Sør-Øst – Æøå", "Färger og Sør-Øst – Æøå"),     # NFD from macOS -> NFC
    ("Faktura\u202efdp", "Faktura" + "fdp"),                         # RLO
    ("\u2066Vedtak\u2069 \u200eA\u200f", "Vedtak A"),                 # isolates, LRM/RLM
    ("null\u0000byte\r\nlinje", "nullbytelinje"),
    ("bred\u200bmellomrom\ufeff", "bredmellomrom"),
    ('<script>"x"</script>', "scriptx script"),
    ("CON", "CON_"),
    ("\u202e", "fil"),
])
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_the_kept_name_gets_the_extension_the_content_was_checked_against():
    assert accepted(files.png_bytes(), "Bilde.PNG").name == "Bilde.png"
    assert accepted(b"\xff\xd8\xff\xe0" + b"\0" * 40, "Foto.JPEG").name == "Foto.jpg"
    assert accepted(files.pdf_bytes(), ".Referat.pdf\u200f").name == "Referat.pdf"


def test_an_rtl_override_that_hides_the_real_extension_says_so():
    code, message = refused(files.EXE, "Vedtak\u202efdp.exe")
    assert code == "bidi_name"
    assert "skjulte tegn" in message and ".exe" in message


def test_no_extension_and_unknown_extensions():
    assert refused(files.pdf_bytes(), "referat")[0] == "no_extension"
    assert refused(b"<html></html>", "side.html")[0] == "extension"
    assert refused(files.docx_bytes(), "notat.docm")[0] == "extension"


def test_size_limits_come_from_the_profile(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    code, message = refused(files.pdf_bytes() + b"\0" * 1000, "stor.pdf")
    assert code == "too_large" and "Filen er for stor" in message
    settings.DOCUMENT_DOCX_MAX_BYTES = 100
    assert refused(files.docx_bytes(), "a.docx", "document_docx")[0] == "too_large"
    assert refused(b"", "tom.pdf")[0] == "empty"


# -- PDF, images, CSV --------------------------------------------------------------------------

def test_pdf_must_start_with_its_header():
    assert refused(b"   " + files.pdf_bytes(), "a.pdf")[0] == "content"
    assert refused(b"%PDF-x", "a.pdf")[0] == "content"


def test_html_deep_inside_a_pdf_is_refused():
    pdf = files.pdf_bytes()
    late = pdf + b"\0" * 200_000 + b"<iframe src=https://angriper.example>"
    assert refused(late, "a.pdf")[0] == "html_polyglot"
    assert refused(pdf.replace(b"\n", b"\n<svg onload=alert(1)>\n", 1), "a.pdf")[0] == (
        "html_polyglot")


def test_html_inside_an_image_is_refused():
    png = files.png_bytes() + b"<script>alert(1)</script>"
    assert refused(png, "a.png")[0] == "html_polyglot"


@pytest.mark.parametrize("text", [
    "Navn;Telefon;Beløp\nKari Nordmann;+47 22 33 44 55;-12,5\nOla;;1 000 %\n",
    "tiltak,frist\n\"1.16, del 2\",2025-06-01\n",
])
def test_ordinary_csv_is_accepted(text):
    assert accepted(text.encode(), "liste.csv").content_type == "text/csv"
    assert accepted(text.encode("cp1252"), "liste.csv").extension == "csv"


@pytest.mark.parametrize("text", [
    "navn;sum\nKari;=1+2\n",
    "navn,lenke\nOla,\"=HYPERLINK(\"\"https://angriper.example\"\")\"\n",
    "a\tb\n+cmd|' /C calc'!A0\tx\n",
    "a;b\n-2+3+cmd|' /C calc'!A0;x\n",
    "a;b\n@SUM(1+9)*cmd|' /C calc'!A0;x\n",
])
def test_csv_formulas_are_refused(text):
    code, message = refused(text.encode(), "liste.csv")
    assert code == "csv_formula" and "formler" in message


def test_csv_that_is_not_text_or_is_html_is_refused():
    assert refused(files.EXE, "liste.csv")[0] == "content"
    assert refused(b"a;b\n<script>alert(1)</script>;x\n", "liste.csv")[0] == "html_polyglot"
    # CSV is not an attachment type: the profile decides.
    assert refused(b"a;b\n1;2\n", "liste.csv", "meeting_attachment")[0] == "extension"


def test_content_decides_not_the_name():
    assert refused(files.docx_bytes(), "tabell.xlsx")[0] == "mismatch"
    assert refused(files.pdf_bytes(), "tabell.csv")[0] == "mismatch"
    code, message = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "gammel.docx")
    assert code == "content" and "eldre Office-dokument" in message


# -- the zip inspection ------------------------------------------------------------------------

def test_an_honest_zip_bomb_is_refused_on_its_declared_sizes(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    big = files.rewrite(files.docx_bytes(), add={"word/media/image1.bin": b"\0" * (11 << 20)})
    assert refused(big, "a.docx")[0] == "zip_bomb"


def test_a_zip_that_lies_about_its_sizes_is_refused():
    data = b"\0" * (4 << 20)
    liar = ("word/document.xml", files.deflated(data), zipfile.ZIP_DEFLATED,
            zlib.crc32(data[:100]), 100, 0)
    assert refused(files.raw_zip([files.deflated_entry("[Content_Types].xml", b"<Types/>"),
                                  liar]), "a.docx")[0] == "zip_bomb"
    wrong_crc = ("word/document.xml", files.deflated(b"<a/>"), zipfile.ZIP_DEFLATED, 1, 4, 0)
    assert refused(files.raw_zip([files.deflated_entry("[Content_Types].xml", b"<Types/>"),
                                  wrong_crc]), "a.docx")[0] == "damaged"


def test_overlapping_entries_are_refused():
    # The inner entry's local header and data sit inside the outer entry's data, the way
    # the largest non-recursive zip bombs reuse one compressed kernel.
    inner = files.raw_zip([files.stored_entry("word/b.xml", b"<b/>")])
    inner_local = inner[:inner.index(b"PK\x01\x02")]
    data = files.raw_zip(
        [files.stored_entry("[Content_Types].xml", inner_local)],
        extra_central=[("word/b.xml", 30 + len("[Content_Types].xml"), zipfile.ZIP_STORED,
                        zlib.crc32(b"<b/>"), 4, 4)])
    assert refused(data, "a.docx")[0] == "zip_bomb"


@pytest.mark.parametrize("name", ["../word/evil.xml", "/word/evil.xml", "word\\evil.xml",
                                  "C:/evil.xml", "word/./evil.xml", "word//evil.xml",
                                  "word/\u202eevil.xml"])
def test_entry_names_that_escape_or_deceive_are_refused(name):
    data = files.rewrite(files.docx_bytes(), add={name: b"<x/>"})
    assert refused(data, "a.docx")[0] == "unsafe_path"


def test_duplicate_entry_names_are_refused():
    data = files.raw_zip([files.deflated_entry("[Content_Types].xml", b"<Types/>"),
                          files.deflated_entry("word/document.xml", b"<a/>"),
                          files.deflated_entry("WORD/Document.xml", b"<b/>")])
    assert refused(data, "a.docx")[0] == "unsafe_path"


def test_encrypted_entries_and_too_many_entries_are_refused(settings):
    data = files.raw_zip([files.stored_entry("[Content_Types].xml", b"<Types/>", flags=1)])
    assert refused(data, "a.docx")[0] == "encrypted"
    settings.UPLOAD_MAX_ENTRIES = 5
    assert refused(files.docx_bytes(), "a.docx")[0] == "too_many_entries"


def test_data_before_the_zip_is_refused():
    assert refused(b"PK\x03\x04" + files.EXE + files.docx_bytes(), "a.docx")[0] == "damaged"


# -- OOXML -------------------------------------------------------------------------------------

def test_macros_activex_and_macro_sheets_are_refused():
    assert refused(files.macro_docx(), "a.docx")[0] == "macros"
    activex = files.add_override(files.rewrite(files.docx_bytes(), add={
        "word/activeX/activeX1.xml": b"<ax/>"}), "/word/activeX/activeX1.xml",
        "application/vnd.ms-office.activeX+xml")
    assert refused(activex, "a.docx")[0] == "macros"
    xlm = files.add_override(files.rewrite(files.xlsx_bytes(), add={
        "xl/macrosheets/sheet1.xml": b"<xm/>"}), "/xl/macrosheets/sheet1.xml",
        "application/vnd.ms-excel.macrosheet+xml")
    assert refused(xlm, "a.xlsx")[0] == "macros"
    xlsm = files.rewrite(files.xlsx_bytes(), {"[Content_Types].xml": lambda xml: xml.replace(
        b"spreadsheetml.sheet.main+xml", b"x").replace(
        b"application/vnd.openxmlformats-officedocument.x",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")})
    assert refused(xlsm, "a.xlsx")[0] == "macros"


def test_ole_objects_and_external_workbook_links_are_refused():
    ole = files.rewrite(files.docx_bytes(), add={"word/embeddings/oleObject1.bin": b"\0" * 64})
    assert refused(ole, "a.docx")[0] == "ole"
    links = files.rewrite(files.xlsx_bytes(), add={
        "xl/externalLinks/externalLink1.xml": b'<externalLink><ddeLink ddeService="cmd" '
                                              b'ddeTopic="/c calc"/></externalLink>'})
    assert refused(links, "a.xlsx")[0] == "external_data"


def test_altchunk_is_refused():
    data = files.add_relationship(files.docx_bytes(), "word/_rels/document.xml.rels",
                                  "aFChunk", "chunk.mht", external=False)
    assert refused(data, "a.docx")[0] == "embedded_content"


@pytest.mark.parametrize(("target", "ok"), [
    ("https://lovdata.no/dokument/NL/lov/2014-06-20-42", True),
    ("http://www.ehelse.no/normen", True),
    ("mailto:postmottak@ehelse.no", True),
    ("file:///C:/Windows/System32/calc.exe", False),
    ("\\\\angriper.example\\deling\\x.docx", False),
    ("ms-msdt:/id PCWDiagnostic", False),
    ("javascript:alert(1)", False),
    ("../../hemmelig.xlsx", False),
])
def test_external_hyperlinks_only_to_web_and_mail(target, ok):
    data = files.hyperlink_docx(target)
    if ok:
        assert accepted(data, "a.docx").hyperlinks == (target,)
    else:
        assert refused(data, "a.docx")[0] == "unsafe_link"


@pytest.mark.parametrize("instruction", [
    "DDEAUTO c:\\x.exe", " dde cmd",
    "INCLUDEPICTURE &quot;\\\\angriper\\x.png&quot; \\d",
    "INCLUDETEXT &quot;https://angriper.example/x.docx&quot;",
    "LINK Excel.Sheet.8 &quot;x.xls&quot;"])
def test_word_fields_that_fetch_or_run_are_refused(instruction):
    data = files.with_paragraph_xml(files.docx_bytes(), (
        f'<w:p {files.W}><w:fldSimple w:instr="{instruction}"><w:r><w:t>x</w:t></w:r>'
        "</w:fldSimple></w:p>"))
    assert refused(data, "a.docx")[0] == "external_field"


def test_ordinary_word_fields_are_fine():
    data = files.with_paragraph_xml(files.docx_bytes(), (
        f'<w:p {files.W}><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:fldSimple w:instr="HYPERLINK \\l &quot;tiltak&quot;"><w:r><w:t>x</w:t></w:r>'
        "</w:fldSimple></w:p>"))
    assert accepted(data, "a.docx").extension == "docx"


def test_embedded_packages_are_inspected_by_the_same_rules():
    chart_data = files.xlsx_bytes()
    with_chart = files.rewrite(files.docx_bytes(), add={
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart_data})
    assert accepted(with_chart, "a.docx").extension == "docx"
    macro_inside = files.rewrite(files.docx_bytes(), add={
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": files.rewrite(
            chart_data, add={"xl/vbaProject.bin": b"\0" * 32})})
    assert refused(macro_inside, "a.docx")[0] == "macros"


def test_a_dtd_in_package_xml_is_refused():
    data = files.rewrite(files.docx_bytes(), {"[Content_Types].xml": lambda xml: xml.replace(
        b"<Types", b'<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]><Types', 1)})
    assert refused(data, "a.docx")[0] == "damaged"


# -- OpenDocument ------------------------------------------------------------------------------

def test_an_ordinary_odt_is_accepted_with_its_web_links():
    data = files.odt_bytes('<text:p><text:a xlink:href="https://lovdata.no/">Lovdata</text:a>'
                           '<draw:frame><draw:image xlink:href="Pictures/1.png"/></draw:frame>'
                           "</text:p>")
    clean = accepted(data, "Referat.odt")
    assert clean.hyperlinks == ("https://lovdata.no/",)


@pytest.mark.parametrize(("body", "extra", "code"), [
    ("<text:p/>", {"Basic/Standard/Module1.xml": "<script:module/>"}, "macros"),
    ("<text:p/>", {"Scripts/python/x.py": "import os"}, "macros"),
    ('<office:event-listeners><script:event-listener script:language="ooo:script" '
     'script:event-name="dom:load" xlink:href="vnd.sun.star.script:../../../program/x.py'
     '$run?language=Python&amp;location=share"/></office:event-listeners>', None, "macros"),
    ('<draw:frame><draw:image xlink:href="http://angriper.example/p.png"/></draw:frame>', None,
     "external"),
    ('<text:section text:name="s"><text:section-source xlink:href="../../hemmelig.odt"/>'
     "</text:section>", None, "external"),
    ('<text:p><text:a xlink:href="file:///C:/Windows/calc.exe">x</text:a></text:p>', None,
     "unsafe_link"),
    ("<text:p/>", {"META-INF/manifest.xml":
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                   'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                   "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>"},
     "encrypted"),
])
def test_odf_macros_scripts_linked_content_and_encryption_are_refused(body, extra, code):
    assert refused(files.odt_bytes(body, extra), "Referat.odt")[0] == code


def test_odf_with_broken_xml_is_refused():
    data = files.rewrite(files.odt_bytes(), {"content.xml": lambda xml: xml[:-10]})
    assert refused(data, "Referat.odt")[0] == "damaged"


# -- the doors ---------------------------------------------------------------------------------

class _Form(forms.Form):
    file = UploadField("meeting_attachment", label="Fil")


def test_the_form_field_returns_the_file_under_its_clean_name():
    form = _Form(files={"file": SimpleUploadedFile("\u2066Toppnotat\u2069.PDF",
                                                   files.pdf_bytes())})
    assert form.is_valid(), form.errors
    uploaded = form.cleaned_data["file"]
    assert uploaded.name == "Toppnotat.pdf"
    assert uploaded.upload.content_type == "application/pdf"
    assert uploaded.read(5) == b"%PDF-"  # position back at the start, ready to be stored
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.odt,.png,.jpg,.jpeg"' in str(form["file"])


def test_the_form_field_puts_the_reason_on_the_field():
    form = _Form(files={"file": SimpleUploadedFile("a.docx", files.macro_docx())})
    assert not form.is_valid()
    assert "makroer" in form.errors["file"][0]


def test_the_validator_names_a_profile_and_deconstructs():
    validator = UploadValidator("document_annex")
    path, args, kwargs = validator.deconstruct()
    assert (path, args, kwargs) == ("normen_portal.uploads.UploadValidator",
                                    ("document_annex",), {})
    assert validator == UploadValidator("document_annex")
    with pytest.raises(ValueError):
        UploadValidator("ukjent")
    assert set(PROFILES["meeting_attachment"].kinds) <= set(PROFILES["document_annex"].kinds)


def test_bytes_and_stored_files_can_be_checked_too():
    clean = check_upload(files.docx_bytes(), "document_docx", name="notat.docx")
    assert "word/document.xml" in clean.parts
    stream = io.BytesIO(files.pdf_bytes())
    stream.name = "a.pdf"
    assert check_upload(stream, "document_pdf").size == len(files.pdf_bytes())
