"""The back office for who governs: bodies, organisations, people and seats, with history
on every model. This is reference data, not the record, so it is edited here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import Body, Membership, Organisation, Person, Representation


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
