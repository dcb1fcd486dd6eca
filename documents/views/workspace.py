"""The internal document pages: the secretariat drafts, sends on consultation, puts versions up
for decision and publishes; the steering group reads drafts. Every view checks access through
documents.permissions; the services check again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from documents import selectors
from documents.converters.docx_import import DocxRejected
from documents.forms import (
    AnnexEditForm,
    AnnexForm,
    ConsultationForm,
    DocumentCreateForm,
    DocumentForm,
    LinkCaseForm,
    NewVersionForm,
    PublishPlanForm,
    UploadForm,
    VersionTextForm,
)
from documents.models import Annex, Document, DocumentVersion, VersionStatus
from documents.services import NotEditable
from documents.services import annexes as annex_services
from documents.services import consultations as consultation_services
from documents.services import documents as document_services
from documents.services import versions as version_services
from documents.views.public import docx_response, file_response
from events.selectors import timeline_entries
from governance.permissions import roles_by_body
from governance.permissions.documents import can_manage_documents, can_use_workspace
from meetings.history import RestoreForm, RestoreRefused, record_author, revision_label
from meetings.models import InvalidTransition
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error

S = VersionStatus


def _secretariat_bodies(user):
    return [pk for pk in roles_by_body(user) if can_manage_documents(user, pk)]


@login_required
@require_safe
def work_list(request):
    require(can_use_workspace(request.user))
    return render(request, "documents/work/list.html", {
        "documents": selectors.workspace_documents(request.user),
        "consultations": selectors.consultations_for(request.user),
        "can_create": bool(_secretariat_bodies(request.user)),
    })


@login_required
def document_create(request):
    require(bool(_secretariat_bodies(request.user)))
    # The body is the one the person chose on the form, among those they run; the service
    # checks the permission again.
    form = DocumentCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "expected_version"}
        topics, body = data.pop("topics"), data.pop("body")
        try:
            document = document_services.document_create(body=body, actor=request.user,
                                                         topics=topics, **data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            version_services.version_create(document, actor=request.user)
            messages.success(request, _("Dokumentet er opprettet for %(body)s med et utkast til "
                                        "versjon 1.0.") % {"body": body.name})
            return redirect(document.get_workspace_url())
    return render(request, "documents/work/document_form.html", {"form": form})


def _document_timeline(document):
    """The events about the document and all its versions, in one query (the versions as a
    subquery). The callers show it only to those who manage the body's documents."""
    return timeline_entries(document, DocumentVersion.objects.filter(document=document))


@login_required
@require_safe
def document_page(request, pk):
    document = selectors.workspace_document(request.user, pk)
    versions = selectors.document_versions(document)
    manage = can_manage_documents(request.user, document.body_id)
    has_open = any(v.is_open for v in versions)
    return render(request, "documents/work/document.html", {
        "document": document, "versions": versions, "can_manage": manage,
        "new_version_form": NewVersionForm(initial={
            "number": version_services.next_number(document)}) if manage and not has_open
        else None,
        "timeline": _document_timeline(document) if manage else None,
    })


@login_required
def document_edit(request, pk):
    document = selectors.workspace_document(request.user, pk)
    require(can_manage_documents(request.user, document.body_id))
    form = DocumentForm(request.POST or None, instance=document,
                        initial={"expected_version": document.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in document_services.CATALOGUE_FIELDS}
        data["slug"] = data["slug"] or document.slug
        try:
            document_services.document_update(
                document, actor=request.user, topics=form.cleaned_data["topics"],
                expected_version=form.cleaned_data["expected_version"], **data)
        except EditConflict as error:
            conflict = Document.objects.get(pk=document.pk)
            form = DocumentForm(request.POST.copy(), instance=conflict)
            form.data["expected_version"] = conflict.version
            form.is_valid()
            apply_service_error(form, error)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(document.get_workspace_url())
    return render(request, "documents/work/document_form.html", {
        "form": form, "document": document, "conflict": conflict,
    })


@login_required
@require_POST
def document_expire(request, pk):
    document = selectors.workspace_document(request.user, pk)
    expired = request.POST.get("expired") == "1"
    try:
        document_services.document_set_expired(document, actor=request.user, expired=expired)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Dokumentet er merket som utgått.") if expired
                         else _("Dokumentet er i bruk igjen."))
    return redirect(document.get_workspace_url())


@login_required
@require_POST
def version_create(request, pk):
    document = selectors.workspace_document(request.user, pk)
    require(can_manage_documents(request.user, document.body_id))
    form = NewVersionForm(request.POST)
    if form.is_valid():
        try:
            version = version_services.version_create(
                document, actor=request.user, number=form.cleaned_data["number"],
                change_log=form.cleaned_data["change_log"])
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Versjon %(n)s er opprettet som utkast.")
                             % {"n": version.number})
            return redirect(version.get_workspace_url())
    versions = selectors.document_versions(document)
    return render(request, "documents/work/document.html", {
        "document": document, "versions": versions, "can_manage": True,
        "new_version_form": form, "timeline": _document_timeline(document),
    }, status=400)


# -- one version ----------------------------------------------------------------------------

def _version_for(request, pk, manage=False):
    version = selectors.workspace_version(request.user, pk)
    if manage:
        require(can_manage_documents(request.user, version.document.body_id))
    return version


@login_required
@require_safe
def version_page(request, pk):
    version = _version_for(request, pk)
    document = version.document
    manage = can_manage_documents(request.user, document.body_id)
    consultations = list(version.consultations.prefetch_related("organisations", "responses"))
    context = {
        "version": version, "document": document, "can_manage": manage,
        "annexes": list(version.annexes.all()), "consultations": consultations,
    }
    if manage:
        if version.status in {S.DRAFT, S.CONSULTATION, S.SUBMITTED}:
            context["case_form"] = LinkCaseForm(
                cases=version_services.eligible_cases(document.body_id),
                initial={"expected_version": version.version, "case": version.decision_case_id})
        if version.is_open:
            context["plan_form"] = PublishPlanForm(initial={
                "expected_version": version.version, "publish_plan": version.publish_plan,
                "publish_at": version.publish_at})
    return render(request, "documents/work/version.html", context)


@login_required
def version_text(request, pk):
    version = _version_for(request, pk, manage=True)
    if not version.is_editable:
        messages.error(request, _("Denne versjonen kan ikke endres. En endring blir en ny "
                                  "versjon."))
        return redirect(version.get_workspace_url())
    form = VersionTextForm(request.POST or None, initial={
        "text_html": version.text_html, "change_log": version.change_log,
        "expected_version": version.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            version_services.version_update(
                version, actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                text_html=form.cleaned_data["text_html"],
                change_log=form.cleaned_data["change_log"])
        except EditConflict as error:
            conflict = DocumentVersion.objects.get(pk=version.pk)
            data = request.POST.copy()
            data["expected_version"] = conflict.version
            form = VersionTextForm(data)
            form.is_valid()
            apply_service_error(form, error)
        except NotEditable as error:
            messages.error(request, str(error))
            return redirect(version.get_workspace_url())
        else:
            messages.success(request, _("Teksten er lagret."))
            return redirect(version.get_workspace_url())
    return render(request, "documents/work/version_text.html", {
        "version": version, "document": version.document, "form": form, "conflict": conflict,
    })


# -- earlier texts of a draft, and restoring one ----------------------------------------------

@login_required
@require_safe
def version_history(request, pk):
    """Every saved text of a version; the secretariat picks one to restore."""
    version = _version_for(request, pk, manage=True)
    return render(request, "documents/work/version_history.html", {
        "version": version, "document": version.document,
        "revisions": version_services.text_revisions(version),
        "blocked": version_services.restore_refusal(version),
    })


@login_required
def version_restore(request, pk):
    """Restore an earlier text of a draft: see what would change, give a reason, and restore
    it through the text service."""
    version = _version_for(request, pk, manage=True)
    history_url = reverse("documents:work_version_history", args=[version.pk])
    posted = request.method == "POST"
    record = version_services.text_revision(
        version, request.POST.get("revision") if posted else request.GET.get("versjon"))
    if record is None:
        messages.error(request, _("Velg en tidligere tekst."))
        return redirect(history_url)
    blocked = version_services.restore_refusal(version)
    if posted:
        form = RestoreForm(request.POST)
    else:
        form = RestoreForm(initial={"revision": record.history_id, "version": version.version})
    if posted and not blocked and form.is_valid():
        try:
            version_services.version_restore(
                version, actor=request.user, revision_id=record.history_id,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"])
        except EditConflict as error:
            # Saved by someone else since the page was shown: compare again with the text as
            # it is now, keeping the reason typed.
            version = selectors.workspace_version(request.user, pk)
            data = request.POST.copy()
            data["version"] = str(version.version)
            form = RestoreForm(data)
            form.is_valid()
            apply_service_error(form, error)
        except (NotEditable, RestoreRefused, ValidationError) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Teksten fra %(when)s er gjenopprettet.") % {
                "when": revision_label(record.history_date)})
            return redirect(version.document.get_workspace_url() + "#hendelser")
    return render(request, "documents/work/version_restore.html", {
        "version": version, "document": version.document, "record": record,
        "when": revision_label(record.history_date), "who": record_author(record),
        "diff": version_services.text_restore_diff(version, record), "form": form,
        "blocked": blocked, "history_url": history_url,
    }, status=400 if posted else 200)


@login_required
def version_upload(request, pk):
    version = _version_for(request, pk, manage=True)
    form = UploadForm(request.POST or None, request.FILES or None,
                      initial={"expected_version": version.version})
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["expected_version"]
        try:
            if form.cleaned_data.get("docx"):
                converted = version_services.version_import_docx(
                    version, actor=request.user, expected_version=expected,
                    upload=form.cleaned_data["docx"])
                expected = None
                messages.success(request, _("Teksten er hentet fra Word-filen."))
                if converted.images_dropped:
                    messages.warning(request, _(
                        "Word-filen hadde %(n)s bilde(r), som ikke er tatt med i teksten. Legg "
                        "dem ved som vedlegg, med en beskrivelse."
                    ) % {"n": converted.images_dropped})
            if form.cleaned_data.get("pdf"):
                version_services.version_set_source_pdf(
                    version, actor=request.user, expected_version=expected,
                    upload=form.cleaned_data["pdf"])
                messages.success(request, _("PDF-kilden er lagret."))
        except DocxRejected as error:
            form.add_error("docx", str(error))
        except ValidationError as error:
            if hasattr(error, "error_dict") and "source_pdf" in error.error_dict:
                for e in error.error_dict["source_pdf"]:
                    form.add_error("pdf", e)
            else:
                apply_service_error(form, error)
        except (EditConflict, NotEditable) as error:
            apply_service_error(form, error)
        else:
            return redirect(version.get_workspace_url())
    return render(request, "documents/work/version_upload.html", {
        "version": version, "document": version.document, "form": form,
    }, status=400 if form.errors else 200)


@login_required
@require_safe
def version_docx(request, pk):
    version = _version_for(request, pk)
    return docx_response(version)


@login_required
@require_POST
def version_status(request, pk):
    version = _version_for(request, pk, manage=True)
    to_status = request.POST.get("to")
    if to_status not in {S.DRAFT, S.WITHDRAWN}:
        raise Http404
    try:
        version_services.version_change_status(version, actor=request.user,
                                               to_status=S(to_status))
    except InvalidTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Versjonen har nå status «%(s)s».")
                         % {"s": S(to_status).label})
    return redirect(version.get_workspace_url())


@login_required
@require_POST
def version_link_case(request, pk):
    version = _version_for(request, pk, manage=True)
    form = LinkCaseForm(request.POST,
                        cases=version_services.eligible_cases(version.document.body_id))
    if form.is_valid():
        try:
            version_services.version_link_case(
                version, actor=request.user, case=form.cleaned_data["case"],
                expected_version=form.cleaned_data["expected_version"])
        except (ValidationError, InvalidTransition, EditConflict) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Versjonen er sendt til behandling i saken."))
            return redirect(version.get_workspace_url())
    return _version_with_form(request, version, case_form=form)


@login_required
@require_POST
def version_publishing(request, pk):
    version = _version_for(request, pk, manage=True)
    if "publish_now" in request.POST:
        try:
            version_services.version_publish(version, actor=request.user)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect(version.get_workspace_url())
        messages.success(request, _("Versjonen er publisert."))
        return redirect(version.get_workspace_url())
    form = PublishPlanForm(request.POST)
    if form.is_valid():
        try:
            version_services.version_update(
                version, actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                publish_plan=form.cleaned_data["publish_plan"],
                publish_at=form.cleaned_data["publish_at"])
        except (EditConflict, NotEditable, ValidationError) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Publiseringen er lagret."))
            return redirect(version.get_workspace_url())
    return _version_with_form(request, version, plan_form=form)


def _version_with_form(request, version, **forms):
    """The version page again, with the form that failed showing its errors."""
    document = version.document
    context = {
        "version": version, "document": document, "can_manage": True,
        "annexes": list(version.annexes.all()),
        "consultations": list(version.consultations.prefetch_related("organisations",
                                                                     "responses")),
    }
    if version.status in {S.DRAFT, S.CONSULTATION, S.SUBMITTED}:
        context["case_form"] = LinkCaseForm(
            cases=version_services.eligible_cases(document.body_id),
            initial={"expected_version": version.version, "case": version.decision_case_id})
    if version.is_open:
        context["plan_form"] = PublishPlanForm(initial={
            "expected_version": version.version, "publish_plan": version.publish_plan,
            "publish_at": version.publish_at})
    context.update(forms)
    return render(request, "documents/work/version.html", context, status=400)


@login_required
def consultation_create(request, pk):
    version = _version_for(request, pk, manage=True)
    form = ConsultationForm(request.POST or None, body=version.document.body)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_services.consultation_send(
                version, actor=request.user, **form.cleaned_data)
        except (ValidationError, InvalidTransition) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Versjonen er sendt på høring til %(n)s "
                                        "virksomheter.")
                             % {"n": len(form.cleaned_data["organisations"])})
            return redirect(consultation.get_absolute_url())
    return render(request, "documents/work/consultation_form.html", {
        "version": version, "document": version.document, "form": form,
    }, status=400 if form.errors else 200)


# -- annexes --------------------------------------------------------------------------------

@login_required
def annex_create(request, pk):
    version = _version_for(request, pk, manage=True)
    form = AnnexForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            annex_services.annex_add(version, actor=request.user,
                                     title=form.cleaned_data["title"],
                                     kind=form.cleaned_data["kind"],
                                     html=form.cleaned_data["html"],
                                     upload=form.cleaned_data["file"])
        except (ValidationError, NotEditable) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Vedlegget er lagt til."))
            return redirect(version.get_workspace_url())
    return render(request, "documents/work/annex_form.html", {
        "version": version, "document": version.document, "form": form,
    }, status=400 if form.errors else 200)


def _annex_for(request, pk, manage=False):
    annex = get_object_or_404(Annex.objects.select_related("version__document"), pk=pk)
    _version_for(request, annex.version_id, manage=manage)
    return annex


@login_required
def annex_edit(request, pk):
    annex = _annex_for(request, pk, manage=True)
    version = annex.version
    form = AnnexEditForm(request.POST or None,
                         initial={"title": annex.title, "html": annex.html})
    if annex.kind == Annex.Kind.FILE:
        del form.fields["html"]
    if request.method == "POST" and form.is_valid():
        try:
            annex_services.annex_update(annex, actor=request.user,
                                        title=form.cleaned_data["title"],
                                        html=form.cleaned_data.get("html"))
        except (ValidationError, NotEditable) as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Vedlegget er lagret."))
            return redirect(version.get_workspace_url())
    return render(request, "documents/work/annex_form.html", {
        "version": version, "document": version.document, "form": form, "annex": annex,
    })


@login_required
@require_POST
def annex_move(request, pk):
    annex = _annex_for(request, pk, manage=True)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        annex_services.annex_move(annex, actor=request.user, offset=offset)
    except NotEditable as error:
        messages.error(request, str(error))
    return redirect(annex.version.get_workspace_url() + "#vedlegg")


@login_required
@require_POST
def annex_delete(request, pk):
    annex = _annex_for(request, pk, manage=True)
    version = annex.version
    try:
        annex_services.annex_delete(annex, actor=request.user)
    except NotEditable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Vedlegget «%(t)s» er fjernet.") % {"t": annex.title})
    return redirect(version.get_workspace_url() + "#vedlegg")


@login_required
@require_safe
def annex_download(request, pk):
    annex = _annex_for(request, pk)
    return file_response(annex)


@login_required
@require_safe
def annex_view(request, pk):
    annex = _annex_for(request, pk)
    return render(request, "documents/work/annex.html", {
        "annex": annex, "version": annex.version, "document": annex.version.document,
    })
