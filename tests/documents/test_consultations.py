"""Consultation (høring): sent to chosen organisations with a deadline, answered in the portal
by their representatives, all responses together for the secretariat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from documents.models import ConsultationResponse, DocumentVersion, VersionStatus
from documents.services import consultations as services
from governance.models import Organisation
from normen_portal.concurrency import EditConflict
from tests.factories import person_with_user

S = VersionStatus


@pytest.fixture
def helse_nord(users):
    return Organisation.objects.get(name="Helse Nord RHF")


@pytest.fixture
def consultation(draft, users, helse_nord, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.consultation_send(
            draft, actor=users["secretariat"], organisations=[helse_nord],
            deadline=timezone.localdate() + timedelta(days=14),
            message="<p>Vi ber særlig om innspill på eksemplene.</p>")


def test_sending_on_consultation_mails_the_invited_organisations_representatives(
        consultation, draft, users):
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.CONSULTATION
    recipients = sorted(m.to[0] for m in mail.outbox)
    # Helse Nord's member and deputy; not the observer's organisation, not the secretariat.
    assert recipients == ["medlem@example.no", "vara@example.no"]
    message = mail.outbox[0]
    assert message.subject.startswith("Høring: Faktaark 59: Integritet")
    assert "frist " + consultation.deadline.strftime("%d.%m.%Y") in message.subject
    assert f"/dokumenter/horinger/{consultation.pk}/" in message.body
    assert "Vi ber særlig om innspill på eksemplene." in message.body


def test_deadline_must_be_in_the_future(client, users, draft, helse_nord):
    client.force_login(users["secretariat"])

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/horing/", {
        "organisations": [helse_nord.pk],
        "deadline": timezone.localdate().isoformat(), "message": "Hei"})

    assert response.status_code == 400
    assert "Høringsfristen må være etter i dag." in response.content.decode()
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.DRAFT


def test_representative_answers_for_their_organisation(client, users, consultation):
    client.force_login(users["member"])
    url = f"/dokumenter/horinger/{consultation.pk}/"
    page = client.get(url).content.decode()
    assert "Gi innspill" in page and "Kopier av informasjon" in page  # the text on consultation

    response = client.post(url, {"text": "<p>Godt arbeid. For omfattende for små "
                                         "virksomheter.</p>", "expected_version": ""})

    assert response.status_code == 302
    answer = ConsultationResponse.objects.get(consultation=consultation)
    assert answer.organisation.name == "Helse Nord RHF" and not answer.on_behalf
    assert "For omfattende" in client.get(url).content.decode()


def test_colleague_editing_the_same_response_gets_a_conflict_not_an_overwrite(
        client, users, consultation):
    client.force_login(users["member"])
    url = f"/dokumenter/horinger/{consultation.pk}/"
    client.post(url, {"text": "Første utkast.", "expected_version": ""})
    stale = ConsultationResponse.objects.get().version
    client.post(url, {"text": "Martin sin endring.", "expected_version": stale})

    client.force_login(users["deputy"])
    response = client.post(url, {"text": "Vera sin tekst.", "expected_version": stale})

    html = response.content.decode()
    assert str(EditConflict.default_message) in html
    assert "Martin sin endring." in html and "Vera sin tekst." in html
    assert ConsultationResponse.objects.get().text == "Martin sin endring."


def test_others_cannot_answer(client, users, consultation):
    for who in ("observer", "other_body_member", "no_seat"):
        client.force_login(users[who])
        response = client.post(f"/dokumenter/horinger/{consultation.pk}/",
                               {"text": "Innspill", "expected_version": ""})
        assert response.status_code in {403, 200}
    assert not ConsultationResponse.objects.exists()


def test_answers_close_with_the_deadline(client, users, consultation):
    consultation.deadline = timezone.localdate() - timedelta(days=1)
    consultation.save()
    client.force_login(users["member"])

    response = client.post(f"/dokumenter/horinger/{consultation.pk}/",
                           {"text": "For sent", "expected_version": ""})

    assert "Høringen er avsluttet" in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_secretariat_sees_all_responses_together_and_who_has_not_answered(
        client, users, consultation, body):
    ikt = Organisation.objects.get(name="IKT-Norge")
    consultation.organisations.add(ikt)
    person_with_user("leverandor", body=body, organisation=ikt, name="Lise Leverandør")
    services.consultation_respond(consultation, actor=users["member"],
                                  organisation=Organisation.objects.get(name="Helse Nord RHF"),
                                  text="Det mangler en rød tråd.")
    client.force_login(users["secretariat"])

    html = client.get(f"/dokumenter/horinger/{consultation.pk}/").content.decode()

    assert "Alle svar (1 av 2)" in html
    assert "Det mangler en rød tråd." in html
    assert "Har ikke svart" in html and "IKT-Norge" in html


def test_secretariat_enters_a_response_that_came_by_email(client, users, consultation):
    ikt = Organisation.objects.get(name="IKT-Norge")
    consultation.organisations.add(ikt)
    client.force_login(users["secretariat"])

    client.post(f"/dokumenter/horinger/{consultation.pk}/",
                {"organisation": ikt.pk, "text": "Sendt på e-post.", "expected_version": ""})

    answer = ConsultationResponse.objects.get(organisation=ikt)
    assert answer.on_behalf and answer.submitted_by == users["secretariat"]


def test_ending_the_consultation_returns_the_version_to_draft(client, users, consultation,
                                                              draft):
    client.force_login(users["secretariat"])

    client.post(f"/dokumenter/horinger/{consultation.pk}/avslutt/")

    consultation.refresh_from_db()
    assert consultation.closed_at is not None and not consultation.is_open
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.DRAFT


def test_invitations_go_once_each_through_a_failing_server_and_a_refusal_is_kept(
        draft, users, helse_nord, settings, django_capture_on_commit_callbacks):
    """Through a real SMTP server (tests/smtp.py) that answers 451 once and refuses one
    address: the other gets one invitation, the refused one is kept with the reason."""
    from normen_portal import deliveries
    from normen_portal.models import Delivery
    from tests.smtp import SmtpServer

    with SmtpServer() as smtp:
        smtp.use(settings)
        settings.DELIVERY_RETRY_SECONDS = 0
        smtp.fail_after(0, code=451)
        smtp.refuse("vara@example.no", 550, "5.1.1 Ukjent mottaker")
        with django_capture_on_commit_callbacks(execute=True):
            consultation = services.consultation_send(
                draft, actor=users["secretariat"], organisations=[helse_nord],
                deadline=timezone.localdate() + timedelta(days=14))
        assert smtp.count_by_address() == {"medlem@example.no": 1}
    rows = deliveries.for_message(consultation)
    assert rows.get(address="medlem@example.no").status == Delivery.Status.SENT
    refused = rows.get(address="vara@example.no")
    assert refused.status == Delivery.Status.FAILED and "Ukjent mottaker" in refused.last_error
