from django.urls import path

from governance.views import bodies, invitations, member_import, memberships, people

app_name = "governance"

BODY = "styringsgrupper/<slug:slug>/"

urlpatterns = [
    # Public
    path(BODY + "medlemmer/", bodies.member_list, name="member_list"),
    # The body's secretariat
    path(BODY + "innstillinger/", bodies.body_settings, name="body_settings"),
    path(BODY + "virksomheter/", memberships.membership_list, name="membership_list"),
    path(BODY + "virksomheter/ny/", memberships.membership_create, name="membership_create"),
    path(BODY + "virksomheter/<int:pk>/", memberships.membership_edit, name="membership_edit"),
    path(BODY + "virksomheter/<int:pk>/avslutt/", memberships.membership_end,
         name="membership_end"),
    path(BODY + "personer/", people.person_list, name="person_list"),
    path(BODY + "personer/ny/", people.person_create, name="person_create"),
    path(BODY + "personer/<int:pk>/", people.person_edit, name="person_edit"),
    path(BODY + "personer/<int:pk>/ny-rolle/", people.representation_create,
         name="representation_create"),
    path(BODY + "roller/<int:pk>/", people.representation_edit, name="representation_edit"),
    path(BODY + "roller/<int:pk>/bytt/", people.representation_replace,
         name="representation_replace"),
    path(BODY + "personer/<int:pk>/invitasjon/", invitations.person_invite,
         name="person_invite"),
    path(BODY + "importer/", member_import.member_import, name="member_import"),
    path(BODY + "importer/bekreft/", member_import.member_import_confirm,
         name="member_import_confirm"),
]
