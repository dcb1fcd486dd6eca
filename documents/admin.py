"""Admin for reference data and repairs; the secretariat works in the portal's own pages,
where the services keep the rules. Status and approval are read-only here for that reason."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Annex, Consultation, ConsultationResponse, Document, DocumentVersion, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "status", "approved_on", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["display_title", "kind", "status", "current_version"]
    list_filter = ["kind", "status", "topics"]
    search_fields = ["title", "slug", "number"]
    filter_horizontal = ["topics"]
    inlines = [VersionInline]


class AnnexInline(admin.TabularInline):
    model = Annex
    fields = ["position", "kind", "title", "slug"]
    extra = 0


@admin.register(DocumentVersion)
class DocumentVersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "approved_on", "published_at"]
    list_filter = ["status", "document__kind"]
    search_fields = ["document__title", "number"]
    readonly_fields = ["status", "decision_case", "approved_on", "approval_reference",
                       "published_at", "superseded_at"]
    inlines = [AnnexInline]


class ResponseInline(admin.StackedInline):
    model = ConsultationResponse
    extra = 0
    readonly_fields = ["submitted_by", "submitted_at", "updated_at"]


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "deadline", "sent_at", "closed_at"]
    filter_horizontal = ["organisations"]
    inlines = [ResponseInline]
