from django.urls import path

from actionplan.views import exports, measures, plans, proposals, strategies

app_name = "actionplan"

PLAN = "handlingsplan/<slug:body_slug>/<int:year>/"

urlpatterns = [
    path("handlingsplan/", plans.index, name="index"),
    path("handlingsplan/ny/", plans.plan_create, name="plan_create"),
    path("handlingsplan/strategi/<int:pk>/", strategies.strategy_detail, name="strategy_detail"),
    path("handlingsplan/innspill/", proposals.proposal_list, name="proposal_list"),
    path("handlingsplan/innspill/nytt/", proposals.proposal_create, name="proposal_create"),
    path("handlingsplan/innspill/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("handlingsplan/innspill/<int:pk>/ta-inn/", proposals.proposal_accept,
         name="proposal_accept"),
    path("handlingsplan/innspill/<int:pk>/svar/", proposals.proposal_decline,
         name="proposal_decline"),
    path("handlingsplan/tiltak/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("handlingsplan/tiltak/<int:pk>/rediger/", measures.measure_edit, name="measure_edit"),
    path("handlingsplan/tiltak/<int:pk>/status/", measures.measure_status,
         name="measure_status"),
    path("handlingsplan/tiltak/<int:pk>/saker/", measures.measure_link_case,
         name="measure_link_case"),
    path("handlingsplan/saker/<int:pk>/fjern/", plans.case_unlink, name="case_unlink"),
    path(PLAN, plans.plan_detail, name="plan_detail"),
    path(PLAN + "rediger/", plans.plan_edit, name="plan_edit"),
    path(PLAN + "status/", plans.plan_status, name="plan_status"),
    path(PLAN + "saker/", plans.plan_link_case, name="plan_link_case"),
    path(PLAN + "omrader/ny/", plans.area_create, name="area_create"),
    path(PLAN + "tiltak/nytt/", measures.measure_create, name="measure_create"),
    path(PLAN + "overfor/", plans.plan_carry_over, name="plan_carry_over"),
    path(PLAN + "statusrapport/<int:meeting_pk>/", plans.status_report, name="status_report"),
    path(PLAN + "handlingsplan.csv", exports.plan_csv, name="plan_csv"),
    path(PLAN + "handlingsplan.xlsx", exports.plan_xlsx, name="plan_xlsx"),
]
