"""The secretariat's to-do list on the start page: what is waiting for them in each of their
bodies, each with a link to the page that does it.

One query per kind of task, whatever the number of bodies or rows, so the start page costs
the same with one body as with five. The rules behind each task are the apps' own (the
meeting's status, a comment's triage, a circulation's deadline); this module only asks.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.permissions import Role, roles_by_body

# How far ahead the list looks: notices to send for meetings within this many days; a
# circulation closing within the second is marked as closing.
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
    """The meeting tasks, from one query: each kind of task is a condition annotated on the
    meeting (so it is written once, here), and the open comments are counted beside them."""
    from meetings.models import Meeting
    from reviews.models import Comment

    status = Meeting.Status
    conditions = {
        "notice": Q(status=status.PLANNED, date__lte=today + NOTICE_HORIZON, date__gte=today),
        "minutes": Q(status=status.HELD)
        | Q(status__in=[status.NOTICE_SENT, status.IN_PROGRESS], date__lt=today),
        "approval": Q(status=status.MINUTES_REVIEW),
    }
    open_comments = (Comment.objects.filter(meeting=OuterRef("pk"), status=Comment.Status.OPEN,
                                            withdrawn=False)
                     .order_by().values("meeting").annotate(n=Count("pk")).values("n"))
    any_task = Q(open_count__gt=0)
    for condition in conditions.values():
        any_task |= condition
    meetings = list(
        Meeting.objects.filter(body_id__in=bodies).select_related("body")
        .annotate(open_count=Coalesce(Subquery(open_comments), 0),
                  **{kind: ExpressionWrapper(condition, output_field=BooleanField())
                     for kind, condition in conditions.items()})
        .filter(any_task).order_by("date", "start_time"))
    texts = {
        "notice": (_("Innkalling er ikke sendt: %(meeting)s"), _("Send innkalling"),
                   "meetings:send_notice"),
        "minutes": (_("Møtet er holdt, referatet er ikke sendt på høring: %(meeting)s"),
                    _("Skriv referat"), "meetings:minutes"),
        "approval": (_("Referatet venter på godkjenning: %(meeting)s"),
                     _("Godkjenn referatet"), "meetings:minutes"),
    }
    for kind, (text, action, url) in texts.items():
        for m in meetings:
            if getattr(m, kind):
                yield Task(kind, m.body, text % {"meeting": m.title}, action,
                           reverse(url, args=[m.pk]), m.date)
    for m in meetings:
        if m.open_count:
            yield Task("comments", m.body, ngettext(
                "%(count)d innspill er ikke behandlet: %(meeting)s",
                "%(count)d innspill er ikke behandlet: %(meeting)s", m.open_count) % {
                "count": m.open_count, "meeting": m.title}, _("Behandle innspill"),
                reverse("reviews:meeting_comments", args=[m.pk]), m.date)


def _circulations(bodies, now):
    """Every open circulation of the secretariat's bodies (the start page shows them here,
    not among the member's circulations), soonest deadline first, with how many have
    answered."""
    from reviews.models import Circulation

    open_circulations = (Circulation.objects.filter(body_id__in=bodies,
                                                    status=Circulation.Status.OPEN)
                         .annotate(answer_count=Count("answers"))
                         .select_related("body").order_by("deadline"))
    for c in open_circulations:
        if c.deadline <= now:
            text = _("Svarfristen er ute, sirkulasjonssaken kan avsluttes: %(title)s")
        elif c.deadline <= now + CLOSING_HORIZON:
            text = _("Sirkulasjonssaken har svarfrist %(when)s (%(answers)s svar): %(title)s")
        else:
            text = _("Sirkulasjonssaken er åpen til %(when)s (%(answers)s svar): %(title)s")
        yield Task("circulation", c.body, text % {
            "title": c.title, "answers": c.answer_count,
            "when": formats.date_format(timezone.localtime(c.deadline), r"d.m.Y \k\l. H.i")},
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
    tasks = [*_meetings(bodies, today), *_circulations(bodies, now),
             *_documents(bodies), *_measures(bodies, today)]
    # Grouped by body on the page; within a body the order above stands (sort is stable).
    return sorted(tasks, key=lambda task: task.body.name)
