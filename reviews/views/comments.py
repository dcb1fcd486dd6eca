"""Comments (innspill): threads on any commentable target, the secretariat's handling and
overview of a meeting's comments with export, the comment deadline, conflicts of interest and
each person's notification choice.

Every thread endpoint answers both ways: an htmx request gets the thread fragment back (to
swap in place), a plain request the full page or a redirect, so everything works without
JavaScript too. Permission comes from the target's body, checked in every endpoint.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.permissions import can_read_papers, person_for
from governance.permissions.reviews import (
    can_answer_comments,
    can_declare_conflict,
    can_manage_commenting,
    can_read_target,
    can_see_comment,
    is_comment_author,
)
from meetings.models import AgendaItem, Meeting
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from reviews import comment_targets
from reviews.forms import (
    CommentAnswerForm,
    CommentEditForm,
    CommentForm,
    CommentingPeriodForm,
    ConflictForm,
    PreferenceForm,
    ReplyForm,
    add_service_error,
)
from reviews.models import Comment, CommentingPeriod, ConflictOfInterest
from reviews.selectors import conflicts_for_meeting, meeting_overview, thread_for
from reviews.services import comments as services
from reviews.services.notifications import preference_for, preference_set, visit_record


def login_required_htmx(view):
    """``login_required`` for pages; a plain 403 for an anonymous htmx request, which has no
    page to send to the login form."""
    page_view = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and getattr(request, "htmx", False):
            raise PermissionDenied
        return page_view(request, *args, **kwargs)

    return wrapper


def _heading_level(request, default=2):
    raw = request.POST.get("niva") or request.GET.get("niva") or default
    try:
        return min(max(int(raw), 2), 5)
    except (TypeError, ValueError):
        return default


def _int_param(request, name):
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


# -- the thread -----------------------------------------------------------------------------

def thread_context(request, target, context, *, level=2, since=None, new_form=None,
                   open_form=None, focus=None, notice=None, record_visit=True):
    """Everything ``reviews/comments/_thread.html`` needs, or None if the user may not read
    the thread. ``open_form`` is ``(action, comment_pk, bound_form)`` for the reply, edit or
    answer form shown under one comment; ``action`` is "svar", "endre" or "behandle"."""
    if record_visit:
        since = visit_record(request.user, target)
    thread = thread_for(request.user, target, context, since=since)
    if thread is None:
        return None
    prefix = thread.dom_id
    if new_form is None and thread.can_write:
        new_form = CommentForm(auto_id=f"{prefix}-ny-%s")
    action = comment_pk = form = None
    if open_form is not None:
        action, comment_pk, form = open_form
    else:
        for name in ("svar", "endre", "behandle"):
            pk = _int_param(request, name)
            if pk:
                action, comment_pk = name, pk
                break
    if action and form is None:
        form = _blank_form(request, thread, action, comment_pk, prefix)
        if form is None:
            action = comment_pk = None
    return {
        "thread": thread, "level": level, "new_form": new_form, "open_action": action,
        "open_pk": comment_pk, "open_form": form, "focus_pk": focus or comment_pk,
        "notice": notice, "request": request,
    }


def _find(thread, pk):
    for comment in thread.comments:
        if comment.pk == pk:
            return comment
        for reply in comment.thread_replies:
            if reply.pk == pk:
                return reply
    return None


def _blank_form(request, thread, action, pk, prefix):
    """The form to open under comment ``pk``, if the user may use it."""
    comment = _find(thread, pk)
    if comment is None:
        return None
    auto_id = f"{prefix}-{action}-{pk}-%s"
    if action == "svar" and comment.can_reply:
        return ReplyForm(auto_id=auto_id)
    if action == "endre" and comment.can_edit:
        return CommentEditForm(auto_id=auto_id, initial={
            "source": comment.source, "quote": comment.quote,
            "visibility": comment.visibility, "version": comment.version,
        })
    if action == "behandle" and thread.is_secretariat and not comment.withdrawn:
        return CommentAnswerForm(auto_id=auto_id, initial={
            "status": comment.status if comment.status != Comment.Status.OPEN else "",
            "reply": comment.reply, "version": comment.version,
        })
    return None


def _context_links(request, thread):
    """For a case: the case, its cover note and (once out for review) its draft minutes."""
    if thread.kind.slug != "sak":
        return []
    target = thread.target
    meeting = thread.kind.meeting(target)
    links = []
    for context in thread.kind.contexts:
        if can_read_target(request.user, thread.body_id, meeting, context):
            links.append((context, _("Innspill til %(what)s") % {
                "what": str(Comment.Context(context).label).lower()},
                comment_targets.thread_url(target, context)))
    return links


def _render_thread(request, ctx, *, page=False):
    if page:
        thread = ctx["thread"]
        target = thread.target
        attachments = []
        if thread.kind.slug == "sak" and thread.context != Comment.Context.MINUTES:
            attachments = list(target.attachments.order_by("label"))
        return render(request, "reviews/comments/thread_page.html", {
            **ctx, "target": target, "target_url": thread.kind.url(target),
            "meeting": thread.kind.meeting(target), "attachments": attachments,
            "context_links": _context_links(request, thread),
        })
    return render(request, "reviews/comments/_thread.html", ctx)


@login_required_htmx
@require_http_methods(["GET", "POST"])
def thread(request, kind, object_id, context):
    """The thread on one target: read it (GET), add a comment (POST)."""
    target, _kind, context = comment_targets.resolve(kind, object_id, context)
    level = _heading_level(request)
    ctx = thread_context(request, target, context, level=level)
    require(ctx is not None)
    if request.method == "GET":
        return _render_thread(request, ctx, page=not request.htmx)

    thread_ = ctx["thread"]
    form = CommentForm(request.POST, auto_id=f"{thread_.dom_id}-ny-%s")
    comment = None
    if form.is_valid():
        try:
            comment = services.comment_create(
                actor=request.user, target=target, context=context,
                source=form.cleaned_data["source"], quote=form.cleaned_data["quote"],
                visibility=form.cleaned_data["visibility"],
            )
        except (ValidationError, services.ReviewError) as exc:
            add_service_error(form, exc)
    if comment is None:
        ctx = thread_context(request, target, context, level=level, new_form=form,
                             record_visit=False)
        return _render_thread(request, ctx, page=not request.htmx)
    return _after_change(request, target, context, level, comment,
                         _("Innspillet ditt er lagt inn."))


def _after_change(request, target, context, level, comment, notice):
    if request.htmx:
        ctx = thread_context(request, target, context, level=level, focus=comment.pk,
                             notice=notice, record_visit=False)
        return _render_thread(request, ctx)
    messages.success(request, notice)
    return redirect(f"{comment_targets.thread_url(target, context)}#kommentar-{comment.pk}")


def _comment_for(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("parent", "author", "content_type"), pk=pk)
    require(can_see_comment(request.user, comment))
    target = comment.target
    if target is None:
        raise PermissionDenied
    return comment, target


def _rerender_with_form(request, comment, target, action, form, level):
    ctx = thread_context(request, target, comment.context, level=level,
                         open_form=(action, comment.pk, form), record_visit=False)
    require(ctx is not None)
    return _render_thread(request, ctx, page=not request.htmx)


def _open_form_redirect(comment, target, action):
    url = comment_targets.thread_url(target, comment.context)
    return redirect(f"{url}?{action}={comment.pk}#kommentar-{comment.pk}")


def _comment_form_post(request, comment, target, action, form_class, save, done_message):
    """The POST half of reply, edit and answer: bind the form with ids unique on the page, run
    the service, then show either the form again with its errors (the text kept) or the
    updated thread."""
    level = _heading_level(request)
    prefix = comment_targets.kind_for(target).slug
    form = form_class(request.POST, auto_id=f"innspill-{prefix}-{target.pk}-{comment.context}"
                                            f"-{action}-{comment.pk}-%s")
    result = None
    if form.is_valid():
        try:
            result = save(form.cleaned_data)
        except (ValidationError, EditConflict, services.ReviewError) as exc:
            add_service_error(form, exc)
    if result is None:
        return _rerender_with_form(request, comment, target, action, form, level)
    return _after_change(request, target, comment.context, level, result, done_message)


@login_required_htmx
@require_http_methods(["GET", "POST"])
def reply(request, pk):
    comment, target = _comment_for(request, pk)
    if request.method == "GET":
        return _open_form_redirect(comment, target, "svar")
    return _comment_form_post(
        request, comment, target, "svar", ReplyForm,
        lambda data: services.comment_create(actor=request.user, target=target,
                                             context=comment.context, source=data["source"],
                                             parent=comment),
        _("Svaret ditt er lagt inn."))


@login_required_htmx
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment, target = _comment_for(request, pk)
    require(is_comment_author(request.user, comment))
    if request.method == "GET":
        return _open_form_redirect(comment, target, "endre")
    return _comment_form_post(
        request, comment, target, "endre", CommentEditForm,
        lambda data: services.comment_edit(
            actor=request.user, comment=comment, source=data["source"], quote=data["quote"],
            visibility=data["visibility"], expected_version=data["version"]),
        _("Endringen er lagret."))


@login_required_htmx
@require_POST
def withdraw(request, pk):
    comment, target = _comment_for(request, pk)
    require(is_comment_author(request.user, comment))
    level = _heading_level(request)
    try:
        services.comment_withdraw(actor=request.user, comment=comment,
                                  expected_version=request.POST.get("version") or None)
    except (EditConflict, services.ReviewError) as exc:
        if request.htmx:
            ctx = thread_context(request, target, comment.context, level=level,
                                 notice=str(exc), focus=comment.pk, record_visit=False)
            ctx["notice_is_error"] = True
            return _render_thread(request, ctx)
        messages.error(request, str(exc))
        return redirect(comment_targets.comment_url(comment))
    return _after_change(request, target, comment.context, level, comment,
                         _("Kommentaren er trukket tilbake."))


@login_required_htmx
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    comment, target = _comment_for(request, pk)
    require(can_answer_comments(request.user, comment.body_id))
    if request.method == "GET":
        return _open_form_redirect(comment, target, "behandle")
    return _comment_form_post(
        request, comment, target, "behandle", CommentAnswerForm,
        lambda data: services.comment_answer(
            actor=request.user, comment=comment, status=data["status"], reply=data["reply"],
            expected_version=data["version"]),
        _("Behandlingen er lagret."))


@login_required
def history(request, pk):
    """Every saved version of a comment: for its author and the secretariat."""
    comment, target = _comment_for(request, pk)
    require(is_comment_author(request.user, comment)
            or can_answer_comments(request.user, comment.body_id))
    versions = comment.history.select_related("history_user").order_by("-history_date",
                                                                         "-history_id")
    return render(request, "reviews/comments/history.html", {
        "comment": comment, "versions": versions, "target": target,
        "thread_url": comment_targets.comment_url(comment),
        "target_title": comment_targets.kind_for(target).title(target),
    })


# -- the secretariat's overview of a meeting ------------------------------------------------

def _meeting_for_secretariat(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(can_answer_comments(request.user, meeting.body_id))
    return meeting


@login_required
def meeting_comments(request, pk):
    meeting = _meeting_for_secretariat(request, pk)
    group_by = "organisation" if request.GET.get("gruppering") == "virksomhet" else "case"
    visit_record(request.user, meeting)
    overview = meeting_overview(meeting, group_by=group_by)
    first_case = meeting.items.filter(kind=AgendaItem.Kind.CASE).first()
    return render(request, "reviews/comments/overview.html", {
        "meeting": meeting, "overview": overview, "group_by": group_by,
        "papers_state": services.commenting_state(first_case, Comment.Context.CASE)
        if first_case else None,
        "minutes_state": services.commenting_state(first_case, Comment.Context.MINUTES)
        if first_case else None,
    })


def _cell(value):
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    value = str(value or "")
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
def meeting_comments_csv(request, pk):
    meeting = _meeting_for_secretariat(request, pk)
    overview = meeting_overview(meeting)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"innspill-{meeting.body.slug}-{meeting.date:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte order mark and semicolons: what Excel with Norwegian settings opens as columns.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([
        _("Sak"), _("Tittel"), _("Gjelder"), _("Virksomhet"), _("Person"), _("Skrevet"),
        _("Synlig for"), _("Svar på"), _("Sitat"), _("Kommentar"), _("Behandling"),
        _("Svar fra sekretariatet"), _("Endret etter behandling"),
    ])
    for comment in overview["comments"]:
        item = comment.item
        writer.writerow([_cell(v) for v in (
            item.reference if item else "", item.title if item else "", comment.where,
            comment.organisation.name if comment.organisation_id else _("Sekretariatet"),
            comment.author.name,
            timezone.localtime(comment.created_at).strftime("%d.%m.%Y %H.%M"),
            comment.get_visibility_display(),
            comment.parent.author.name if comment.parent_id else "",
            comment.quote, strip_tags(comment.text.replace("</p>", "</p>\n")).strip(),
            comment.get_status_display(), comment.reply,
            # The reply above answers an earlier text when this says so.
            _("Ja") if comment.changed_since_triage else "",
        )])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def commenting_period(request, pk):
    """Set when commenting closes, or reopen it after the deadline."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(can_manage_commenting(request.user, meeting.body_id))
    periods = {p.phase: p for p in meeting.commenting_periods.all()}
    if request.method == "POST":
        form = CommentingPeriodForm(request.POST)
        if form.is_valid():
            try:
                services.commenting_reopen(actor=request.user, meeting=meeting,
                                           phase=form.cleaned_data["phase"],
                                           closes_at=form.cleaned_data["closes_at"])
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Fristen for innspill er lagret."))
                return redirect("reviews:meeting_comments", pk=meeting.pk)
    else:
        form = CommentingPeriodForm(initial={
            "closes_at": timezone.localtime(timezone.now() + timezone.timedelta(days=7))
            .replace(minute=0, second=0, microsecond=0),
            "phase": CommentingPeriod.Phase.MINUTES
            if meeting.status == Meeting.Status.MINUTES_REVIEW
            else CommentingPeriod.Phase.PAPERS,
        })
    return render(request, "reviews/comments/period_form.html", {
        "meeting": meeting, "form": form, "periods": periods,
    })


# -- conflicts of interest ------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request, pk):
    """A meeting's declarations of conflict of interest; members declare their own here."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(can_read_papers(request.user, meeting.body_id))
    may_declare = can_declare_conflict(request.user, meeting.body_id)
    form = None
    if may_declare:
        form = ConflictForm(request.POST or None, meeting=meeting)
        if request.method == "POST" and form.is_valid():
            try:
                services.conflict_declare(actor=request.user, item=form.cleaned_data["item"],
                                          reason=form.cleaned_data["reason"])
            except (ValidationError, services.ReviewError) as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Habilitetserklæringen er registrert."))
                return redirect("reviews:meeting_conflicts", pk=meeting.pk)
    elif request.method == "POST":
        require(False)
    person = person_for(request.user)
    return render(request, "reviews/comments/conflicts.html", {
        "meeting": meeting, "form": form, "conflicts": conflicts_for_meeting(meeting),
        "person": person,
        "open_for_declarations": meeting.status in (Meeting.Status.PLANNED,
                                                    Meeting.Status.NOTICE_SENT),
    })


@login_required
@require_POST
def conflict_withdraw(request, pk, conflict_pk):
    conflict = get_object_or_404(
        ConflictOfInterest.objects.select_related("item__meeting"), pk=conflict_pk,
        item__meeting_id=pk)
    try:
        services.conflict_withdraw(actor=request.user, conflict=conflict)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Habilitetserklæringen er trukket."))
    return redirect("reviews:meeting_conflicts", pk=pk)


# -- notification choice --------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    person = person_for(request.user)
    if person is None:
        return render(request, "reviews/comments/preferences.html", {"person": None},
                      status=200)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            preference_set(actor=request.user, frequency=form.cleaned_data["frequency"])
            messages.success(request, _("Valget ditt er lagret."))
            return redirect("reviews:notification_preferences")
    else:
        form = PreferenceForm(initial={"frequency": preference_for(person)})
    return render(request, "reviews/comments/preferences.html", {
        "person": person, "form": form,
    })


def render_thread_fragment(request, target, context, level=2):
    """The thread as HTML for the ``{% comment_thread %}`` tag; empty when not readable.
    The first thread on a page brings its stylesheet and script along, so a page that
    includes a thread needs nothing else."""
    ctx = thread_context(request, target, context, level=level)
    if ctx is None:
        return ""
    ctx["with_assets"] = not getattr(request, "_reviews_assets", False)
    request._reviews_assets = True
    return render_to_string("reviews/comments/_thread.html", ctx, request=request)


urlpatterns = [
    # Before the thread's pattern, which would otherwise take «innspill» for a target kind.
    path("kommentarer/innspill/<int:pk>/svar/", reply, name="comment_reply"),
    path("kommentarer/innspill/<int:pk>/endre/", edit, name="comment_edit"),
    path("kommentarer/innspill/<int:pk>/trekk/", withdraw, name="comment_withdraw"),
    path("kommentarer/innspill/<int:pk>/behandle/", answer, name="comment_answer"),
    path("kommentarer/innspill/<int:pk>/historikk/", history, name="comment_history"),
    path("kommentarer/<slug:kind>/<int:object_id>/<slug:context>/", thread,
         name="comment_thread"),
    path("moter/<int:pk>/innspill/", meeting_comments, name="meeting_comments"),
    path("moter/<int:pk>/innspill/innspill.csv", meeting_comments_csv,
         name="meeting_comments_csv"),
    path("moter/<int:pk>/innspill/frist/", commenting_period, name="commenting_period"),
    path("moter/<int:pk>/habilitet/", conflicts, name="meeting_conflicts"),
    path("moter/<int:pk>/habilitet/<int:conflict_pk>/trekk/", conflict_withdraw,
         name="conflict_withdraw"),
    path("min-side/varsler/", notification_preferences, name="notification_preferences"),
]
