"""A permission matrix over every URL of the portal, generated from the URL conf.

Each named URL of our apps must be listed in ``ALLOWED`` with the roles that may open it; a
new view that is not listed fails ``test_every_url_is_in_the_matrix``. For every URL and
every role that is *not* allowed, GET and POST must be refused (login redirect, 403, 404 or
405) and must never answer 200 with content; for the roles that are allowed, GET must not
be refused with 403 or fail with 5xx.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from governance.models import Membership, Person, Representation
from meetings.models import AgendaItem, Attachment, Attendance, Meeting
from reviews.models import Circulation, Comment, ConflictOfInterest

ANON, OTHER, OBS, MEM, SEC = "anonymous", "other_body_member", "observer", "member", "secretariat"
# The roles an outside security test found holes with (issue 11): a person whose
# organisation's membership of the body has ended, a person whose own representation has
# ended, the secretariat of the other body only, and a person in two bodies with different
# roles (a member here, the secretariat there).
LAPSED_ORG, LAPSED_REP = "lapsed_organisation", "lapsed_representation"
SEC_OTHER, TWO_BODIES = "other_body_secretariat", "member_here_secretariat_there"
ALL = {ANON, OTHER, OBS, MEM, SEC, LAPSED_ORG, LAPSED_REP, SEC_OTHER, TWO_BODIES}
LOGGED_IN = ALL - {ANON}
READERS = {OBS, MEM, SEC, TWO_BODIES}
# Someone with a seat in some body today (a lapsed seat is none).
SEATED = LOGGED_IN - {LAPSED_ORG, LAPSED_REP}
SECRETARIAT = {SEC}
# Views that create something in a body the user chooses: the secretariat of any body.
CREATORS = {SEC, SEC_OTHER, TWO_BODIES}

# url name -> roles that may open it (with the sample objects built in ``world`` below).
ALLOWED = {
    "front": ALL, "health": ALL, "start": LOGGED_IN,
    # meetings: papers of the body's upcoming meeting
    # Anonymous visitors of the meeting list are sent to the archive.
    "meetings:meeting_list": ALL, "meetings:meeting_create": CREATORS,
    "meetings:meeting_detail": READERS, "meetings:meeting_edit": SECRETARIAT,
    "meetings:item_create": SECRETARIAT, "meetings:item_detail": READERS,
    "meetings:item_edit": SECRETARIAT, "meetings:item_move": SECRETARIAT,
    "meetings:item_delete": SECRETARIAT, "meetings:attachment_upload": SECRETARIAT,
    "meetings:attachment_download": READERS, "meetings:attachment_delete": SECRETARIAT,
    "meetings:send_notice": SECRETARIAT, "meetings:send_changes": SECRETARIAT,
    "meetings:meeting_history": SECRETARIAT, "meetings:attendance": SECRETARIAT,
    "meetings:item_history": SECRETARIAT, "meetings:item_restore": SECRETARIAT,
    "meetings:delivery_resend": SECRETARIAT,
    "meetings:attendance_add": SECRETARIAT, "meetings:attendance_row": SECRETARIAT,
    "meetings:attendance_remove": SECRETARIAT, "meetings:report_absence": {OBS, MEM, TWO_BODIES},
    "meetings:minutes": SECRETARIAT, "meetings:minutes_case_save": SECRETARIAT,
    "meetings:minutes_correct": SECRETARIAT, "meetings:meeting_held": SECRETARIAT,
    "meetings:meeting_start": SECRETARIAT,
    "meetings:minutes_send_review": SECRETARIAT, "meetings:minutes_approve": SECRETARIAT,
    "meetings:archive": ALL, "meetings:archive_year": ALL, "meetings:public_meeting": ALL,
    "meetings:decisions": ALL, "meetings:decision_detail": ALL,
    "meetings:decision_by_reference": ALL,
    # Only its author edits a comment (none of these users wrote the sample); its history is
    # for the author and the secretariat.
    "reviews:comment_reply": READERS, "reviews:comment_edit": set(),
    "reviews:comment_withdraw": READERS, "reviews:comment_answer": SECRETARIAT,
    "reviews:comment_history": SECRETARIAT, "reviews:comment_thread": READERS,
    "reviews:meeting_comments": SECRETARIAT, "reviews:meeting_comments_csv": SECRETARIAT,
    "reviews:commenting_period": SECRETARIAT, "reviews:meeting_conflicts": READERS,
    "reviews:conflict_withdraw": READERS, "reviews:notification_preferences": LOGGED_IN,
    # The circulation list shows the circulations of one's own bodies.
    "reviews:circulation_list": LOGGED_IN, "reviews:circulation_create": CREATORS,
    "reviews:circulation_detail": READERS, "reviews:circulation_result": SECRETARIAT,
    "reviews:circulation_answer": {MEM, TWO_BODIES}, "reviews:circulation_close": SECRETARIAT,
    # documents: the public library, and the secretariat's workspace
    "documents:library": ALL, "documents:fact_sheet_list": ALL, "documents:guide_list": ALL,
    "documents:other_list": ALL, "documents:search": ALL, "documents:feed": ALL,
    "documents:accessibility": ALL, "documents:sitemap": ALL,
    "documents:fact_sheet_detail": ALL, "documents:fact_sheet_version": ALL,
    "documents:fact_sheet_docx": ALL, "documents:fact_sheet_annex": ALL,
    "documents:fact_sheet_annex_file": ALL, "documents:guide_detail": ALL,
    "documents:guide_version": ALL, "documents:guide_docx": ALL, "documents:guide_annex": ALL,
    "documents:guide_annex_file": ALL, "documents:other_detail": ALL,
    "documents:other_version": ALL, "documents:other_docx": ALL, "documents:other_annex": ALL,
    "documents:other_annex_file": ALL,
    # The workspace list shows the drafts of one's own bodies.
    "documents:work_list": SEATED, "documents:work_document": READERS,
    "documents:work_version": READERS, "documents:work_version_docx": READERS,
    "documents:work_annex": READERS, "documents:work_annex_file": READERS,
    "documents:consultation": READERS,
    "documents:work_document_create": CREATORS, "documents:work_document_edit": SECRETARIAT,
    "documents:work_document_expire": SECRETARIAT, "documents:work_version_create": SECRETARIAT,
    "documents:work_version_text": SECRETARIAT, "documents:work_version_upload": SECRETARIAT,
    "documents:work_version_status": SECRETARIAT, "documents:work_version_case": SECRETARIAT,
    "documents:work_version_publishing": SECRETARIAT,
    "documents:work_version_history": SECRETARIAT, "documents:work_version_restore": SECRETARIAT,
    "documents:work_consultation_create": SECRETARIAT,
    "documents:work_annex_create": SECRETARIAT, "documents:work_annex_edit": SECRETARIAT,
    "documents:work_annex_move": SECRETARIAT, "documents:work_annex_delete": SECRETARIAT,
    "documents:consultation_end": SECRETARIAT,
    # action plans: the approved 2024 plan is public; the 2025 draft is the body's
    "actionplan:index": ALL, "actionplan:strategy_detail": ALL,
    "actionplan:plan_detail": ALL, "actionplan:plan_csv": ALL, "actionplan:plan_xlsx": ALL,
    "actionplan:measure_detail": ALL, "actionplan:status_report": ALL,
    # Proposals are per body: a member of another body sees and proposes to their own.
    "actionplan:proposal_list": LOGGED_IN, "actionplan:proposal_create": SEATED,
    "actionplan:proposal_detail": READERS, "actionplan:proposal_accept": SECRETARIAT,
    "actionplan:proposal_decline": SECRETARIAT, "actionplan:plan_create": CREATORS,
    "actionplan:measure_edit": SECRETARIAT, "actionplan:measure_status": SECRETARIAT,
    "actionplan:measure_link_case": SECRETARIAT, "actionplan:case_unlink": SECRETARIAT,
    "actionplan:plan_edit": SECRETARIAT, "actionplan:plan_status": SECRETARIAT,
    "actionplan:plan_link_case": SECRETARIAT, "actionplan:area_create": SECRETARIAT,
    "actionplan:measure_create": SECRETARIAT, "actionplan:plan_carry_over": SECRETARIAT,
    # governance: the public member list, and the body's pages for its own secretariat only
    # (the secretariat of the other body, or of both in one person, cannot reach this one's)
    "governance:member_list": ALL, "governance:body_settings": SECRETARIAT,
    "governance:membership_list": SECRETARIAT, "governance:membership_create": SECRETARIAT,
    "governance:membership_edit": SECRETARIAT, "governance:membership_end": SECRETARIAT,
    "governance:person_list": SECRETARIAT, "governance:person_create": SECRETARIAT,
    "governance:person_edit": SECRETARIAT, "governance:representation_create": SECRETARIAT,
    "governance:representation_edit": SECRETARIAT,
    "governance:representation_replace": SECRETARIAT,
    "governance:person_invite": SECRETARIAT, "governance:member_import": SECRETARIAT,
    "governance:member_import_confirm": SECRETARIAT,
    # PDFs of the upcoming meeting's notice: the body only
    "rendering:download": READERS, "rendering:latest": READERS, "rendering:status": READERS,
    "rendering:order": READERS,
}

# Account pages belong to allauth and are tested in tests/security; the admin has its own
# staff check.
SKIPPED_PREFIXES = ("admin", "konto/", "account_", "mfa_", "socialaccount_", "openid_")


def named_urls():
    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)

    return {
        name: route for name, route in walk(get_resolver().url_patterns)
        if not (route.startswith(SKIPPED_PREFIXES) or name.startswith(SKIPPED_PREFIXES)
                or name in {"login", "logout", "password_reset", "session_keepalive"})
    }


def test_every_url_is_in_the_matrix():
    missing = sorted(set(named_urls()) - set(ALLOWED))
    assert not missing, f"views without a row in the permission matrix: {missing}"
    stale = sorted(set(ALLOWED) - set(named_urls()))
    assert not stale, f"rows for views that no longer exist: {stale}"


@pytest.fixture
def roles(demo):
    """One user per role in the demo's steering group (not superusers: the matrix is about
    the rules, not about the admin's bypass)."""
    from governance.models import Body, Organisation

    from .factories import give_totp, person_with_user

    ehelse = Body.objects.get(slug="e-helsestyre")
    ended = datetime.date(2023, 1, 1)
    gone = Organisation.objects.create(name="Nedlagt helseforetak HF")
    Membership.objects.create(body=demo, organisation=gone, start_date=datetime.date(2015, 1, 1),
                              end_date=ended)
    lapsed_rep = person_with_user("matrise-sluttet", body=demo,
                                  organisation=Organisation.objects.get(name="Helse Vest RHF"))
    Representation.objects.filter(person__user=lapsed_rep).update(
        start_date=datetime.date(2019, 1, 1), end_date=ended)
    two_bodies = person_with_user("matrise-to", body=demo,
                                  organisation=Organisation.objects.get(name="Helse Vest RHF"))
    Representation.objects.create(person=two_bodies.person, body=ehelse,
                                  role=Representation.Role.SECRETARIAT)
    give_totp(two_bodies)  # the secretariat anywhere must use two-factor authentication
    return {
        ANON: None,
        OTHER: person_with_user("matrise-annen", body=ehelse,
                                organisation=Organisation.objects.get(name="Alta kommune")),
        OBS: person_with_user("matrise-obs", body=demo, kind=Membership.Kind.OBSERVER,
                              organisation=Organisation.objects.get(name="IKT-Norge")),
        MEM: person_with_user("matrise-medlem", body=demo,
                              organisation=Organisation.objects.get(name="Helse Vest RHF")),
        SEC: person_with_user("matrise-sek", body=demo,
                              role=Representation.Role.SECRETARIAT),
        LAPSED_ORG: person_with_user("matrise-nedlagt", body=demo, organisation=gone),
        LAPSED_REP: lapsed_rep,
        SEC_OTHER: person_with_user("matrise-sek-ehelse", body=ehelse,
                                    role=Representation.Role.SECRETARIAT),
        TWO_BODIES: two_bodies,
    }


@pytest.fixture
def world(demo, roles):
    """Sample objects for every kind of URL parameter, from the demo data."""
    from actionplan.models import ActionPlan, CaseLink, Measure, Proposal, Strategy
    from documents.models import Annex, Consultation, DocumentVersion

    upcoming = Meeting.objects.get(body=demo, status=Meeting.Status.PLANNED)
    approved = Meeting.objects.get(body=demo, date=datetime.date(2023, 9, 27))
    item = upcoming.items.filter(kind=AgendaItem.Kind.CASE).first()
    attachment = Attachment.objects.create(meeting=upcoming, item=item, label="1",
                                           title="Forslag", file="vedlegg/x.pdf")
    member_person = Person.objects.get(user=roles[MEM])
    conflict = ConflictOfInterest.objects.create(person=member_person, item=item,
                                                 reason="Styreverv.")
    # A comment every reader of the papers may see (not one for the secretariat only): which
    # one comes first by time depends on the day the demo is loaded.
    comment = Comment.objects.filter(body=demo, visibility=Comment.Visibility.ALL_MEMBERS,
                                     withdrawn=False, parent=None).order_by("pk").first()
    # A draft: public versions may be read by anyone, also through the workspace URLs.
    draft = next(v for v in DocumentVersion.objects.filter(document__body=demo)
                 if not v.is_public)
    Annex.objects.get_or_create(version=draft, slug="matrise",
                                defaults={"title": "Utkast til vedlegg", "position": 1})
    plan_2024 = ActionPlan.objects.get(body=demo, year=2024)
    return {
        "meeting": upcoming, "approved": approved, "item": item, "attachment": attachment,
        "row": Attendance.objects.filter(meeting__body=demo).first(),
        "conflict": conflict, "comment": comment,
        "circulation": Circulation.objects.filter(body=demo).first(),
        "document": draft.document,
        "version": draft, "annex": draft.annexes.first(),
        "consultation": Consultation.objects.filter(version__document__body=demo).first(),
        "plan": plan_2024, "measure": Measure.objects.filter(plan=plan_2024).first(),
        "proposal": Proposal.objects.first(), "strategy": Strategy.objects.first(),
        "case_link": CaseLink.objects.first(),
        "membership": Membership.objects.get(body=demo, organisation__name="Helse Vest RHF"),
        "person": member_person,
        "representation": Representation.objects.get(person=member_person, body=demo),
    }


def _pk(obj):
    return obj.pk if obj is not None else 999_999


def url_for(name, world):  # noqa: C901 - one branch per kind of parameter, kept flat
    m, item = world["meeting"], world["item"]
    if name == "meetings:public_meeting":
        return reverse(name, args=[2023, world["approved"].pk])
    if name == "meetings:archive_year":
        return reverse(name, args=[2023])
    if name == "meetings:decision_detail":
        return reverse(name, args=["normen", 2024, 15])
    if name == "meetings:decision_by_reference":
        return reverse(name, args=[2024, 15])
    if name in {"meetings:item_detail", "meetings:item_edit", "meetings:item_move",
                "meetings:item_delete", "meetings:minutes_case_save",
                "meetings:minutes_correct", "meetings:item_history", "meetings:item_restore"}:
        return reverse(name, args=[m.pk, item.pk])
    if name == "meetings:delivery_resend":
        from normen_portal.models import Delivery

        delivery = Delivery.objects.filter(kind__in=["notice", "changes"],
                                           message_id__in=m.dispatches.values("pk")).first()
        return reverse(name, args=[m.pk, _pk(delivery)])
    if name in {"meetings:attachment_download", "meetings:attachment_delete"}:
        return reverse(name, args=[m.pk, world["attachment"].pk])
    if name in {"meetings:attendance_row", "meetings:attendance_remove"}:
        row = world["row"]
        return reverse(name, args=[row.meeting_id, row.pk])
    if name == "reviews:conflict_withdraw":
        return reverse(name, args=[m.pk, world["conflict"].pk])
    if name.startswith("reviews:comment_") and name != "reviews:comment_thread":
        return reverse(name, args=[_pk(world["comment"])])
    if name == "reviews:comment_thread":
        return reverse(name, args=["sak", item.pk, "toppnotat"])
    if name.startswith("reviews:circulation_") and name not in {
            "reviews:circulation_list", "reviews:circulation_create"}:
        return reverse(name, args=[_pk(world["circulation"])])
    if name.startswith("documents:fact_sheet_") and name != "documents:fact_sheet_list":
        return _document_url(name, "59", "1.0")
    if name.startswith("documents:guide_") and name != "documents:guide_list":
        return _document_url(name, "medisinsk-utstyr", "3.0")
    if name.startswith("documents:other_") and name != "documents:other_list":
        return _document_url(name, "ukjent", "1.0")
    if name in {"documents:work_document", "documents:work_document_edit",
                "documents:work_document_expire", "documents:work_version_create"}:
        return reverse(name, args=[_pk(world["document"])])
    if name.startswith("documents:work_version") or name in {
            "documents:work_consultation_create", "documents:work_annex_create"}:
        return reverse(name, args=[_pk(world["version"])])
    if name.startswith("documents:work_annex"):
        return reverse(name, args=[_pk(world["annex"])])
    if name.startswith("documents:consultation"):
        return reverse(name, args=[_pk(world["consultation"])])
    if name == "actionplan:strategy_detail":
        return reverse(name, args=[_pk(world["strategy"])])
    if name.startswith("actionplan:proposal_") and name not in {
            "actionplan:proposal_list", "actionplan:proposal_create"}:
        return reverse(name, args=[_pk(world["proposal"])])
    if name.startswith("actionplan:measure_") and name != "actionplan:measure_create":
        return reverse(name, args=[_pk(world["measure"])])
    if name == "actionplan:case_unlink":
        return reverse(name, args=[_pk(world["case_link"])])
    if name == "actionplan:status_report":
        return reverse(name, args=["normen", 2024, world["approved"].pk])
    if name.startswith("actionplan:") and name not in {
            "actionplan:index", "actionplan:plan_create", "actionplan:proposal_list",
            "actionplan:proposal_create"}:
        return reverse(name, args=["normen", 2024])
    if name.startswith("governance:"):
        return _governance_url(name, world)
    if name == "rendering:download":
        return reverse(name, args=[999_999])
    if name.startswith("rendering:"):
        return reverse(name, args=["meeting_notice", m.pk])
    try:
        return reverse(name)
    except Exception:  # noqa: BLE001 - everything else takes the meeting
        url = reverse(name, args=[m.pk])
    # Only a meeting's own pages may take the meeting's id: any other URL with one id would
    # be tried with an unrelated object's and test nothing.
    if not url.startswith(f"/moter/{m.pk}/"):
        pytest.fail(f"no sample arguments for {name} ({url}): add them above")
    return url


def _governance_url(name, world):
    """The demo body's pages: a membership, a person and a representation in it."""
    if name in {"governance:membership_edit", "governance:membership_end"}:
        return reverse(name, args=["normen", world["membership"].pk])
    if name in {"governance:person_edit", "governance:representation_create",
                "governance:person_invite"}:
        return reverse(name, args=["normen", world["person"].pk])
    if name in {"governance:representation_edit", "governance:representation_replace"}:
        return reverse(name, args=["normen", world["representation"].pk])
    return reverse(name, args=["normen"])


def _document_url(name, key, number):
    suffix = name.rsplit("_", 1)[-1]
    if suffix in {"detail"}:
        return reverse(name, args=[key])
    if suffix in {"version", "docx"}:
        return reverse(name, args=[key, number])
    return reverse(name, args=[key, number, "vedlegg"])  # annex pages by a sample slug


def refused(response):
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return response["Location"].startswith(reverse(settings.LOGIN_URL).rstrip("/"))
    return False


@pytest.mark.parametrize("role", sorted(ALL))
def test_permission_matrix_over_every_url(client, world, roles, role):
    if roles[role] is not None:
        client.force_login(roles[role])
    problems = []
    for name in sorted(ALLOWED):
        url = url_for(name, world)
        get = client.get(url)
        if role in ALLOWED[name]:
            if get.status_code == 403 or get.status_code >= 500:
                problems.append(f"{name} {url}: GET {get.status_code} for an allowed {role}")
            # An empty or partial POST from someone allowed is a form error or a refusal,
            # never a server error.
            post = client.post(url, {})
            if post.status_code >= 500:
                problems.append(f"{name} {url}: POST {post.status_code} for an allowed {role}")
            continue
        if not refused(get):
            problems.append(f"{name} {url}: GET {get.status_code} for {role}")
        post = client.post(url, {})
        if not refused(post):
            problems.append(f"{name} {url}: POST {post.status_code} for {role}")
    assert not problems, "\n".join(problems)
