"""Login invitations (issue 13): «Send invitasjon» on a person's page makes an allauth account
(unusable password, verified primary address) linked to the person and e-mails a link to
choose a password; the link works once, the person logs in, and the secretariat is told,
and then made, to set up two-factor authentication. Shown on the person's page, sent again
until the password is chosen, not offered without an e-mail address. Through HTTP."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import Event, EventKind
from governance.models import Organisation, Representation
from tests.factories import PersonFactory, RepresentationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Et-nytt-langt-passord-2026"


def person_url(body, person):
    return reverse("governance:person_edit", args=[body.slug, person.pk])


def invite_url(body, person):
    return reverse("governance:person_invite", args=[body.slug, person.pk])


@pytest.fixture
def kari(body, users):
    person = PersonFactory(name="Kari Fjord", email="kari@eksempel.no")
    RepresentationFactory(person=person, body=body,
                          organisation=Organisation.objects.get(name="Helse Nord RHF"))
    return person


@pytest.fixture
def sigrid(body, users):
    person = PersonFactory(name="Sigrid Sekretær", email="sigrid@eksempel.no")
    RepresentationFactory(person=person, body=body, organisation=None,
                          role=Representation.Role.SECRETARIAT)
    return person


def send(client, body, person, capture):
    with capture(execute=True):
        return client.post(invite_url(body, person))


def link_in(message):
    return re.search(r"http://[^\s]+/konto/password/reset/key/[^\s]+/", message.body).group(0)


def test_the_person_page_offers_the_invitation(sec_client, body, kari):
    page = sec_client.get(person_url(body, kari)).content.decode()
    assert "Send invitasjon" in page
    assert f'action="{invite_url(body, kari)}"' in page
    assert "kari@eksempel.no med en lenke for å velge passord" in page


def test_sending_makes_the_account_and_the_email(sec_client, body, kari, users,
                                                 django_capture_on_commit_callbacks):
    response = send(sec_client, body, kari, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    kari.refresh_from_db()
    user = kari.user
    assert user is not None and not user.has_usable_password()
    assert user.email == "kari@eksempel.no"
    assert EmailAddress.objects.filter(user=user, email="kari@eksempel.no", verified=True,
                                       primary=True).exists()
    [message] = mail.outbox
    assert message.to == ["kari@eksempel.no"]
    assert "Styringsgruppen for Normen" in message.subject
    assert "Du er registrert i Styringsgruppen for Normen" in message.body
    assert "representant for Helse Nord RHF" in message.body
    assert "tofaktorautentisering" not in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    assert "Velg passord" in message.alternatives[0][0]
    event = Event.objects.get(kind=EventKind.INVITATION_SENT)
    assert (event.body, event.actor, event.subject) == (body, users["secretariat"], kari)
    page = sec_client.get(person_url(body, kari)).content.decode()
    assert re.search(r"Invitasjon sendt \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d\s+av Sara Sekretær",
                     page), page
    assert "Send invitasjonen på nytt" in page
    assert "Passordet er ikke valgt ennå." in page


def test_the_link_sets_a_password_and_the_person_logs_in(sec_client, body, kari,
                                                         django_capture_on_commit_callbacks):
    send(sec_client, body, kari, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client = Client()  # the invited person's own browser
    response = client.get(link)
    assert response.status_code == 302  # allauth keeps the key in the session
    form_url = response["Location"]
    assert "Velg nytt passord" in client.get(form_url).content.decode()
    response = client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.user.has_usable_password() and kari.user.check_password(PASSWORD)
    # The link works once.
    assert "Lenken virker ikke" in client.get(link, follow=True).content.decode()
    client.logout()
    response = client.post(reverse("login"), {"login": "kari@eksempel.no",
                                              "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200
    # Now the person has an account: no invitation is offered any more.
    page = sec_client.get(person_url(body, kari)).content.decode()
    assert "Personen har brukerkonto og kan logge inn" in page
    assert "Send invitasjon" not in page
    response = sec_client.post(invite_url(body, kari), follow=True)
    assert "har allerede valgt passord" in response.content.decode()


def test_the_secretariat_is_told_to_set_up_two_factor(sec_client, body, sigrid,
                                                      django_capture_on_commit_callbacks):
    send(sec_client, body, sigrid, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "Rollen din krever tofaktorautentisering" in message.body
    assert "tofaktorautentisering" in message.alternatives[0][0]
    client = Client()
    response = client.get(link_in(message))
    client.post(response["Location"], {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = client.post(reverse("login"), {"login": "sigrid@eksempel.no",
                                              "password": PASSWORD})
    assert response.status_code == 302
    # Every page sends her to set up the authenticator app first.
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert "/konto/2fa/" in response["Location"]


def test_it_can_be_sent_again(sec_client, body, kari, django_capture_on_commit_callbacks):
    send(sec_client, body, kari, django_capture_on_commit_callbacks)
    send(sec_client, body, kari, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert Event.objects.filter(kind=EventKind.INVITATION_SENT).count() == 2
    kari.refresh_from_db()
    assert Representation.objects.filter(person=kari).count() == 1
    # The second link works too.
    assert link_in(mail.outbox[1])


def test_no_invitation_without_an_address(sec_client, body, users,
                                          django_capture_on_commit_callbacks):
    uten = PersonFactory(name="Uten Epost", email="")
    RepresentationFactory(person=uten, body=body,
                          organisation=Organisation.objects.get(name="IKT-Norge"))
    page = sec_client.get(person_url(body, uten)).content.decode()
    assert "Personen har ingen e-postadresse, så det kan ikke sendes en invitasjon" in page
    assert invite_url(body, uten) not in page
    response = send(sec_client, body, uten, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not mail.outbox
    uten.refresh_from_db()
    assert uten.user is None


@pytest.mark.parametrize("who, status", [
    ("anonymous", 302), ("member", 403), ("observer", 403), ("other_body_member", 403),
])
def test_only_the_bodys_secretariat_invites(client, body, users, kari, who, status):
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(invite_url(body, kari))
    assert response.status_code == status
    kari.refresh_from_db()
    assert kari.user is None and not mail.outbox


def test_the_other_bodys_secretariat_cannot_invite_here(client, body, kari,
                                                        other_secretariat):
    client.force_login(other_secretariat)
    assert client.post(invite_url(body, kari)).status_code == 403
    kari.refresh_from_db()
    assert kari.user is None
