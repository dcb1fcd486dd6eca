"""The whole document in Word: real heading styles, lists, tables, and the annexes."""

import io

from docx import Document as WordDocument

from documents.converters.docx_export import build_docx
from documents.models import Annex

from .conftest import make_version


def test_word_file_has_the_outline_lists_tables_and_annexes(fact_sheet):
    version = make_version(fact_sheet, html=(
        "<h2>Innledning</h2><p>Tekst med <strong>fet</strong> skrift.</p>"
        "<h3>Underpunkt</h3><ul><li>Punkt en</li><li>Punkt to</li></ul>"
        "<ol><li>Steg en</li></ol>"
        "<table><thead><tr><th>Nr</th><th>Aktivitet</th></tr></thead>"
        "<tbody><tr><td>1</td><td>Risikovurdering</td></tr></tbody></table>"
    ), change_log="Første versjon.")
    Annex.objects.create(version=version, title="HUKI-matrise", slug="huki", position=10,
                         html="<table><tbody><tr><td>H</td><td>Hovedansvarlig</td></tr>"
                              "</tbody></table>")

    word = WordDocument(io.BytesIO(build_docx(version)))

    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert ("Title", fact_sheet.display_title) in styled
    assert ("Heading 1", "Innledning") in styled
    assert ("Heading 2", "Underpunkt") in styled
    assert ("List Bullet", "Punkt en") in styled
    assert ("List Number", "Steg en") in styled
    assert ("Heading 1", "Vedlegg 1: HUKI-matrise") in styled
    assert ("Normal", "Første versjon.") in styled
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "fet" in bold
    tables = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert ["Nr", "Aktivitet"] in tables
    assert ["1", "Risikovurdering"] in tables
    assert ["H", "Hovedansvarlig"] in tables
    assert word.core_properties.title == fact_sheet.display_title
    assert word.core_properties.language == "nb-NO"
