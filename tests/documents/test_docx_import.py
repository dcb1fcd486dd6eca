"""Word → HTML: the conversion keeps the outline, and hostile or broken uploads are refused
with a Norwegian message before mammoth sees them."""

import io
import zipfile

import pytest

from documents.converters import docx_import
from documents.converters.docx_import import DocxRejected, check_package, convert

from .conftest import word_file


def test_headings_lists_and_tables_survive_with_ids_for_the_contents():
    result = convert(word_file(title="Faktaark 59"))

    html = result.text.html
    # Heading 1 sits under the page's <h1>: it becomes <h2>, Heading 2 <h3>.
    assert '<h2 id="innledning">Innledning</h2>' in html
    assert '<h3 id="risiko-ved-kopier">Risiko ved kopier</h3>' in html
    assert "<h1" not in html
    # The Word title is the document's title in the portal, not part of the text.
    assert "Faktaark 59" not in html
    assert "<ul><li>Legemiddellisten er ikke oppdatert etter utskrivning.</li>" in html
    assert "<ol><li>Utpek én autoritativ kilde.</li></ol>" in html
    assert "<table>" in html and "Validering ved mottak" in html
    assert result.text.toc == [
        {"level": 2, "id": "innledning", "title": "Innledning"},
        {"level": 3, "id": "risiko-ved-kopier", "title": "Risiko ved kopier"},
        {"level": 2, "id": "tiltak", "title": "Tiltak"},
    ]
    assert "forsvarlig helsehjelp" in result.text.plain


def test_norwegian_word_heading_styles_are_headings():
    data = word_file([("h1", "Ansvar"), ("p", "Tekst.")])
    # Rename the style the way Norwegian Word writes it: id Overskrift1, name «Overskrift 1».
    patched = _rewrite(data, "word/styles.xml",
                       lambda xml: xml.replace(b'w:styleId="Heading1"', b'w:styleId="Overskrift1"')
                       .replace(b'w:val="heading 1"', b'w:val="Overskrift 1"'))
    patched = _rewrite(patched, "word/document.xml",
                       lambda xml: xml.replace(b'w:val="Heading1"', b'w:val="Overskrift1"'))

    assert '<h2 id="ansvar">Ansvar</h2>' in convert(patched).text.html


def test_duplicate_headings_get_distinct_ids():
    result = convert(word_file([("h1", "Tiltak"), ("p", "a"), ("h1", "Tiltak"), ("p", "b")]))

    assert [e["id"] for e in result.text.toc] == ["tiltak", "tiltak-2"]


def test_not_a_docx_is_refused():
    with pytest.raises(DocxRejected, match="ikke et Word-dokument"):
        check_package(b"%PDF-1.7 this is a PDF")
    with pytest.raises(DocxRejected, match="ikke et Word-dokument"):
        check_package(b"Hei, dette er ren tekst.")


def test_a_zip_that_is_not_a_word_package_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hei.txt", "ikke word")
    with pytest.raises(DocxRejected, match="ikke et Word-dokument"):
        check_package(out.getvalue())


def test_a_broken_zip_is_refused():
    with pytest.raises(DocxRejected, match="skadet"):
        check_package(b"PK\x03\x04" + b"\0" * 200)


def test_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        # 200 MB of zeros packs into a few hundred kilobytes.
        z.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 1024 * 1024

    with pytest.raises(DocxRejected, match="zip-bombe"):
        check_package(data)


def test_oversize_file_is_refused(monkeypatch):
    monkeypatch.setattr(docx_import, "MAX_BYTES", 1000)

    with pytest.raises(DocxRejected, match="for stor"):
        check_package(word_file())


def test_macros_are_refused():
    data = _add(word_file(), "word/vbaProject.bin", b"\0macro")
    data = _rewrite(data, "[Content_Types].xml", lambda xml: xml.replace(
        b"wordprocessingml.document.main+xml",
        b"wordprocessingml.document.main+xml\"/><Override PartName=\"/word/vbaProject.bin\" "
        b"ContentType=\"application/vnd.ms-office.vbaProject"))

    with pytest.raises(DocxRejected, match="makroer"):
        convert(data)


def test_external_images_are_refused():
    rels = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/image" Target="https://angriper.example/sporing.png" '
            b'TargetMode="External"/></Relationships>')
    data = _rewrite(word_file(), "word/_rels/document.xml.rels",
                    lambda xml: xml.replace(b"</Relationships>", rels))

    with pytest.raises(DocxRejected, match="lenkede bilder"):
        convert(data)


def test_embedded_html_chunks_are_refused():
    rels = (b'<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/aFChunk" Target="chunk.html"/></Relationships>')
    data = _rewrite(word_file(), "word/_rels/document.xml.rels",
                    lambda xml: xml.replace(b"</Relationships>", rels))
    data = _add(data, "word/chunk.html", b"<script>alert(1)</script>")

    with pytest.raises(DocxRejected, match="innebygd HTML"):
        convert(data)


def test_script_text_and_javascript_links_come_out_harmless():
    data = word_file([("h1", "Overskrift"), ("p", "<script>alert('x')</script>")])
    html = convert(data).text.html

    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_empty_document_is_refused():
    with pytest.raises(DocxRejected, match="ingen tekst"):
        convert(word_file([("p", "")]))


def _rewrite(data, name, change):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = change(content)
            target.writestr(item.filename, content)
    return out.getvalue()


def _add(data, name, content):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr(name, content)
    return out.getvalue()
