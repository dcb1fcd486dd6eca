"""«Min side» (/start/) stays within the portal's budget of 15 queries (issue 8), and its count
does not grow with the data: the start page of a member with something in every section —
upcoming meetings with cases, attachments, comments and a declared conflict, a reopened
comment deadline, draft minutes out for review, open circulations with an answer given,
documents on consultation and their own action-plan proposals — costs the same number of
queries with one of each as with several of each.

tests/ops/test_query_counts.py measures the same page on the benchmark data, which has no
circulations, consultations, conflicts or proposals; this fills those sections in too."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplan.services.proposals import proposal_create, proposal_years
from documents.models import Consultation, Document, DocumentVersion, VersionStatus
from governance.models import Membership, Organisation, Representation
from governance.permissions.documents import organisations_user_answers_for
from governance.permissions.reviews import answerable_organisations
from meetings.models import AgendaItem, Attachment, CaseType, Meeting
from reviews.models import Circulation, Comment, CommentingPeriod, LastVisit
from reviews.selectors import member_overview
from reviews.services import circulation as circulation_services
from reviews.services import comments as comment_services

from .factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    RepresentationFactory,
    person_with_user,
)

BUDGET = 15


def _meeting(body, days, status, **fields):
    return MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=days),
                          status=status, **fields)


def _cases(meeting, count, start):
    return [AgendaItemFactory(meeting=meeting, number=start + n, year=meeting.date.year,
                              case_type=CaseType.DECISION, title=f"Sak om tilgangsstyring {n}")
            for n in range(count)]


def fill(users, body, n):
    """Every section of the start page, ``n`` times over (n ≥ 1)."""
    now = timezone.now()
    member, deputy, observer, secretariat = (users[k] for k in (
        "member", "deputy", "observer", "secretariat"))
    helse_nord = Organisation.objects.get(name="Helse Nord RHF")
    ikt = Organisation.objects.get(name="IKT-Norge")

    # Upcoming meetings: the next one with its notice sent, later ones only planned; one of
    # them has had commenting reopened by the secretariat.
    upcoming = [_meeting(body, 14 + 30 * m, Meeting.Status.NOTICE_SENT if m == 0
                         else Meeting.Status.PLANNED,
                         notice_sent_at=now - timedelta(days=1) if m == 0 else None,
                         comment_deadline=now + timedelta(days=7), place="Skøyen")
                for m in range(n + 1)]
    CommentingPeriod.objects.create(meeting=upcoming[-1], phase=CommentingPeriod.Phase.PAPERS,
                                    closes_at=now + timedelta(days=60))
    cases = []
    for m, meeting in enumerate(upcoming):
        AgendaItemFactory(meeting=meeting, kind=AgendaItem.Kind.BREAK, title="Lunsj")
        cases += _cases(meeting, 2 * n, 10 + 10 * m)
    for number, case in enumerate(cases, 1):
        Attachment.objects.create(meeting=case.meeting, item=case, label=str(number),
                                  title=f"Utkast {number}",
                                  file=SimpleUploadedFile(f"v{number}.pdf", b"%PDF-1.4\n%%EOF\n"))
    # The cases were written yesterday; the member looked at the next meeting three hours
    # ago and at its first case an hour ago; since then one case changed.
    AgendaItem.history.update(history_date=now - timedelta(days=1))
    meeting_ct = ContentType.objects.get_for_model(Meeting)
    item_ct = ContentType.objects.get_for_model(AgendaItem)
    LastVisit.objects.create(user=member, content_type=meeting_ct, object_id=upcoming[0].pk,
                             seen_at=now - timedelta(hours=3))
    LastVisit.objects.create(user=member, content_type=item_ct, object_id=cases[0].pk,
                             seen_at=now - timedelta(hours=1))
    # The member was last on the start page two days ago: that is what the meetings they
    # have not opened are marked against.
    LastVisit.objects.create(user=member,
                             content_type=ContentType.objects.get_for_model(member),
                             object_id=member.pk, seen_at=now - timedelta(days=2))
    Attachment.objects.update(uploaded_at=now - timedelta(days=1))
    changed = cases[1]
    changed.proposed_decision = "Styringsgruppen godkjenner saken med endringer."
    changed.save()

    # Comments from others, shared and for the secretariat only, the member's own, replies.
    for case in cases:
        for k in range(3 * n):
            comment_services.comment_create(actor=observer, target=case, context="case",
                                            source=f"Innspill {k} fra IKT-Norge.")
        comment_services.comment_create(
            actor=deputy, target=case, context="cover_note", source="Bare til sekretariatet.",
            visibility=Comment.Visibility.SECRETARIAT_ONLY)
        own = comment_services.comment_create(
            actor=member, target=case, context="cover_note", source="Mitt innspill.",
            visibility=Comment.Visibility.SECRETARIAT_ONLY)
        comment_services.comment_create(actor=secretariat, target=case, context="cover_note",
                                        source="Takk, vi ser på det.", parent=own)
    # Half the comments came before the member looked at the first case.
    earlier = Comment.objects.order_by("pk").values_list("pk", flat=True)[::2]
    Comment.objects.filter(pk__in=list(earlier)).update(created_at=now - timedelta(hours=2))
    for case in cases[:n]:
        comment_services.conflict_declare(actor=member, item=case, reason="Jeg har skrevet "
                                          "utkastet.")

    # Draft minutes out for review, one with a deadline set for comments on them.
    for m in range(n):
        in_review = _meeting(body, -20 - 30 * m, Meeting.Status.MINUTES_REVIEW,
                             minutes_sent_for_review_at=now - timedelta(days=2))
        _cases(in_review, 2, 50 + 10 * m)
    CommentingPeriod.objects.create(meeting=in_review, phase=CommentingPeriod.Phase.MINUTES,
                                    closes_at=now + timedelta(days=5))

    # Open circulations, the first one answered by Helse Nord; a closed one is not shown.
    circulations = [circulation_services.circulation_create(
        actor=secretariat, body=body, title=f"Publisering av Faktaark {60 + c}",
        proposed_decision="Styringsgruppen godkjenner publisering.",
        deadline=now + timedelta(days=3 + c)) for c in range(n + 1)]
    circulation_services.circulation_answer(actor=member, circulation=circulations[0],
                                            organisation=helse_nord, answer="agree")
    Circulation.objects.filter(pk=circulations[-1].pk).update(status=Circulation.Status.CLOSED)

    # Documents on consultation: to Helse Nord, to IKT-Norge, and one closed.
    for d in range(n + 2):
        document = Document.objects.create(
            body=body, kind=Document.Kind.FACT_SHEET, number=70 + d, slug=f"faktaark-{70 + d}",
            title=f"Tilgangsstyring del {d}")
        version = DocumentVersion.objects.create(
            document=document, number="1.0", major=1, minor=0,
            status=VersionStatus.CONSULTATION, text_html="<p>Utkast.</p>")
        consultation = Consultation.objects.create(
            version=version, deadline=timezone.localdate() + timedelta(days=10 + d),
            closed_at=now if d == n + 1 else None)
        consultation.organisations.add(ikt if d == n else helse_nord)

    for p in range(n + 1):
        proposal_create(body=body, year=proposal_years()[0], actor=member,
                        title=f"Opplæring i tilgangsstyring {p}",
                        description="Felles opplæringsmateriell for virksomhetene.")


def start_page(user):
    """The start page as ``user`` sees it, and the queries it took."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/start/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def counts(users, body, n):
    """{who: (queries on a first visit, queries on the next)} with ``fill(n)``, rolled back
    afterwards so that the next size starts from the same database."""
    found = {}
    with transaction.atomic():
        fill(users, body, n)
        # Warm the content type cache, as any earlier request of the process would have.
        ContentType.objects.get_for_models(get_user_model(), Meeting, AgendaItem)
        for who in ("member", "deputy", "observer", "secretariat"):
            first = start_page(users[who])[1]
            again = start_page(users[who])[1]  # a later visit updates the visit mark
            found[who] = (first, again)
        transaction.set_rollback(True)
    return found


@pytest.mark.django_db
def test_start_page_shows_every_section_for_a_member(users, body):
    fill(users, body, 2)
    html, _ = start_page(users["member"])
    for text in ("Kommende møter", "Vedlegg 1: Utkast 1", "Du er inhabil", "Endret",
                 "Sekretariatet har åpnet for innspill", "Referater på høring",
                 "Kommenter referatet sak for sak", "Publisering av Faktaark 60",
                 "Helse Nord har svart enig (Martin Medlem).", "Publisering av Faktaark 61",
                 "På høring til din virksomhet", "Tilgangsstyring del 0",
                 "Tilgangsstyring del 1", "Opplæring i tilgangsstyring 2"):
        assert text in html, text
    assert "Publisering av Faktaark 62" not in html  # closed
    assert "Tilgangsstyring del 2" not in html  # sent to IKT-Norge only
    assert "Tilgangsstyring del 3" not in html  # closed
    # Per case 6 comments from IKT-Norge, the member's own and the secretariat's reply to it
    # (the deputy's note to the secretariat is not the member's to read); new are those by
    # others after the member's last look: half of them for the case opened an hour ago.
    assert html.count("(8 innspill, 7 nye)") == 11 and html.count("(8 innspill, 3 nye)") == 1


@pytest.mark.django_db
def test_start_page_is_within_the_budget_and_flat_in_data_size(users, body):
    small = counts(users, body, 1)
    large = counts(users, body, 3)
    report = f"one of each: {small}; three of each: {large}"
    assert all(max(c) <= BUDGET for c in large.values()), f"over {BUDGET} queries: {report}"
    assert large == small, f"queries grow with the data: {report}"


@pytest.mark.django_db
def test_circulations_and_consultations_follow_the_permission_rules(users, body, other_body):
    """The overview asks the database who answers which circulation and consultation, in one
    query each; the answers must be those of the rules the other pages use, row by row:
    ``answerable_organisations``, and ``Consultation.is_open`` with
    ``organisations_user_answers_for``."""
    fill(users, body, 2)
    helse_nord = Organisation.objects.get(name="Helse Nord RHF")
    Membership.objects.filter(body=body, organisation=helse_nord).update(sort_order=5)
    # Someone sitting for two member organisations, the other one first in the register.
    oslo = OrganisationFactory(name="Oslo kommune", short_name="Oslo")
    both = person_with_user("begge", body=body, organisation=oslo, name="Bente Begge")
    Membership.objects.filter(body=body, organisation=oslo).update(sort_order=1)
    RepresentationFactory(person=both.person, body=body, organisation=helse_nord,
                          role=Representation.Role.CHAIR)
    first = Circulation.objects.filter(status=Circulation.Status.OPEN).order_by("deadline")[0]
    circulation_services.circulation_answer(actor=both, circulation=first, organisation=oslo,
                                            answer="disagree")
    # Someone whose seat for Helse Nord ended yesterday, now in the body for an observer,
    # answers nothing any more.
    former = person_with_user("tidligere", body=body, organisation=helse_nord)
    Representation.objects.filter(person__user=former).update(
        end_date=timezone.localdate() - timedelta(days=1))
    RepresentationFactory(person=former.person, body=body,
                          organisation=Organisation.objects.get(name="IKT-Norge"))
    # A circulation and a consultation of the other body, to Helse Nord and Alta.
    alta = Organisation.objects.get(name="Alta kommune")
    circulation_services.circulation_create(
        actor=person_with_user("sekretariat2", body=other_body,
                               role=Representation.Role.SECRETARIAT),
        body=other_body, title="Felles tjenestekatalog",
        proposed_decision="Tjenestekatalogen tas i bruk.", deadline=timezone.now()
        + timedelta(days=2))
    document = Document.objects.create(body=other_body, kind=Document.Kind.FACT_SHEET,
                                       number=90, slug="faktaark-90", title="Logging")
    version = DocumentVersion.objects.create(document=document, number="1.0", major=1, minor=0,
                                             status=VersionStatus.CONSULTATION,
                                             text_html="<p>Utkast.</p>")
    consultation = Consultation.objects.create(version=version,
                                               deadline=timezone.localdate())
    consultation.organisations.add(helse_nord, alta)

    people = [u for u in users.values() if u is not None] + [both, former]
    for user in people:
        overview = member_overview(user)
        for view in overview.circulations:
            mine = answerable_organisations(user, view.circulation)
            given = {a.organisation_id: a for a in view.circulation.answers.all()}
            assert view.my_answers == [given[o.pk] for o in mine if o.pk in given], user
            assert view.can_answer == any(o.pk not in given for o in mine), user
        answers = [c for c in Consultation.objects.order_by("pk")
                   if c.is_open and organisations_user_answers_for(user, c)]
        assert sorted(overview.consultations, key=lambda c: c.pk) == answers, user

    by_both = {v.circulation.pk: v for v in member_overview(both).circulations}
    assert [a.organisation for a in by_both[first.pk].my_answers] == [oslo, helse_nord]
    assert not by_both[first.pk].can_answer
    assert all(v.can_answer for pk, v in by_both.items() if pk != first.pk)
    assert [c.pk for c in member_overview(users["other_body_member"]).consultations] == [
        consultation.pk]
    assert member_overview(former).circulations and not any(
        v.can_answer for v in member_overview(former).circulations)
