"""The secretariat's back office for reference data, with history on every model. Meetings,
cases, minutes and attendance are the record: shown here, changed only in the portal
(normen_portal.admin_record)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from normen_portal.admin_record import RecordAdmin

from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    Body,
    Meeting,
    Membership,
    MinutesCorrection,
    Organisation,
    Person,
    Representation,
    Statement,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "body", "kind", "represents", "sort_order"]
    list_filter = ["body", "kind"]
    search_fields = ["organisation__name", "represents"]
    list_select_related = ["organisation", "body"]


class RepresentationInline(admin.TabularInline):
    model = Representation
    extra = 0
    autocomplete_fields = ["organisation", "body"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]
    inlines = [RepresentationInline]


@admin.register(Representation)
class RepresentationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organisation", "body", "role", "start_date", "end_date"]
    list_filter = ["body", "role"]
    search_fields = ["person__name", "organisation__name"]
    list_select_related = ["person", "organisation", "body"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = ["__str__", "date", "status", "form", "place"]
    list_filter = ["body", "status", "form"]
    date_hierarchy = "date"
    list_select_related = ["body"]


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdmin):
    list_display = ["reference", "title", "meeting", "case_type", "outcome"]
    list_filter = ["body", "case_type", "outcome", "year"]
    search_fields = ["title", "decision_text"]
    list_select_related = ["meeting__body"]


for model in (Statement, Attachment, Attendance):
    admin.site.register(model, RecordAdmin)


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(RecordAdmin):
    list_display = ["meeting", "reason", "made_by", "made_at"]
    readonly_fields = ["meeting", "item", "reason", "made_by", "made_at"]
