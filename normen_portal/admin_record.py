"""The Django admin as a back office that cannot bend the record.

Minutes, decisions, case numbers, statuses, approved versions, circulations, action plans and
events change only through the portal's services, which check the rules and write the event.
Their admin pages show them (with simple-history's log, revert switched off by
``SIMPLE_HISTORY_REVERT_DISABLED``) and refuse every add, change and delete, for superusers
too. Reference data (bodies, organisations, people, topics, strategies) stays editable here.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnly:
    """Shown, never added, changed or deleted: the record is changed in the portal, where the
    rules live."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(ReadOnly, SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An earlier revision may be looked at, never posted back (revert is also switched
        # off in the settings; this holds even if someone switches it on again).
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordInline(ReadOnly):
    """Mixin for inlines of record models."""

    extra = 0
    can_delete = False
