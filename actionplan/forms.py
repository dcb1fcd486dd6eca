"""Forms: input and its Norwegian error messages; the rules live in the services."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplan.models import (
    ActionPlan,
    CaseLink,
    Measure,
    MeasureKind,
    MeasureStatus,
    PlanArea,
    Strategy,
)
from actionplan.services.proposals import organisations_of, proposal_years
from governance.forms import BodyChoiceField
from governance.models import Membership, Organisation
from governance.permissions.actionplan import can_edit_plan, can_propose
from meetings.models import AgendaItem

REQUIRED = _("Fyll ut feltet.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # <input type=date> takes ISO dates; the browser shows them the local way.
        super().__init__(attrs, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    """Carries the version the user started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def take_version(self, version):
        """After a conflict: keep what the user typed, but let the next save go through
        against the version they have now been shown."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        self.data = data


def case_label(item):
    meeting = item.meeting
    ref = item.reference or _("(nummer ved innkalling)")
    return _("%(ref)s %(title)s – møte %(date)s") % {
        "ref": ref, "title": item.title, "date": meeting.date.strftime("%d.%m.%Y")}


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return case_label(obj)


class PlanCreateForm(forms.Form):
    body = BodyChoiceField(
        may_act=can_edit_plan,
        required_message=_("Velg hvilken styringsgruppe handlingsplanen er for."),
        invalid_message=_("Velg en styringsgruppe du er sekretariat for."),
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100,
                              error_messages={"required": REQUIRED})
    strategy = forms.ModelChoiceField(
        queryset=Strategy.objects.none(), required=False, label=_("Strategi"),
        empty_label=_("Ingen strategi"),
        help_text=_("Planens områder hentes fra strategiens satsingsområder."),
    )
    title = forms.CharField(label=_("Tittel"), required=False, max_length=200,
                            help_text=_("Tomt: «Handlingsplan» og året."))
    introduction = forms.CharField(label=_("Innledning"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].limit_to(user)
        self.fields["strategy"].queryset = Strategy.objects.filter(
            body__in=self.fields["body"].queryset).select_related("body")
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean(self):
        data = super().clean()
        strategy, body = data.get("strategy"), data.get("body")
        if strategy and body and strategy.body_id != body.pk:
            self.add_error("strategy", _("Strategien hører til en annen styringsgruppe."))
        return data


class PlanEditForm(VersionedForm):
    title = forms.CharField(label=_("Tittel"), max_length=200,
                            error_messages={"required": REQUIRED})
    strategy = forms.ModelChoiceField(queryset=Strategy.objects.none(), required=False,
                                      label=_("Strategi"), empty_label=_("Ingen strategi"))
    introduction = forms.CharField(label=_("Innledning"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = Strategy.objects.filter(body=plan.body)


class PlanStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Ny status"))
    approved_on = forms.DateField(
        label=_("Godkjent dato"), required=False, widget=DateInput,
        help_text=_("Ved godkjenning. Tomt hvis datoen ikke er kjent; skriv da i "
                    "begrunnelsen når planen ble besluttet."),
    )
    reason = forms.CharField(
        label=_("Begrunnelse"), max_length=300,
        help_text=_("F.eks. «Endelig handlingsplan besluttet på styringsgruppemøtet i "
                    "november 2023»."),
        error_messages={"required": _("Skriv hvorfor statusen endres, f.eks. hvor planen "
                                      "ble besluttet.")},
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = plan.TRANSITIONS[ActionPlan.Status(plan.status)]
        self.fields["to_status"].choices = [(s.value, s.label) for s in ActionPlan.Status
                                            if s in allowed]

    def clean(self):
        data = super().clean()
        if data.get("approved_on") and data["approved_on"] > timezone.localdate():
            self.add_error("approved_on", _("Datoen kan ikke være fram i tid."))
        return data


class PlanCaseForm(forms.Form):
    item = CaseChoiceField(queryset=AgendaItem.objects.none(), label=_("Sak"),
                           empty_label=_("Velg sak"),
                           error_messages={"required": _("Velg en sak.")})
    purpose = forms.ChoiceField(
        label=_("Behandling"), widget=forms.RadioSelect,
        choices=CaseLink.Purpose.choices, initial=CaseLink.Purpose.DISCUSSION,
        help_text=_("Når vedtaket i saken registreres, blir planen «Under drøfting» "
                    "(drøfting) eller «Godkjent» (godkjenning, vedtatt)."),
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = cases


class MeasureCaseForm(forms.Form):
    item = CaseChoiceField(queryset=AgendaItem.objects.none(), label=_("Sak"),
                           empty_label=_("Velg sak"),
                           error_messages={"required": _("Velg en sak.")})
    purpose = forms.ChoiceField(
        label=_("Behandling"), widget=forms.RadioSelect,
        choices=[c for c in CaseLink.Purpose.choices if c[0] != CaseLink.Purpose.APPROVAL],
        initial=CaseLink.Purpose.DISCUSSION,
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            AgendaItem.objects.filter(body=body, kind=AgendaItem.Kind.CASE, standard="")
            .select_related("meeting").order_by("-meeting__date", "position")
        )


class AreaForm(forms.Form):
    title = forms.CharField(label=_("Område"), max_length=200,
                            error_messages={"required": REQUIRED},
                            help_text=_("F.eks. «Veiledning» eller «Arena»."))
    description = forms.CharField(label=_("Mål for området"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


def responsible_choices(plan, selected=()):
    """The body's own organisations, and any already responsible for a measure of the
    body's plans (seed 004's «Helse- og omsorgsdepartementet» sits on no body)."""
    members = Membership.objects.filter(body=plan.body).values("organisation_id")
    used = Measure.responsible.through.objects.filter(
        measure__plan__body=plan.body).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=members) | Q(pk__in=used)
        | Q(pk__in=[o.pk for o in selected])
    ).order_by("name")


class MeasureForm(forms.Form):
    area = forms.ModelChoiceField(queryset=None, required=False, label=_("Område"),
                                  empty_label=_("Uten område"))
    code = forms.CharField(label=_("ID"), max_length=20, required=False,
                           help_text=_("F.eks. «1.16». Tomt: neste ledige nummer i området."))
    title = forms.CharField(label=_("Tiltak"), max_length=300,
                            error_messages={"required": _("Skriv hva tiltaket er.")})
    description = forms.CharField(label=_("Beskrivelse"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    responsible = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Ansvarlige virksomheter"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Brukes i filteret «Ansvarlig»."),
    )
    responsible_text = forms.CharField(
        label=_("Ansvarlig (slik det står i planen)"), max_length=300, required=False,
        help_text=_("F.eks. «Norsk Helsenett ved HelseCERT» eller «Sekretariatet». Tomt: "
                    "navnene på virksomhetene over."),
    )
    relevant_for = forms.CharField(label=_("Relevant for"), max_length=300, required=False,
                                   help_text=_("F.eks. «Hele sektoren»."))
    kind = forms.ChoiceField(label=_("Type tiltak"), choices=MeasureKind.choices,
                             initial=MeasureKind.NEW, widget=forms.RadioSelect)

    def __init__(self, *args, plan, selected=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.all()
        self.fields["responsible"].queryset = responsible_choices(plan, selected)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code:
            Measure._meta.get_field("code").run_validators(code)
        return code


class MeasureEditForm(MeasureForm, VersionedForm):
    code = forms.CharField(label=_("ID"), max_length=20,
                           error_messages={"required": REQUIRED},
                           help_text=_("F.eks. «1.16»."))


class StatusReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    date = forms.DateField(label=_("Dato"), widget=DateInput,
                           error_messages={"required": REQUIRED,
                                           "invalid": _("Skriv datoen som dd.mm.åååå.")})
    text = forms.CharField(
        label=_("Status og merknad"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva er gjort siden sist, og hva gjenstår? Påkrevd for «Ikke "
                    "gjennomført» og «Utsatt»."),
    )


class ProposalForm(forms.Form):
    # Django's own message for a body outside the choices ("Velg et gyldig valg …").
    body = BodyChoiceField(
        may_act=can_propose,
        required_message=_("Velg hvilken styringsgruppe innspillet gjelder."),
    )
    year = forms.TypedChoiceField(label=_("Handlingsplan for år"), coerce=int)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Fra virksomhet"),
        empty_label=_("Velg virksomhet"),
        error_messages={"required": _("Velg hvilken virksomhet innspillet kommer fra.")},
    )
    title = forms.CharField(label=_("Forslag til tiltak"), max_length=300,
                            error_messages={"required": _("Skriv forslaget i én setning.")},
                            help_text=_("F.eks. «KI-dag i styringsgruppa»."))
    description = forms.CharField(
        label=_("Beskrivelse og begrunnelse"), widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Beskriv forslaget og hvorfor det bør med.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].limit_to(user)
        self.fields["year"].choices = [(y, str(y)) for y in proposal_years()]
        self.fields["year"].initial = proposal_years()[0]
        orgs = Organisation.objects.none()
        for body in self.fields["body"].queryset:
            orgs = orgs | organisations_of(user, body)
        orgs = orgs.distinct().order_by("name")
        if orgs.count() > 1:
            self.fields["organisation"].queryset = orgs
        else:
            # One seat (or the secretariat's none): the service fills it in from the
            # representation; there is nothing to choose.
            del self.fields["organisation"]


class ProposalAcceptForm(forms.Form):
    area = forms.ModelChoiceField(queryset=None, required=False, label=_("Område i planen"),
                                  empty_label=_("Uten område"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.all() if plan else PlanArea.objects.none()


class ProposalDeclineForm(forms.Form):
    response = forms.CharField(
        label=_("Svar til innsender"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv et kort svar til den som sendte innspillet.")},
    )


class PlanFilterForm(forms.Form):
    """The plan page's filter (GET). The organisations come in as a list already loaded,
    so the filter costs no queries of its own."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle statuser")), *MeasureStatus.choices])
    ansvarlig = forms.TypedChoiceField(label=_("Ansvarlig"), required=False, coerce=int,
                                       empty_value=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {org.pk: org for org in organisations}
        self.fields["ansvarlig"].choices = [("", _("Alle ansvarlige"))] + [
            (org.pk, org.name) for org in organisations]

    def filters(self):
        """``{"status": …, "organisation": Organisation or None}`` for plan_table()."""
        if not self.is_valid():
            return {"status": "", "organisation": None}
        org_id = self.cleaned_data["ansvarlig"]
        return {"status": self.cleaned_data["status"],
                "organisation": self.organisations.get(org_id) if org_id else None}
