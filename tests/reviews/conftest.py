"""A meeting to prepare, shaped like the seeds: notice sent, comment deadline ahead, the fact
sheet case with its cover note and attachment; and a second member organisation."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.models import Representation
from meetings.models import AgendaItem, Attachment, CaseType, Meeting

from ..factories import AgendaItemFactory, MeetingFactory, OrganisationFactory, person_with_user

FA59_PURPOSE = (
    "<p>Faktaarket gir råd om informasjonssikkerhet ved bruk av medisinsk utstyr. "
    "Integritetsbegrepet brukes om at opplysninger ikke endres utilsiktet.</p>"
)


@pytest.fixture
def meeting(body):
    now = timezone.now()
    return MeetingFactory(
        body=body, date=timezone.localdate() + timedelta(days=14), place="Skøyen",
        status=Meeting.Status.NOTICE_SENT, notice_sent_at=now - timedelta(days=1),
        comment_deadline=now + timedelta(days=7),
    )


@pytest.fixture
def case(meeting):
    return AgendaItemFactory(
        meeting=meeting, number=16, year=meeting.date.year, case_type=CaseType.DECISION,
        title="Godkjenning av Faktaark 59 – medisinsk utstyr", from_unit="Sekretariatet",
        purpose=FA59_PURPOSE, background="<p>Utkastet ble drøftet i møtet 27.09.2023.</p>",
        proposed_decision="Styringsgruppen godkjenner Faktaark 59.",
    )


@pytest.fixture
def other_case(meeting):
    return AgendaItemFactory(
        meeting=meeting, number=17, year=meeting.date.year, case_type=CaseType.ORIENTATION,
        title="Sekretariatet orienterer", proposed_decision="Styringsgruppen tar "
        "orienteringen til etterretning.",
    )


@pytest.fixture
def attachment(meeting, case):
    return Attachment.objects.create(
        meeting=meeting, item=case, label="3", title="Faktaark 59 – utkast",
        file=SimpleUploadedFile("faktaark-59.pdf", b"%PDF-1.4\n%%EOF\n"),
    )


@pytest.fixture
def helse_vest(users, body):
    """A second member organisation, with a member and a deputy."""
    org = OrganisationFactory(name="Helse Vest RHF", short_name="Helse Vest")
    member = person_with_user("helsevest", body=body, organisation=org,
                              name="Lars Erik Baugstø-Hartvigsen")
    deputy = person_with_user("helsevestvara", body=body, organisation=org,
                              role=Representation.Role.DEPUTY, name="Hege Vara")
    return {"org": org, "member": member, "deputy": deputy}


def later_meeting(body, days=40, status=Meeting.Status.PLANNED):
    """A planned meeting with its standard cases, as the secretariat creates it."""
    from meetings.services.meetings import meeting_create

    return meeting_create(body=body, actor=None,
                          date=timezone.localdate() + timedelta(days=days),
                          start_time=timezone.datetime(2000, 1, 1, 10).time())


def first_case(meeting):
    return meeting.items.filter(kind=AgendaItem.Kind.CASE).first()


@pytest.fixture(autouse=True)
def _secretariat_has_two_factor(request):
    """The secretariat must use two-factor authentication (normen_portal.accounts); these tests
    log in with ``force_login``, so the secretariat gets an authenticator app on record."""
    if "users" not in request.fixturenames:
        return
    from allauth.mfa.models import Authenticator

    user = request.getfixturevalue("users")["secretariat"]
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": "test"}})
