"""Forms for the attendance register (secretariat) and for reporting absence (members)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.forms.minutes import ObjectChoiceField
from meetings.models import Attendance
from meetings.services.attendance import Report


class AttendanceRowForm(forms.Form):
    """One row of the register, prefixed with the row's id so the whole register can post as
    one form without JavaScript while htmx saves a row at a time."""

    status = forms.ChoiceField(label=_("Til stede / forfall"), choices=Attendance.Status.choices)
    digital = forms.BooleanField(label=_("Digitalt"), required=False)
    partial_note = forms.CharField(label=_("Delvis til stede"), max_length=120, required=False,
                                   help_text=_("F.eks. «frem til 11.05» eller «fra 11:00»."))
    substitute_for = ObjectChoiceField(label=_("Møter for"), required=False)
    note = forms.CharField(label=_("Merknad"), max_length=300, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, row, people=(), token="", **kwargs):
        self.row = row
        initial = {
            "status": row.status, "digital": row.digital, "partial_note": row.partial_note,
            "substitute_for": row.substitute_for_id and str(row.substitute_for_id),
            "note": row.note, "token": token,
        }
        super().__init__(*args, prefix=f"a{row.pk}", initial=initial, **kwargs)
        self.fields["substitute_for"] = ObjectChoiceField(
            [p for p in people if p.pk != row.person_id], label=_("Møter for"), required=False,
            empty_label=_("Ingen"),
        )


class AddPersonForm(forms.Form):
    person = ObjectChoiceField(label=_("Person"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, prefix="ny", **kwargs)
        self.fields["person"] = ObjectChoiceField(
            people, label=_("Person"), empty_label=_("Velg person"),
            label_of=lambda p: f"{p.name} ({p.seat_label})" if getattr(p, "seat_label", "")
            else p.name,
            error_messages={"required": _("Velg hvem som skal legges til.")},
        )


class AddGuestForm(forms.Form):
    guest_name = forms.CharField(label=_("Navn"), max_length=200,
                                 error_messages={"required": _("Skriv navnet på gjesten.")})
    note = forms.CharField(label=_("Virksomhet eller rolle"), max_length=300, required=False,
                           help_text=_("F.eks. «Helsedirektoratet, innleder i sak 17/24»."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="gjest", **kwargs)


class ReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Deltar du på møtet?"), widget=forms.RadioSelect,
        choices=[
            (Report.PRESENT, _("Jeg deltar")),
            (Report.DIGITAL, _("Jeg deltar digitalt")),
            (Report.ABSENT, _("Jeg har forfall")),
            (Report.DEPUTY, _("Jeg har forfall, og vara møter for meg")),
        ],
        error_messages={"required": _("Velg om du deltar eller har forfall.")},
    )
    deputy = ObjectChoiceField(label=_("Vara som møter"), required=False)
    note = forms.CharField(label=_("Merknad til sekretariatet"), max_length=300, required=False,
                           help_text=_("F.eks. «Kommer kl. 11.00»."))

    def __init__(self, *args, deputies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"] = ObjectChoiceField(
            deputies, label=_("Vara som møter"), required=False, empty_label=_("Velg vara"),
        )
        if not deputies:
            self.fields["status"].choices = self.fields["status"].choices[:3]

    def clean(self):
        data = super().clean()
        if data.get("status") == Report.DEPUTY and not data.get("deputy"):
            self.add_error("deputy", _("Velg hvem som møter for deg."))
        return data
