"""Reads for a user: which plans they may see, and the shapes the pages need, each built
with a fixed number of queries however many measures a plan has."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404

from actionplan.models import ActionPlan, CaseLink, Measure, MeasureStatus, ProgressNote, Proposal
from actionplan.models.measure import STATUS_COLOURS
from governance.models import Organisation
from governance.permissions import can_read_papers
from governance.permissions.actionplan import can_view_plan
from meetings.models import Meeting
from meetings.selectors import bodies_with_papers_for
from meetings.visibility import decision_is_public, withheld_decisions
from normen_portal.access import require


def visible_plans(user):
    """Approved plans for everyone; drafts for those who read the body's papers."""
    return ActionPlan.objects.filter(
        Q(status=ActionPlan.Status.APPROVED) | Q(body_id__in=bodies_with_papers_for(user))
    ).select_related("body", "strategy")


def plan_for(user, body_slug, year):
    """The plan at /handlingsplan/<body>/<year>/, or 404/403."""
    plan = (ActionPlan.objects.select_related("body", "strategy")
            .filter(body__slug=body_slug, year=year).first())
    if plan is None:
        raise Http404
    require(can_view_plan(user, plan))
    return plan


def measure_for(user, pk):
    measure = (Measure.objects.select_related("plan__body", "plan__strategy", "area",
                                              "carried_from__plan", "carried_to__plan")
               .filter(pk=pk).first())
    if measure is None:
        raise Http404
    require(can_view_plan(user, measure.plan))
    return measure


@dataclass
class AreaGroup:
    area: object  # PlanArea or None ("Uten område")
    measures: list = field(default_factory=list)


@dataclass
class PlanTable:
    groups: list
    count: int
    total: int
    status_counts: list  # [(MeasureStatus, colour, count)] in the choices' order


def responsible_organisations(plan):
    """The organisations responsible for any measure of the plan: the «ansvarlig» filter."""
    return list(Organisation.objects.filter(measures__plan=plan).distinct().order_by("name"))


def plan_table(plan, *, status="", organisation=None):
    """The plan's measures grouped by area, filtered by status and responsible
    organisation. Four queries, whatever the number of measures."""
    measures = (
        plan.measures.select_related("area", "carried_from__plan", "carried_to__plan")
        .prefetch_related(Prefetch("responsible", queryset=Organisation.objects.order_by("name"),
                                   to_attr="responsible_list"))
    )
    if status:
        measures = measures.filter(status=status)
    if organisation is not None:
        measures = measures.filter(responsible=organisation)
    measures = sorted(measures, key=lambda m: m.sort_key)

    groups = [AreaGroup(area=area) for area in plan.areas.all()]
    by_area = {g.area.pk: g for g in groups}
    loose = AreaGroup(area=None)
    for measure in measures:
        measure.responsible_label = measure.responsible_display(measure.responsible_list)
        by_area.get(measure.area_id, loose).measures.append(measure)
    groups = [g for g in groups if g.measures] + ([loose] if loose.measures else [])

    counts = dict(plan.measures.order_by().values_list("status").annotate(n=Count("pk")))
    status_counts = [(s, STATUS_COLOURS[s], counts.get(s.value, 0)) for s in MeasureStatus]
    return PlanTable(groups=groups, count=len(measures), total=sum(counts.values()),
                     status_counts=status_counts)


def outcome_label(item, *, reads_papers):
    """The outcome of a case («Vedtatt med endringer») as a reader sees it: "" while the case
    is undecided, and while its decision is not public (meetings.visibility) unless the reader
    may read the body's papers. Reads ``item.meeting``: select it along."""
    if not item.outcome or not (reads_papers or decision_is_public(item)):
        return ""
    return str(item.get_outcome_display())


def with_outcomes(links, user):
    """Give each case link ``outcome_label``, the outcome as ``user`` may see it: the pages
    print that, never ``item.outcome``. No queries (the roles are kept on the user)."""
    for link in links:
        link.outcome_label = outcome_label(
            link.item, reads_papers=can_read_papers(user, link.item.body_id))
    return links


def plan_case_links(plan, *, user):
    return with_outcomes(list(
        CaseLink.objects.filter(plan=plan, measure__isnull=True)
        # item__body: a public case links to its decision page, whose address names the body.
        .select_related("item__meeting__body", "item__body")
        .order_by("item__meeting__date", "item__position")
    ), user)


def plan_meetings(plan):
    """The body's meetings in the plan's year: each gets a status report."""
    return list(Meeting.objects.filter(body=plan.body, date__year=plan.year)
                .select_related("body").order_by("date", "start_time"))


def measure_lineage(measure):
    """The measure and the ones it continues, newest first («with their history linked»).
    One query per earlier year; a chain is a handful of years at most."""
    chain = [measure]
    current = measure
    while current.carried_from_id:
        current = (Measure.objects.select_related("plan__body", "area")
                   .get(pk=current.carried_from_id))
        chain.append(current)
    return chain


def lineage_notes(chain, *, public):
    """The progress notes of the measure and the ones it continues, newest first, as a
    visitor sees them (``public``: they may not read the body's papers): see
    ``notes_as_seen``. Two queries."""
    notes = list(
        ProgressNote.objects.filter(measure__in=chain)
        .select_related("measure__plan").order_by("-date", "-created_at", "-pk")
    )
    return notes_as_seen(notes, chain[0].plan.body, public=public)


def lineage_cases(chain, *, user):
    return with_outcomes(list(
        CaseLink.objects.filter(measure__in=chain)
        .select_related("item__meeting__body", "item__body", "measure__plan")
        .order_by("-item__meeting__date", "item__position")
    ), user)


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    reason: str
    changes: list


def measure_changes(measure):
    """Who changed what and when, from django-simple-history, newest first."""
    records = list(measure.history.select_related("history_user").order_by("-history_date",
                                                                          "-history_id"))
    labels = {f.name: str(f.verbose_name) for f in Measure._meta.get_fields()
              if hasattr(f, "verbose_name")}
    entries = []
    for index, newer in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["version", "updated_at"])
            for change in delta.changes:
                if change.field == "responsible":
                    continue  # the m2m shows as ids; the current list is on the page
                changes.append(FieldChange(labels.get(change.field, change.field),
                                           _display(measure, change.field, change.old),
                                           _display(measure, change.field, change.new)))
            if not changes and not newer.history_change_reason:
                continue
        user = newer.history_user
        entries.append(HistoryEntry(
            when=newer.history_date,
            who=(user.get_full_name() or user.get_username()) if user else "",
            reason=newer.history_change_reason or "",
            changes=changes,
        ))
    return entries


def _display(measure, name, value):
    if value in (None, ""):
        return "–"
    field_ = Measure._meta.get_field(name)
    if field_.choices:
        return str(dict(field_.choices).get(value, value))
    if field_.is_relation:
        return str(field_.related_model.objects.filter(pk=value).first() or "–")
    return str(value)


@dataclass
class StatusReport:
    meeting: Meeting
    since: date | None  # the previous meeting's date
    notes: list  # progress notes in the period, by measure
    new_measures: list
    status_counts: list
    # From this date the body has recorded decisions the public may not see yet (the first
    # meeting with one); notes from then on may quote them. None when every one is public.
    withheld_from: date | None = None
    withheld_notes: int = 0  # notes left out for a visitor who may not read the papers


def decisions_withheld_from(body):
    """The date of the body's first meeting with a decision the public may not see yet, or
    None. Notes dated from that day on are written after (or at) that meeting and may quote
    its outcomes («Saken ble trukket i sak 14/24»), so they follow the decision rule."""
    return (withheld_decisions().filter(body=body)
            .aggregate(first=Min("meeting__date"))["first"])


@dataclass
class NotesAsSeen:
    notes: list  # the notes this visitor sees, each marked ``not_public`` or not
    withheld_from: date | None  # decisions_withheld_from, when it affects any of the notes
    withheld_notes: int  # notes left out for this visitor


def notes_as_seen(notes, body, *, public):
    """Progress notes of ``body``'s plans as a visitor sees them, wherever the action plan
    shows notes (the status report, the measure page). The notes dated on or after the
    body's first meeting with a decision that is not public yet (``decisions_withheld_from``)
    are marked ``not_public``; for a ``public`` visitor (who may not read the body's papers)
    they are left out and counted. One query."""
    withheld_from = decisions_withheld_from(body)
    for note in notes:
        note.not_public = withheld_from is not None and note.date >= withheld_from
    affected = sum(note.not_public for note in notes)
    if public:
        notes = [note for note in notes if not note.not_public]
    return NotesAsSeen(notes=notes, withheld_from=withheld_from if affected else None,
                       withheld_notes=affected if public else 0)


def status_report(plan, meeting, *, public):
    """What changed in the plan since the body's previous meeting, for this meeting:
    status changes and notes dated after the previous meeting, up to this one.

    ``public``: for a visitor who may not read the body's papers. The notes dated on or after
    a meeting whose minutes are not approved are left out (the public-decision rule); for the
    others they are kept and marked ``not_public``."""
    previous = (Meeting.objects.filter(body=plan.body, date__lt=meeting.date)
                .order_by("-date", "-start_time").first())
    since = previous.date if previous else None
    notes = ProgressNote.objects.filter(measure__plan=plan, date__lte=meeting.date)
    new_measures = plan.measures.filter(created_at__date__lte=meeting.date)
    if since:
        notes = notes.filter(date__gt=since)
        new_measures = new_measures.filter(created_at__date__gt=since)
    notes = sorted(notes.select_related("measure__area"),
                   key=lambda n: (n.measure.sort_key, n.date, n.pk))
    seen = notes_as_seen(notes, plan.body, public=public)
    counts = dict(plan.measures.order_by().values_list("status").annotate(n=Count("pk")))
    return StatusReport(
        meeting=meeting, since=since, notes=seen.notes,
        new_measures=sorted(new_measures.select_related("area"), key=lambda m: m.sort_key),
        status_counts=[(s, STATUS_COLOURS[s], counts.get(s.value, 0)) for s in MeasureStatus],
        withheld_from=seen.withheld_from,
        withheld_notes=seen.withheld_notes,
    )


def proposals_for_user(user):
    """The user's own proposals, newest first: for their start page."""
    if user is None or not user.is_authenticated:
        return Proposal.objects.none()
    return (Proposal.objects.filter(author=user)
            .select_related("body", "organisation", "measure__plan__body"))


def proposals_for_body(body, year=None):
    proposals = Proposal.objects.filter(body=body).select_related(
        "body", "organisation", "measure__plan__body")
    if year is not None:
        proposals = proposals.filter(year=year)
    return proposals
