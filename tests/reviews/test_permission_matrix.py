"""The permission matrix over every page and htmx endpoint of the members' review:
anonymous / no seat / member of another body / observer / member / deputy / secretariat,
by direct URL, GET and POST, with and without htmx. A refused request changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Circulation, CirculationAnswer, Comment, ConflictOfInterest
from reviews.services import circulation as circulation_services
from reviews.services import comments as comment_services

ROLES = ["anonymous", "no_seat", "other_body_member", "observer", "member", "deputy",
         "secretariat"]
READERS = {"observer", "member", "deputy", "secretariat"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(users, body, case, attachment):
    comment = comment_services.comment_create(
        actor=users["member"], target=case, context=Comment.Context.COVER_NOTE,
        source="Helse Nord mener integritetsbegrepet trekkes for langt.")
    circulation = circulation_services.circulation_create(
        actor=users["secretariat"], body=body, title="Publisering av Faktaark 59",
        proposed_decision="Styringsgruppen godkjenner publisering.",
        deadline=timezone.now() + timedelta(days=3))
    return {"case": case, "attachment": attachment, "comment": comment,
            "circulation": circulation, "meeting": case.meeting}


def _thread(w, kind="sak", context="toppnotat"):
    target = w["attachment"] if kind == "vedlegg" else w["case"]
    return reverse("reviews:comment_thread", args=[kind, target.pk, context])


def _org(w):
    from governance.models import Organisation

    return Organisation.objects.get(name="Helse Nord RHF").pk


# name: (method, url(world), data(world), htmx, allowed roles, status when allowed,
#        check(world) -> bool: did the change happen)
ENDPOINTS = {
    "thread page": ("get", _thread, None, False, READERS, 200, None),
    "thread htmx": ("get", _thread, None, True, READERS, 200, None),
    "attachment thread": ("get", lambda w: _thread(w, "vedlegg", "vedlegg"), None, True,
                          READERS, 200, None),
    "new comment": ("post", _thread, lambda w: {"source": "Nytt innspill.",
                                                 "visibility": "all_members"}, True,
                    READERS, 200, lambda w: Comment.objects.filter(
                        source="Nytt innspill.").exists()),
    "reply": ("post", lambda w: reverse("reviews:comment_reply", args=[w["comment"].pk]),
              lambda w: {"source": "Et svar."}, True, READERS, 200,
              lambda w: Comment.objects.filter(parent=w["comment"]).exists()),
    "edit": ("post", lambda w: reverse("reviews:comment_edit", args=[w["comment"].pk]),
             lambda w: {"source": "Endret.", "visibility": "all_members",
                        "version": w["comment"].version}, True, {"member"}, 200,
             lambda w: Comment.objects.filter(source="Endret.").exists()),
    "withdraw": ("post", lambda w: reverse("reviews:comment_withdraw",
                                           args=[w["comment"].pk]),
                 lambda w: {}, True, {"member"}, 200,
                 lambda w: Comment.objects.filter(withdrawn=True).exists()),
    "answer": ("post", lambda w: reverse("reviews:comment_answer", args=[w["comment"].pk]),
               lambda w: {"status": "answered", "reply": "Takk.",
                          "version": w["comment"].version}, True, {"secretariat"}, 200,
               lambda w: Comment.objects.filter(status="answered").exists()),
    "history": ("get", lambda w: reverse("reviews:comment_history", args=[w["comment"].pk]),
                None, False, {"member", "secretariat"}, 200, None),
    "overview": ("get", lambda w: reverse("reviews:meeting_comments",
                                          args=[w["meeting"].pk]),
                 None, False, {"secretariat"}, 200, None),
    "csv export": ("get", lambda w: reverse("reviews:meeting_comments_csv",
                                            args=[w["meeting"].pk]),
                   None, False, {"secretariat"}, 200, None),
    "reopen commenting": ("post", lambda w: reverse("reviews:commenting_period",
                                                    args=[w["meeting"].pk]),
                          lambda w: {"phase": "papers", "closes_at": (
                              timezone.localtime() + timedelta(days=9)).strftime(
                              "%Y-%m-%dT%H:%M")}, False, {"secretariat"}, 302,
                          lambda w: w["meeting"].commenting_periods.exists()),
    "conflicts page": ("get", lambda w: reverse("reviews:meeting_conflicts",
                                                args=[w["meeting"].pk]),
                       None, False, READERS, 200, None),
    "declare conflict": ("post", lambda w: reverse("reviews:meeting_conflicts",
                                                   args=[w["meeting"].pk]),
                         lambda w: {"item": w["case"].pk, "reason": "Part i saken."}, False,
                         {"member", "deputy"}, 302,
                         lambda w: ConflictOfInterest.objects.exists()),
    "notification preferences": ("get", lambda w: reverse(
        "reviews:notification_preferences"), None, False,
        {"no_seat", "other_body_member"} | READERS, 200, None),
    "circulation list": ("get", lambda w: reverse("reviews:circulation_list"), None, False,
                         {"no_seat", "other_body_member"} | READERS, 200, None),
    "circulation create": ("post", lambda w: reverse("reviews:circulation_create"),
                           lambda w: {"body": w["meeting"].body_id, "title": "Ny sak",
                                      "proposed_decision": "Forslag.", "deadline": (
                                          timezone.localtime() + timedelta(days=2)).strftime(
                                          "%Y-%m-%dT%H:%M")}, False, {"secretariat"}, 302,
                           lambda w: Circulation.objects.filter(title="Ny sak").exists()),
    "circulation detail": ("get", lambda w: w["circulation"].get_absolute_url(), None, False,
                           READERS, 200, None),
    "circulation live result": ("get", lambda w: reverse("reviews:circulation_result",
                                                         args=[w["circulation"].pk]),
                                None, True, {"secretariat"}, 200, None),
    "circulation answer": ("post", lambda w: reverse("reviews:circulation_answer",
                                                     args=[w["circulation"].pk]),
                           lambda w: {"organisation": _org(w), "answer": "agree"}, False,
                           {"member", "deputy"}, 302,
                           lambda w: CirculationAnswer.objects.exists()),
    "circulation close": ("post", lambda w: reverse("reviews:circulation_close",
                                                    args=[w["circulation"].pk]),
                          lambda w: {"decision_text": "", "version": w["circulation"].version},
                          False, {"secretariat"}, 302,
                          lambda w: Circulation.objects.filter(status="closed").exists()),
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_permission_matrix(client, users, world, name, who):
    method, url, data, htmx, allowed, ok_status, changed = ENDPOINTS[name]
    if users[who] is not None:
        client.force_login(users[who])
    extra = HTMX if htmx else {}
    response = getattr(client, method)(url(world), data(world) if data else None, **extra)

    if who in allowed:
        assert response.status_code == ok_status, f"{name}: {who} got {response.status_code}"
        if changed is not None:
            assert changed(world), f"{name}: {who} was allowed but nothing changed"
        return
    if who == "anonymous":
        if response.status_code == 302:
            assert "login" in response["Location"], f"{name}: anonymous sent elsewhere"
        else:
            assert response.status_code == 403, f"{name}: anonymous got {response.status_code}"
    else:
        assert response.status_code == 403, f"{name}: {who} got {response.status_code}"
    if changed is not None:
        assert not changed(world), f"{name}: {who} was refused, yet it changed"
    assert "integritetsbegrepet trekkes for langt" not in response.content.decode()


def test_reading_denied_for_every_role_without_a_seat_in_the_body(client, users, world):
    """The thread's text never reaches anyone without a seat, however they ask."""
    urls = [_thread(world), _thread(world) + f"?svar={world['comment'].pk}",
            _thread(world) + f"?endre={world['comment'].pk}"]
    for who in ("no_seat", "other_body_member"):
        client.force_login(users[who])
        for url in urls:
            for extra in ({}, HTMX):
                response = client.get(url, **extra)
                assert response.status_code == 403
                assert "trekkes for langt" not in response.content.decode()
