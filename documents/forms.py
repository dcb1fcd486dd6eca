"""Forms for the document pages. They validate input; the services decide and write."""

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Annex, Document, DocumentVersion, Topic
from governance.forms import BodyChoiceField
from governance.models import Membership, Organisation
from governance.permissions.documents import can_manage_documents
from normen_portal.uploads import UploadField


class LockedForm(forms.Form):
    """Carries the version of the object the person started editing (optimistic locking)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Temaer"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Document
        fields = ["kind", "number", "suffix", "title", "summary", "audience", "topics", "slug"]
        widgets = {"kind": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"slug": _("Nettadresse (for veiledere)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Lages av tittelen hvis du lar feltet stå tomt. Veiledere får adressen "
            "/veiledere/<nettadresse>/.")


class DocumentCreateForm(DocumentForm):
    """A new document: the catalogue data, and the body it belongs to, which decides whose
    members read its drafts. The body cannot change afterwards, so the edit form has none."""

    body = BodyChoiceField(
        may_act=can_manage_documents,
        required_message=_("Velg hvilken styringsgruppe dokumentet hører til."),
        invalid_message=_("Velg en styringsgruppe du er sekretariat for."),
        help_text=_("Medlemmene og observatørene i styringsgruppen leser utkastene."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].limit_to(user)
        self.order_fields(["body"])


class NewVersionForm(forms.Form):
    number = forms.CharField(label=_("Versjonsnummer"), max_length=7,
                             help_text=_("F.eks. 1.1 for en mindre endring, 2.0 for en større "
                                         "revisjon."))
    change_log = forms.CharField(label=_("Hva skal endres?"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class VersionTextForm(LockedForm):
    text_html = forms.CharField(label=_("Tekst"), required=False,
                                widget=forms.Textarea(attrs={"rows": 24}))
    change_log = forms.CharField(
        label=_("Endringer i denne versjonen"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vises på lesesiden under «Endringer», én endring per linje."),
    )


class UploadForm(LockedForm):
    docx = UploadField(
        "document_docx", label=_("Word-fil (.docx)"), required=False,
        help_text=_("Teksten i Word-filen erstatter teksten i versjonen. Overskriftene blir "
                    "innholdsfortegnelsen. Bilder tas ikke med; legg dem ved som vedlegg."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".docx,application/vnd.openxmlformats-officedocument."
                      "wordprocessingml.document"}),
    )
    pdf = UploadField("document_pdf", label=_("PDF-kilde"), required=False,
                      help_text=_("Valgfritt: PDF-en arbeidsgruppen laget, til arkivet."),
                      widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))

    def clean(self):
        data = super().clean()
        if not data.get("docx") and not data.get("pdf"):
            raise forms.ValidationError(_("Velg en Word-fil eller en PDF-fil."))
        return data


class AnnexForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    kind = forms.ChoiceField(label=_("Type vedlegg"), choices=Annex.Kind.choices,
                             widget=forms.RadioSelect, initial=Annex.Kind.PAGE)
    html = forms.CharField(label=_("Tekst (for vedlegg som side)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    file = UploadField("document_annex", label=_("Fil (for vedlegg som fil)"), required=False,
                       help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument (odt, ods), CSV "
                                   "eller bilde (PNG, JPG)."))

    def clean(self):
        data = super().clean()
        # A refused file already has its reason next to the field.
        if (data.get("kind") == Annex.Kind.FILE and not data.get("file")
                and "file" not in self.errors):
            self.add_error("file", _("Velg en fil."))
        if data.get("kind") == Annex.Kind.PAGE and not (data.get("html") or "").strip():
            self.add_error("html", _("Skriv teksten i vedlegget."))
        return data


class AnnexEditForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    html = forms.CharField(label=_("Tekst"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))


class ConsultationForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Høringsinstanser"), queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én høringsinstans.")},
    )
    deadline = forms.DateField(label=_("Høringsfrist"),
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               help_text=_("Svar kan gis til og med denne dagen."))
    message = forms.CharField(label=_("Følgebrev"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Hva dere særlig ønsker innspill på."))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            memberships__in=Membership.objects.current().filter(body=body)).order_by("name")
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(weeks=4)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Høringsfristen må være etter i dag."))
        return deadline


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case):
        meeting = formats.date_format(case.meeting.date, "d.m.Y")
        ref = f"{case.reference} " if case.reference else ""
        return f"{_('Møte')} {meeting}: {ref}{case.title}"


class LinkCaseForm(LockedForm):
    case = CaseChoiceField(label=_("Sak"), queryset=None,
                           empty_label=_("Velg sak"),
                           help_text=_("Saker i planlagte møter og møter der innkallingen er "
                                       "sendt. Forslag til vedtak fylles ut hvis saken ikke "
                                       "har det."))

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


class PublishPlanForm(LockedForm):
    publish_plan = forms.ChoiceField(label=_("Når skal versjonen publiseres?"),
                                     choices=DocumentVersion.PublishPlan.choices,
                                     widget=forms.RadioSelect)
    publish_at = forms.DateTimeField(
        label=_("Tidspunkt for publisering"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"],
        help_text=_("Bare når du har valgt «På et bestemt tidspunkt»."),
    )

    def clean(self):
        data = super().clean()
        scheduled = data.get("publish_plan") == DocumentVersion.PublishPlan.SCHEDULED
        if scheduled and not data.get("publish_at"):
            self.add_error("publish_at", _("Velg når versjonen skal publiseres."))
        return data


class ResponseForm(LockedForm):
    organisation = forms.ModelChoiceField(label=_("Innspill fra"), queryset=None,
                                          empty_label=None)
    text = forms.CharField(label=_("Innspill"), widget=forms.Textarea(attrs={"rows": 10}),
                           error_messages={"required": _("Skriv innspillet før du sender "
                                                         "det.")})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()


class LibraryFilterForm(forms.Form):
    """The public list's filters; GET, so the filtered page has its own URL."""

    type = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("Alle typer")), *Document.Kind.choices])
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    ar = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    utgatte = forms.BooleanField(label=_("Vis også utgåtte dokumenter"), required=False)

    def __init__(self, *args, topics, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"].choices = [("", _("Alle temaer"))] + [(t.slug, t.name)
                                                                 for t in topics]
        self.fields["ar"].choices = [("", _("Alle år"))] + [(y, str(y)) for y in years]
