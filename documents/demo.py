"""Demo data for the library, from the seed documents. Idempotent: a second run saves nothing.

What the seeds support, and so what is loaded:
- the supplier guide v1.0, «Godkjent av Styringsgruppen for Normen 08.06.23» (a meeting not in
  the demo: the approval date and reference are stored without a case), with its two annexes,
  the flow chart described in text and the HUKI matrix as a table;
- the medical-equipment guide v3.0, approved in case 15/24 on 10.06.2024 and published, and the
  2021 edition it replaced (v2.0; the seeds cite it as «Veileder … medisinsk utstyr, 2021»);
- Faktaark 59 v1.0, sent on consultation («sendt på høring til et utvalg fagpersoner») and put
  up for decision in case 14/24, where the decision was «Saken trekkes»: the version is
  withdrawn. The revised v1.1 the minutes promise is a draft; nothing in the seeds says it was
  approved, so Faktaark 59 is not in the public library;
- the fact sheets the consultation draft on digital security refers to by number.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from documents import demo_content as content
from documents.converters.html import clean_document_html
from documents.models import (
    Annex,
    Consultation,
    ConsultationResponse,
    Document,
    DocumentVersion,
    Topic,
    VersionStatus,
)
from documents.search import refresh_vector
from governance.models import Body, Organisation
from meetings.demo.load import upsert
from meetings.models import AgendaItem

S = VersionStatus


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _case(body, number, year=2024):
    return AgendaItem.objects.filter(body=body, year=year, number=number).first()


def _document(body, kind, lookup, data, topics):
    fields = {"body": body, "title": data["title"], "summary": data.get("summary", ""),
              "audience": data.get("audience", ""), "slug": data["slug"]}
    fields = {k: v for k, v in fields.items() if k not in lookup}
    document, _changed = upsert(Document, {"kind": kind, **lookup}, fields)
    wanted = {topics[slug] for slug in data.get("topics", [])}
    if set(document.topics.all()) != wanted:
        document.topics.set(wanted)
    return document


def _version(document, number, html, changed_vectors, **fields):
    text = clean_document_html(html)
    major, minor = (int(p) for p in number.split("."))
    version, changed = upsert(DocumentVersion, {"document": document, "number": number}, {
        "major": major, "minor": minor, "text_html": text.html, "text_plain": text.plain,
        "toc": text.toc, **fields,
    })
    if changed:
        changed_vectors.append(version.pk)
    return version


def _published(document, version):
    upsert(Document, {"pk": document.pk}, {
        "current_version": version,
        "first_published_at": min(
            v.published_at for v in document.versions.filter(published_at__isnull=False)
        ),
    })


def _annex(version, position, title, slug, html):
    upsert(Annex, {"version": version, "slug": slug}, {
        "position": position, "kind": Annex.Kind.PAGE, "title": title,
        "html": clean_document_html(html).html,
    })


def load_supplier_guide(body, topics, vectors):
    data = content.SUPPLIER_GUIDE
    guide = _document(body, Document.Kind.GUIDE, {"slug": data["slug"]}, data, topics)
    v1 = _version(
        guide, "1.0", data["text"], vectors, status=S.PUBLISHED,
        approved_on=datetime(2023, 6, 8).date(),
        approval_reference="Godkjent av Styringsgruppen for Normen 08.06.2023",
        published_at=_at(datetime(2023, 6, 20).date()),
        change_log="Første versjon.",
    )
    _annex(v1, 10, "Flytskjema – innføring og oppdatering av systemer", "flytskjema",
           content.FLOW_ANNEX)
    _annex(v1, 20, "HUKI-matrise", "huki-matrise", content.huki_annex())
    _published(guide, v1)
    return guide


def load_mu_guide(body, topics, vectors):
    data = content.MU_GUIDE
    guide = _document(body, Document.Kind.GUIDE, {"slug": data["slug"]}, data, topics)
    case = _case(body, 15)
    v2 = _version(
        guide, "2.0", content.MU_V2_TEXT, vectors, status=S.SUPERSEDED,
        approval_reference="Godkjent av Styringsgruppen for Normen 2021",
        published_at=_at(datetime(2021, 9, 1).date()),
        superseded_at=_at(datetime(2024, 6, 14).date()),
        change_log="Veilederen er gjennomgått og oppdatert etter forordningen om medisinsk "
                   "utstyr (MDR).",
    )
    v3 = _version(
        guide, "3.0", content.MU_V3_TEXT, vectors, status=S.PUBLISHED, decision_case=case,
        approved_on=datetime(2024, 6, 10).date(),
        approval_reference="Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24",
        published_at=_at(datetime(2024, 6, 14).date()),
        change_log="Strukturendringer i hele veilederen.\n"
                   "Nytt kapittel og bruksscenario om teknologi i hjemmet; skillet mellom "
                   "medisinsk utstyr og velferdsteknologi er fjernet.\n"
                   "Kommunenes ansvar og forhold til medisinsk utstyr er tydeliggjort.\n"
                   "Nye risikoscenarioer 4 og 5.",
    )
    if v2.pk and v3.pk:
        _published(guide, v3)
    return guide


def load_fact_sheet_59(body, topics, vectors):
    data = content.FA59
    sheet = _document(body, Document.Kind.FACT_SHEET, {"number": 59, "suffix": ""}, data,
                      topics)
    v1 = _version(
        sheet, "1.0", content.FA59_TEXT, vectors, status=S.WITHDRAWN,
        decision_case=_case(body, 16),
        change_log="Første versjon, utviklet med en representativ arbeidsgruppe fra sektoren.",
    )
    sent = _at(datetime(2024, 4, 12).date())
    consultation, _ = upsert(Consultation, {"version": v1, "sent_at": sent}, {
        "deadline": datetime(2024, 5, 3).date(),
        "closed_at": _at(datetime(2024, 5, 6).date()),
        "message": "<p>Vi ber særlig om innspill på om eksemplene fra sektoren er treffende, "
                   "og om tiltakene er gjennomførbare for mindre virksomheter.</p>",
    })
    invited = ["Helse Sør-Øst RHF", "Helse Nord RHF", "Den norske legeforening", "IKT-Norge",
               "KS"]
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=invited)}
    if set(consultation.organisations.all()) != set(organisations.values()):
        consultation.organisations.set(organisations.values())
    responses = [
        ("Helse Sør-Øst RHF", "<p>Godt og grundig arbeid. Vi foreslår å knytte faktaarket "
                              "tydeligere til prinsippet om riktighet i personvernforordningen "
                              "artikkel 5, og å være konsekvent i bruken av begrepene.</p>"),
        ("Den norske legeforening", "<p>Vi støtter faktaarket. Integritet har manglet i Normen, "
                                    "og eksemplene kjenner vi igjen fra klinikken.</p>"),
        ("IKT-Norge", "<p>Bra fagprosa som egner seg i opplæring. For små og mellomstore "
                      "virksomheter er dokumentet for omfattende; et kort sammendrag først "
                      "ville hjelpe.</p>"),
    ]
    for org_name, text in responses:
        if org_name in organisations:
            upsert(ConsultationResponse,
                   {"consultation": consultation, "organisation": organisations[org_name]},
                   {"text": text})
    _version(
        sheet, "1.1", content.FA59_V11_SUMMARY_HTML + content.FA59_TEXT, vectors,
        status=S.DRAFT,
        change_log="Revidert etter behandlingen i sak 14/24: sammendrag først i dokumentet, "
                   "kobling til personvernforordningen artikkel 5 og strammere avgrensning av "
                   "integritetsbegrepet. Innholdet er beholdt.",
    )
    return sheet


def load_fact_sheets(body, topics, vectors):
    sheets = []
    for number, title, topic_slugs, number_v, approved, published, html in (
        content.FACT_SHEETS
    ):
        data = {"title": title, "slug": f"faktaark-{number}", "topics": topic_slugs,
                "audience": "Alle virksomheter som har sluttet seg til Normen",
                "summary": _summary(html)}
        sheet = _document(body, Document.Kind.FACT_SHEET, {"number": number, "suffix": ""},
                          data, topics)
        version = _version(
            sheet, number_v, html, vectors, status=S.PUBLISHED, approved_on=approved,
            approval_reference="Godkjent av Styringsgruppen for Normen "
                               + approved.strftime("%d.%m.%Y"),
            published_at=_at(published),
        )
        _published(sheet, version)
        sheets.append(sheet)
    return sheets


def _summary(html):
    """The fact sheet's first paragraph, as plain text, is its summary."""
    text = clean_document_html(html).plain.splitlines()
    return text[1] if len(text) > 1 else ""


@transaction.atomic
def load():
    body = Body.objects.filter(slug="normen").first()
    if body is None:
        return {}
    topics = {}
    for name, slug in content.TOPICS:
        topic, _ = upsert(Topic, {"slug": slug}, {"name": name})
        topics[slug] = topic
    vectors = []
    documents = [
        load_supplier_guide(body, topics, vectors),
        load_mu_guide(body, topics, vectors),
        load_fact_sheet_59(body, topics, vectors),
        *load_fact_sheets(body, topics, vectors),
    ]
    refresh_vector(vectors)
    return {"documents": documents}
