"""The secretariat's to-do list on the start page: what is waiting for them in each of their
bodies, each with a link to the page that does it.

One query per kind of task, whatever the number of bodies or rows, so the start page costs
the same with one body as with five. The rules behind each task are the apps' own (the
meeting's status, a comment's triage, a circulation's deadline); this module only asks.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.permissions import Role, roles_by_body

# How far ahead the list looks: notices to send for meetings within this many days, and
# circulations closing within it.
NOTICE_HORIZON = timedelta(days=28)
CLOSING_HORIZON = timedelta(days=3)


@dataclass(frozen=True)
class Task:
    kind: str
    body: object
    text: str
    action: str
    url: str
    due: object = None


def secretariat_bodies(user):
    return [pk for pk, role in roles_by_body(user).items() if role >= Role.SECRETARIAT]


def _date(value):
    return formats.date_format(value, "d.m.Y")


def _meetings(bodies, today):
    from meetings.models import Meeting

    meetings = Meeting.objects.filter(body_id__in=bodies).select_related("body")
    for m in meetings.filter(status=Meeting.Status.PLANNED,
                             date__lte=today + NOTICE_HORIZON, date__gte=today):
        yield Task("notice", m.body, _("Innkalling er ikke sendt: %(meeting)s") % {
            "meeting": m.title}, _("Send innkalling"),
            reverse("meetings:send_notice", args=[m.pk]), m.date)
    held = meetings.filter(Q(status=Meeting.Status.HELD)
                           | Q(status__in=[Meeting.Status.NOTICE_SENT,
                                           Meeting.Status.IN_PROGRESS], date__lt=today))
    for m in held.order_by("date"):
        yield Task("minutes", m.body, _("Møtet er holdt, referatet er ikke sendt på høring: "
                                        "%(meeting)s") % {"meeting": m.title},
                   _("Skriv referat"), reverse("meetings:minutes", args=[m.pk]), m.date)
    for m in meetings.filter(status=Meeting.Status.MINUTES_REVIEW).order_by("date"):
        yield Task("approval", m.body, _("Referatet venter på godkjenning: %(meeting)s") % {
            "meeting": m.title}, _("Godkjenn referatet"),
            reverse("meetings:minutes", args=[m.pk]), m.date)


def _comments(bodies):
    from meetings.models import Meeting
    from reviews.models import Comment

    open_comments = Comment.objects.filter(meeting=OuterRef("pk"), status=Comment.Status.OPEN,
                                           withdrawn=False)
    meetings = (Meeting.objects.filter(body_id__in=bodies)
                .filter(Exists(open_comments)).select_related("body")
                .annotate(open_count=Count("comments", filter=Q(
                    comments__status=Comment.Status.OPEN, comments__withdrawn=False)))
                .order_by("date"))
    for m in meetings:
        yield Task("comments", m.body, ngettext(
            "%(count)d innspill er ikke behandlet: %(meeting)s",
            "%(count)d innspill er ikke behandlet: %(meeting)s", m.open_count) % {
            "count": m.open_count, "meeting": m.title}, _("Behandle innspill"),
            reverse("reviews:meeting_comments", args=[m.pk]), m.date)


def _circulations(bodies, now):
    from reviews.models import Circulation

    closing = (Circulation.objects.filter(body_id__in=bodies, status=Circulation.Status.OPEN,
                                          deadline__lte=now + CLOSING_HORIZON)
               .select_related("body").order_by("deadline"))
    for c in closing:
        text = (_("Svarfristen er ute, sirkulasjonssaken kan avsluttes: %(title)s")
                if c.deadline <= now else
                _("Sirkulasjonssaken har svarfrist %(when)s: %(title)s"))
        yield Task("circulation", c.body, text % {
            "title": c.title, "when": formats.date_format(timezone.localtime(c.deadline),
                                                          r"d.m.Y \k\l. H.i")},
            _("Se sirkulasjonssaken"), reverse("reviews:circulation_detail", args=[c.pk]),
            timezone.localtime(c.deadline).date())


def _documents(bodies):
    from documents.models import Consultation, DocumentVersion, VersionStatus

    consultations = (Consultation.objects
                     .filter(version__document__body_id__in=bodies, closed_at__isnull=True)
                     .annotate(answers=Count("responses")).filter(answers__gt=0)
                     .select_related("version__document__body").order_by("deadline"))
    for c in consultations:
        yield Task("consultation", c.version.document.body, ngettext(
            "%(count)d høringssvar på %(title)s (frist %(deadline)s)",
            "%(count)d høringssvar på %(title)s (frist %(deadline)s)", c.answers) % {
            "count": c.answers, "title": c.version.document.display_title,
            "deadline": _date(c.deadline)}, _("Les høringssvarene"), c.get_absolute_url(),
            c.deadline)
    waiting = (DocumentVersion.objects
               .filter(document__body_id__in=bodies, status=VersionStatus.SUBMITTED)
               .select_related("document__body", "decision_case")
               .order_by("document__title"))
    for v in waiting:
        if v.decision_case_id:
            text = _("%(title)s v%(number)s venter på vedtak i sak %(ref)s") % {
                "title": v.document.display_title, "number": v.number,
                "ref": v.decision_case.reference or v.decision_case.title}
        else:
            text = _("%(title)s v%(number)s er sendt til behandling, men ikke satt opp som "
                     "sak") % {"title": v.document.display_title, "number": v.number}
        yield Task("version", v.document.body, text, _("Se versjonen"),
                   reverse("documents:work_version", args=[v.pk]))


def _measures(bodies, today):
    from actionplan.models import Measure, ProgressNote
    from actionplan.models.measure import MeasureStatus

    noted = ProgressNote.objects.filter(measure=OuterRef("pk"), date__year=today.year)
    silent = (Measure.objects
              .filter(plan__body_id__in=bodies, plan__year=today.year)
              .exclude(status__in=[MeasureStatus.DONE, MeasureStatus.NOT_DONE])
              .exclude(Exists(noted))
              .select_related("plan__body").order_by("plan__body__name", "code"))
    by_plan = {}
    for measure in silent:
        by_plan.setdefault(measure.plan, []).append(measure)
    for plan, measures in by_plan.items():
        yield Task("measures", plan.body, ngettext(
            "%(count)d tiltak i %(plan)s har ingen statusrapport i år",
            "%(count)d tiltak i %(plan)s har ingen statusrapport i år", len(measures)) % {
            "count": len(measures), "plan": plan.title}, _("Rapporter status"),
            plan.get_absolute_url())


def secretariat_tasks(user, now=None):
    """The to-do list of ``user`` across the bodies where they are the secretariat, in the
    order a working day takes them: meetings first, then what members and others sent."""
    bodies = secretariat_bodies(user)
    if not bodies:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    tasks = [*_meetings(bodies, today), *_comments(bodies), *_circulations(bodies, now),
             *_documents(bodies), *_measures(bodies, today)]
    # Grouped by body on the page; within a body the order above stands (sort is stable).
    return sorted(tasks, key=lambda task: task.body.name)
