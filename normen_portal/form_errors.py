"""One way to show a service's refusal on a form: what the person typed stays, and the message
sits next to the field it is about (or above the form when it is about the whole change)."""

from django.core.exceptions import ValidationError

from normen_portal.concurrency import EditConflict


def apply_service_error(form, exc):
    """Put ``exc`` on ``form``: a ValidationError's field errors next to their fields (when
    the form has the field), its other messages at the top; an EditConflict's message at the
    top; any other refusal a service raises (an illegal transition, a locked agenda) at the
    top, in its own words. The form stays bound, so the person's input is kept."""
    if isinstance(exc, EditConflict):
        form.add_error(None, str(exc.message))
        return
    if not isinstance(exc, ValidationError):
        form.add_error(None, str(exc))
        return
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
