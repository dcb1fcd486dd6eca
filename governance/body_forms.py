"""Forms for the secretariat's pages of a body: its settings, organisations and people.
Input and its Norwegian error messages only; the rules live in ``governance.services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Membership, Organisation, Person, Representation
from governance.selectors import people_known_to

REQUIRED = _("Fyll ut feltet.")
DATE_ERRORS = {"required": _("Skriv en dato."), "invalid": _("Skriv datoen som dd.mm.åååå.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # <input type=date> takes ISO dates; the browser shows them the local way.
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=False, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput,
                           help_text=help_text, error_messages=DATE_ERRORS)


def yes_no(label, *, yes, no, help_text=""):
    return forms.TypedChoiceField(
        label=label, choices=[("1", yes), ("0", no)], coerce=lambda v: v == "1",
        widget=forms.RadioSelect, help_text=help_text,
        error_messages={"required": _("Velg ett av svarene.")})


class BodySettingsForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200,
                           error_messages={"required": _("Skriv navnet på styringsgruppen.")},
                           help_text=_("F.eks. «Styringsgruppen for Normen»."))
    short_name = forms.CharField(
        label=_("Kortnavn"), max_length=80,
        error_messages={"required": _("Skriv kortnavnet, f.eks. «Styringsgruppen».")},
        help_text=_("Brukes i vedtak: «Styringsgruppen godkjenner …»."))
    slug = forms.SlugField(
        label=_("Nettadresse"), max_length=50,
        error_messages={"required": _("Skriv nettadressen, f.eks. «normen»."),
                        "invalid": _("Bruk bare bokstavene a–z, tall og bindestrek.")},
        help_text=_("Den delen av adressen som er gruppens egen, f.eks. «normen» i "
                    "/styringsgrupper/normen/medlemmer/. Kan ikke endres etter at gruppen har "
                    "fått sitt første saksnummer, fordi vedtakenes faste adresser bruker den."))
    minutes_public = yes_no(
        _("Er referater og vedtak offentlige?"),
        yes=_("Ja: godkjente referater og vedtak vises for alle"),
        no=_("Nei: bare styringsgruppen og sekretariatet ser dem"),
        help_text=_("Gjelder alle gruppens møter, også de som er holdt. Innkalling og "
                    "sakspapirer før møtet er aldri offentlige."))
    numbers_meetings = yes_no(
        _("Skal møtene nummereres?"),
        yes=_("Ja: «Møte 3/2026», nummerert per år"),
        no=_("Nei: møtene har bare dato"),
        help_text=_("Nye møter får neste nummer i året; møter som finnes, beholder sitt."))
    case_numbering_first = forms.IntegerField(
        required=False, min_value=1, max_value=9999,
        error_messages={"invalid": _("Skriv et helt tall, f.eks. 15."),
                        "min_value": _("Saksnummeret må være 1 eller høyere."),
                        "max_value": _("Saksnummeret kan ikke være høyere enn 9999.")})

    def __init__(self, *args, year, slug_fixed, **kwargs):
        super().__init__(*args, **kwargs)
        yy = f"{year % 100:02d}"
        field = self.fields["case_numbering_first"]
        field.label = _("Første saksnummer i portalen i %(year)s") % {"year": year}
        field.help_text = _(
            "For en gruppe som flytter sakene sine inn i portalen midt i året: nummeret den "
            "første saken i portalen skal få i %(year)s. Skriv 15 hvis sak 1/%(yy)s–14/%(yy)s "
            "ble ført utenfor portalen; da blir neste sak 15/%(yy)s. La feltet stå tomt for å "
            "begynne på 1/%(yy)s. Et nummer som er brukt, gis aldri på nytt, og neste år "
            "begynner nummereringen på 1 igjen.") % {"year": year, "yy": yy}
        if slug_fixed:
            self.fields["slug"].disabled = True


class MembershipAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False,
        label=_("Registrert virksomhet"), empty_label=_("Ingen valgt: ny virksomhet"),
        help_text=_("Virksomheter som er registrert i portalen og ikke er med i gruppen."),
        error_messages={"invalid_choice": _("Velg en virksomhet fra lista.")})
    new_name = forms.CharField(
        label=_("Eller navnet på en ny virksomhet"), max_length=200, required=False,
        help_text=_("Fullt navn, f.eks. «Helse Nord RHF»."))
    new_short_name = forms.CharField(
        label=_("Kortnavn på den nye virksomheten"), max_length=60, required=False,
        help_text=_("Slik referatene skriver den, f.eks. «Helse Nord»."))
    kind = forms.ChoiceField(label=_("Type"), choices=Membership.Kind.choices,
                             widget=forms.RadioSelect, initial=Membership.Kind.MEMBER,
                             error_messages={"required": _("Velg medlem eller observatør.")})
    represents = forms.CharField(
        label=_("Representerer"), max_length=120, required=False,
        help_text=_("Kategorien virksomheten representerer, f.eks. «Pasientorganisasjoner» "
                    "eller «Private helsevirksomheter»."))
    sort_order = forms.IntegerField(
        label=_("Rekkefølge"), required=False, min_value=0,
        help_text=_("Plassen i lista over medlemmer eller observatører. Tomt: sist."),
        error_messages={"invalid": _("Skriv et helt tall."),
                        "min_value": _("Skriv 0 eller et høyere tall.")})
    start_date = date_field(_("Med fra"), help_text=_("Tomt: fra før portalen ble tatt i bruk."))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.exclude(memberships__body=body).order_by("name"))

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_name") \
                and "organisation" not in self.errors:
            self.add_error("organisation", _(
                "Velg en registrert virksomhet, eller skriv navnet på en ny."))
        elif data.get("organisation") and data.get("new_name"):
            self.add_error("new_name", _(
                "Velg en registrert virksomhet eller skriv navnet på en ny, ikke begge."))
        return data


class MembershipEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Membership.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": _("Velg medlem eller observatør.")})
    represents = MembershipAddForm.base_fields["represents"]
    sort_order = forms.IntegerField(
        label=_("Rekkefølge"), min_value=0,
        help_text=_("Plassen i lista over medlemmer eller observatører."),
        error_messages={"required": REQUIRED, "invalid": _("Skriv et helt tall."),
                        "min_value": _("Skriv 0 eller et høyere tall.")})
    start_date = date_field(_("Med fra"), help_text=_("Tomt: fra før portalen ble tatt i bruk."))
    end_date = date_field(
        _("Med til og med"),
        help_text=_("Retter registreringen. Når en virksomhet går ut av gruppen, bruk "
                    "«Avslutt medlemskap»: da avsluttes også representantene."))


class MembershipEndForm(forms.Form):
    end_date = date_field(_("Siste dag i styringsgruppen"), required=True)
    reason = forms.CharField(label=_("Begrunnelse"), max_length=300, required=False,
                             help_text=_("F.eks. «Meldt seg ut etter eget ønske»."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"end_date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PersonFields(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200,
                           error_messages={"required": _("Skriv navnet på personen.")})
    email = forms.EmailField(
        label=_("E-post"), required=False, max_length=254,
        help_text=_("Innkallinger og varsler sendes hit. Uten adresse får personen ingen "
                    "innkalling."),
        error_messages={"invalid": _("Skriv en gyldig e-postadresse, f.eks. "
                                     "navn@virksomhet.no.")})
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    title = forms.CharField(label=_("Stilling"), max_length=200, required=False)


class OrganisationInBody(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RepresentationFields(forms.Form):
    organisation = OrganisationInBody(
        queryset=Organisation.objects.none(), required=False, label=_("Representerer"),
        empty_label=_("Ingen virksomhet (sekretariatet)"),
        help_text=_("Virksomhetene som er med i gruppen. Sekretariatet representerer ingen."),
        error_messages={"invalid_choice": _("Velg en virksomhet som er med i gruppen.")})
    role = forms.ChoiceField(label=_("Rolle"), widget=forms.RadioSelect,
                             choices=Representation.Role.choices,
                             initial=Representation.Role.MEMBER,
                             error_messages={"required": _("Velg en rolle.")})
    start_date = date_field(_("Fra"), help_text=_("Tomt: fra før portalen ble tatt i bruk."))
    end_date = date_field(_("Til og med"), help_text=_("Tomt: til videre."))

    def limit_to(self, body):
        today = timezone.localdate()
        in_body = (Membership.objects.filter(body=body).exclude(end_date__lt=today)
                   .values("organisation_id"))
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(pk__in=in_body).order_by("name"))


class PersonAddForm(RepresentationFields, PersonFields):
    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(body)


class RepresentationForm(RepresentationFields):
    def __init__(self, *args, body, keep=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(body)
        if keep is not None:
            # An ended membership's representation can still be corrected.
            field = self.fields["organisation"]
            field.queryset = (field.queryset | Organisation.objects.filter(pk=keep.pk)).distinct()


class ReplaceForm(forms.Form):
    on = date_field(_("Fra dato"), required=True)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False,
        label=_("Ny representant som er registrert"),
        empty_label=_("Ingen valgt: ny person (fyll ut under)"),
        help_text=_("Personer som har eller har hatt en rolle i gruppen, f.eks. en vara som "
                    "blir representant."),
        error_messages={"invalid_choice": _("Velg en person fra lista.")})
    name = forms.CharField(label=_("Eller navnet på en ny person"), max_length=200,
                           required=False)
    email = PersonFields.base_fields["email"]
    phone = PersonFields.base_fields["phone"]
    reason = forms.CharField(label=_("Begrunnelse"), max_length=300, required=False,
                             help_text=_("F.eks. «Ny direktør i Helse Vest RHF»."))

    def __init__(self, *args, body, replacing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_known_to(body).exclude(pk=replacing.person_id)
        self.fields["on"].help_text = _(
            "Første dag for den nye representanten. %(person)s står som %(role)s til og med "
            "dagen før.") % {"person": replacing.person.name,
                             "role": replacing.get_role_display().lower()}

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("name") and "person" not in self.errors:
            self.add_error("person", _("Velg en registrert person, eller skriv navnet på en "
                                       "ny."))
        elif data.get("person") and data.get("name"):
            self.add_error("name", _("Velg en registrert person eller skriv navnet på en ny, "
                                     "ikke begge."))
        return data
