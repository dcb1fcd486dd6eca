"""Back office. Strategies are kept here (a new one every few years); plans, measures and
proposals have their own pages in the portal, where the services keep the rules, so the admin
only shows them (normen_portal.admin_record)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplan.models import ActionPlan, FocusArea, Measure, PlanArea, Proposal, Strategy
from normen_portal.admin_record import RecordAdmin, RecordInline


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "start_year", "end_year"]
    list_filter = ["body"]
    inlines = [FocusAreaInline]


class PlanAreaInline(RecordInline, admin.TabularInline):
    model = PlanArea
    fields = ["number", "title", "description", "focus_area"]


@admin.register(ActionPlan)
class ActionPlanAdmin(RecordAdmin):
    list_display = ["title", "body", "year", "status", "approved_on"]
    list_filter = ["body", "status"]
    inlines = [PlanAreaInline]


@admin.register(Measure)
class MeasureAdmin(RecordAdmin):
    list_display = ["code", "title", "plan", "status", "kind"]
    list_filter = ["plan__body", "plan__year", "status", "kind"]
    search_fields = ["code", "title", "description"]
    list_select_related = ["plan"]


@admin.register(Proposal)
class ProposalAdmin(RecordAdmin):
    list_display = ["title", "body", "year", "organisation", "status", "created_at"]
    list_filter = ["body", "year", "status"]
