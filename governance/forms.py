"""The body a new object is created in: one field for every create form that belongs to a body.

An object created in the wrong body is a leak (its drafts are read by that body's members and
hidden from its own), so the body is never picked for the person:

- The choices are the bodies where ``may_act(user, body_id)`` holds: the same predicate the
  create service checks, so the form never offers what the service would refuse.
- One such body: it is preselected and shown as text, with the value in a hidden input.
- Several: the select starts on «Velg styringsgruppe» and the form is refused, with a message
  next to the field, until the person picks one.
- A posted body outside the choices is a form error, never swapped for another one.

Declare the field on the form with its predicate and call ``limit_to(user)`` in ``__init__``;
until then it offers nothing, so a form that forgets accepts no body at all.
"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from governance.models import Body
from governance.permissions import roles_by_body


class FixedChoiceInput(forms.HiddenInput):
    """The only possible choice: read as text (with the field's help), sent as a hidden input.
    The id goes on the text, which can take focus, so the error summary's link lands there;
    the hidden input needs none."""

    def __init__(self, *, label, text, help_text="", attrs=None):
        super().__init__(attrs)
        self.label, self.text, self.help_text = label, text, help_text

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        element_id = attrs.pop("id", "")
        hidden = super().render(name, value, attrs, renderer)
        help_html = ""
        if self.help_text:
            help_html = format_html('<div data-field="description">{}</div>', self.help_text)
        return format_html(
            '<div class="ds-field" id="{}" tabindex="-1"><span class="ds-label">{}</span>'
            '{}<p class="ds-paragraph">{}</p></div>{}',
            element_id, self.label, help_html, self.text, hidden)


class BodyChoiceField(forms.ModelChoiceField):
    """The body to create an object in, among those the user may act for (see the module)."""

    def __init__(self, *, may_act, required_message, invalid_message=None, label=None,
                 help_text="", **kwargs):
        # required_message has no default: each form says in its own words what to choose.
        error_messages = {"required": required_message}
        if invalid_message:
            error_messages["invalid_choice"] = invalid_message
        super().__init__(queryset=Body.objects.none(), label=label or _("Styringsgruppe"),
                         help_text=help_text, empty_label=_("Velg styringsgruppe"),
                         error_messages=error_messages, **kwargs)
        self.may_act = may_act
        self.only = None

    def limit_to(self, user):
        """Offer the bodies where ``may_act(user, body_id)`` holds. Every such predicate needs
        a role in the body, so the bodies the user has a role in are the ones to ask about."""
        ids = [pk for pk in roles_by_body(user) if self.may_act(user, pk)]
        self.queryset = Body.objects.filter(pk__in=ids).order_by("name")
        self.only = self.queryset.get() if len(ids) == 1 else None
        if self.only is not None:
            self.initial = self.only
            self.empty_label = None
            self.widget = FixedChoiceInput(label=self.label, text=self.only.name,
                                           help_text=self.help_text)

    def clean(self, value):
        if self.only is not None and value in self.empty_values:
            # One body is preselected, so a form sent without the field means that body, as a
            # disabled field would; any other body posted is still checked below and refused.
            value = self.only.pk
        return super().clean(value)
