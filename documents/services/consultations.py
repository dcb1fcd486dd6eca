"""Consultations (høring): sending a version to chosen organisations, and their responses."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from documents.models import Consultation, ConsultationResponse, VersionStatus
from documents.services.versions import _check_actor, _locked, version_transition
from governance.models import Representation
from governance.permissions.documents import (
    can_answer_consultation,
    organisations_user_answers_for,
)
from normen_portal import deliveries, outbox
from normen_portal.access import require
from normen_portal.concurrency import EditConflict, check_unchanged
from normen_portal.models import Delivery
from normen_portal.richtext import sanitize


def recipients(consultation):
    """E-mail addresses of the people who hold a seat for an invited organisation."""
    reps = (
        Representation.objects.seated()
        .filter(body_id=consultation.version.document.body_id,
                organisation__in=consultation.organisations.all())
        .exclude(role=Representation.Role.SECRETARIAT)
        .select_related("person__user")
    )
    addresses = set()
    for rep in reps:
        email = rep.person.email or (rep.person.user.email if rep.person.user_id else "")
        if email:
            addresses.add(email)
    return sorted(addresses)


def invitation_builder(consultation):
    """``build(delivery)``: the invitation to answer ``consultation``, to one address."""
    version = consultation.version
    context = {
        "consultation": consultation, "version": version, "document": version.document,
        "deadline": formats.date_format(consultation.deadline, "d.m.Y"),
        "url": settings.SITE_URL.rstrip("/") + consultation.get_absolute_url(),
    }
    subject = _("Høring: %(document)s v%(number)s – frist %(deadline)s") % {
        "document": version.document.display_title, "number": version.number,
        "deadline": context["deadline"]}
    body = render_to_string("documents/emails/consultation_invitation.txt", context)
    sender = version.document.body.email or settings.DEFAULT_FROM_EMAIL

    def build(delivery):
        # One message per person: recipients do not see each other's addresses.
        return EmailMessage(subject=subject, body=body, from_email=sender,
                            to=[delivery.address])

    return build


@transaction.atomic
def consultation_send(version, *, actor, organisations, deadline, message=""):
    version = _locked(version)
    _check_actor(actor, version)
    errors = {}
    if not organisations:
        errors["organisations"] = _("Velg minst én høringsinstans.")
    if deadline is None or deadline <= timezone.localdate():
        errors["deadline"] = _("Høringsfristen må være etter i dag.")
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        version=version, deadline=deadline, message=sanitize(message, "basic"), sent_by=actor,
    )
    consultation.organisations.set(organisations)
    version_transition(version, VersionStatus.CONSULTATION,
                       reason=_("Sendt på høring med frist %(date)s")
                       % {"date": formats.date_format(deadline, "d.m.Y")})
    # One delivery per address and the job that sends them, in this transaction.
    from documents.tasks import send_consultation_invitations

    deliveries.create(consultation, Delivery.Kind.CONSULTATION,
                      [deliveries.Address(address) for address in recipients(consultation)])
    outbox.enqueue(send_consultation_invitations, consultation.pk)
    return consultation


@transaction.atomic
def consultation_end(consultation, *, actor):
    """End the consultation; the version goes back to drafting so the responses can be
    worked in."""
    version = _locked(consultation.version)
    _check_actor(actor, version)
    if version.status == VersionStatus.CONSULTATION:
        version_transition(version, VersionStatus.DRAFT, reason=_("Høringen er avsluttet"))
    Consultation.objects.filter(pk=consultation.pk, closed_at__isnull=True).update(
        closed_at=timezone.now())
    consultation.refresh_from_db()
    return consultation


@transaction.atomic
def consultation_respond(consultation, *, actor, organisation, text, expected_version=None):
    """Save ``organisation``'s response. ``expected_version`` is the response's version the
    person started from (None when they started a new one): a mismatch is an EditConflict."""
    consultation = Consultation.objects.select_for_update().select_related(
        "version__document").get(pk=consultation.pk)
    require(can_answer_consultation(actor, consultation, organisation),
            _("Du kan ikke gi innspill på vegne av denne virksomheten, eller høringen er "
              "avsluttet."))
    clean = sanitize(text, "basic")
    if not clean.strip():
        raise ValidationError({"text": _("Skriv innspillet før du sender det.")})
    on_behalf = organisation.pk not in _own_organisations(actor, consultation)
    response = ConsultationResponse.objects.select_for_update().filter(
        consultation=consultation, organisation=organisation).first()
    if response is None:
        if expected_version is not None:
            raise EditConflict()  # the form was loaded at a response that is not there now
        try:
            with transaction.atomic():
                return ConsultationResponse.objects.create(
                    consultation=consultation, organisation=organisation, text=clean,
                    submitted_by=actor, on_behalf=on_behalf)
        except IntegrityError as exc:  # a colleague's first response won the race
            raise EditConflict() from exc
    check_unchanged(response, expected_version, required=True)
    response.text = clean
    response.submitted_by = actor
    response.on_behalf = on_behalf
    response.version += 1
    response.full_clean()
    response.save()
    return response


def _own_organisations(actor, consultation):
    return set(organisations_user_answers_for(actor, consultation))
