"""The portal's form renderer: every ``{{ form.field.as_field_group }}`` (and so every
``{% for field in form %}{{ field.as_field_group }}{% endfor %}``) draws the field through
``templates/partials/form_field.html``, the one field template of the portal: label (legend
for radio buttons and check boxes), optional mark, help text, the widget, and the errors
beside it, tied to the input with aria-describedby and aria-invalid."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    # TemplatesSetting renders through settings.TEMPLATES, so the portal's templates (and
    # Django's own widget templates, ``django.forms`` in INSTALLED_APPS) are found.
    field_template_name = "partials/form_field.html"
