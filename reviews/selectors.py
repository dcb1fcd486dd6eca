"""Reads for the members' review: comment threads, the secretariat's overview of a meeting's
comments, the member's own overview, conflicts of interest and circulations. Visibility is
applied here, once, through ``permissions_reviews``."""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.selectors import consultations_for
from governance.models import Membership
from governance.permissions import (
    Role,
    is_secretariat,
    organisation_seats,
    person_for,
    roles_by_body,
)
from governance.permissions.reviews import (
    answerable_seats,
    can_comment_after_deadline,
    can_read_target,
    can_write_comments,
    circulation_is_public,
    comment_visibility,
    member_organisation_seats,
)
from meetings.models import AgendaItem, Attachment, Meeting
from reviews import comment_targets
from reviews.models import (
    Circulation,
    CirculationAnswer,
    Comment,
    CommentingPeriod,
    ConflictOfInterest,
    LastVisit,
)
from reviews.services.comments import (
    changed_since_triage,
    commenting_state,
    with_changed_since_triage,
)

# -- threads --------------------------------------------------------------------------------


@dataclass
class Thread:
    target: object
    kind: comment_targets.TargetKind
    context: str
    body_id: int
    comments: list
    count: int
    state: object
    can_write: bool
    is_secretariat: bool
    title: str = ""

    @property
    def url(self):
        return comment_targets.thread_url(self.target, self.context)

    @property
    def dom_id(self):
        return f"innspill-{self.kind.slug}-{self.target.pk}-{self.context}"

    @property
    def context_label(self):
        return Comment.Context(self.context).label


def thread_for(user, target, context, *, since=None):
    """The comments on ``target`` in ``context`` that ``user`` may read, as threads (first
    comments, each with ``thread_replies``), or None when the user may not read them."""
    kind = comment_targets.kind_for(target)
    body_id = kind.body_id(target)
    meeting = kind.meeting(target)
    visible = comment_visibility(user, body_id)
    if visible is None or not can_read_target(user, body_id, meeting, context):
        return None
    content_type = ContentType.objects.get_for_model(target)
    rows = list(
        Comment.objects.filter(visible, content_type=content_type, object_id=target.pk,
                               context=context)
        .select_related("author", "organisation", "answered_by", "parent")
        .order_by("created_at", "pk")
    )
    state = commenting_state(target, context)
    person = person_for(user)
    secretariat = is_secretariat(user, body_id)
    may_write = can_write_comments(user, body_id) and (
        state.is_open or can_comment_after_deadline(user, body_id))
    roots = []
    by_pk = {}
    for comment in rows:
        comment.thread_replies = []
        comment.is_mine = person is not None and comment.author_id == person.pk
        comment.is_new = since is not None and comment.created_at > since and not comment.is_mine
        comment.can_edit = comment.is_mine and not comment.withdrawn and state.is_open
        comment.can_reply = may_write and not comment.withdrawn
        comment.changed_since_triage = changed_since_triage(comment)
        by_pk[comment.pk] = comment
    for comment in rows:
        parent = by_pk.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.thread_replies.append(comment)
        else:
            roots.append(comment)
    return Thread(
        target=target, kind=kind, context=context, body_id=body_id, comments=roots,
        count=sum(1 for c in rows if not c.withdrawn), state=state, can_write=may_write,
        is_secretariat=secretariat, title=kind.title(target),
    )


# -- the secretariat's overview of a meeting ------------------------------------------------

@dataclass
class CommentGroup:
    key: object
    label: str
    comments: list = field(default_factory=list)


def meeting_comments(meeting):
    """Every comment made on the meeting's papers and draft minutes (withdrawn ones left
    out), oldest first, for the secretariat; each with ``changed_since_triage``."""
    return list(
        with_changed_since_triage(Comment.objects.filter(meeting=meeting, withdrawn=False))
        .select_related("author", "organisation", "item", "parent", "parent__author",
                        "answered_by", "content_type")
        .order_by("created_at", "pk")
    )


def _attachment_labels(comments):
    ct = ContentType.objects.get_for_model(Attachment)
    ids = {c.object_id for c in comments if c.content_type_id == ct.pk}
    return {a.pk: f"Vedlegg {a.label}" for a in Attachment.objects.filter(pk__in=ids)}, ct.pk


def meeting_overview(meeting, *, group_by="case"):
    """The meeting's comments grouped by case (agenda order) or by organisation (the
    body's register order, the secretariat last)."""
    comments = meeting_comments(meeting)
    attachments, attachment_ct = _attachment_labels(comments)
    for comment in comments:
        comment.where = comment.get_context_display()
        if comment.content_type_id == attachment_ct:
            comment.where = attachments.get(comment.object_id, comment.where)
    groups = OrderedDict()
    if group_by == "organisation":
        order = {m.organisation_id: (m.kind != "member", m.sort_order, m.organisation.name)
                 for m in meeting.body.memberships.select_related("organisation")}
        for comment in sorted(comments, key=lambda c: (
                order.get(c.organisation_id, (True, 10**6, "~")), c.created_at)):
            key = comment.organisation_id
            label = comment.organisation.name if comment.organisation_id else _("Sekretariatet")
            groups.setdefault(key, CommentGroup(key, label)).comments.append(comment)
    else:
        for item in meeting.items.filter(kind=AgendaItem.Kind.CASE).order_by("position", "pk"):
            groups[item.pk] = CommentGroup(item.pk, str(item))
        for comment in comments:
            key = comment.item_id
            if key not in groups:
                groups[key] = CommentGroup(key, _("Møtet generelt"))
            groups[key].comments.append(comment)
    counts = dict.fromkeys(Comment.Status.values, 0)
    for comment in comments:
        counts[comment.status] += 1
    return {
        "groups": [g for g in groups.values() if g.comments],
        "total": len(comments),
        "counts": [(Comment.Status(s).label, n) for s, n in counts.items()],
        "changed_since_triage": sum(1 for c in comments if c.changed_since_triage),
        "comments": comments,
    }


# -- conflicts of interest ------------------------------------------------------------------

def conflicts_for_meeting(meeting):
    return list(
        ConflictOfInterest.objects.filter(item__meeting=meeting)
        .select_related("person", "organisation", "item")
        .order_by("item__position", "person__name")
    )


def conflicts_by_item(meeting):
    grouped = {}
    for conflict in conflicts_for_meeting(meeting):
        grouped.setdefault(conflict.item_id, []).append(conflict)
    return grouped


# -- circulations ---------------------------------------------------------------------------

def circulations_for(user):
    """Circulations in the bodies where ``user`` reads papers: open ones first."""
    body_ids = [pk for pk, role in roles_by_body(user).items() if role >= Role.OBSERVER]
    return list(
        Circulation.objects.filter(body_id__in=body_ids)
        .select_related("body")
        .order_by("status", "-deadline", "-pk")
    )


def circulation_answers(circulation):
    return list(
        circulation.answers.select_related("organisation", "answered_by")
        .order_by("organisation__name")
    )


def circulation_decisions(body, user):
    """Decisions made by circulation in ``body`` that ``user`` may read, newest first, each
    with its ``answers``: for the decision register."""
    qs = (
        Circulation.objects.filter(body=body, status=Circulation.Status.CLOSED)
        .select_related("body", "orientation_item", "orientation_item__meeting")
        .prefetch_related(Prefetch(
            "answers",
            queryset=CirculationAnswer.objects.select_related("organisation", "answered_by")
            .order_by("organisation__name"),
        ))
        .order_by("-closed_at", "-pk")
    )
    if roles_by_body(user).get(body.pk, Role.PUBLIC) >= Role.OBSERVER:
        return list(qs)
    return [c for c in qs if circulation_is_public(c)]


# -- the member's overview ------------------------------------------------------------------

@dataclass
class ItemView:
    item: AgendaItem
    is_new: bool = False
    is_changed: bool = False
    attachments: list = field(default_factory=list)
    comment_count: int = 0
    new_comment_count: int = 0
    has_conflict: bool = False


@dataclass
class MeetingView:
    meeting: Meeting
    role: Role
    items: list
    state: object
    since: datetime | None
    is_new: bool = False
    is_changed: bool = False
    new_comment_count: int = 0
    changed_count: int = 0

    @property
    def is_secretariat(self):
        return self.role >= Role.SECRETARIAT

    @property
    def may_declare_conflicts(self):
        """Members and deputies decide, so they declare conflicts; observers do not."""
        return self.role == Role.MEMBER


@dataclass
class CirculationView:
    circulation: Circulation
    my_answers: list
    # An organisation the person answers for may still give its first answer (the «Svar»
    # button); see _open_circulations.
    can_answer: bool


@dataclass
class MemberOverview:
    meetings: list
    minutes_in_review: list
    circulations: list
    consultations: list
    since: datetime | None

    @property
    def is_empty(self):
        return not (self.meetings or self.minutes_in_review or self.circulations
                    or self.consultations)


def _after(moment, ref):
    return moment is not None and ref is not None and moment > ref


def _later(*times):
    present = [t for t in times if t is not None]
    return max(present) if present else None


# The overview is the start page's main part, and the start page has the portal's budget of
# 15 queries (issue 8) whatever the number of meetings, cases, comments or circulations. So
# what is counted per case — its history, the visit marks, comments, the user's conflicts —
# is computed by the database as annotations on the one query that reads the cases, instead
# of one query per kind of mark.

def _seen_at(user, model, object_ref):
    """When ``user`` last looked at the ``model`` row ``object_ref`` points at (or NULL)."""
    if user is None or not user.is_authenticated:
        return Value(None, output_field=DateTimeField())
    return Subquery(
        LastVisit.objects.filter(user=user, content_type=ContentType.objects.get_for_model(model),
                                 object_id=object_ref).values("seen_at")[:1],
        output_field=DateTimeField(),
    )


def _later_sql(first, second):
    """``_later`` in SQL: the later of two moments, either of which may be NULL. (GREATEST
    skips NULLs on PostgreSQL but not on SQLite, hence the two COALESCEs.)"""
    return Greatest(Coalesce(first, second), Coalesce(second, first))


def _period_closes_at(phase):
    return Subquery(CommentingPeriod.objects.filter(meeting=OuterRef("pk"), phase=phase)
                    .values("closes_at")[:1], output_field=DateTimeField())


def _count(queryset):
    """The number of rows of a correlated queryset on comments, 0 when there are none."""
    return Coalesce(Subquery(queryset.order_by().values("item_id").annotate(n=Count("pk"))
                             .values("n")), 0)


def _overview_items(user, person, visibility, since, upcoming_ids):
    """The agenda items of the overview's meetings, each annotated with what the overview
    marks: ``seen_at`` (the user's last look at the item), ``history_first``/``history_last``
    (its history while on one of the upcoming meetings), ``has_conflict`` (the user declared
    a conflict of interest), ``comment_count`` (comments the user may read) and
    ``new_comment_count`` (those by others since the item was last looked at)."""
    since_value = Value(since, output_field=DateTimeField())
    items = AgendaItem.objects.annotate(
        meeting_seen_at=_seen_at(user, Meeting, OuterRef("meeting_id")),
        seen_at=_seen_at(user, AgendaItem, OuterRef("pk")),
    ).annotate(
        # As member_overview computes it: the meeting's last visit, else the overview's own;
        # then the later of that and the item's own visit.
        item_ref=_later_sql(Coalesce(F("meeting_seen_at"), since_value), F("seen_at")),
    )
    if upcoming_ids:
        history = AgendaItem.history.filter(id=OuterRef("pk"), meeting_id__in=upcoming_ids) \
            .order_by().values("id")
        items = items.annotate(
            history_first=Subquery(history.annotate(at=Min("history_date")).values("at")),
            history_last=Subquery(history.annotate(at=Max("history_date")).values("at")),
        )
    else:
        items = items.annotate(history_first=Value(None, output_field=DateTimeField()),
                               history_last=Value(None, output_field=DateTimeField()))
    readable = Comment.objects.filter(visibility, meeting_id=OuterRef("meeting_id"),
                                      item_id=OuterRef("pk"), withdrawn=False)
    by_others = readable.filter(created_at__gt=OuterRef("item_ref"))
    if person is not None:
        by_others = by_others.exclude(author=person)
    return items.annotate(
        has_conflict=Exists(ConflictOfInterest.objects.filter(person=person,
                                                               item=OuterRef("pk")))
        if person is not None else Value(False),
        comment_count=_count(readable),
        new_comment_count=_count(by_others),
    ).order_by("position", "pk")


def _open_circulations(person, body_ids, now=None):
    """Open circulations in ``body_ids``, soonest deadline first, each with ``can_answer``
    (the person holds a seat that may answer it now, ``permissions_reviews.answerable_seats``,
    for an organisation that has not answered yet; a given answer is changed from the
    circulation's page) and ``my_answers`` (the answers of the member organisations the
    person speaks for, in the body's register order)."""
    now = now or timezone.now()
    circulations = (Circulation.objects.filter(body_id__in=body_ids,
                                               status=Circulation.Status.OPEN)
                    .select_related("body").order_by("deadline"))
    if person is None:
        circulations = list(circulations)
        for circulation in circulations:
            circulation.can_answer, circulation.my_answers = False, []
        return circulations
    owed = answerable_seats(OuterRef("pk"), now).filter(person=person).exclude(Exists(
        CirculationAnswer.objects.filter(circulation_id=OuterRef(OuterRef("pk")),
                                         organisation_id=OuterRef("organisation_id"))))
    seats = Membership.objects.current(timezone.localdate(now)).filter(
        body_id=OuterRef("circulation__body_id"), organisation_id=OuterRef("organisation_id"),
        kind=Membership.Kind.MEMBER).order_by()
    mine = (
        CirculationAnswer.objects
        .annotate(register_order=Subquery(seats.values("sort_order")[:1]))
        .filter(register_order__isnull=False)
        .filter(Exists(member_organisation_seats(timezone.localdate(now)).filter(
            person=person, body_id=OuterRef("circulation__body_id"),
            organisation_id=OuterRef("organisation_id"))))
        .select_related("organisation", "answered_by")
        .order_by("register_order", "organisation__name")
    )
    return list(circulations.annotate(can_answer=Exists(owed)).prefetch_related(
        Prefetch("answers", queryset=mine, to_attr="my_answers")))


def member_overview(user, *, since=None, limit=5):
    """What a member or observer prepares: the next meetings of their bodies with agenda,
    papers and comment deadline; draft minutes out for review; documents on consultation;
    open circulations; and what is new or changed since their last visit (``since``: the
    overview's own last visit, used for meetings they have not opened since).

    A fixed number of queries, however much there is: the meetings (upcoming and in review
    together), their items with the marks as annotations, the attachments, the circulations
    with the user's answers, the consultations."""
    roles = roles_by_body(user)
    body_ids = [pk for pk, role in roles.items() if role >= Role.OBSERVER]
    person = person_for(user)
    preparing = [Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT]
    rows = []
    if body_ids:
        next_ids = (Meeting.objects.filter(body_id__in=body_ids,
                                           date__gte=timezone.localdate(),
                                           status__in=preparing)
                    .order_by("date", "start_time").values("pk")[:limit])
        rows = list(
            Meeting.objects.filter(Q(pk__in=next_ids) | Q(body_id__in=body_ids,
                                                         status=Meeting.Status.MINUTES_REVIEW))
            .select_related("body")
            .annotate(seen_at=_seen_at(user, Meeting, OuterRef("pk")),
                      papers_closes_at=_period_closes_at(CommentingPeriod.Phase.PAPERS),
                      minutes_closes_at=_period_closes_at(CommentingPeriod.Phase.MINUTES))
            .order_by("date", "start_time")
        )
    meetings = [m for m in rows if m.status in preparing]
    # Newest first; sorted() is stable, so meetings on the same day keep their order.
    in_review = sorted((m for m in rows if m.status == Meeting.Status.MINUTES_REVIEW),
                       key=lambda m: m.date, reverse=True)
    visibility = Q(pk__in=[])
    for body_id in body_ids:
        visibility |= comment_visibility(user, body_id) or Q(pk__in=[])
    prefetch_related_objects(rows, Prefetch("items", queryset=_overview_items(
        user, person, visibility, since, [m.pk for m in meetings])))
    prefetch_related_objects(meetings, Prefetch("attachments",
                                                queryset=Attachment.objects.order_by("label")))
    # commenting_state takes the periods as {(meeting_id, phase): period}; only closes_at is
    # read, so the annotated times stand in for the rows.
    periods = {
        (m.pk, phase): CommentingPeriod(meeting=m, phase=phase, closes_at=closes_at)
        for m in rows
        for phase, closes_at in ((CommentingPeriod.Phase.PAPERS, m.papers_closes_at),
                                 (CommentingPeriod.Phase.MINUTES, m.minutes_closes_at))
        if closes_at is not None
    }

    def meeting_since(meeting):
        return meeting.seen_at if meeting.seen_at is not None else since

    views = []
    for meeting in meetings:
        ref = meeting_since(meeting)
        attachments_by_item = {}
        for attachment in meeting.attachments.all():
            attachments_by_item.setdefault(attachment.item_id, []).append(attachment)
        item_views = []
        for item in meeting.items.all():
            item_ref = _later(ref, item.seen_at)
            view = ItemView(item=item, attachments=attachments_by_item.get(item.pk, []),
                            has_conflict=item.has_conflict, comment_count=item.comment_count,
                            new_comment_count=item.new_comment_count)
            if item_ref is None or item.history_first and item.history_first > item_ref:
                view.is_new = True
            elif item.history_last and item.history_last > item_ref or any(
                    a.uploaded_at > item_ref for a in view.attachments):
                view.is_changed = True
            item_views.append(view)
        views.append(MeetingView(
            meeting=meeting, role=roles[meeting.body_id], items=item_views,
            state=commenting_state(item_views[0].item, Comment.Context.CASE, periods=periods)
            if item_views else None,
            since=ref,
            is_new=ref is None or _after(meeting.notice_sent_at, ref),
            is_changed=_after(meeting.agenda_changed_at, ref),
            new_comment_count=sum(v.new_comment_count for v in item_views),
            changed_count=sum(1 for v in item_views if v.is_new or v.is_changed),
        ))

    review_views = []
    for meeting in in_review:
        ref = meeting_since(meeting)
        cases = [i for i in meeting.items.all() if i.kind == AgendaItem.Kind.CASE]
        review_views.append({
            "meeting": meeting,
            "is_new": ref is None or _after(meeting.minutes_sent_for_review_at, ref),
            "state": commenting_state(cases[0], Comment.Context.MINUTES, periods=periods)
            if cases else None,
            "cases": cases,
        })

    # Circulations of the bodies where the user sits for an organisation or observes; the
    # secretariat follows its own bodies' circulations in its to-do list instead.
    seated = {body_id for body_id, _ in organisation_seats(user)}
    circulation_bodies = [pk for pk in body_ids if roles[pk] < Role.SECRETARIAT or pk in seated]
    circulations = [
        CirculationView(circulation=c, my_answers=c.my_answers, can_answer=c.can_answer)
        for c in (_open_circulations(person, circulation_bodies) if circulation_bodies else [])
    ]
    return MemberOverview(meetings=views, minutes_in_review=review_views,
                          circulations=circulations, consultations=consultations_for(user),
                          since=since)
