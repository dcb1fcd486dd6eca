"""Meetings, cases, minutes and attendance in the back office: they are the record, so they
are shown here and changed only in the portal (normen_portal.admin_record)."""

from django.contrib import admin

from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    MinutesCorrection,
    Statement,
)
from normen_portal.admin_record import RecordAdmin


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
