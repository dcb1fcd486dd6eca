"""«Send invitasjon» on a person's page: a login invitation by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import selectors
from governance.services.invitations import invite


@require_POST
@login_required
def person_invite(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    person = selectors.person_in_body(body, pk)
    try:
        invite(person, body, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Invitasjonen er sendt til %(email)s.") % {
            "email": person.email})
    return redirect("governance:person_edit", body.slug, person.pk)
