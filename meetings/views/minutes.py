"""The minutes: the secretariat's editor (a form per case, autosaved with htmx), the draft for
the body to review, the meeting's way to approved minutes, and corrections afterwards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from governance.models import Membership
from governance.permissions.meetings import can_edit_minutes, can_keep_attendance, can_read_minutes
from meetings.forms.minutes import (
    ApproveMinutesForm,
    CaseEditor,
    CorrectionForm,
    with_statement_rows,
)
from meetings.models import AgendaItem, InvalidTransition, Meeting
from meetings.selectors.archive import minutes_document
from meetings.services.minutes import (
    DecisionRefused,
    meeting_mark_held,
    meeting_start,
    minutes_approve,
    minutes_correct,
    minutes_save_case,
    minutes_send_for_review,
    saved_case,
)
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def _case(meeting, item_pk):
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting, kind=AgendaItem.Kind.CASE)
    item.meeting = meeting
    return item


def _organisations(meeting):
    """The body's organisations, for the statement rows: read once per page."""
    return [
        m.organisation
        for m in Membership.objects.current(meeting.date).filter(body_id=meeting.body_id)
        .select_related("organisation")
        .order_by("kind", "sort_order", "organisation__name")
    ]


def _case_editors(document, organisations, bound=None):
    editors = {}
    for item in document.cases:
        if bound is not None and bound.item.pk == item.pk:
            editors[item.pk] = bound
        else:
            editors[item.pk] = CaseEditor(item, organisations=organisations)
    return editors


def _conflict(editor, exc):
    """After an EditConflict: the message above the case's form (the person's text stays in
    it), and what the other person saved, for the panel beside it with «Lagre min versjon
    likevel» (which posts ``current_version``)."""
    apply_service_error(editor.form, exc)
    return {"current": saved_case(exc.current), "current_version": exc.current.version}


def _editor_page(request, meeting, *, bound=None, conflict=None, approve_form=None, status=200):
    document = minutes_document(meeting, public=False)
    organisations = _organisations(meeting)
    editors = _case_editors(document, organisations, bound)
    entries = [
        {"item": item, "editor": editors.get(item.pk),
         "conflict": conflict if conflict and bound and bound.item.pk == item.pk else None}
        for item in document.items
    ]
    return render(request, "meetings/minutes.html", {
        "meeting": meeting,
        "document": document,
        "entries": entries,
        "approve_form": approve_form or ApproveMinutesForm(),
        "can_keep_attendance": can_keep_attendance(request.user, meeting),
        "today": timezone.localdate(),
    }, status=status)


@require_GET
def minutes(request, pk):
    meeting = _meeting(pk)
    require(can_read_minutes(request.user, meeting))
    editable = can_edit_minutes(request.user, meeting) and not meeting.is_minutes_approved
    if editable and meeting.status != Meeting.Status.PLANNED:
        return _editor_page(request, meeting)
    return render(request, "meetings/minutes_read.html", {
        "meeting": meeting,
        "document": minutes_document(meeting, public=False),
        "can_correct": can_edit_minutes(request.user, meeting) and meeting.is_minutes_approved,
        "can_edit": can_edit_minutes(request.user, meeting),
    })


def _posted_rows(data, prefix, action):
    """The posted data with a statement row added or removed when a button asked for it."""
    if action == "add":
        return with_statement_rows(data, prefix, add=True)
    if action.startswith("remove-") and action.removeprefix("remove-").isdigit():
        return with_statement_rows(data, prefix, remove=int(action.removeprefix("remove-")))
    return data


def _render_case(request, meeting, editor, *, conflict=None, saved_at=None):
    """The case's whole form, swapped in place of the old one (after a button was used)."""
    response = render(request, "meetings/minutes_case.html", {
        "meeting": meeting, "item": editor.item, "editor": editor, "conflict": conflict,
        "saved_at": saved_at,
    })
    response["HX-Retarget"] = f"#sak-{editor.item.pk}"
    response["HX-Reswap"] = "outerHTML"
    return response


@require_POST
def minutes_case_save(request, pk, item_pk):
    """Save one case. Autosave (htmx, no button) answers with out-of-band updates only, so the
    text being typed is never replaced; a button (save, decide, add/remove a statement,
    reload) answers with the case's whole form. Without JavaScript: redirect or full page."""
    meeting = _meeting(pk)
    require(can_edit_minutes(request.user, meeting))
    item = _case(meeting, item_pk)
    organisations = _organisations(meeting)
    action = request.POST.get("action", "")
    prefix = f"sak{item.pk}"

    if action == "reload":
        editor = CaseEditor(item, organisations=organisations)
        if request.htmx:
            return _render_case(request, meeting, editor)
        return redirect(reverse("meetings:minutes", args=[meeting.pk]) + f"#sak-{item.pk}")

    data = _posted_rows(request.POST, prefix, action)
    editor = CaseEditor(item, organisations=organisations, data=data)
    conflict = None
    saved = False
    if editor.is_valid():
        expected = request.POST.get("force_version") or editor.form.cleaned_data["version"]
        try:
            item = minutes_save_case(item, request.user, **editor.field_values(),
                                     expected_version=expected, decide=action == "decide")
            saved = True
        except EditConflict as exc:
            conflict = _conflict(editor, exc)
        except DecisionRefused as exc:
            # The text was saved; only the decision was refused. Show what was typed with
            # the saved version, so the next save does not look like someone else's edit.
            item = exc.item
            item.meeting = meeting
            data = data.copy()
            data[editor.form.add_prefix("version")] = item.version
            editor = CaseEditor(item, organisations=organisations, data=data)
            editor.is_valid()
            apply_service_error(editor.form, exc)
        except ValidationError as exc:
            apply_service_error(editor.form, exc)

    if saved and action != "":
        # Show the case as saved; a new statement row is added after saving what was typed.
        item.meeting = meeting
        editor = CaseEditor(item, organisations=organisations, extra_statement=action == "add")

    if request.htmx:
        if action == "":
            return render(request, "meetings/minutes_autosave.html", {
                "item": item, "editor": editor, "conflict": conflict, "saved": saved,
                "saved_at": timezone.localtime(),
            })
        return _render_case(request, meeting, editor, conflict=conflict,
                            saved_at=timezone.localtime() if saved else None)

    if saved:
        if action == "decide":
            messages.success(request, _("Vedtaket i sak %(ref)s er registrert.")
                             % {"ref": item.reference})
        else:
            messages.success(request, _("Referatet for sak %(ref)s er lagret.")
                             % {"ref": item.reference or item.title})
        return redirect(reverse("meetings:minutes", args=[meeting.pk]) + f"#sak-{item.pk}")
    return _editor_page(request, meeting, bound=editor, conflict=conflict,
                        status=409 if conflict else 400)


def _meeting_action(request, pk, action, success):
    meeting = _meeting(pk)
    require(can_edit_minutes(request.user, meeting))
    try:
        action(meeting)
    except (ValidationError, InvalidTransition) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, success)
    return redirect("meetings:minutes", pk=meeting.pk)


@require_POST
def meeting_start_view(request, pk):
    return _meeting_action(request, pk, lambda m: meeting_start(m, request.user),
                           _("Møtet er startet. Vedtak kan nå registreres."))


@require_POST
def meeting_held(request, pk):
    return _meeting_action(request, pk, lambda m: meeting_mark_held(m, request.user),
                           _("Møtet er markert som avholdt."))


@require_POST
def minutes_send_review(request, pk):
    return _meeting_action(
        request, pk, lambda m: minutes_send_for_review(m, request.user),
        _("Utkastet til referat er sendt til medlemmene og observatørene for gjennomlesning."),
    )


@require_POST
def minutes_approve_view(request, pk):
    meeting = _meeting(pk)
    require(can_edit_minutes(request.user, meeting))
    form = ApproveMinutesForm(request.POST)
    if form.is_valid():
        try:
            minutes_approve(meeting, request.user, form.cleaned_data["reason"])
        except InvalidTransition as exc:
            messages.error(request, str(exc))
            return redirect("meetings:minutes", pk=meeting.pk)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Referatet er godkjent og publisert i arkivet."))
            return redirect("meetings:minutes", pk=meeting.pk)
    return _editor_page(request, meeting, approve_form=form, status=400)


def minutes_correct_view(request, pk, item_pk):
    """A correction to approved minutes: the changed case with a reason, recorded as a new
    revision and listed under the minutes."""
    meeting = _meeting(pk)
    require(can_edit_minutes(request.user, meeting))
    item = _case(meeting, item_pk)
    organisations = _organisations(meeting)
    conflict = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        data = _posted_rows(request.POST, f"sak{item.pk}", action)
        editor = CaseEditor(item, organisations=organisations, data=data,
                            form_class=CorrectionForm)
        if action == "" and editor.is_valid():
            try:
                minutes_correct(item, request.user, editor.form.cleaned_data["reason"],
                                **editor.field_values(),
                                expected_version=request.POST.get("force_version")
                                or editor.form.cleaned_data["version"])
            except EditConflict as exc:
                conflict = _conflict(editor, exc)
            except ValidationError as exc:
                apply_service_error(editor.form, exc)
            else:
                messages.success(request, _("Rettelsen i sak %(ref)s er lagret.")
                                 % {"ref": item.reference})
                return redirect("meetings:minutes", pk=meeting.pk)
    else:
        editor = CaseEditor(item, organisations=organisations, form_class=CorrectionForm)
    if not meeting.is_minutes_approved and request.method == "GET":
        return redirect(reverse("meetings:minutes", args=[meeting.pk]) + f"#sak-{item.pk}")
    return render(request, "meetings/minutes_correct.html", {
        "meeting": meeting, "item": item, "editor": editor, "conflict": conflict,
    }, status=409 if conflict else 200)


urlpatterns = [
    path("moter/<int:pk>/referat/", minutes, name="minutes"),
    path("moter/<int:pk>/referat/sak/<int:item_pk>/", minutes_case_save,
         name="minutes_case_save"),
    path("moter/<int:pk>/referat/sak/<int:item_pk>/rettelse/", minutes_correct_view,
         name="minutes_correct"),
    path("moter/<int:pk>/start/", meeting_start_view, name="meeting_start"),
    path("moter/<int:pk>/avholdt/", meeting_held, name="meeting_held"),
    path("moter/<int:pk>/referat/gjennomlesning/", minutes_send_review,
         name="minutes_send_review"),
    path("moter/<int:pk>/referat/godkjenn/", minutes_approve_view, name="minutes_approve"),
]
