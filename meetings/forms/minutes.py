"""Forms for the minutes editor, corrections, approval and the decision register's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.forms.richtext import RichTextField
from meetings.models import CaseType, Outcome

OUTCOME_CHOICES = [("", _("Ikke valgt"))] + list(Outcome.choices)


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects read once per page. A ModelChoiceField would query its choices
    again in every form, and the minutes editor has one form per case."""

    def __init__(self, objects=(), *, label_of=str, empty_label="", **kwargs):
        self.by_pk = {str(o.pk): o for o in objects}
        choices = [("", empty_label)] + [(str(o.pk), label_of(o)) for o in objects]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        return self.by_pk.get(super().clean(value))


class StatementForm(forms.Form):
    """One organisation's (or person's) statement on a case: «HSØ – …»."""

    organisation = ObjectChoiceField(label=_("Virksomhet"), required=False)
    speaker = forms.CharField(
        label=_("Eller hvem"), max_length=200, required=False,
        help_text=_("Når det ikke var en virksomhet, f.eks. «SG-leder» eller et navn."),
    )
    text = forms.CharField(label=_("Innlegg"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = ObjectChoiceField(
            organisations, label=_("Virksomhet"), required=False,
            label_of=lambda o: o.display_short, empty_label=_("Ingen virksomhet valgt"),
        )

    def clean(self):
        data = super().clean()
        who = data.get("organisation") or (data.get("speaker") or "").strip()
        text = (data.get("text") or "").strip()
        if who and not text:
            self.add_error("text", _("Skriv hva som ble sagt."))
        elif text and not who:
            self.add_error("organisation", _("Velg virksomhet eller skriv hvem som hadde ordet."))
        return data


StatementFormSet = forms.formset_factory(StatementForm, extra=0, can_delete=True)


class CaseMinutesForm(forms.Form):
    # The same plain-text conventions as the cover notes («- » for bullets, **fet**), stored
    # as sanitized HTML.
    discussion = RichTextField(label=_("Spørsmål og diskusjon"), required=False,
                               widget=forms.Textarea(attrs={"rows": 8}))
    decision_text = forms.CharField(label=_("Vedtak"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label=_("Utfall"), choices=OUTCOME_CHOICES, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(CaseMinutesForm):
    reason = forms.CharField(
        label=_("Begrunnelse for rettelsen"), max_length=500,
        help_text=_("Vises sammen med referatet, f.eks. «Feil navn i innlegg fra HSØ»."),
        error_messages={"required": _("Skriv hvorfor referatet rettes.")},
    )


class ApproveMinutesForm(forms.Form):
    reason = forms.CharField(
        label=_("Grunnlag for godkjenningen"), max_length=300,
        help_text=_("F.eks. «Godkjent på e-post etter gjennomlesning». Når referatet godkjennes "
                    "i neste møte, skjer det av seg selv når saken «Godkjenning av referat» "
                    "får vedtak."),
        error_messages={"required": _("Skriv grunnlaget for godkjenningen.")},
    )


class CaseEditor:
    """The form and the statements of one case, under a prefix of their own so that every
    case on the page posts and validates independently."""

    def __init__(self, item, *, organisations, data=None, form_class=CaseMinutesForm,
                 initial_extra=None, extra_statement=False):
        self.item = item
        self.prefix = f"sak{item.pk}"
        self.error_id = f"sak-{item.pk}-feil"
        statements = list(item.statements.all())
        initial = {
            "discussion": item.discussion,
            # The proposed decision is the starting point of the decision as minuted.
            "decision_text": item.decision_text or item.proposed_decision,
            "outcome": item.outcome,
            "version": item.version,
            **(initial_extra or {}),
        }
        self.form = form_class(data=data, prefix=self.prefix, initial=initial)
        self.form.fields["decision_text"].label = _("%(body)s vedtak") % {
            "body": item.meeting.body.possessive}
        self.statements = StatementFormSet(
            data=data, prefix=f"{self.prefix}-innlegg",
            initial=[{"organisation": s.organisation_id and str(s.organisation_id),
                      "speaker": s.speaker, "text": s.text} for s in statements],
            form_kwargs={"organisations": organisations},
        )
        if extra_statement and data is None:
            self.statements.extra = 1

    def is_valid(self):
        return self.form.is_valid() & self.statements.is_valid()

    def cleaned_statements(self):
        rows = []
        for form in self.statements.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            rows.append({"organisation": data.get("organisation"),
                         "speaker": data.get("speaker", ""), "text": data.get("text", "")})
        return rows

    def field_values(self):
        data = self.form.cleaned_data
        return {"discussion": data.get("discussion", ""),
                "decision_text": data.get("decision_text", ""),
                "outcome": data.get("outcome", ""),
                "statements": self.cleaned_statements()}

    @property
    def has_errors(self):
        return bool(self.form.errors) or any(f.errors for f in self.statements.forms) or bool(
            self.statements.non_form_errors())


def with_statement_rows(data, prefix, *, add=False, remove=None):
    """A copy of the posted ``data`` with a blank statement row added, or row ``remove``
    taken out (the rows after it move up): «Legg til innlegg» and «Fjern innlegget»."""
    data = data.copy()
    key = f"{prefix}-innlegg-TOTAL_FORMS"
    try:
        total = int(data.get(key) or 0)
    except ValueError:
        total = 0
    if add:
        data[key] = str(total + 1)
    if remove is not None and 0 <= remove < total:
        fields = ("organisation", "speaker", "text", "DELETE")
        for index in range(remove, total):
            for name in fields:
                source = f"{prefix}-innlegg-{index + 1}-{name}"
                target = f"{prefix}-innlegg-{index}-{name}"
                if index + 1 < total and source in data:
                    data[target] = data[source]
                else:
                    data.pop(target, None)
        data[key] = str(total - 1)
    return data


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk i vedtak"), required=False, max_length=200,
                        help_text=_("Ord i tittel eller vedtak, eller saksnummer som «16/24»."))
    # By slug, so the querystring reads ?body=normen like the decision's own address.
    body = forms.ChoiceField(label=_("Styringsgruppe"), required=False)
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    case_type = forms.ChoiceField(label=_("Sakstype"), required=False,
                                  choices=[("", _("Alle sakstyper"))] + list(CaseType.choices))
    outcome = forms.ChoiceField(label=_("Utfall"), required=False,
                                choices=[("", _("Alle utfall"))] + list(Outcome.choices))

    def __init__(self, *args, years=(), bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("Alle styringsgrupper"))] + [
            (b.slug, b.name) for b in bodies]
        self.fields["year"].choices = [("", _("Alle år"))] + [(y, str(y)) for y in years]
