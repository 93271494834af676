"""Reference data: countries, ministries and their offices, people, topics, dialogues."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.forms import Textarea
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rounds.models import (
    Country,
    Dialogue,
    Ministry,
    Office,
    Person,
    ThreatTopic,
)

from .base import HistoryAdmin, PublicLockMixin
from .stale import StaleSaveAdminMixin, StaleSaveInlineMixin


@admin.register(Country)
class CountryAdmin(StaleSaveAdminMixin, PublicLockMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "name_es", "code", "aliases"]
    fields = ["code", "name", "name_es", "aliases"]


class OfficeInline(StaleSaveInlineMixin, admin.TabularInline):
    model = Office
    extra = 1
    fields = ["title", "aliases"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}
    verbose_name_plural = _("offices: titles that name this body (read by the communiqué reader)")


@admin.register(Ministry)
class MinistryAdmin(StaleSaveAdminMixin, PublicLockMixin, admin.ModelAdmin):
    inlines = [OfficeInline]
    list_display = ["name", "acronym", "country", "kind", "parent"]
    list_filter = ["country", "kind"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "name_es", "acronym", "aliases", "country__name", "country__code"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["country", "name", "name_es", "acronym", "kind", "parent", "aliases", "slug"]


@admin.register(Office)
class OfficeAdmin(StaleSaveAdminMixin, admin.ModelAdmin):
    list_display = ["title", "ministry", "country"]
    list_filter = ["ministry__country"]
    list_select_related = ["ministry__country"]
    search_fields = ["title", "aliases", "ministry__name", "ministry__acronym"]
    autocomplete_fields = ["ministry"]
    fields = ["ministry", "title", "aliases"]

    @admin.display(description=_("country"), ordering="ministry__country__name")
    def country(self, obj):
        return obj.ministry.country


@admin.register(Person)
class PersonAdmin(StaleSaveAdminMixin, PublicLockMixin, admin.ModelAdmin):
    list_display = ["name", "country", "seats"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name", "notes", "country__name"]
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(seat_count=Count("delegate_seats"))

    @admin.display(description=_("delegation seats"), ordering="seat_count")
    def seats(self, obj):
        return obj.seat_count


@admin.register(ThreatTopic)
class ThreatTopicAdmin(StaleSaveAdminMixin, PublicLockMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "iccs_code"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "name_es", "slug", "aliases", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Dialogue)
class DialogueAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "party_a", "party_b", "round_count", "add_round"]
    list_filter = ["party_a", "party_b"]
    list_select_related = ["party_a", "party_b"]
    search_fields = ["name", "name_es", "short_name", "slug", "aliases"]
    autocomplete_fields = ["party_a", "party_b"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rounds_count=Count("rounds"))

    @admin.display(description=_("rounds"), ordering="rounds_count")
    def round_count(self, obj):
        return obj.rounds_count

    @admin.display(description=_("next round"))
    def add_round(self, obj):
        url = reverse("admin:rounds_round_add") + f"?dialogue={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Add the next round"))
