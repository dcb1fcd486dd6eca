"""Login invitations: a person with an e-mail address and no login gets an account and an
e-mail with a link to choose a password.

The account is allauth's: a user with an unusable password, linked to the person, whose
address is their primary, verified ``EmailAddress`` (they log in with it, and allauth's
security notices go to it). The link in the e-mail is allauth's password-reset link
(``default_token_generator``), made by the task that sends the e-mail, so the key never
waits in the broker or the outbox; it stops working once the password is chosen. The e-mail
says which body and role, and, if the role requires it (``two_factor_required``: the
secretariat), that two-factor authentication is set up at the first login.

An invitation can be sent again until the person has chosen a password; each one is an
event (``EventKind.INVITATION_SENT``) shown on the person's page.
"""

import logging
import smtplib

from allauth.account.models import EmailAddress
from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from events.services import event_record
from governance.models import Person, Representation
from governance.permissions import can_edit_body, forget_roles
from governance.services.common import save
from normen_portal import outbox
from normen_portal.access import require

logger = logging.getLogger(__name__)


def invitation_state(person):
    """Why a person can or cannot be invited: ``"no_email"``, ``"has_account"`` (a login
    with a password of its own) or ``"can_invite"`` (no login yet, or an invited one whose
    password is not chosen yet)."""
    if not person.email:
        return "no_email"
    user = person.user
    if user is not None and user.has_usable_password():
        return "has_account"
    return "can_invite"


def last_invitation(person):
    """The latest invitation event for ``person``, or None."""
    return (Event.objects.about(person).filter(kind=EventKind.INVITATION_SENT)
            .select_related("actor", "actor__person").order_by("-at", "-pk").first())


def _username_for(email):
    User = get_user_model()
    base = email.lower()[:140]
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _account_for(person, actor):
    """The person's login, made now if they have none."""
    if person.user_id is not None:
        return person.user, False
    User = get_user_model()
    other = User.objects.filter(email__iexact=person.email).first() or \
        EmailAddress.objects.filter(email__iexact=person.email).select_related("user").first()
    if other is not None:
        raise ValidationError({"email": _(
            "En annen brukerkonto har e-postadressen %(email)s. Be driftsansvarlig koble "
            "kontoen til personen i administrasjonen.") % {"email": person.email}})
    user = User(username=_username_for(person.email), email=person.email.lower())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True})
    person.user = user
    save(person, actor, _("Brukerkonto laget ved invitasjon"))
    return user, True


@transaction.atomic
def invite(person, body, *, actor):
    """Make ``person`` a login (if they have none) and have the invitation e-mailed, from
    ``body``'s pages. Returns the event."""
    require(can_edit_body(actor, body))
    require(person.representations.filter(body=body).exists())
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    state = invitation_state(person)
    if state == "no_email":
        raise ValidationError({"email": _(
            "%(person)s har ingen e-postadresse. Legg inn adressen først.") % {
            "person": person.name}})
    if state == "has_account":
        raise ValidationError({"email": _(
            "%(person)s har allerede valgt passord og kan logge inn.") % {"person": person.name}})
    user, created = _account_for(person, actor)
    event = event_record(
        EventKind.INVITATION_SENT, person, body=body, actor=actor,
        summary=_("Invitasjon til innlogging sendt til %(person)s (%(email)s)") % {
            "person": person.name, "email": person.email},
        user=user.pk, email=person.email, account_created=created)
    outbox.enqueue(send_invitation, event.pk)
    return event


def _roles_text(person, body):
    today = timezone.localdate()
    reps = (person.representations.filter(body=body).exclude(end_date__lt=today)
            .select_related("organisation").order_by("role", "organisation__name"))
    texts = []
    for rep in reps:
        role = rep.get_role_display().lower()
        if rep.organisation_id:
            texts.append(_("%(role)s for %(org)s") % {"role": role, "org": rep.organisation.name})
        else:
            texts.append(role)
    return texts


def build_invitation(event):
    """The invitation e-mail of one INVITATION_SENT event, with a fresh link."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    from normen_portal.accounts import two_factor_required

    person = Person.objects.select_related("user").get(pk=event.subject_id)
    user, body = person.user, event.body
    forget_roles(user)
    path = reverse("account_reset_password_from_key", kwargs={
        "uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    secretariat = person.representations.filter(
        body=body, role=Representation.Role.SECRETARIAT).exists()
    context = {
        "person": person, "body": body, "username": user.username, "email": person.email,
        "roles": _roles_text(person, body),
        "link": settings.SITE_URL.rstrip("/") + path,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "two_factor": two_factor_required(user) or secretariat,
        "sender": event.actor.person.name if event.actor_id and hasattr(event.actor, "person")
        else "",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject, body=render_to_string("emails/invitation.txt", context),
            to=[person.email], reply_to=[body.email] if body.email else None)
        message.attach_alternative(render_to_string("emails/invitation.html", context),
                                   "text/html")
    return message


@shared_task(name="governance.send_invitation", ignore_result=True, base=outbox.OutboxTask,
             autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
             retry_backoff=30, retry_backoff_max=600, max_retries=8)
def send_invitation(event_id):
    """Write and send the invitation of one event. Nothing is sent once the person has chosen
    a password (an invitation delivered late, or twice)."""
    event = Event.objects.select_related("body", "actor").filter(
        pk=event_id, kind=EventKind.INVITATION_SENT).first()
    if event is None:
        return False
    person = Person.objects.select_related("user").filter(pk=event.subject_id).first()
    if person is None or person.user is None or person.user.has_usable_password() \
            or not person.email:
        return False
    build_invitation(event).send()
    logger.info("invitation event #%s sent to person #%s", event.pk, person.pk)
    return True
