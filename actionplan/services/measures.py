"""Measures: add, edit, report status (the one place a measure's status changes)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import CaseLink, Measure, MeasureKind, MeasureStatus, ProgressNote
from actionplan.services import actor_name
from actionplan.services.plans import next_code, plan_link_case
from governance.permissions.actionplan import can_edit_plan
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged

EDITABLE_FIELDS = ("area", "code", "title", "description", "responsible_text", "relevant_for",
                   "kind")

# Saying that a measure was not done, or was put off, needs a reason the steering group can
# read; «Ikke gjennomført merket med rødt» is discussed in the meeting.
NEEDS_EXPLANATION = {MeasureStatus.NOT_DONE, MeasureStatus.POSTPONED}


@transaction.atomic
def measure_create(plan, *, actor, title, area=None, code="", description="",
                   responsible=(), responsible_text="", relevant_for="",
                   kind=MeasureKind.NEW):
    if actor is not None:
        require(can_edit_plan(actor, plan))
    code = code.strip() or next_code(plan, area)
    if Measure.objects.filter(plan=plan, code=code).exists():
        raise ValidationError({"code": _("Planen har allerede et tiltak med ID %(code)s.")
                               % {"code": code}})
    measure = Measure(plan=plan, area=area, code=code, title=title.strip(),
                      description=description, responsible_text=responsible_text.strip(),
                      relevant_for=relevant_for.strip(), kind=kind)
    measure.full_clean()
    measure._change_reason = _("Opprettet")
    measure.save()
    measure.responsible.set(responsible)
    return measure


@transaction.atomic
def measure_update(measure, *, actor, version, responsible=None, **fields):
    """Edit a measure's text; raises EditConflict if someone else saved first."""
    require(can_edit_plan(actor, measure.plan))
    measure = Measure.objects.select_for_update().select_related("plan").get(pk=measure.pk)
    check_unchanged(measure, version, required=True)  # a form always carries its version
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    if "code" in fields and fields["code"] != measure.code and Measure.objects.filter(
            plan=measure.plan, code=fields["code"]).exists():
        raise ValidationError({"code": _("Planen har allerede et tiltak med ID %(code)s.")
                               % {"code": fields["code"]}})
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    measure.full_clean()
    measure.version += 1
    measure.save()
    if responsible is not None:
        measure.responsible.set(responsible)
    return measure


@transaction.atomic
def measure_report_status(measure, *, actor, status, text="", date=None):
    """The secretariat reports on a measure: a dated note, and the new status if it
    changed. The only way a measure's status changes."""
    require(can_edit_plan(actor, measure.plan))
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    status = MeasureStatus(status)
    text = text.strip()
    date = date or timezone.localdate()
    errors = {}
    if date > timezone.localdate():
        errors["date"] = _("Datoen kan ikke være fram i tid.")
    if status in NEEDS_EXPLANATION and status != measure.status and not text:
        errors["text"] = _("Skriv kort hvorfor tiltaket får status «%(status)s».") % {
            "status": status.label}
    elif status == measure.status and not text:
        errors["text"] = _("Velg en ny status eller skriv en merknad.")
    if errors:
        raise ValidationError(errors)
    changed = status != measure.status
    note = ProgressNote(measure=measure, date=date, text=text,
                        previous_status=measure.status, status=status if changed else "",
                        author=actor, author_name=actor_name(actor))
    note.full_clean()
    note.save()
    if changed:
        measure.status = status
        measure.version += 1
        measure._change_reason = _("Status: %(status)s") % {"status": status.label}
        measure.save()
    return note


@transaction.atomic
def measure_link_case(measure, item, *, actor, purpose=CaseLink.Purpose.DISCUSSION):
    """«The cases that discussed it»: any case of the body, past or coming."""
    if purpose == CaseLink.Purpose.APPROVAL:
        raise ValidationError({"purpose": _("Bare hele planen godkjennes i en sak.")})
    return plan_link_case(measure.plan, item, actor=actor, purpose=purpose, measure=measure)
