from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorDict, ErrorList
from django.utils.safestring import mark_safe

from normen_portal import richtext

register = template.Library()


@register.filter
def rich(value, profile="document"):
    """``{{ item.discussion|rich }}``: sanitized on output as well as on input, so text saved
    before a rule tightened is still safe."""
    return richtext.render(value, profile)


def accessible_widget(field, *, invalid=False, extra_describedby="", **attrs):
    """A bound field's widget in Designsystemet's look, tied to its help text and errors
    with aria-describedby (ids ``<auto_id>-feil`` and ``<auto_id>-hjelp``) and marked invalid
    when it has errors, so a screen reader reads them with the field. The widget's own
    attributes (autocomplete, maxlength, autocapitalize…) stay; autofocus is dropped when
    the form has errors, since the error summary takes the focus then, and so is any
    placeholder. ``invalid`` and
    ``extra_describedby`` mark the input invalid and point it at another element as well,
    for an error that is not the field's own (a failed login's summary). The one place for
    this: partials/form_field.html and the apps' own tags and filters call it."""
    final = {}
    if getattr(field.field.widget, "input_type", None) != "hidden":
        final["class"] = "ds-input"
    described_by = []
    if field.errors:
        described_by.append(f"{field.auto_id}-feil")
    if field.errors or invalid:
        final["aria-invalid"] = "true"
    if field.help_text:
        described_by.append(f"{field.auto_id}-hjelp")
    if extra_describedby:
        described_by.append(str(extra_describedby))
    if described_by:
        final["aria-describedby"] = " ".join(described_by)
    widget_attrs = field.field.widget.attrs
    if widget_attrs.get("autofocus") and field.form.errors:
        final["autofocus"] = False
    if "placeholder" in widget_attrs:
        # The label says what goes in; a placeholder (allauth sets some) vanishes as one types.
        final["placeholder"] = False
    final.update(attrs)
    return field.as_widget(attrs=final)


@register.simple_tag
def field_widget(field, invalid=False, extra_describedby="", **attrs):
    """``{% field_widget field %}``: the field's widget through ``accessible_widget``."""
    return accessible_widget(field, invalid=invalid, extra_describedby=extra_describedby, **attrs)


class SingleRadio(forms.CheckboxInput):
    """One radio button on its own (allauth draws its lists of addresses and accounts one
    ``{% element field type="radio" %}`` at a time): a check box's markup with type radio.
    partials/form_field.html draws it like a check box, label after the input."""

    input_type = "radio"


class _ElementBoundField(BoundField):
    """A bound field whose id and name are allauth's own (they need not be equal)."""

    element_id = ""

    @property
    def auto_id(self):
        return self.element_id


def _slot(slots, name):
    # allauth's slots hold the rendered template text of the page's {% slot %} blocks.
    return mark_safe("".join(slots.get(name) or []).strip())  # noqa: S308 - rendered template text


@register.simple_tag
def element_field(attrs, slots):
    """``{% element_field attrs slots %}``: one field that an allauth page draws itself with
    ``{% element field id=… type=… %}`` (no Django form behind it), as a one-field form drawn
    through ``as_field_group``, so it gets the same markup as every other field."""
    kind = attrs.get("type") or "text"
    widget_attrs = {key: attrs[key] for key in ("autocomplete", "rows") if attrs.get(key)}
    if attrs.get("readonly"):
        widget_attrs["readonly"] = True
    field_class = forms.CharField
    if kind == "textarea":
        widget, value = forms.Textarea(widget_attrs), _slot(slots, "value")
    elif kind in ("checkbox", "radio"):
        if attrs.get("value") is not None:
            widget_attrs["value"] = attrs["value"]
        widget = (SingleRadio if kind == "radio" else forms.CheckboxInput)(widget_attrs)
        field_class, value = forms.BooleanField, bool(attrs.get("checked"))
    else:
        widget, value = forms.TextInput(widget_attrs), attrs.get("value")
        widget.input_type = kind
    # Never «(valgfritt)»: these are read-only displays (a secret, the recovery codes) or the
    # one input of allauth's own form; the required attribute only when allauth asks for it.
    field = field_class(
        required=True, disabled=bool(attrs.get("disabled")),
        label=_slot(slots, "label"), help_text=_slot(slots, "help_text"), widget=widget,
        initial=value)
    if field_class is forms.CharField:
        field.strip = False
    form = forms.Form()
    form.use_required_attribute = bool(attrs.get("required"))
    key = attrs.get("name") or attrs.get("id") or "field"
    form.fields[key] = field
    if attrs.get("errors"):
        form._errors = ErrorDict({key: ErrorList(attrs["errors"])})
    bound = _ElementBoundField(form, field, key)
    bound.html_name = attrs.get("name") or ""
    bound.element_id = attrs.get("id") or attrs.get("name") or ""
    return bound.as_field_group()
