"""Consultations follow the seat rule: a representative of an organisation that has left the
body is neither invited nor able to answer (issue 11, finding 1)."""

import datetime
from datetime import timedelta

from django.utils import timezone

from documents.services import consultations
from governance import permissions
from governance.models import Membership, Organisation
from governance.permissions.documents import answering_seats


def test_lapsed_member_is_not_invited_to_consultations(users, body, draft):
    Membership.objects.filter(body=body, organisation__name="Helse Nord RHF").update(
        end_date=datetime.date(2023, 1, 1))
    lapsed = users["member"]
    permissions.forget_roles(lapsed)
    consultation = consultations.consultation_send(
        draft, actor=users["secretariat"],
        organisations=[Organisation.objects.get(name="Helse Nord RHF"),
                       Organisation.objects.get(name="IKT-Norge")],
        deadline=timezone.localdate() + timedelta(days=14), message="")
    assert not answering_seats(lapsed).exists()
    recipients = consultations.recipients(consultation)
    assert "medlem@example.no" not in recipients
    assert "observator@example.no" in recipients
