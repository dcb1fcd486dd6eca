"""Telling people by e-mail, each the way they chose: at once, in a daily digest, or not.

Every notice is a ``Notification`` row first (the record of who was told what). Immediate ones
are handed to Celery after the transaction commits; daily ones wait for the digest task. The
secretariat hears of new comments in a daily digest unless they choose otherwise; members
hear of changed papers at once unless they choose otherwise (the notice and the minutes for
review are formal messages that go to everyone from their own services).

Also here: «new since your last visit» (``visit_record``), the in-portal side of the same
question.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Membership, Person, Representation
from normen_portal import deliveries, outbox
from normen_portal.models import Delivery
from reviews.models import (
    Circulation,
    Digest,
    LastVisit,
    Notification,
    NotificationPreference,
)

Frequency = NotificationPreference.Frequency

# The same notice to the same person within this window is one notice: saving an agenda in
# three steps should not send three e-mails.
DEDUPLICATE_WITHIN = timedelta(minutes=15)
# A visit this long after the previous one starts a new session for «new since last visit».
SESSION_GAP = timedelta(hours=1)


# -- preferences ----------------------------------------------------------------------------

def default_frequency(person, secretariat_ids=None):
    """The secretariat reads new comments in a daily digest; members and observers get
    papers at once."""
    if secretariat_ids is None:
        is_secretariat = Representation.objects.seated().filter(
            person=person, role=Representation.Role.SECRETARIAT).exists()
    else:
        is_secretariat = person.pk in secretariat_ids
    return Frequency.DAILY if is_secretariat else Frequency.IMMEDIATE


def preference_for(person):
    pref = NotificationPreference.objects.filter(person=person).first()
    return pref.frequency if pref else default_frequency(person)


@transaction.atomic
def preference_set(*, actor, frequency):
    """A person sets their own choice; nobody sets it for them."""
    from governance.permissions import person_for
    from normen_portal.access import require

    person = person_for(actor)
    require(person is not None)
    pref = NotificationPreference.objects.filter(person=person).first() or (
        NotificationPreference(person=person)
    )
    pref.frequency = frequency
    pref.full_clean()
    pref.save()
    return pref


# -- recipients -----------------------------------------------------------------------------

def _active_reps(body_id):
    return Representation.objects.seated().filter(body_id=body_id)


def seat_holders(body_id):
    """People with a seat for an organisation of the body: members, chairs and deputies of
    members and observers. (Who answers a circulation is its own rule:
    ``permissions_reviews.answerable_seats``.)"""
    memberships = Membership.objects.current().filter(body_id=body_id)
    person_ids = _active_reps(body_id).filter(
        organisation_id__in=memberships.values("organisation_id"),
        role__in=Representation.SEAT_ROLES,
    ).values("person_id")
    return Person.objects.filter(pk__in=person_ids)


def secretariat(body_id):
    return Person.objects.filter(
        pk__in=_active_reps(body_id).filter(role=Representation.Role.SECRETARIAT)
        .values("person_id")
    )


# -- queueing -------------------------------------------------------------------------------

def notify(persons, *, subject, text, url="", exclude=None, told_at_once=False):
    """Queue one notice for each person (with an e-mail address) by their preference.

    ``told_at_once``: a formal message (the notice, the minutes for review) has just gone to
    everyone, which is what «at once» asks for; only daily digests get the event."""
    people = [p for p in persons if p.email and (exclude is None or p.pk != exclude.pk)]
    if not people:
        return []
    prefs = dict(NotificationPreference.objects.filter(person__in=people)
                 .values_list("person_id", "frequency"))
    secretariat_ids = set(Representation.objects.seated().filter(
        person__in=people, role=Representation.Role.SECRETARIAT).values_list("person_id",
                                                                           flat=True))
    recent = set(Notification.objects.filter(
        person__in=people, subject=subject, url=url,
        created_at__gte=timezone.now() - DEDUPLICATE_WITHIN,
    ).values_list("person_id", flat=True))
    created = []
    for person in people:
        frequency = prefs.get(person.pk) or default_frequency(person, secretariat_ids)
        if frequency == Frequency.NONE or person.pk in recent:
            continue
        if told_at_once and frequency == Frequency.IMMEDIATE:
            continue
        created.append(Notification(
            person=person, subject=subject, text=text, url=url,
            delivery=Notification.Delivery.IMMEDIATE if frequency == Frequency.IMMEDIATE
            else Notification.Delivery.DAILY,
        ))
    created = Notification.objects.bulk_create(created)
    from reviews import tasks as tasks_reviews

    # Each immediate notice: its delivery and its job, in the caller's transaction.
    by_person = {p.pk: p for p in people}
    for notification in created:
        if notification.delivery == Notification.Delivery.IMMEDIATE:
            person = by_person[notification.person_id]
            deliveries.create(notification, Delivery.Kind.NOTIFICATION,
                              [deliveries.Address(person.email, person.name, person.pk)])
            outbox.enqueue(tasks_reviews.send_notification, notification.pk)
    return created


def absolute(url):
    if not url or url.startswith("http"):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _email(address, subject, body):
    return EmailMessage(subject=f"[Normen] {subject}", body=body, to=[address],
                        from_email=settings.DEFAULT_FROM_EMAIL)


def send_immediate(notification_id, task=None):
    """Send one queued notice through its delivery (``normen_portal.deliveries``); from the
    Celery ``task``, retried while the mail server refuses for now. Sent once, also when run
    twice. True if it went now."""
    notification = (Notification.objects.select_related("person")
                    .filter(pk=notification_id).first())
    if notification is None:
        return False
    if not deliveries.for_message(notification).exists():
        # Queued before deliveries existed.
        with transaction.atomic():
            deliveries.create(notification, Delivery.Kind.NOTIFICATION, [deliveries.Address(
                notification.person.email, notification.person.name, notification.person_id)])

    def build(delivery):
        body = render_to_string("reviews/emails/notification.txt", {
            "person": notification.person, "notification": notification,
            "url": absolute(notification.url),
            "preferences_url": absolute("/min-side/varsler/"),
        })
        return _email(delivery.address, notification.subject, body)

    outcome = deliveries.deliver(task, notification, build)
    if outcome.sent:
        Notification.objects.filter(pk=notification.pk, sent_at=None).update(
            sent_at=timezone.now())
    return bool(outcome.sent)


def send_daily_digests():
    """Gather each person's unsent daily notifications into a digest: per person one short
    transaction that claims the notifications (rows another run holds are skipped), writes the
    digest's delivery and its job. The e-mails go out afterwards, one task per digest
    (``send_digest``). Returns how many digests were made."""
    from reviews import tasks as tasks_reviews

    made = 0
    waiting = Notification.objects.filter(delivery=Notification.Delivery.DAILY,
                                          sent_at__isnull=True, digest__isnull=True)
    for person in Person.objects.filter(pk__in=waiting.values("person_id")):
        with transaction.atomic():
            items = list(waiting.filter(person=person).select_for_update(skip_locked=True)
                         .values_list("pk", flat=True))
            if not items:
                continue
            digest = Digest.objects.create(person=person)
            Notification.objects.filter(pk__in=items).update(digest=digest)
            deliveries.create(digest, Delivery.Kind.DIGEST,
                              [deliveries.Address(person.email, person.name, person.pk)])
            outbox.enqueue(tasks_reviews.send_digest, digest.pk)
            made += 1
    return made


def send_digest(digest_id, task=None):
    """Send one digest through its delivery; from the Celery ``task``, retried while the mail
    server refuses for now. Sent once, also when run twice. True if it went now."""
    digest = Digest.objects.select_related("person").filter(pk=digest_id).first()
    if digest is None:
        return False
    items = list(digest.notifications.order_by("created_at", "pk"))

    def build(delivery):
        body = render_to_string("reviews/emails/digest.txt", {
            "person": digest.person,
            "items": [{"n": n, "url": absolute(n.url)} for n in items],
            "preferences_url": absolute("/min-side/varsler/"),
        })
        return _email(delivery.address, _("Daglig oppsummering: %(count)s nye varsler") % {
            "count": len(items)}, body)

    outcome = deliveries.deliver(task, digest, build)
    if outcome.sent:
        now = timezone.now()
        Digest.objects.filter(pk=digest.pk, sent_at=None).update(sent_at=now)
        digest.notifications.filter(sent_at=None).update(sent_at=now)
    return bool(outcome.sent)


# -- what the portal tells about ------------------------------------------------------------

def papers_changed(meeting, what, *, detail=""):
    """``what``: "published" (the notice went out), "changed" (the agenda or its papers
    changed after that) or "minutes" (draft minutes sent for review). The notice and the
    minutes for review are e-mailed to everyone by their own services; here they only go into
    the daily digests."""
    from reviews.services.comments import format_when

    title = str(meeting.title)
    subjects = {
        "published": _("Sakspapirer publisert: %(title)s"),
        "changed": _("Sakspapirer endret: %(title)s"),
        "minutes": _("Utkast til referat på høring: %(title)s"),
    }
    texts = {
        "published": _("Innkalling og sakspapirer til %(title)s er publisert i portalen."),
        "changed": _("Dagsorden eller sakspapirer til %(title)s er endret etter at "
                     "innkallingen ble sendt."),
        "minutes": _("Utkast til referat fra %(title)s er sendt på høring. Du kan "
                     "kommentere det i portalen."),
    }
    text = texts[what] % {"title": title}
    if detail:
        text += " " + detail.rstrip(".") + "."
    if what != "minutes" and meeting.comment_deadline:
        text += " " + _("Frist for innspill: %(when)s.") % {
            "when": format_when(meeting.comment_deadline)}
    return notify(seat_holders(meeting.body_id), subject=subjects[what] % {"title": title},
                  text=text, url=meeting.get_absolute_url(),
                  told_at_once=what in ("published", "minutes"))


def _comment_url(comment):
    from reviews.comment_targets import comment_url

    return comment_url(comment)


def _comment_where(comment):
    from reviews import comment_targets

    target = comment.target
    return comment_targets.kind_for(target).title(target) if target is not None else ""


def comment_created(comment):
    """New comments go to the secretariat; a reply also to whoever started the thread."""
    where = _comment_where(comment)
    who = f"{comment.author.name} ({comment.speaks_for})"
    url = _comment_url(comment)
    notify(secretariat(comment.body_id), exclude=comment.author,
           subject=_("Nytt innspill: %(where)s") % {"where": where},
           text=_("%(who)s har skrevet et innspill til %(where)s.") % {"who": who,
                                                                        "where": where},
           url=url)
    if comment.parent_id and comment.parent.author_id != comment.author_id:
        notify([comment.parent.author], subject=_("Svar på innspillet ditt: %(where)s") % {
            "where": where}, text=_("%(who)s har svart på innspillet ditt til %(where)s.") % {
            "who": who, "where": where}, url=url)


def comment_answered(comment):
    where = _comment_where(comment)
    notify([comment.author], subject=_("Sekretariatet har behandlet innspillet ditt"),
           text=_("Innspillet ditt til %(where)s er merket «%(status)s».") % {
               "where": where, "status": comment.get_status_display()},
           url=_comment_url(comment))


def _circulation_subject(template, circulation):
    """``template`` with the circulation's title, cut to fit the notice's subject: a title may
    be as long as the circulation allows, which is longer than a subject."""
    limit = Notification._meta.get_field("subject").max_length
    subject = template % {"title": circulation.title}
    return subject if len(subject) <= limit else subject[:limit - 1].rstrip() + "…"


def circulation_opened(circulation):
    """To the people who may answer it (``permissions_reviews.answerable_seats``): the same
    rule the answer form and the service use, so nobody is asked who cannot answer."""
    from governance.permissions.reviews import answerable_seats
    from reviews.services.comments import format_when

    notify(Person.objects.filter(pk__in=answerable_seats(circulation).values("person_id")),
           subject=_circulation_subject(_("Sirkulasjonssak: %(title)s"), circulation),
           text=_("Sekretariatet ber om svar på et forslag til vedtak. Svarfrist: "
                  "%(when)s. Virksomheten kan endre svaret fram til svarfristen.") % {
               "when": format_when(circulation.deadline)},
           url=circulation.get_absolute_url())


def circulation_closed(circulation):
    text = _("Resultat: %(result)s. %(summary)s") % {
        "result": circulation.get_result_display(), "summary": circulation.result_summary}
    if circulation.result == Circulation.Result.FAILED:
        # The decision text is the record's own sentence with the numbers of the closing day.
        text = _("Resultat: %(result)s. %(failed)s %(summary)s") % {
            "result": circulation.get_result_display(), "failed": circulation.decision_text,
            "summary": circulation.result_summary}
    notify(seat_holders(circulation.body_id),
           subject=_circulation_subject(_("Sirkulasjonssak avsluttet: %(title)s"), circulation),
           text=text, url=circulation.get_absolute_url())


# -- new since last visit -------------------------------------------------------------------

def visit_record(user, obj, *, now=None):
    """Note that ``user`` looked at ``obj`` now; returns the time marks are counted from
    (the last visit before this session), or None on a first visit."""
    if user is None or not user.is_authenticated:
        return None
    now = now or timezone.now()
    ct = ContentType.objects.get_for_model(obj)
    visit = LastVisit.objects.filter(user=user, content_type=ct, object_id=obj.pk).first()
    if visit is None:
        # One INSERT … ON CONFLICT DO NOTHING rather than get_or_create's look-up, savepoint
        # and insert: a visit recorded meanwhile by a parallel request is just as good.
        LastVisit.objects.bulk_create(
            [LastVisit(user=user, content_type=ct, object_id=obj.pk, seen_at=now)],
            ignore_conflicts=True)
        return None
    if now - visit.seen_at > SESSION_GAP:
        visit.since = visit.seen_at
    visit.seen_at = now
    LastVisit.objects.filter(pk=visit.pk).update(seen_at=visit.seen_at, since=visit.since)
    return visit.since


def visit_touch(user, obj, *, now=None):
    """Note that ``user`` looked at ``obj``, in one upsert, when the caller does not need the
    previous visit back (pages with a query budget: the meeting's agenda)."""
    if user is None or not user.is_authenticated:
        return
    LastVisit.objects.bulk_create(
        [LastVisit(user=user, content_type=ContentType.objects.get_for_model(obj),
                   object_id=obj.pk, seen_at=now or timezone.now())],
        update_conflicts=True, unique_fields=["user", "content_type", "object_id"],
        update_fields=["seen_at"],
    )
