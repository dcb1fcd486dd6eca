"""Admin for reference data (topics); documents, versions, annexes and consultations are the
record and are only shown here: the secretariat works in the portal's own pages, where the
services keep the rules (normen_portal.admin_record)."""

from django.contrib import admin

from documents.models import (
    Annex,
    Consultation,
    ConsultationResponse,
    Document,
    DocumentVersion,
    Topic,
)
from normen_portal.admin_record import RecordAdmin, RecordInline


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class VersionInline(RecordInline, admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "status", "approved_on", "published_at"]
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(RecordAdmin):
    list_display = ["display_title", "kind", "status", "current_version"]
    list_filter = ["kind", "status", "topics"]
    search_fields = ["title", "slug", "number"]
    filter_horizontal = ["topics"]
    inlines = [VersionInline]


class AnnexInline(RecordInline, admin.TabularInline):
    model = Annex
    fields = ["position", "kind", "title", "slug"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(RecordAdmin):
    list_display = ["__str__", "status", "approved_on", "published_at"]
    list_filter = ["status", "document__kind"]
    search_fields = ["document__title", "number"]
    inlines = [AnnexInline]


class ResponseInline(RecordInline, admin.StackedInline):
    model = ConsultationResponse


@admin.register(Consultation)
class ConsultationAdmin(RecordAdmin):
    list_display = ["__str__", "deadline", "sent_at", "closed_at"]
    filter_horizontal = ["organisations"]
    inlines = [ResponseInline]
