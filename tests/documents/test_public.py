"""The public library through HTTP: stable URLs, the reading page, downloads, feed, sitemap,
no cookies for anonymous visitors, and caching that never shows a stale version."""

import io
from datetime import datetime

import pytest
from django.utils import timezone
from docx import Document as WordDocument

from documents.models import Annex, Document, VersionStatus
from documents.services import versions as services
from documents.sitemaps import SITEMAPS
from tests.factories import set_status

from .conftest import make_version, publish_directly

S = VersionStatus


@pytest.fixture
def guide(body, topic):
    document = Document.objects.create(
        body=body, kind=Document.Kind.GUIDE, slug="medisinsk-utstyr",
        title="Medisinsk utstyr; personvern og informasjonssikkerhet",
        summary="Råd om personvern og informasjonssikkerhet for medisinsk utstyr.")
    document.topics.add(topic)
    v2 = publish_directly(make_version(document, "2.0", S.APPROVED, html="<h2>Om</h2><p>v2</p>",
                                       change_log="Oppdatert etter MDR."),
                          timezone.make_aware(datetime(2021, 9, 1, 10)))
    v3 = make_version(document, "3.0", S.APPROVED, html=(
        "<h2>Om veilederen</h2><p>Teknologi i hjemmet.</p><h3>Kommunenes ansvar</h3><p>x</p>"),
        change_log="Nytt kapittel om teknologi i hjemmet.")
    set_status(v2, S.SUPERSEDED)
    publish_directly(v3, timezone.make_aware(datetime(2024, 6, 14, 10)))
    v3.approval_reference = "Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24"
    v3.save()
    Annex.objects.create(version=v3, title="HUKI-matrise", slug="huki-matrise", position=10,
                         html="<table><tbody><tr><td>H</td><td>Hovedansvarlig</td></tr></tbody>"
                              "</table>")
    return document


def test_fact_sheet_has_a_stable_readable_url(client, published):
    response = client.get("/faktaark/59/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Integritet – Korrekt og oppdatert informasjon til rett tid" in html
    assert published.get_absolute_url() == "/faktaark/59/1.0/"
    assert client.get("/faktaark/59/1.0/").status_code == 200


def test_fact_sheet_number_with_a_letter(client, body):
    sheet = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=6,
                                    suffix="b", slug="faktaark-6b", title="Logging")
    publish_directly(make_version(sheet, status=S.APPROVED))

    assert sheet.get_absolute_url() == "/faktaark/6b/"
    assert "Faktaark 6b" in client.get("/faktaark/6b/").content.decode()
    assert client.get("/faktaark/6/").status_code == 404


def test_reading_page_shows_contents_dates_approval_changes_and_versions(client, guide):
    html = client.get("/veiledere/medisinsk-utstyr/").content.decode()

    assert '<a class="ds-link" href="#om-veilederen">Om veilederen</a>' in html
    assert '<h2 id="om-veilederen">Om veilederen</h2>' in html
    assert "Først publisert</dt>\n      <dd>01.09.2021" in html
    assert "Sist endret</dt>\n      <dd>14.06.2024" in html
    assert "Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24" in html
    assert "Nytt kapittel om teknologi i hjemmet." in html
    assert 'href="/veiledere/medisinsk-utstyr/2.0/"' in html
    assert "Oppdatert etter MDR." in html
    assert 'href="/veiledere/medisinsk-utstyr/3.0/vedlegg/huki-matrise/"' in html
    assert 'href="/veiledere/medisinsk-utstyr/3.0/word/"' in html


def test_earlier_version_says_it_is_not_the_current_one(client, guide):
    html = client.get("/veiledere/medisinsk-utstyr/2.0/").content.decode()

    assert "Dette er en tidligere versjon (2.0)." in html
    assert "Les gjeldende versjon (3.0)" in html


def test_unpublished_versions_are_not_reachable(client, guide, users):
    make_version(guide, "3.1")
    withdrawn = make_version(guide, "3.2", S.WITHDRAWN)

    assert client.get("/veiledere/medisinsk-utstyr/3.1/").status_code == 404
    assert client.get("/veiledere/medisinsk-utstyr/3.2/word/").status_code == 404
    client.force_login(users["member"])
    # Not even for the steering group at the public address: drafts live in the workspace.
    assert client.get(withdrawn.get_absolute_url()).status_code == 404


def test_document_without_a_published_version_is_not_in_the_library(client, draft):
    assert client.get("/faktaark/59/").status_code == 404
    assert "Faktaark 59" not in client.get("/faktaark/").content.decode()


def test_annex_page_and_word_download(client, guide):
    annex = client.get("/veiledere/medisinsk-utstyr/3.0/vedlegg/huki-matrise/")
    assert annex.status_code == 200
    assert "Hovedansvarlig" in annex.content.decode()

    response = client.get("/veiledere/medisinsk-utstyr/3.0/word/")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert 'filename="medisinsk-utstyr-v3.0.docx"' in response["Content-Disposition"]
    word = WordDocument(io.BytesIO(response.content))
    texts = [p.text for p in word.paragraphs]
    assert "Om veilederen" in texts and "Vedlegg 1: HUKI-matrise" in texts


def test_lists_filter_by_kind_topic_and_year(client, guide, published, body):
    other = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=21,
                                    slug="faktaark-21", title="Sikkerhetskopi")
    publish_directly(make_version(other, status=S.APPROVED),
                     timezone.make_aware(datetime(2020, 6, 22, 10)))

    library = client.get("/dokumenter/").content.decode()
    assert "Medisinsk utstyr" in library and "Faktaark 21" in library

    sheets = client.get("/faktaark/").content.decode()
    assert "Faktaark 21" in sheets and "Faktaark 59" in sheets
    assert "Medisinsk utstyr" not in sheets

    by_topic = client.get("/dokumenter/?tema=integritet").content.decode()
    assert "Faktaark 59" in by_topic and "Faktaark 21" not in by_topic

    by_year = client.get("/dokumenter/?ar=2020").content.decode()
    assert "Faktaark 21" in by_year and "Faktaark 59" not in by_year

    assert "Medisinsk utstyr" in client.get("/veiledere/").content.decode()


def test_expired_document_is_hidden_from_the_list_but_still_readable(client, published):
    document = published.document
    document.status = Document.Status.EXPIRED
    document.expired_on = timezone.localdate()
    document.save()

    assert "Faktaark 59" not in client.get("/faktaark/").content.decode()
    assert "Faktaark 59" in client.get("/faktaark/?utgatte=on").content.decode()
    assert "Dokumentet er ikke lenger i bruk" in client.get("/faktaark/59/").content.decode()


def test_anonymous_visitors_get_no_cookies(client, guide):
    for url in ["/dokumenter/", "/faktaark/", "/veiledere/medisinsk-utstyr/",
                "/veiledere/medisinsk-utstyr/3.0/", "/dokumenter/sok/?q=hjemmet",
                "/tilgjengelighet/", "/veiledere/medisinsk-utstyr/3.0/word/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_pages_are_cached_and_a_new_version_is_never_stale(
        client, published, case, users, django_capture_on_commit_callbacks):
    first = client.get("/faktaark/59/")
    assert first["X-Library-Cache"] == "miss"
    assert client.get("/faktaark/59/")["X-Library-Cache"] == "hit"

    sara = users["secretariat"]
    new = services.version_create(published.document, actor=sara)
    services.version_update(new, actor=sara, expected_version=new.version,
                            text_html="<h2>Sammendrag</h2><p>Ny tekst i versjon 1.1.</p>")
    services.version_link_case(new, actor=sara, case=case)
    with django_capture_on_commit_callbacks(execute=True):
        services.version_publish(_approved(new), actor=sara)

    response = client.get("/faktaark/59/")
    assert response["X-Library-Cache"] == "miss"
    assert "Ny tekst i versjon 1.1." in response.content.decode()


def _approved(version):
    version.refresh_from_db()
    services.version_transition(version, S.APPROVED)
    return version


def test_signed_in_users_are_not_served_from_the_cache(client, published, users):
    client.get("/faktaark/59/")
    client.force_login(users["member"])

    response = client.get("/faktaark/59/")
    assert "X-Library-Cache" not in response
    assert "Logg ut" in response.content.decode()


def test_reading_page_has_a_fixed_number_of_queries(client, guide,
                                                   django_assert_max_num_queries):
    for n in range(5):
        Annex.objects.create(version=guide.current_version, title=f"Vedlegg {n}",
                             slug=f"v{n}", position=20 + n, html="<p>x</p>")
    with django_assert_max_num_queries(12):
        client.get("/veiledere/medisinsk-utstyr/")


def test_list_page_has_a_fixed_number_of_queries(client, body, topic,
                                                django_assert_max_num_queries):
    for n in range(1, 21):
        sheet = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=n,
                                        slug=f"fa-{n}", title=f"Faktaark om tema {n}")
        sheet.topics.add(topic)
        publish_directly(make_version(sheet, status=S.APPROVED))
    with django_assert_max_num_queries(10):
        response = client.get("/faktaark/")
    assert response.content.decode().count("documents-list__item") == 20


def test_atom_feed_lists_published_versions(client, guide):
    response = client.get("/dokumenter/nytt.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "<title>Medisinsk utstyr; personvern og informasjonssikkerhet v3.0</title>" in xml
    assert "http://testserver/veiledere/medisinsk-utstyr/3.0/" in xml
    assert "Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24" in xml


def test_sitemap_lists_documents_and_versions_and_other_apps_can_add_sections(client, guide):
    from django.contrib.sitemaps import Sitemap

    class Extra(Sitemap):
        def items(self):
            return ["/moter/arkiv/"]

        def location(self, item):
            return item

    SITEMAPS["test-extra"] = Extra
    try:
        xml = client.get("/sitemap.xml").content.decode()
    finally:
        del SITEMAPS["test-extra"]

    assert "<loc>http://testserver/veiledere/medisinsk-utstyr/</loc>" in xml
    assert "<loc>http://testserver/veiledere/medisinsk-utstyr/2.0/</loc>" in xml
    assert "<loc>http://testserver/tilgjengelighet/</loc>" in xml
    assert "<loc>http://testserver/moter/arkiv/</loc>" in xml


def test_accessibility_statement(client, body):
    body.email = "normen@helsedir.no"
    body.save()

    html = client.get("/tilgjengelighet/").content.decode()

    assert "<h1 class=\"ds-heading\" data-size=\"lg\">Tilgjengelighetserklæring</h1>" in html
    assert "WCAG 2.1" in html
    assert 'href="mailto:normen@helsedir.no"' in html
    assert "uutilsynet.no" in html
