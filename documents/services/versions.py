"""A version's text and life cycle: drafting, decision in a case, approval, publishing."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from documents import pdf
from documents.converters import docx_import
from documents.converters.html import clean_document_html
from documents.models import Annex, Document, DocumentVersion, VersionStatus
from documents.search import refresh_vector
from documents.services import NotEditable
from events.models import EventKind
from events.services import event_record
from governance.permissions.documents import can_manage_documents
from meetings.models import AgendaItem, InvalidTransition, Meeting, Outcome
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged
from normen_portal.uploads import check_upload, clean_filename

S = VersionStatus
PDF_MAX_BYTES = docx_import.MAX_BYTES


def _locked(version):
    return DocumentVersion.objects.select_for_update().select_related("document").get(
        pk=version.pk
    )


def _check_actor(actor, version):
    if actor is not None:
        require(can_manage_documents(actor, version.document.body_id))


def _require_editable(version):
    if not version.is_editable:
        raise NotEditable(
            _("Versjon %(number)s har status «%(status)s» og kan ikke endres. En endring "
              "blir en ny versjon.")
            % {"number": version.number, "status": version.get_status_display()}
        )


def _save(version, reason):
    version.version += 1
    version._change_reason = reason
    version.full_clean()
    version.save()


def version_transition(version, to_status, *, reason=""):
    """Move ``version`` to ``to_status`` or raise InvalidTransition. The caller holds the
    transaction and has checked permission; this is the one place the rule lives."""
    to_status = VersionStatus(to_status)
    from_status = version.status
    version.check_move(to_status)
    if version.status == S.CONSULTATION:
        # Leaving consultation ends it: responses after this would answer a text that moves on.
        version.consultations.filter(closed_at__isnull=True).update(closed_at=timezone.now())
    if to_status == S.DRAFT:
        version.decision_case = None
    version.move_to(to_status)
    _save(version, reason or to_status.label)
    event_record(
        _VERSION_EVENTS.get(to_status, EventKind.VERSION_STATUS), version,
        body=version.document.body_id, actor=getattr(version, "_history_user", None),
        summary=f"{version}: {to_status.label}", reason=reason,
        from_status=from_status, to_status=to_status.value)
    return version


_VERSION_EVENTS = {S.APPROVED: EventKind.VERSION_APPROVED,
                   S.PUBLISHED: EventKind.VERSION_PUBLISHED,
                   S.WITHDRAWN: EventKind.VERSION_WITHDRAWN}


# -- creating and editing -------------------------------------------------------------------

def next_number(document):
    latest = document.versions.order_by("-major", "-minor").first()
    if latest is None:
        return "1.0"
    return f"{latest.major}.{latest.minor + 1}"


@transaction.atomic
def version_create(document, *, actor, number=None, change_log="", copy_from=None):
    """A new draft. It starts as a copy of ``copy_from`` (default: the newest version), so a
    revision begins with the text and annexes it revises."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(can_manage_documents(actor, document.body_id))
    open_version = document.versions.filter(status__in=DocumentVersion.OPEN).first()
    if open_version is not None:
        raise ValidationError(
            _("Dokumentet har allerede en versjon under arbeid (v%(number)s).")
            % {"number": open_version.number}
        )
    number = (number or next_number(document)).strip()
    version = DocumentVersion(document=document, number=number, change_log=change_log,
                              created_by=actor)
    version.full_clean()
    top = document.versions.aggregate(major=Max("major"))["major"]
    if top is not None:
        highest = document.versions.order_by("-major", "-minor").first()
        if (version.major, version.minor) <= (highest.major, highest.minor):
            raise ValidationError({"number": _(
                "Versjonsnummeret må være høyere enn siste versjon (v%(number)s)."
            ) % {"number": highest.number}})
    base = copy_from or document.versions.order_by("-major", "-minor").first()
    if base is not None:
        version.text_html, version.text_plain, version.toc = (
            base.text_html, base.text_plain, base.toc)
    version._change_reason = _("Ny versjon")
    version.save()
    if base is not None:
        for annex in base.annexes.all():
            # Files are shared, never deleted: the older version still shows its annex.
            Annex.objects.create(version=version, position=annex.position, kind=annex.kind,
                                 title=annex.title, slug=annex.slug, html=annex.html,
                                 file=annex.file.name, original_name=annex.original_name,
                                 content_type=annex.content_type, size=annex.size)
    refresh_vector([version.pk])
    return version


@transaction.atomic
def version_update(version, *, actor, expected_version, **fields):
    """Edit the text (``text_html``), number, change log and publishing plan.

    The text and number only while the version is a draft; the change log until it is
    submitted; the publishing plan until it is published."""
    version = _locked(version)
    _check_actor(actor, version)
    check_unchanged(version, expected_version)
    if "text_html" in fields or "number" in fields:
        _require_editable(version)
    if "change_log" in fields and version.status not in {S.DRAFT, S.RETURNED, S.CONSULTATION}:
        _require_editable(version)
    if {"publish_plan", "publish_at"} & fields.keys() and version.status not in (
        DocumentVersion.OPEN
    ):
        raise NotEditable(_("Versjonen er allerede publisert."))
    if "text_html" in fields:
        text = clean_document_html(fields.pop("text_html"))
        version.text_html, version.text_plain, version.toc = text.html, text.plain, text.toc
    for name, value in fields.items():
        setattr(version, name, value)
    if version.publish_plan != DocumentVersion.PublishPlan.SCHEDULED:
        version.publish_at = None
    _save(version, _("Endret"))
    refresh_vector([version.pk])
    return version


@transaction.atomic
def version_import_docx(version, *, actor, expected_version, upload):
    """Replace the text with a converted Word file. Raises DocxRejected (nothing changes)."""
    version = _locked(version)
    _check_actor(actor, version)
    check_unchanged(version, expected_version)
    _require_editable(version)
    # Refuse an oversize file before reading it into memory.
    docx_import.check_size(upload.size)
    data = upload.read()
    converted = docx_import.convert(data)
    # convert() has checked the package with the upload policy; the name is cleaned by it too.
    version.source_docx.save(clean_filename(upload.name, fallback="dokument.docx"),
                             ContentFile(data), save=False)
    version.source_docx_name = upload.name[:255]
    text = converted.text
    version.text_html, version.text_plain, version.toc = text.html, text.plain, text.toc
    _save(version, _("Tekst hentet fra Word-fil %(name)s") % {"name": upload.name[:100]})
    refresh_vector([version.pk])
    return converted


@transaction.atomic
def version_set_source_pdf(version, *, actor, expected_version, upload):
    version = _locked(version)
    _check_actor(actor, version)
    check_unchanged(version, expected_version)
    _require_editable(version)
    # The one upload policy (normen_portal.uploads), for callers other than the form too.
    try:
        clean = check_upload(upload, "document_pdf", max_bytes=PDF_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"source_pdf": exc.messages}) from exc
    version.source_pdf.save(clean.name or "dokument.pdf", upload, save=False)
    _save(version, _("PDF-kilde lastet opp"))
    return version


# -- decision in a case ---------------------------------------------------------------------

def eligible_cases(body):
    """Cases the secretariat can put a version up for: numbered or not, in a meeting that is
    planned or whose notice is sent, not a standard case, not yet decided."""
    return (
        AgendaItem.objects.filter(
            body=body, kind=AgendaItem.Kind.CASE, standard=AgendaItem.Standard.NONE,
            outcome="",
            meeting__status__in=[Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT],
        )
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )


def proposed_decision_text(version):
    """As the seeds write it: «Integritet – … (faktaark 59) v1.0 godkjennes»."""
    document = version.document
    if document.kind == Document.Kind.FACT_SHEET:
        name = f"{document.title} (faktaark {document.code})"
    elif document.kind == Document.Kind.GUIDE:
        name = f"{document.title} (Veileder)"
    else:
        name = document.title
    return _("%(name)s v%(number)s godkjennes") % {"name": name, "number": version.number}


@transaction.atomic
def version_link_case(version, *, actor, case, expected_version=None):
    """Put the version up for decision in ``case``: it becomes «sendt til behandling», and the
    case gets the usual proposed decision if it has none."""
    version = _locked(version)
    _check_actor(actor, version)
    check_unchanged(version, expected_version)
    case = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=case.pk)
    if not eligible_cases(version.document.body_id).filter(pk=case.pk).exists():
        raise ValidationError({"case": _("Velg en sak i et planlagt møte eller et møte der "
                                         "innkallingen er sendt.")})
    taken = DocumentVersion.objects.filter(decision_case=case, status=S.SUBMITTED).exclude(
        pk=version.pk).first()
    if taken is not None:
        raise ValidationError({"case": _("Saken gjelder allerede %(version)s.")
                               % {"version": taken}})
    version.decision_case = case
    if version.status == S.SUBMITTED:
        _save(version, _("Knyttet til sak %(case)s") % {"case": case})
    else:
        version_transition(version, S.SUBMITTED,
                           reason=_("Sendt til behandling i sak %(case)s") % {"case": case})
    if not case.proposed_decision.strip():
        case.proposed_decision = proposed_decision_text(version)
        if case.meeting.notice_is_sent:
            case.changed_after_notice = True
        case.version += 1
        case._change_reason = _("Forslag til vedtak fra dokumentet")
        case.full_clean()
        case.save()
    return version


def approval_reference(body, on, case=None):
    text = _("Godkjent av %(body)s %(date)s") % {
        "body": body.name, "date": formats.date_format(on, "d.m.Y")}
    if case is not None and case.reference:
        text += ", " + _("sak %(ref)s") % {"ref": case.reference}
    return text


def apply_decision(item, outcome):
    """A decision was recorded on ``item`` (meetings' case_decided signal). The versions up for
    decision there follow it. Runs inside the meeting's transaction."""
    versions = list(
        DocumentVersion.objects.select_for_update()
        .select_related("document__body")
        .filter(decision_case=item, status=S.SUBMITTED)
    )
    for version in versions:
        if outcome in (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES):
            meeting_date = item.meeting.date
            version.approved_on = meeting_date
            version.approval_reference = approval_reference(version.document.body,
                                                            meeting_date, item)
            version_transition(version, S.APPROVED, reason=version.approval_reference)
            if _due(version, timezone.now()):
                _publish(version, timezone.now())
        elif outcome == Outcome.WITHDRAWN:
            version_transition(version, S.WITHDRAWN,
                               reason=_("Trukket i sak %(ref)s") % {"ref": item.reference})
        elif outcome == Outcome.POSTPONED:
            # Still up for decision, in a later meeting's case; the secretariat links it there.
            version.decision_case = None
            _save(version, _("Utsatt i sak %(ref)s") % {"ref": item.reference})
        elif outcome == Outcome.NOTED:
            version_transition(version, S.RETURNED,
                               reason=_("Ikke godkjent i sak %(ref)s") % {"ref": item.reference})
    return versions


# -- publishing -----------------------------------------------------------------------------

def _due(version, now):
    plan = version.publish_plan
    if plan == DocumentVersion.PublishPlan.IMMEDIATELY:
        return True
    return plan == DocumentVersion.PublishPlan.SCHEDULED and version.publish_at is not None \
        and version.publish_at <= now


def _publish(version, now):
    document = Document.objects.select_for_update().get(pk=version.document_id)
    previous = document.current_version
    version.published_at = now
    version_transition(version, S.PUBLISHED, reason=_("Publisert"))
    if previous is not None and previous.pk != version.pk and previous.status == S.PUBLISHED:
        previous.superseded_at = now
        version_transition(previous, S.SUPERSEDED,
                           reason=_("Erstattet av v%(number)s") % {"number": version.number})
    document.current_version = version
    if document.first_published_at is None:
        document.first_published_at = now
    document.version += 1
    document._change_reason = _("v%(number)s publisert") % {"number": version.number}
    document.save()
    refresh_vector([version.pk])
    pk = version.pk
    transaction.on_commit(lambda: pdf.request(pk), robust=True)
    return version


@transaction.atomic
def version_publish(version, *, actor, now=None):
    """Publish an approved version now; the version it replaces becomes «erstattet»."""
    version = _locked(version)
    _check_actor(actor, version)
    if version.status != S.APPROVED:
        raise InvalidTransition(_("Bare godkjente versjoner kan publiseres."))
    return _publish(version, now or timezone.now())


def publish_due_versions(now=None):
    """Publish approved versions whose planned time has come (the periodic task)."""
    now = now or timezone.now()
    published = []
    due = DocumentVersion.objects.filter(
        status=S.APPROVED, publish_plan=DocumentVersion.PublishPlan.SCHEDULED,
        publish_at__lte=now,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            version = DocumentVersion.objects.select_for_update(skip_locked=True).filter(
                pk=pk, status=S.APPROVED).first()
            if version is not None:
                published.append(_publish(version, now))
    return published


@transaction.atomic
def version_change_status(version, *, actor, to_status, expected_version=None):
    """The secretariat's own moves: back to draft, withdraw, take a returned version up again.
    Approval and publishing have their own functions."""
    version = _locked(version)
    _check_actor(actor, version)
    check_unchanged(version, expected_version)
    if to_status not in {S.DRAFT, S.WITHDRAWN}:
        raise InvalidTransition(_("Denne statusendringen gjøres ikke her."))
    return version_transition(version, to_status)


# -- restoring an earlier text --------------------------------------------------------------
#
# The secretariat restores a draft's text from a saved version of it, with a reason. The
# restore goes through ``version_update``, the one door every edit of the text uses, so its
# rules apply unchanged: the optimistic lock, and «only drafts (and returned versions) are
# editable». What the steering group approved is exactly the text it was shown: an approved
# or published version is never restored over; a change to it is a new version.

RESTORE_REFUSED = {S.APPROVED, S.PUBLISHED, S.SUPERSEDED}


def restore_refusal(version):
    """Why the text of ``version`` cannot be restored now, or None."""
    if version.status in RESTORE_REFUSED:
        return _("Versjon %(number)s har status «%(status)s». Den godkjente teksten endres "
                 "aldri og gjenopprettes ikke fra en tidligere tekst; en endring blir en ny "
                 "versjon («Lag ny versjon» på dokumentsiden).") % {
                     "number": version.number, "status": version.get_status_display()}
    if not version.is_editable:
        return _("Versjon %(number)s har status «%(status)s». Bare utkast kan endres, så "
                 "teksten kan ikke gjenopprettes nå.") % {
                     "number": version.number, "status": version.get_status_display()}
    return None


def text_revisions(version):
    """Each saved text of ``version``, newest first: the history rows where the text changed
    (status moves and the publishing plan leave it alone), each with how many paragraphs
    changed from the one before, and ``is_current`` for the text as it is now."""
    from meetings.history import Revision, record_author, text_diff

    records = list(version.history.select_related("history_user__person")
                   .order_by("history_date", "history_id"))
    revisions = []
    previous = None
    for record in records:
        if previous is not None and record.text_html == previous:
            continue
        changed = len(text_diff(previous, record.text_html)) if previous is not None else 0
        revisions.append(Revision(
            history_id=record.history_id, when=record.history_date,
            who=record_author(record), reason=record.history_change_reason or "",
            changes=changed, is_current=record.text_html == version.text_html))
        previous = record.text_html
    revisions.reverse()
    return revisions


def text_revision(version, history_id):
    """The saved version ``history_id`` of ``version``'s row, or None."""
    try:
        history_id = int(history_id)
    except (TypeError, ValueError):
        return None
    return (version.history.filter(history_id=history_id)
            .select_related("history_user__person").first())


def text_restore_diff(version, record):
    """What restoring ``record`` would change in the text, in the history page's terms."""
    from meetings.history import DiffField, text_diff

    if record.text_html == version.text_html:
        return []
    return [DiffField(label=_("Teksten"), now="", restored="",
                      blocks=text_diff(version.text_html, record.text_html))]


@transaction.atomic
def version_restore(version, *, actor, revision_id, reason, expected_version):
    """Give the draft ``version`` the text it had in the saved version ``revision_id``,
    through ``version_update``, and write a RESTORED event with the reason and the version
    restored. Raises ValidationError (no reason, unknown version, nothing to change),
    RestoreRefused (approved or published), NotEditable and EditConflict."""
    from meetings.history import (
        RestoreRefused,
        mark_latest_revision,
        require_reason,
        revision_label,
    )

    version = _locked(version)
    _check_actor(actor, version)
    reason = require_reason(reason)
    if version.status in RESTORE_REFUSED:
        raise RestoreRefused(restore_refusal(version))
    record = text_revision(version, revision_id)
    if record is None:
        raise ValidationError({"revision": _("Velg en tidligere tekst.")})
    # The lock first: a stale page is a conflict, whatever it would have changed.
    check_unchanged(version, expected_version, message=_(
        "Teksten er endret av noen andre etter at du åpnet siden. Se over hva som nå blir "
        "endret, og gjenopprett på nytt hvis det fortsatt skal gjøres."))
    if record.text_html == version.text_html:
        raise ValidationError(_("Den valgte teksten er lik teksten slik den er nå. Det er "
                                "ingenting å gjenopprette."))
    version = version_update(version, actor=actor, expected_version=expected_version,
                             text_html=record.text_html)
    when = revision_label(record.history_date)
    mark_latest_revision(DocumentVersion.history.filter(id=version.pk),
                         _("Tekst gjenopprettet fra versjonen %(when)s") % {"when": when})
    event_record(
        EventKind.RESTORED, version, body=version.document.body_id, actor=actor,
        summary=_("%(version)s: teksten fra %(when)s er gjenopprettet") % {
            "version": version, "when": when},
        reason=reason, revision=record.history_id, revision_at=record.history_date.isoformat(),
        row_version=version.version)
    return version
