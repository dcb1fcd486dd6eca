from django import template

from normen_portal import richtext

register = template.Library()


@register.filter
def rich(value, profile="document"):
    """``{{ item.discussion|rich }}``: sanitized on output as well as on input, so text saved
    before a rule tightened is still safe."""
    return richtext.render(value, profile)


def accessible_widget(field, **attrs):
    """A bound field's widget in Designsystemet's look, tied to its help text and errors
    with aria-describedby (ids ``<auto_id>-hjelp`` and ``<auto_id>-feil``) and marked invalid
    when it has errors, so a screen reader reads them with the field. The one place for this:
    the apps' own tags and filters call it."""
    final = {}
    if getattr(field.field.widget, "input_type", None) != "hidden":
        final["class"] = "ds-input"
    described_by = []
    if field.errors:
        described_by.append(f"{field.auto_id}-feil")
        final["aria-invalid"] = "true"
    if field.help_text:
        described_by.append(f"{field.auto_id}-hjelp")
    if described_by:
        final["aria-describedby"] = " ".join(described_by)
    final.update(attrs)
    return field.as_widget(attrs=final)


@register.simple_tag
def field_widget(field, **attrs):
    """``{% field_widget field %}``: the field's widget through ``accessible_widget``."""
    return accessible_widget(field, **attrs)
