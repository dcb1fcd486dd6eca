"""Forms of the member-list import and the invitation: input and its Norwegian messages only;
the rules live in ``governance.services.member_import`` and ``invitations``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from normen_portal.uploads import UploadField

COLUMNS_HELP = _(
    "Første rad skal ha overskriftene. Kolonnene kan stå i hvilken som helst rekkefølge: "
    "Virksomhet, Kortnavn, Type (medlem eller observatør), Kategori, Navn, E-post, Telefon, "
    "Rolle (medlem, vara, leder eller sekretariat), Fra og Til (dd.mm.åååå). En rad er én "
    "persons rolle for en virksomhet; en rad med bare virksomheten legger til eller endrer "
    "medlemskapet. Tom Fra betyr i dag. Kortnavn brukes for nye virksomheter.")


class MemberImportForm(forms.Form):
    text = forms.CharField(
        label=_("Lim inn fra regnearket"), required=False, max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_("Merk radene i Excel, med overskriftene, kopier dem og lim dem inn her."))
    file = UploadField(
        "member_list", label=_("Eller last opp en fil"), required=False,
        help_text=_("CSV (skilt med semikolon eller komma) eller Excel (xlsx)."))

    def clean(self):
        data = super().clean()
        if "file" in self.errors:
            return data
        if not data.get("text", "").strip() and not data.get("file"):
            self.add_error("text", _("Lim inn lista eller velg en fil."))
        elif data.get("text", "").strip() and data.get("file"):
            self.add_error("file", _("Lim inn lista eller velg en fil, ikke begge."))
        return data


class MemberImportConfirmForm(forms.Form):
    data = forms.CharField(widget=forms.HiddenInput)
    invite = forms.BooleanField(
        label=_("Send invitasjon til nye personer med e-post"), required=False)
