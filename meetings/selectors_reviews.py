"""Reads for the members' review: comment threads, the secretariat's overview of a meeting's
comments, the member's own overview, conflicts of interest and circulations. Visibility is
applied here, once, through ``permissions_reviews``."""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import comment_targets
from .models import (
    AgendaItem,
    Attachment,
    Circulation,
    CirculationAnswer,
    Comment,
    CommentingPeriod,
    ConflictOfInterest,
    LastVisit,
    Meeting,
)
from .permissions import Role, is_secretariat, roles_by_body
from .permissions_reviews import (
    answerable_organisations,
    can_comment_after_deadline,
    can_read_target,
    can_write_comments,
    circulation_is_public,
    comment_visibility,
    person_for,
)
from .services.comments import commenting_state

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
    out), oldest first, for the secretariat."""
    return list(
        Comment.objects.filter(meeting=meeting, withdrawn=False)
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
    can_answer: bool


@dataclass
class MemberOverview:
    meetings: list
    minutes_in_review: list
    circulations: list
    consultations: list
    consultations_available: bool
    since: datetime | None

    @property
    def is_empty(self):
        return not (self.meetings or self.minutes_in_review or self.circulations
                    or self.consultations)


def _visits(user, objects):
    """{(content_type_id, object_id): LastVisit} for the given objects, in one query."""
    if not objects:
        return {}
    q = Q()
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj)
        q |= Q(content_type=ct, object_id=obj.pk)
    return {(v.content_type_id, v.object_id): v
            for v in LastVisit.objects.filter(q, user=user)}


def _after(moment, ref):
    return moment is not None and ref is not None and moment > ref


def _later(*times):
    present = [t for t in times if t is not None]
    return max(present) if present else None


def _consultations_for(user):
    """Open consultations (høringer) the user answers for their organisation, from the
    documents app."""
    try:
        from documents.selectors import consultations_for
    except ImportError:  # a set-up without the documents app
        return [], False
    return list(consultations_for(user)), True


def member_overview(user, *, since=None, limit=5):
    """What a member or observer prepares: the next meetings of their bodies with agenda,
    papers and comment deadline; draft minutes out for review; documents on consultation;
    open circulations; and what is new or changed since their last visit (``since``: the
    overview's own last visit, used for meetings they have not opened since)."""
    roles = roles_by_body(user)
    body_ids = [pk for pk, role in roles.items() if role >= Role.OBSERVER]
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(body_id__in=body_ids, date__gte=today,
                               status__in=[Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT])
        .select_related("body")
        .prefetch_related(
            Prefetch("items", queryset=AgendaItem.objects.order_by("position", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("label")),
        )
        .order_by("date", "start_time")[:limit]
    )
    in_review = list(
        Meeting.objects.filter(body_id__in=body_ids, status=Meeting.Status.MINUTES_REVIEW)
        .select_related("body")
        .prefetch_related(Prefetch("items", queryset=AgendaItem.objects.order_by("position",
                                                                                 "pk")))
        .order_by("-date")
    )
    all_meetings = meetings + in_review
    items = [i for m in meetings for i in m.items.all()]
    visits = _visits(user, all_meetings + items) if user.is_authenticated else {}
    meeting_ct = ContentType.objects.get_for_model(Meeting)
    item_ct = ContentType.objects.get_for_model(AgendaItem)
    periods = {(p.meeting_id, p.phase): p for p in CommentingPeriod.objects.filter(
        meeting__in=all_meetings)}

    def meeting_since(meeting):
        visit = visits.get((meeting_ct.pk, meeting.pk))
        return visit.seen_at if visit else since

    history = {
        row["id"]: row for row in AgendaItem.history.filter(meeting_id__in=[m.pk for m in meetings])
        .values("id").annotate(first=Min("history_date"), last=Max("history_date"))
    }
    visibility = Q(pk__in=[])
    for body_id in body_ids:
        visibility |= comment_visibility(user, body_id) or Q(pk__in=[])
    person = person_for(user)
    comment_rows = list(
        Comment.objects.filter(visibility, meeting__in=all_meetings, withdrawn=False)
        .values_list("meeting_id", "item_id", "created_at", "author_id")
    )
    my_conflicts = set(ConflictOfInterest.objects.filter(
        person=person, item__meeting__in=meetings).values_list("item_id", flat=True)
    ) if person else set()

    views = []
    for meeting in meetings:
        ref = meeting_since(meeting)
        attachments_by_item = {}
        for attachment in meeting.attachments.all():
            attachments_by_item.setdefault(attachment.item_id, []).append(attachment)
        item_views = []
        for item in meeting.items.all():
            item_visit = visits.get((item_ct.pk, item.pk))
            item_ref = _later(ref, item_visit.seen_at if item_visit else None)
            h = history.get(item.pk, {})
            view = ItemView(item=item, attachments=attachments_by_item.get(item.pk, []),
                            has_conflict=item.pk in my_conflicts)
            if item_ref is None or h.get("first") and h["first"] > item_ref:
                view.is_new = True
            elif h.get("last") and h["last"] > item_ref or any(
                    a.uploaded_at > item_ref for a in view.attachments):
                view.is_changed = True
            for m_id, i_id, created, author_id in comment_rows:
                if m_id == meeting.pk and i_id == item.pk:
                    view.comment_count += 1
                    if item_ref and created > item_ref and (person is None
                                                            or author_id != person.pk):
                        view.new_comment_count += 1
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

    circulations = []
    open_circulations = list(
        Circulation.objects.filter(body_id__in=body_ids, status=Circulation.Status.OPEN)
        .select_related("body").order_by("deadline")
    )
    answers = {}
    for answer in CirculationAnswer.objects.filter(
            circulation__in=open_circulations).select_related("organisation", "answered_by"):
        answers.setdefault(answer.circulation_id, {})[answer.organisation_id] = answer
    for circulation in open_circulations:
        mine = answerable_organisations(user, circulation)
        given = answers.get(circulation.pk, {})
        circulations.append(CirculationView(
            circulation=circulation,
            my_answers=[given[o.pk] for o in mine if o.pk in given],
            can_answer=any(o.pk not in given for o in mine),
        ))
    consultations, available = _consultations_for(user)
    return MemberOverview(meetings=views, minutes_in_review=review_views,
                          circulations=circulations, consultations=consultations,
                          consultations_available=available, since=since)


