"""Demo data for the members' review: comments on the upcoming meeting's cases, in the words
of the 10.06.2024 minutes, and a circulation open for answers. Idempotent: a second run saves
nothing. Runs after ``meetings.demo.load.load`` (it needs the demo users and the upcoming
meeting)."""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from governance.models import Body, Person
from meetings.demo.load import upsert
from meetings.models import AgendaItem, Meeting
from reviews.models import Circulation, Comment
from reviews.services.comments import comment_html, organisation_for

COMMENTS = [
    # (person, case title starts with, context, text, quote, visibility)
    ("Martin Medlem", "Handlingsplan", Comment.Context.CASE,
     "Helse Nord ønsker at oppdatering av eldre faktaark prioriteres i handlingsplanen.\n\n"
     "- Faktaark om medisinsk utstyr\n- Faktaark om tilgangsstyring", "", "all_members"),
    ("Olivia Observatør", "Sekretariatet orienterer", Comment.Context.COVER_NOTE,
     "Viktig at det blir mulig å få dokumentene inn i Word – «fulldokumentet».",
     "Kurs og webinar", "all_members"),
    ("Martin Medlem", "Sekretariatet orienterer", Comment.Context.COVER_NOTE,
     "Husk å oppdatere e-postadressen som er lagt inn i veilederne.", "", "secretariat_only"),
]


def _comments(meeting):
    item_ct = ContentType.objects.get_for_model(AgendaItem)
    for name, title, context, text, quote, visibility in COMMENTS:
        person = Person.objects.filter(name=name).first()
        item = meeting.items.filter(title__startswith=title).first()
        if person is None or item is None:
            continue
        upsert(Comment, {"content_type": item_ct, "object_id": item.pk, "context": context,
                         "author": person, "source": text}, {
            "body": meeting.body, "meeting": meeting, "item": item, "quote": quote,
            "organisation": organisation_for(person, meeting.body_id),
            "visibility": visibility, "text": comment_html(text),
        })


def load(password=None):
    """``password`` is accepted (and unused) so ``load_demo`` can call every meetings loader
    the same way."""
    body = Body.objects.filter(slug="normen").first()
    if body is None:
        return
    meeting = (Meeting.objects.filter(body=body, status=Meeting.Status.PLANNED)
               .order_by("date").first())
    if meeting is not None:
        _comments(meeting)
    # Created once; after that the demo's circulation is the secretariat's to answer or close.
    if not Circulation.objects.filter(body=body).exists():
        secretariat = Person.objects.filter(name="Sara Sekretær").select_related("user").first()
        Circulation.objects.create(
            body=body, title="Oppnevning av arbeidsgruppe for Faktaark 59",
            proposed_decision="Styringsgruppen oppnevner en arbeidsgruppe med representanter "
                              "fra RHF-ene og KS som skal revidere Faktaark 59 før "
                              "Normkonferansen.",
            background=comment_html(
                "Styringsgruppen drøftet Faktaark 59 i møtet 10.06.2024 og ba om at "
                "dokumentet ses i sammenheng med porteføljen til Normen."),
            deadline=timezone.make_aware(datetime.combine(
                timezone.localdate() + timedelta(days=10), time(12, 0))),
            created_by=secretariat.user if secretariat else None,
        )
