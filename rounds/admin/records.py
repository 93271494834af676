"""Records of a round, each with its own list: delegations and delegates, requests and their
updates, communiqués, statements and agreements."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rounds import services
from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Delegate,
    Delegation,
    RequestStatus,
    RequestUpdate,
    Statement,
)

from . import forms
from .base import SOURCES, URL_FIELD, HistoryAdmin, LabelledChoicesMixin, PublishedLockInlineMixin
from .rounds import CommuniqueInline


class DelegateInline(PublishedLockInlineMixin, LabelledChoicesMixin, admin.TabularInline):
    model = Delegate
    formset = forms.ConstraintAwareInlineFormSet
    extra = 1
    autocomplete_fields = ["person", "ministry"]
    fields = ["person", "role", "title", "ministry"]


@admin.register(Delegation)
class DelegationAdmin(HistoryAdmin):
    form = forms.DelegationForm
    inlines = [DelegateInline]
    list_display = ["__str__", "country", "round", "ministry_names", "delegate_count"]
    list_filter = ["country", "round__dialogue"]
    list_select_related = ["country", "round__dialogue"]
    search_fields = ["country__name", "round__dialogue__name", "ministries__name"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["round", "country", "ministries"]
    readonly_fields = ["round_page"]
    fieldsets = [(None, {"fields": ["round", "round_page", "country", "ministries"]}), SOURCES]

    @admin.display(description=_("back to the round"))
    def round_page(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:rounds_round_change", args=[obj.round_id])
        return format_html('<a href="{}">{}</a>', url, obj.round)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("round__dialogue", "country")
            .prefetch_related("ministries")
            .annotate(delegates_count=Count("delegates"))
        )

    @admin.display(description=_("ministries and agencies"))
    def ministry_names(self, obj):
        return ", ".join(m.acronym or m.name for m in obj.ministries.all())

    @admin.display(description=_("delegates"), ordering="delegates_count")
    def delegate_count(self, obj):
        return obj.delegates_count


@admin.register(Delegate)
class DelegateAdmin(HistoryAdmin):
    list_display = ["person", "role", "title", "ministry", "delegation"]
    list_filter = ["role", "delegation__country", "delegation__round__dialogue"]
    list_select_related = [
        "person",
        "ministry",
        "delegation__country",
        "delegation__round__dialogue",
    ]
    search_fields = ["person__name", "title", "ministry__name", "ministry__acronym"]
    date_hierarchy = "delegation__round__start_date"
    autocomplete_fields = ["delegation", "person", "ministry"]


class RequestUpdateOfRequestInline(
    PublishedLockInlineMixin, LabelledChoicesMixin, admin.TabularInline
):
    model = RequestUpdate
    form = forms.RequestUpdateOfRequestForm
    formset = forms.RequestUpdatesOfRequestFormSet
    # A request's current status is its latest update: without one it would have none.
    extra = 0
    min_num = 1
    validate_min = True
    autocomplete_fields = ["round"]
    fields = ["round", "status", "note"]
    verbose_name_plural = _("status at each round")

    def get_formset(self, request, obj=None, **kwargs):
        # The admin does not pass validate_min to the formset factory itself.
        kwargs.setdefault("validate_min", self.validate_min)
        formset = super().get_formset(request, obj, **kwargs)
        # Rows at a published round stay as they are unless a publisher edits them.
        formset.user = request.user
        return formset


@admin.register(CooperationRequest)
class CooperationRequestAdmin(HistoryAdmin):
    inlines = [RequestUpdateOfRequestInline]
    list_display = ["__str__", "raised_by", "topic", "opened_in", "status_now"]
    list_filter = ["raised_by", "topic", "opened_in__dialogue"]
    list_select_related = ["raised_by", "topic", "opened_in__dialogue"]
    search_fields = ["description", "raised_by__name", "topic__name", "opened_in__dialogue__name"]
    date_hierarchy = "opened_in__start_date"
    autocomplete_fields = ["opened_in", "raised_by", "topic"]
    fieldsets = [(None, {"fields": ["opened_in", "raised_by", "topic", "description"]}), SOURCES]

    def get_queryset(self, request):
        # An explicit select_related here replaces list_select_related, so name it all.
        return (
            super()
            .get_queryset(request)
            .with_current_status()
            .select_related("raised_by", "topic", "opened_in__dialogue")
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RequestUpdateOfRequestInline) and (
            obj.pk is None or not obj.updates.exists()
        ):
            # The first row: the request as raised at its opening round (filled in on save
            # when left empty).
            opened_in = obj.opened_in_id or request.GET.get("opened_in", "")
            if not str(opened_in).isdigit():
                opened_in = None
            kwargs["initial"] = [{"round": opened_in, "status": RequestStatus.RAISED}]
        return kwargs

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        changed = [obj for obj, _fields in formset.changed_objects]
        touched = [*formset.new_objects, *changed, *formset.deleted_objects]
        services.round_touch(round_ids={update.round_id for update in touched})

    @admin.display(description=_("current status"), ordering="current_status")
    def status_now(self, obj):
        if not obj.current_status:
            return "—"
        return RequestStatus(obj.current_status).label


@admin.register(RequestUpdate)
class RequestUpdateAdmin(HistoryAdmin):
    list_display = ["request", "round", "status", "note"]
    list_filter = ["status", "round__dialogue"]
    list_select_related = ["request__raised_by", "round__dialogue"]
    search_fields = ["note", "request__description"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["request", "round"]
    fieldsets = [(None, {"fields": ["request", "round", "status", "note"]}), SOURCES]


@admin.register(Communique)
class CommuniqueAdmin(HistoryAdmin):
    formfield_overrides = {models.URLField: URL_FIELD}
    list_display = ["title", "issuer_country", "issuer", "date", "kind", "language", "round"]
    list_filter = ["kind", "language", "issuer_country", "round__dialogue"]
    list_select_related = ["issuer_country", "issuer", "round__dialogue"]
    search_fields = ["title", "text", "publisher", "url"]
    date_hierarchy = "date"
    autocomplete_fields = ["round", "issuer_country", "issuer"]
    fieldsets = CommuniqueInline.fieldsets[:1] + [
        (None, {"fields": ["round"]}),
        *CommuniqueInline.fieldsets[1:],
    ]


@admin.register(Statement)
class StatementAdmin(HistoryAdmin):
    list_display = ["__str__", "country", "kind", "topic", "round"]
    list_filter = ["kind", "country", "topic", "round__dialogue"]
    list_select_related = ["country", "topic", "round__dialogue"]
    search_fields = ["text", "topic__name"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["round", "country", "topic", "communique"]
    fieldsets = [
        (None, {"fields": ["round", "country", "kind", "topic", "text", "communique"]}),
        SOURCES,
    ]


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "round"]
    list_filter = ["kind", "round__dialogue"]
    list_select_related = ["round__dialogue"]
    search_fields = ["text"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["round", "communique"]
    fieldsets = [(None, {"fields": ["round", "kind", "text", "communique"]}), SOURCES]
