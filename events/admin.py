from django.contrib import admin

from events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Events are the record: shown, never added, changed or deleted."""

    list_display = ["at", "kind", "summary", "actor", "body"]
    list_filter = ["kind", "body"]
    search_fields = ["summary", "reason"]
    list_select_related = ["actor", "body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
