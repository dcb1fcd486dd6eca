"""Forms for comments, conflicts of interest, notification choices and circulations.

The forms only collect input; the rules (length, deadlines, who may do what) live in the
services, whose ValidationErrors are put back on these forms next to the right field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from governance.forms import BodyChoiceField
from governance.models import Organisation
from governance.permissions.reviews import can_manage_circulations
from meetings.models import AgendaItem
from normen_portal.form_errors import apply_service_error
from reviews.models import CirculationAnswer, Comment, NotificationPreference
from reviews.models.comments import QUOTE_MAX_LENGTH, REPLY_MAX_LENGTH, CommentingPeriod

SOURCE_HELP = _(
    "Tom linje gir nytt avsnitt. Linjer som starter med «- » blir en punktliste, og "
    "nettadresser blir lenker. *Stjerner* gir kursiv."
)


# The views of comments and circulations import the project's one helper from here.
add_service_error = apply_service_error


class CommentForm(forms.Form):
    source = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=SOURCE_HELP, strip=False,
                             error_messages={"required": _("Skriv en kommentar.")})
    quote = forms.CharField(
        label=_("Sitat fra teksten"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kommentaren gjelder dette avsnittet. Marker tekst ovenfor og velg "
                    "«Bruk markert tekst», eller lim inn teksten her."),
    )
    visibility = forms.ChoiceField(
        label=_("Hvem kan lese kommentaren"), choices=Comment.Visibility.choices,
        initial=Comment.Visibility.ALL_MEMBERS, widget=forms.RadioSelect,
    )

    def clean_quote(self):
        # Checked here too, so a long quote is reported next to its field with the text kept.
        quote = self.cleaned_data.get("quote", "").strip()
        if len(quote) > QUOTE_MAX_LENGTH:
            raise ValidationError(
                _("Sitatet er for langt: %(length)s tegn. Det kan være på høyst %(max)s tegn."),
                params={"length": len(quote), "max": QUOTE_MAX_LENGTH},
            )
        return quote


class ReplyForm(forms.Form):
    source = forms.CharField(label=_("Ditt svar"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=SOURCE_HELP, strip=False,
                             error_messages={"required": _("Skriv et svar.")})


class CommentEditForm(CommentForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Behandling"), widget=forms.RadioSelect,
        choices=[c for c in Comment.Status.choices if c[0] != Comment.Status.OPEN],
        error_messages={"required": _("Velg hvordan kommentaren er behandlet.")},
    )
    reply = forms.CharField(label=_("Kort svar til den som skrev"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Høyst %(max)s tegn.") % {"max": REPLY_MAX_LENGTH})
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentingPeriodForm(forms.Form):
    phase = forms.ChoiceField(label=_("Gjelder"), choices=CommentingPeriod.Phase.choices,
                              widget=forms.RadioSelect, initial=CommentingPeriod.Phase.PAPERS)
    closes_at = forms.DateTimeField(
        label=_("Åpent for innspill til"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Dato og klokkeslett, for eksempel 03.06.2024 12.00."),
        error_messages={"required": _("Velg dato og klokkeslett."),
                        "invalid": _("Skriv dato og klokkeslett som 03.06.2024 12.00.")},
    )


class ConflictForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Sak"), queryset=AgendaItem.objects.none(),
                                  empty_label=_("Velg sak"),
                                  error_messages={"required": _("Velg en sak."),
                                                  "invalid_choice": _("Velg en sak.")})
    reason = forms.CharField(
        label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort hvorfor du er inhabil, for eksempel at virksomheten din er part i "
                    "saken."),
        error_messages={"required": _("Skriv kort hvorfor du er inhabil i saken.")},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.filter(
            kind=AgendaItem.Kind.CASE).order_by("position", "pk")


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Når vil du ha e-post fra portalen?"), widget=forms.RadioSelect,
        choices=NotificationPreference.Frequency.choices,
        error_messages={"required": _("Velg hvordan du vil varsles.")},
    )


class CirculationForm(forms.Form):
    body = BodyChoiceField(
        may_act=can_manage_circulations,
        required_message=_("Velg hvilken styringsgruppe saken skal sendes til."),
        invalid_message=_("Velg en styringsgruppe du er sekretariat for."),
    )
    title = forms.CharField(label=_("Tittel"), max_length=300,
                            error_messages={"required": _("Skriv en tittel.")})
    background = forms.CharField(label=_("Bakgrunn"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 6}), help_text=SOURCE_HELP)
    proposed_decision = forms.CharField(
        label=_("Forslag til vedtak"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv forslaget til vedtak.")},
    )
    deadline = forms.DateTimeField(
        label=_("Svarfrist"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Velg svarfrist."),
                        "invalid": _("Skriv svarfristen som 03.06.2024 12.00.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].limit_to(user)


class CirculationAnswerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Jeg svarer for"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Du kan bare svare for en virksomhet du "
                                            "representerer.")},
    )
    answer = forms.ChoiceField(label=_("Svar"), choices=CirculationAnswer.Answer.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Velg enig, uenig eller avstår.")})
    comment = forms.CharField(label=_("Kommentar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations])


class CirculationCloseForm(forms.Form):
    decision_text = forms.CharField(
        label=_("Vedtak slik det føres i vedtaksregisteret"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La stå tomt for å bruke forslaget til vedtak (eller «ikke vedtatt» hvis "
                    "forslaget ikke fikk flertall)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
