"""Back office. Strategies are kept here (a new one every few years); plans, measures and
proposals have their own pages in the portal, so the admin only shows them and keeps status
changes to the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, FocusArea, Measure, PlanArea, Proposal, Strategy


class VersionBumpingAdmin(SimpleHistoryAdmin):
    """A save in the admin counts as an edit, so an open form in the portal notices it."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "start_year", "end_year"]
    list_filter = ["body"]
    inlines = [FocusAreaInline]


class PlanAreaInline(admin.TabularInline):
    model = PlanArea
    extra = 0
    fields = ["number", "title", "description", "focus_area"]


@admin.register(ActionPlan)
class ActionPlanAdmin(VersionBumpingAdmin):
    list_display = ["title", "body", "year", "status", "approved_on"]
    list_filter = ["body", "status"]
    readonly_fields = ["status", "approved_on", "approval_note"]
    inlines = [PlanAreaInline]


@admin.register(Measure)
class MeasureAdmin(VersionBumpingAdmin):
    list_display = ["code", "title", "plan", "status", "kind"]
    list_filter = ["plan__body", "plan__year", "status", "kind"]
    search_fields = ["code", "title", "description"]
    readonly_fields = ["status", "carried_from"]
    autocomplete_fields = ["responsible"]
    list_select_related = ["plan"]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "year", "organisation", "status", "created_at"]
    list_filter = ["body", "year", "status"]
    readonly_fields = ["author", "author_name", "measure", "decided_by", "decided_at"]
