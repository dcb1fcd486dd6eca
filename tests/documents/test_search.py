"""Full-text search in Norwegian: stemming, ranking, highlighted excerpts, only what is
published."""

import pytest

from documents import search
from documents.models import Document, VersionStatus

from .conftest import make_version, publish_directly

S = VersionStatus


@pytest.fixture
def library(body):
    def sheet(number, title, html, summary=""):
        document = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET,
                                           number=number, slug=f"fa-{number}", title=title,
                                           summary=summary)
        return publish_directly(make_version(document, status=S.APPROVED, html=html))

    return {
        "risk": sheet(7, "Risikovurdering", "<h2>Slik gjør dere det</h2><p>Vurder sannsynlighet "
                      "og konsekvens for hver uønsket hendelse.</p>"),
        "backup": sheet(21, "Sikkerhetskopi", "<p>Test gjenoppretting jevnlig. Før en "
                        "risikovurderingen er gjort, vet dere ikke hva som må kopieres.</p>"),
        "access": sheet(14, "Tilgangsstyring", "<p>Tilgang etter tjenstlig behov. Logg all "
                        "tilgang til journal når risiko &lt; akseptabel &amp; kontroller "
                        "loggen.</p>",
                        summary="Om tjenstlig behov og logg."),
    }


def test_stemming_finds_inflected_forms_and_title_hits_rank_first(library):
    results = search.search("risikovurderinger")

    titles = [hit.document.title for hit in results.hits]
    assert titles == ["Risikovurdering", "Sikkerhetskopi"]
    assert results.total == 2


def test_excerpt_highlights_the_hit_and_escapes_the_text(library):
    hit = search.search("journal").hits[0]

    assert "<mark>journal</mark>" in hit.excerpt
    assert "risiko &lt; akseptabel &amp; kontroller" in hit.excerpt


def test_websearch_syntax_excludes_words(library):
    titles = {h.document.title for h in search.search("tilgang -journal").hits}

    assert "Tilgangsstyring" not in titles


def test_drafts_and_withdrawn_versions_are_not_found(body):
    document = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=59,
                                       slug="fa-59", title="Integritet")
    make_version(document, html="<p>Hemmelig utkast om integritet.</p>")
    make_version(document, "0.9", S.WITHDRAWN, html="<p>Trukket tekst om integritet.</p>")

    assert search.search("integritet").total == 0


def test_search_page_for_anonymous_visitor(client, library):
    html = client.get("/dokumenter/sok/", {"q": "sikkerhetskopi"}).content.decode()

    assert "1 treff for «sikkerhetskopi»" in html
    assert 'href="/faktaark/21/"' in html
    # A hit in the title only: the excerpt is the start of the text.
    assert "Test gjenoppretting jevnlig." in html

    html = client.get("/dokumenter/sok/", {"q": "gjenoppretting"}).content.decode()
    assert "Test <mark>gjenoppretting</mark> jevnlig." in html


def test_search_page_without_hits_says_so(client, library):
    html = client.get("/dokumenter/sok/", {"q": "kvantedatamaskin"}).content.decode()

    assert "0 treff" in html
    assert "Ingen dokumenter inneholder disse ordene" in html


def test_simple_search_used_on_sqlite_matches_words_and_marks_them(library):
    results = search._search_simple(search.published_versions(), "gjenoppretting", 20, 0)

    assert [h.document.title for h in results.hits] == ["Sikkerhetskopi"]
    assert "<mark>gjenoppretting</mark>" in results.hits[0].excerpt


def test_result_links_to_the_section_with_the_hit(client, body):
    document = Document.objects.create(body=body, kind=Document.Kind.GUIDE, slug="leverandorer",
                                       title="Veileder for leverandører")
    publish_directly(make_version(document, status=S.APPROVED, html=(
        "<h2>Målgruppe</h2><p>Leverandører til sektoren.</p>"
        "<h2>Fjernaksess</h2><p>Tilgang åpnes bare for oppdraget og stenges etterpå.</p>")))

    hit = search.search("stenges").hits[0]
    assert (hit.anchor, hit.heading) == ("fjernaksess", "Fjernaksess")
    assert "<mark>stenges</mark>" in hit.excerpt and "Målgruppe" not in hit.excerpt

    html = client.get("/dokumenter/sok/", {"q": "stenges"}).content.decode()
    assert 'href="/veiledere/leverandorer/#fjernaksess"' in html
    assert "Gå til avsnittet «Fjernaksess»" in html


def test_search_by_kind_and_reindex_command(body, library):
    from io import StringIO

    from django.core.management import call_command

    from documents.models import TextSection

    guide = Document.objects.create(body=body, kind=Document.Kind.GUIDE, slug="tilgang",
                                    title="Veileder i tilgangsstyring")
    publish_directly(make_version(guide, status=S.APPROVED, html="<p>Tjenstlig behov.</p>"))

    assert {h.document.title for h in search.search("tilgangsstyring").hits} == {
        "Tilgangsstyring", "Veileder i tilgangsstyring"}
    assert [h.document.title for h in search.search("tilgangsstyring", kind="guide").hits] == [
        "Veileder i tilgangsstyring"]

    TextSection.objects.all().delete()
    call_command("reindex_documents", stdout=StringIO())
    assert search.search("gjenoppretting").hits[0].anchor == ""
    assert TextSection.objects.filter(version=library["backup"]).exists()
