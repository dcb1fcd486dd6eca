"""Meetings and their agendas: list, create, the agenda builder, cover notes, attachments, the
notice and the change messages, the meeting's history and timeline, and restoring an earlier
version of a case's cover note.

Thin views: each checks access through ``governance.permissions``, hands the work to a service
and renders the result. htmx requests (moving items) get the agenda list back as a fragment;
without JavaScript the same forms post and redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from events.selectors import timeline_entries
from governance.permissions import (
    can_edit_body,
    can_read_papers,
    is_secretariat,
    is_secretariat_anywhere,
)
from governance.permissions.meetings import can_download_attachment
from governance.selectors import bodies_run_by
from meetings import history
from meetings.attachment_files import KINDS, safe_filename
from meetings.forms.agenda import (
    AttachmentForm,
    BreakEditForm,
    BreakForm,
    CaseEditForm,
    CaseForm,
    MeetingCreateForm,
    MeetingEditForm,
    MoveForm,
)
from meetings.history import meeting_history_entries
from meetings.models import AgendaItem, Attachment, InvalidTransition, Meeting
from meetings.models.agenda import case_reference
from meetings.selectors import bodies_with_papers
from meetings.selectors.agenda import agenda, agenda_item, meeting_attachments, meetings_for_user
from meetings.selectors.deliveries import dispatches_with_deliveries, reviews_with_deliveries
from meetings.services import agenda as agenda_services
from meetings.services.agenda import AgendaLocked
from meetings.services.deliveries import meeting_delivery_resend
from meetings.services.meetings import meeting_create
from meetings.services.notice import (
    agenda_send_changes,
    case_numbers,
    meeting_send_notice,
    notice_recipients,
    pending_changes,
)
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error
from normen_portal.models import Delivery
from reviews.services.notifications import visit_touch

ITEM_FIELDS = ("title", "case_type", "start_time", "presenter", "from_unit", "case_officer",
               "proposed_decision", "purpose", "background", "cover_note_internal")
BREAK_FIELDS = ("title", "start_time")
MEETING_FIELDS = ("date", "start_time", "end_time", "place", "form", "comment_deadline")


# -- helpers -----------------------------------------------------------------------------------

def _meeting(request, pk, *, edit=False):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if edit:
        require(can_edit_body(request.user, meeting.body_id))
    else:
        require(can_read_papers(request.user, meeting.body_id))
    return meeting


def _item(meeting, item_pk):
    return get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)


def _agenda_url(meeting, item=None):
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    return f"{url}#punkt-{item.pk}" if item is not None else url


def _agenda_context(request, meeting):
    can_edit = is_secretariat(request.user, meeting.body_id)
    items = agenda(meeting)
    return {
        "meeting": meeting,
        "items": items,
        "can_edit": can_edit,
        "editable": can_edit and meeting.status in agenda_services.EDITABLE_STATUSES,
        "item_count": len(items),
    }


# -- meetings ----------------------------------------------------------------------------------

def meeting_list(request):
    if not request.user.is_authenticated:
        return redirect(reverse("meetings:archive"))
    bodies = bodies_with_papers(request.user)
    # ?body=<slug> narrows the list to one of the user's bodies; anything else shows all.
    body = next((b for b in bodies if b.slug == request.GET.get("body")), None)
    upcoming, past = meetings_for_user(request.user, body=body)
    return render(request, "meetings/meeting_list.html", {
        "upcoming": upcoming,
        "past": past,
        "bodies": bodies,
        "body": body,
        "can_create": is_secretariat_anywhere(request.user),
        "run_bodies": bodies_run_by(request.user),
    })


@login_required
def meeting_create_view(request):
    require(is_secretariat_anywhere(request.user))
    form = MeetingCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_create(body=data["body"], actor=request.user,
                                     **{f: data[f] for f in MEETING_FIELDS})
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Møtet er opprettet med standardsakene på "
                                        "dagsordenen."))
            return redirect(meeting.get_absolute_url())
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    context = _agenda_context(request, meeting)
    context["attachments"] = meeting_attachments(meeting)
    if context["can_edit"]:
        context["pending_changes"] = pending_changes(meeting).count()
    # Marks what is new since this person's last look at the meeting (the member overview).
    visit_touch(request.user, meeting)
    return render(request, "meetings/agenda_detail.html", context)


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk, edit=True)
    conflict = None
    if request.method == "POST":
        form = MeetingEditForm(request.POST, instance=meeting)
        if form.is_valid():
            data = form.cleaned_data
            try:
                agenda_services.meeting_update(
                    meeting, request.user, expected_version=data["version"],
                    **{f: data[f] for f in MEETING_FIELDS})
            except EditConflict as exc:
                conflict = exc.current
                form = _rebind_with_version(MeetingEditForm, request.POST, exc,
                                            instance=conflict)
            except (AgendaLocked, ValidationError) as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Møtet er oppdatert."))
                return redirect(meeting.get_absolute_url())
    else:
        form = MeetingEditForm(instance=meeting, initial={"version": meeting.version})
    return render(request, "meetings/meeting_form.html",
                  {"form": form, "meeting": meeting, "conflict": conflict})


def _rebind_with_version(form_class, post, conflict, **kwargs):
    """The person's own text again, now based on the current version, with the conflict's
    message that someone else saved first: saving once more is a deliberate choice, not an
    accident."""
    data = post.copy()
    data["version"] = str(conflict.current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    apply_service_error(form, conflict)
    return form


# -- items -------------------------------------------------------------------------------------

def _is_break_request(request):
    return request.GET.get("type") == "pause" or request.POST.get("kind") == "break"


@login_required
def item_create(request, pk):
    meeting = _meeting(request, pk, edit=True)
    is_break = _is_break_request(request)
    form_class, fields = (BreakForm, BREAK_FIELDS) if is_break else (CaseForm, ITEM_FIELDS)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = agenda_services.item_create(
                meeting, request.user,
                kind=AgendaItem.Kind.BREAK if is_break else AgendaItem.Kind.CASE,
                **{f: form.cleaned_data[f] for f in fields})
        except (AgendaLocked, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            if item.number:
                messages.success(request, _("Sak %(ref)s «%(title)s» er lagt til på "
                                            "dagsordenen.") % {"ref": item.reference,
                                                               "title": item.title})
            else:
                messages.success(request, _("«%(title)s» er lagt til på dagsordenen.")
                                 % {"title": item.title})
            return redirect(_agenda_url(meeting, item))
    return render(request, "meetings/item_form.html",
                  {"form": form, "meeting": meeting, "item": None, "is_break": is_break})


@login_required
def item_detail(request, pk, item_pk):
    meeting = _meeting(request, pk)
    try:
        item = agenda_item(meeting, item_pk)
    except AgendaItem.DoesNotExist as exc:
        raise Http404 from exc
    if not item.is_case:
        return redirect(_agenda_url(meeting, item))
    return render(request, "meetings/item_detail.html", {
        "meeting": meeting,
        "item": item,
        "can_edit": is_secretariat(request.user, meeting.body_id),
        "editable": is_secretariat(request.user, meeting.body_id)
        and meeting.status in agenda_services.EDITABLE_STATUSES,
    })


@login_required
def item_edit(request, pk, item_pk):
    meeting = _meeting(request, pk, edit=True)
    item = _item(meeting, item_pk)
    is_break = not item.is_case
    form_class, fields = (BreakEditForm, BREAK_FIELDS) if is_break else (CaseEditForm,
                                                                          ITEM_FIELDS)
    conflict = None
    if request.method == "POST":
        form = form_class(request.POST, instance=item)
        if form.is_valid():
            try:
                names = [*fields, *(["previous_meeting"] if "previous_meeting" in form.fields
                                    else [])]
                item = agenda_services.item_update(
                    item, request.user, expected_version=form.cleaned_data["version"],
                    **{f: form.cleaned_data[f] for f in names})
            except EditConflict as exc:
                conflict = exc.current
                form = _rebind_with_version(form_class, request.POST, exc,
                                            instance=conflict)
            except (AgendaLocked, ValidationError) as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Endringene er lagret."))
                return redirect(_agenda_url(meeting, item))
    else:
        form = form_class(instance=item, initial={"version": item.version})
    return render(request, "meetings/item_form.html", {
        "form": form, "meeting": meeting, "item": item, "is_break": is_break,
        "conflict": conflict,
    })


@login_required
@require_POST
def item_move(request, pk, item_pk):
    meeting = _meeting(request, pk, edit=True)
    item = _item(meeting, item_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Ugyldig flytting."))
    status = ""
    try:
        moved = agenda_services.item_move(item, request.user,
                                          direction=form.cleaned_data["direction"] or None,
                                          to_index=form.cleaned_data["to_index"])
    except AgendaLocked as exc:
        status, moved, failed = str(exc), item, True
    else:
        failed = False
    context = _agenda_context(request, meeting)
    position = next((n for n, i in enumerate(context["items"], 1) if i.pk == moved.pk), None)
    if not failed:
        status = _("«%(title)s» er nå punkt %(n)s av %(count)s.") % {
            "title": moved.title, "n": position, "count": context["item_count"]}
    if request.htmx:
        context.update({"status_message": status, "oob_status": True})
        return render(request, "meetings/agenda_items.html", context)
    (messages.error if failed else messages.success)(request, status)
    return redirect(_agenda_url(meeting, moved))


@login_required
def item_delete(request, pk, item_pk):
    meeting = _meeting(request, pk, edit=True)
    item = _item(meeting, item_pk)
    if request.method == "POST":
        try:
            withdrawn = agenda_services.item_remove(item, request.user)
        except AgendaLocked as exc:
            messages.error(request, str(exc))
            return redirect(_agenda_url(meeting, item))
        if withdrawn is not None:
            messages.success(request, _("Sak %(ref)s trekkes. Den beholder saksnummeret og "
                                        "står som trukket på dagsordenen.")
                             % {"ref": withdrawn.reference})
            return redirect(_agenda_url(meeting, withdrawn))
        messages.success(request, _("«%(title)s» er fjernet fra dagsordenen.")
                         % {"title": item.title})
        return redirect(_agenda_url(meeting))
    return render(request, "meetings/item_confirm_delete.html",
                  {"meeting": meeting, "item": item})


# -- attachments -------------------------------------------------------------------------------

@login_required
def attachment_upload(request, pk):
    meeting = _meeting(request, pk, edit=True)
    kwargs = {
        "meeting": meeting,
        "next_label": agenda_services.next_attachment_label(meeting),
        "parents": agenda_services.attachment_parents(meeting),
    }
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                attachment = agenda_services.attachment_add(
                    meeting, request.user, uploaded=data["file"], title=data["title"],
                    item=data["item"], parent=data["parent"], is_public=data["is_public"])
            except (AgendaLocked, ValidationError) as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Vedlegg %(label)s «%(title)s» er lastet opp.")
                                 % {"label": attachment.label, "title": attachment.title})
                if attachment.item_id:
                    return redirect(attachment.item.get_absolute_url())
                return redirect(reverse("meetings:meeting_detail", args=[meeting.pk])
                                + "#vedlegg")
    else:
        item_pk = request.GET.get("sak")
        form = AttachmentForm(initial={"item": item_pk if item_pk and item_pk.isdigit()
                                       else None}, **kwargs)
    return render(request, "meetings/item_attachment_form.html",
                  {"form": form, "meeting": meeting, "max_size": settings.ATTACHMENT_MAX_BYTES})


def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("meeting__body"), pk=attachment_pk, meeting_id=pk)
    if not can_download_attachment(request.user, attachment):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(False)
    extension = attachment.file.name.rsplit(".", 1)[-1].lower()
    kind = KINDS.get(extension)
    if kind is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = safe_filename(f"Vedlegg {attachment.label} {attachment.title}", kind.extension)
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=kind.content_type)
    # Papers that are not public must not sit in shared caches.
    response["Cache-Control"] = "private, no-store" if not attachment.is_public else "private"
    return response


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    meeting = _meeting(request, pk, edit=True)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, meeting=meeting)
    try:
        agenda_services.attachment_remove(attachment, request.user)
    except AgendaLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Vedlegg %(label)s er slettet.") % {"label": attachment.label})
    if attachment.item_id:
        return redirect(reverse("meetings:item_detail", args=[meeting.pk, attachment.item_id]))
    return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#vedlegg")


# -- notice and changes ------------------------------------------------------------------------

def _numbers_preview(meeting):
    """The numbers the cases would get if the notice went now (the real ones are drawn under
    a lock when it is sent, by the same function)."""
    year, numbered = case_numbers(meeting)
    if not numbered:
        return None
    first, last = numbered[0][1], numbered[-1][1]
    return {"first": case_reference(first, year), "last": case_reference(last, year),
            "count": len(numbered)}


@login_required
def send_notice(request, pk):
    meeting = _meeting(request, pk, edit=True)
    if request.method == "POST":
        try:
            dispatch = meeting_send_notice(meeting, request.user)
        except InvalidTransition as exc:
            messages.error(request, str(exc))
            return redirect(meeting.get_absolute_url())
        numbered = meeting.items.filter(number__isnull=False).order_by("position", "pk")
        refs = [i.reference for i in numbered]
        text = _("Innkallingen er sendt til %(count)s mottakere.") % {
            "count": len(dispatch.recipients)}
        if refs:
            text += " " + _("Sakene har fått nummer %(first)s–%(last)s.") % {
                "first": refs[0], "last": refs[-1]}
        # Who the notice could not reach, by the same rule as the list before sending.
        _recipients, missing = notice_recipients(meeting)
        if missing:
            text += " " + ngettext(
                "%(names)s fikk ikke innkallingen, fordi e-postadresse mangler.",
                "%(names)s fikk ikke innkallingen, fordi e-postadresse mangler.",
                len(missing)) % {"names": ", ".join(r.name for r in missing)}
        messages.success(request, text)
        return redirect(meeting.get_absolute_url())
    recipients, missing = notice_recipients(meeting)
    return render(request, "meetings/meeting_send_notice.html", {
        "meeting": meeting,
        "recipients": recipients,
        "missing": missing,
        "items": agenda(meeting),
        "numbers": _numbers_preview(meeting),
        "can_send": meeting.can_move_to(Meeting.Status.NOTICE_SENT),
    })


@login_required
def send_changes(request, pk):
    meeting = _meeting(request, pk, edit=True)
    if request.method == "POST":
        try:
            dispatch = agenda_send_changes(meeting, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Endringene er sendt til %(count)s mottakere.")
                             % {"count": len(dispatch.recipients)})
        return redirect(meeting.get_absolute_url())
    recipients, missing = notice_recipients(meeting)
    return render(request, "meetings/meeting_send_changes.html", {
        "meeting": meeting,
        "changes": list(pending_changes(meeting).select_related("actor")),
        "recipients": recipients,
        "missing": missing,
        "can_send": meeting.status == Meeting.Status.NOTICE_SENT,
    })


@login_required
def meeting_history(request, pk):
    # The page is the secretariat's (can_edit_body is is_secretariat of the meeting's body),
    # so the timeline on it is too.
    meeting = _meeting(request, pk, edit=True)
    # The meeting's events and its cases' in one query (the cases as a subquery).
    timeline = timeline_entries(meeting, AgendaItem.objects.filter(meeting=meeting))
    return render(request, "meetings/meeting_history.html", {
        "meeting": meeting,
        "entries": meeting_history_entries(meeting),
        "dispatches": dispatches_with_deliveries(meeting),
        "reviews": reviews_with_deliveries(meeting, [entry.event for entry in timeline]),
        "timeline": timeline,
        "cases": list(meeting.items.filter(kind=AgendaItem.Kind.CASE)
                      .order_by("position", "pk")),
    })


@login_required
@require_POST
def delivery_resend(request, pk, delivery_pk):
    """«Send på nytt» to one recipient of a message about the meeting."""
    meeting = _meeting(request, pk, edit=True)
    delivery = get_object_or_404(Delivery.objects.select_related("message_type"),
                                 pk=delivery_pk)
    try:
        meeting_delivery_resend(meeting, delivery, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Meldingen sendes på nytt til %(name)s.") % {
            "name": delivery.name or delivery.address})
    return redirect(reverse("meetings:meeting_history", args=[meeting.pk]) + "#utsendinger")


# -- earlier versions of a case, and restoring one ---------------------------------------------

@login_required
def item_history(request, pk, item_pk):
    """Every saved version of a case's cover note, each with what changed; the secretariat
    picks one to restore."""
    meeting = _meeting(request, pk, edit=True)
    item = _item(meeting, item_pk)
    return render(request, "meetings/item_history.html", {
        "meeting": meeting, "item": item, "revisions": history.item_revisions(item),
        "blocked": _restore_blocked(meeting), "correction_url": _correction_url(meeting, item),
    })


def _correction_url(meeting, item):
    """Where an approved case is changed instead: its correction in the minutes."""
    if meeting.is_minutes_approved and item.is_case:
        return reverse("meetings:minutes_correct", args=[meeting.pk, item.pk])
    return None


def _restore_blocked(meeting):
    """Why no case of the meeting can be restored now, or None (the service decides again)."""
    refusal = history.restore_refusal(meeting)
    if refusal:
        return refusal
    if meeting.status not in agenda_services.EDITABLE_STATUSES:
        return _("Dagsordenen kan ikke endres når møtet har status «%(status)s», så saken kan "
                 "ikke gjenopprettes fra en tidligere versjon.") % {
                     "status": meeting.get_status_display()}
    return None


@login_required
def item_restore(request, pk, item_pk):
    """Restore an earlier version of a case's cover note: see what would change, give a
    reason, and restore it through the agenda service."""
    meeting = _meeting(request, pk, edit=True)
    item = _item(meeting, item_pk)
    history_url = reverse("meetings:item_history", args=[meeting.pk, item.pk])
    posted = request.method == "POST"
    record = history.item_revision(item, request.POST.get("revision") if posted
                                   else request.GET.get("versjon"))
    if record is None:
        messages.error(request, _("Velg en tidligere versjon av saken."))
        return redirect(history_url)
    blocked = _restore_blocked(meeting)
    if posted:
        form = history.RestoreForm(request.POST)
    else:
        form = history.RestoreForm(initial={"revision": record.history_id,
                                            "version": item.version})
    if posted and not blocked and form.is_valid():
        try:
            history.item_restore(item, request.user, revision_id=record.history_id,
                                 reason=form.cleaned_data["reason"],
                                 expected_version=form.cleaned_data["version"])
        except EditConflict as exc:
            # Someone saved the case since the page was shown: what the restore changes is
            # no longer what the person saw, so show it again against the case as it is now.
            item = exc.current
            form = _rebind_with_version(history.RestoreForm, request.POST, exc)
        except (AgendaLocked, history.RestoreRefused, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Versjonen fra %(when)s er gjenopprettet.") % {
                "when": history.revision_label(record.history_date)})
            return redirect(reverse("meetings:meeting_history", args=[meeting.pk])
                            + "#hendelser")
    return render(request, "meetings/item_history_restore.html", {
        "meeting": meeting, "item": item, "record": record,
        "when": history.revision_label(record.history_date), "who": history.record_author(record),
        "diff": history.item_restore_diff(item, record), "form": form, "blocked": blocked,
        "history_url": history_url, "correction_url": _correction_url(meeting, item),
    }, status=400 if posted else 200)


urlpatterns = [
    path("moter/", meeting_list, name="meeting_list"),
    path("moter/ny/", meeting_create_view, name="meeting_create"),
    path("moter/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("moter/<int:pk>/rediger/", meeting_edit, name="meeting_edit"),
    path("moter/<int:pk>/saker/ny/", item_create, name="item_create"),
    path("moter/<int:pk>/saker/<int:item_pk>/", item_detail, name="item_detail"),
    path("moter/<int:pk>/saker/<int:item_pk>/rediger/", item_edit, name="item_edit"),
    path("moter/<int:pk>/saker/<int:item_pk>/flytt/", item_move, name="item_move"),
    path("moter/<int:pk>/saker/<int:item_pk>/fjern/", item_delete, name="item_delete"),
    path("moter/<int:pk>/vedlegg/ny/", attachment_upload, name="attachment_upload"),
    path("moter/<int:pk>/vedlegg/<int:attachment_pk>/", attachment_download,
         name="attachment_download"),
    path("moter/<int:pk>/vedlegg/<int:attachment_pk>/slett/", attachment_delete,
         name="attachment_delete"),
    path("moter/<int:pk>/innkalling/", send_notice, name="send_notice"),
    path("moter/<int:pk>/endringer/", send_changes, name="send_changes"),
    path("moter/<int:pk>/endringslogg/", meeting_history, name="meeting_history"),
    path("moter/<int:pk>/utsendinger/<int:delivery_pk>/send-pa-nytt/", delivery_resend,
         name="delivery_resend"),
    path("moter/<int:pk>/saker/<int:item_pk>/historikk/", item_history, name="item_history"),
    path("moter/<int:pk>/saker/<int:item_pk>/gjenopprett/", item_restore,
         name="item_restore"),
]
