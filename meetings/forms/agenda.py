"""Forms of the agenda builder: the meeting, its cases and breaks, attachments.

The forms only check input; the services in ``meetings.services.agenda`` and ``.notice`` do
the work. Every message a person can see is Norwegian and sits next to its field.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.forms import BodyChoiceField
from governance.permissions import can_edit_body
from meetings.forms.richtext import RichTextField
from meetings.models import AgendaItem, CaseType, Meeting
from normen_portal.uploads import UploadField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def version_field():
    """The version the person started from, for the optimistic lock. Trusted for nothing
    else: the service compares it with the database and refuses a stale one."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "place", "form", "comment_deadline"]
        widgets = {
            "date": DATE_WIDGET,
            "start_time": TIME_WIDGET,
            "end_time": TIME_WIDGET,
            "comment_deadline": DATETIME_WIDGET,
        }
        help_texts = {
            "place": _("F.eks. «Helsedirektoratet, Oslo» eller «Teams»."),
        }
        error_messages = {
            "date": {"required": _("Skriv inn møtedatoen."),
                     "invalid": _("Skriv datoen som dd.mm.åååå.")},
            "start_time": {"required": _("Skriv inn når møtet starter."),
                           "invalid": _("Skriv klokkeslettet som tt.mm, f.eks. 10.00.")},
            "end_time": {"invalid": _("Skriv klokkeslettet som tt.mm, f.eks. 15.00.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_time"].required = True
        self.fields["end_time"].error_messages["required"] = _("Skriv inn når møtet slutter.")
        self.fields["form"].choices = Meeting.Form.choices

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Møtet må slutte etter at det starter."))
        deadline, date = data.get("comment_deadline"), data.get("date")
        if deadline and date and start:
            begins = timezone.make_aware(datetime.datetime.combine(date, start))
            if deadline > begins:
                self.add_error("comment_deadline",
                               _("Fristen for innspill må være før møtet starter."))
        return data

    def _post_clean(self):
        # The model's own checks run in the service; here they would only repeat the messages
        # above in English.
        pass


class MeetingCreateForm(MeetingForm):
    # Not in Meta.fields: the choices are the bodies the user runs, never all of them, and
    # meeting_create checks the permission again.
    body = BodyChoiceField(
        may_act=can_edit_body,
        required_message=_("Velg hvilken styringsgruppe møtet er for."),
        invalid_message=_("Velg en styringsgruppe du er sekretariat for."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].limit_to(user)
        self.order_fields(["body"])


class MeetingEditForm(MeetingForm):
    version = version_field()


class CaseForm(forms.ModelForm):
    purpose = RichTextField(label=_("Hensikt med saken"), required=False)
    background = RichTextField(label=_("Bakgrunn"), required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "case_type", "start_time", "presenter", "from_unit", "case_officer",
                  "proposed_decision", "purpose", "background", "cover_note_internal"]
        widgets = {
            "start_time": TIME_WIDGET,
            "proposed_decision": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"start_time": _("Tidspunkt")}
        help_texts = {
            "title": _("Som på dagsordenen, f.eks. «Sekretariatet orienterer»."),
            "start_time": _("Når saken starter, f.eks. 10.45."),
            "presenter": _("Hvem som legger fram saken i møtet."),
            "proposed_decision": _("F.eks. «Styringsgruppen tar orienteringen til "
                                   "etterretning.»"),
        }
        error_messages = {
            "title": {"required": _("Skriv inn en tittel.")},
            "case_type": {"required": _("Velg sakstype.")},
            "start_time": {"invalid": _("Skriv klokkeslettet som tt.mm, f.eks. 10.45.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].required = True
        self.fields["case_type"].choices = [("", _("Velg sakstype")), *CaseType.choices]

    def _post_clean(self):
        pass


class CaseEditForm(CaseForm):
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.pk and item.standard == AgendaItem.Standard.APPROVE_MINUTES:
            from meetings.services.meetings import approvable_minutes

            choices = approvable_minutes(item.meeting.body, item.meeting.date)
            if item.previous_meeting_id:
                choices = choices | Meeting.objects.filter(pk=item.previous_meeting_id)
            self.fields["previous_meeting"] = forms.ModelChoiceField(
                queryset=choices.select_related("body").order_by("date"),
                initial=item.previous_meeting_id, required=False,
                label=_("Referat som godkjennes"),
                empty_label=_("Ingen (saken godkjenner ikke et referat)"),
                help_text=_("Referatet blir godkjent når vedtaket i denne saken registreres."),
            )
            self.fields["previous_meeting"].label_from_instance = lambda m: m.title


class BreakForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "start_time"]
        widgets = {"start_time": TIME_WIDGET}
        labels = {"title": _("Tekst på dagsordenen"), "start_time": _("Tidspunkt")}
        help_texts = {"title": _("F.eks. «Pause» eller «Lunsj»."),
                      "start_time": _("F.eks. 11.30.")}
        error_messages = {
            "title": {"required": _("Skriv inn teksten, f.eks. «Pause».")},
            "start_time": {"invalid": _("Skriv klokkeslettet som tt.mm, f.eks. 11.30.")},
        }

    def _post_clean(self):
        pass


class BreakEditForm(BreakForm):
    version = version_field()


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    to_index = forms.IntegerField(min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("direction") and data.get("to_index") is None:
            raise forms.ValidationError(_("Velg hvor punktet skal flyttes."))
        return data


class AttachmentForm(forms.Form):
    file = UploadField(
        "meeting_attachment",
        label=_("Fil"),
        help_text=_("Tillatte filtyper: PDF, Word (docx), Excel (xlsx), PowerPoint (pptx), "
                    "OpenDocument-tekst (odt), PNG og JPG."),
    )
    title = forms.CharField(
        label=_("Tittel"), max_length=300,
        help_text=_("Som i vedleggslisten, f.eks. «Toppnotat Handlingsplan 2025»."),
        error_messages={"required": _("Skriv inn en tittel for vedlegget.")},
    )
    item = forms.TypedChoiceField(label=_("Hører til sak"), required=False, coerce=int,
                                  empty_value=None)
    parent = forms.ChoiceField(label=_("Vedleggsnummer"), required=False)
    is_public = forms.BooleanField(
        label=_("Offentlig vedlegg"), required=False,
        help_text=_("Vises i det offentlige arkivet når referatet er godkjent."),
    )

    def __init__(self, *args, meeting, next_label, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        cases = [i for i in meeting.items.all() if i.is_case]
        self.fields["item"].choices = [("", _("Hele møtet (ingen bestemt sak)"))] + [
            (i.pk, f"{i.reference} {i.title}".strip()) for i in cases
        ]
        self.fields["parent"].choices = [
            ("", _("Nytt vedlegg (Vedlegg %(label)s)") % {"label": next_label})
        ] + [(p, _("Undervedlegg til vedlegg %(label)s") % {"label": p}) for p in parents]

    def clean_item(self):
        pk = self.cleaned_data.get("item")
        if pk is None:
            return None
        item = self.meeting.items.filter(pk=pk, kind=AgendaItem.Kind.CASE).first()
        if item is None:
            raise forms.ValidationError(_("Velg en sak i dette møtet."))
        return item
