"""The staff workspace: one screen per round, drafts and publishing, and an audit trail.

Delegates sit one level below a delegation, and Django has no nested inlines; each delegation
row on the round page links to the delegation's own page, where its delegates are an inline
with person and ministry autocomplete. That keeps the round page to one screen while a
delegation's people are entered where their country (and so their ministries) is fixed.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.forms import Textarea
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalRecords

from . import forms, services
from .models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    Office,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    ThreatTopic,
)
from .text import shorten

SOURCES = (
    _("Sources and uncertainty"),
    {
        "classes": ["collapse"],
        "fields": ["source_urls", "uncertain_note"],
        "description": _(
            "Where the facts on this page come from, one URL per line, and why any is uncertain."
        ),
    },
)


# Staff paste addresses without a scheme; the sources are on the web, so assume https.
URL_FIELD = {"assume_scheme": "https"}

PUBLISHED_LOCK_CHOICE = _(
    "That round is published (or does not exist): ask a publisher to unpublish it before "
    "adding records to it."
)


def can_change_published(request) -> bool:
    return request.user.has_perm("rounds.publish_round")


# What each model's __str__ reads from other tables.
_LABEL_RELATED = {
    Round: ["dialogue"],
    CooperationRequest: ["raised_by"],
    Delegation: ["country", "round__dialogue"],
    Statement: ["country"],
    RequestUpdate: ["request__raised_by", "round__dialogue"],
}


class LabelledChoicesMixin:
    """Load what a related object's label needs, so selects and autocompletes make no N+1."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = _LABEL_RELATED.get(db_field.related_model)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.related_model._default_manager.select_related(*related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HistoryAdmin(LabelledChoicesMixin, SimpleHistoryAdmin):
    """Show who changed what; never revert from history, which would bypass validation."""

    # How to find the round(s) a record belongs to, for records edited outside the round page.
    round_path: str | None = None

    def rounds_of(self, obj) -> set[int]:
        if self.round_path is None or obj is None:
            return set()
        value = obj
        for part in self.round_path.split("."):
            value = getattr(value, part, None)
        return {value} if value else set()

    def save_model(self, request, obj, form, change):
        before = set()
        if change and self.round_path is not None:
            before = self.rounds_of(type(obj)._default_manager.filter(pk=obj.pk).first())
        super().save_model(request, obj, form, change)
        services.round_touch(round_ids=before | self.rounds_of(obj))

    def delete_model(self, request, obj):
        rounds = self.rounds_of(obj)
        super().delete_model(request, obj)
        services.round_touch(round_ids=rounds)

    def delete_queryset(self, request, queryset):
        rounds = set()
        if self.round_path is not None:
            # One query for every selected record, not one per record.
            rounds = set(queryset.values_list(self.round_lookup(), flat=True).distinct())
        super().delete_queryset(request, queryset)
        services.round_touch(round_ids=rounds)

    def round_lookup(self) -> str:
        """Return round_path as an ORM lookup, e.g. "delegation.round_id" -> "delegation__round"."""
        parts = self.round_path.split(".")
        parts[-1] = parts[-1].removesuffix("_id")
        return "__".join(parts)

    # --- published rounds are read-only for non-publishers ---------------------------------------

    def has_publish_permission(self, request) -> bool:
        return can_change_published(request)

    def is_published_record(self, obj) -> bool:
        """Return whether obj belongs to a published round (so only publishers may change it)."""
        if self.round_path is None:
            return False
        value = obj
        for part in self.round_lookup().split("__"):
            value = getattr(value, part, None)
        return value is not None and value.is_published

    def is_locked(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.pk is not None
            and not self.has_publish_permission(request)
            and self.is_published_record(obj)
        )

    def has_change_permission(self, request, obj=None):
        if self.is_locked(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_locked(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["published_lock"] = self.is_locked(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Non-publishers cannot attach a new record to a published round either.
        if (
            self.round_path is not None
            and db_field.name == self.round_lookup().split("__")[0]
            and not self.has_publish_permission(request)
        ):
            model = db_field.related_model
            related = _LABEL_RELATED.get(model, [])
            if model is Round:
                queryset = Round.objects.drafts()
            else:
                queryset = model._default_manager.filter(round__status=RoundStatus.DRAFT)
            kwargs.setdefault("queryset", queryset.select_related(*related))
            kwargs.setdefault("error_messages", {"invalid_choice": PUBLISHED_LOCK_CHOICE})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


# ---------------------------------------------------------------------------------------------
# Reference data


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code", "aliases"]
    fields = ["code", "name", "aliases"]


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    fields = ["title", "aliases"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}
    verbose_name_plural = _("offices: titles that name this body (read by the communiqué reader)")


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    inlines = [OfficeInline]
    list_display = ["name", "acronym", "country", "kind", "parent"]
    list_filter = ["country", "kind"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "acronym", "aliases", "country__name", "country__code"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["country", "name", "acronym", "kind", "parent", "aliases", "slug"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
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
class PersonAdmin(admin.ModelAdmin):
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
class ThreatTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "iccs_code"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "aliases", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Dialogue)
class DialogueAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "party_a", "party_b", "round_count", "add_round"]
    list_filter = ["party_a", "party_b"]
    list_select_related = ["party_a", "party_b"]
    search_fields = ["name", "short_name", "slug", "aliases"]
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


# ---------------------------------------------------------------------------------------------
# The round page and its inlines


class PublishedLockInlineMixin:
    """Rows of a record whose round is published are read-only for non-publishers."""

    def parent_is_published(self, obj) -> bool:
        return obj.is_published

    def is_locked(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.pk is not None
            and not can_change_published(request)
            and self.parent_is_published(obj)
        )

    def has_add_permission(self, request, obj):
        return not self.is_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_delete_permission(request, obj)


class RoundChildInline(PublishedLockInlineMixin, LabelledChoicesMixin):
    formset = forms.RoundChildFormSet
    # Every row would link to the round's own public page; the round has one preview link.
    view_on_site = False
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}


class DelegationInline(RoundChildInline, admin.TabularInline):
    model = Delegation
    form = forms.DelegationInlineForm
    fields = ["country", "ministries", "delegates_list"]
    readonly_fields = ["delegates_list"]
    autocomplete_fields = ["country", "ministries"]
    show_change_link = True
    max_num = 2
    verbose_name_plural = _("delegations (one per side: its ministries and agencies)")

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.pk else 2

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("delegates__person")

    @admin.display(description=_("delegates"))
    def delegates_list(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the round, then add the delegates here.")
        names = format_html_join(", ", "{}", ((d.person.name,) for d in obj.delegates.all()))
        url = reverse("admin:rounds_delegation_change", args=[obj.pk])
        return format_html('{} <a href="{}">{}</a>', names or "—", url, _("Add or edit delegates"))


class CommuniqueInline(RoundChildInline, admin.StackedInline):
    model = Communique
    form = forms.CommuniqueInlineForm
    extra = 0
    autocomplete_fields = ["issuer_country", "issuer"]
    formfield_overrides = {
        models.TextField: {"widget": Textarea(attrs={"rows": 6, "cols": 80})},
        models.URLField: URL_FIELD,
    }
    verbose_name_plural = _("communiqués and other sources about this round")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("issuer_country", "issuer"),
                    "title",
                    ("date", "language", "kind"),
                    "url",
                    "publisher",
                ]
            },
        ),
        (_("Full text"), {"classes": ["collapse"], "fields": ["text"]}),
        SOURCES,
    ]


class StatementInline(RoundChildInline, admin.TabularInline):
    model = Statement
    form = forms.StatementInlineForm
    extra = 0
    autocomplete_fields = ["country", "topic"]
    verbose_name_plural = _("statements (what each side said or urged)")


class AgreementInline(RoundChildInline, admin.TabularInline):
    model = Agreement
    form = forms.AgreementInlineForm
    extra = 0
    verbose_name_plural = _("agreements (what the round agreed)")


class RequestUpdateInline(RoundChildInline, admin.TabularInline):
    model = RequestUpdate
    form = forms.RequestUpdateInlineForm
    extra = 0
    verbose_name_plural = _("request updates (pending requests discussed at this round)")


@admin.register(Round)
class RoundAdmin(HistoryAdmin):
    form = forms.RoundAdminForm
    inlines = [
        DelegationInline,
        CommuniqueInline,
        StatementInline,
        AgreementInline,
        RequestUpdateInline,
    ]
    list_display = [
        "__str__",
        "number",
        "date",
        "city",
        "host_country",
        "status",
        "topic_names",
        "updated_at",
    ]
    list_display_links = ["__str__"]
    list_filter = ["status", "dialogue", "topics", "host_country", "date_precision"]
    list_select_related = ["dialogue", "host_country"]
    search_fields = ["dialogue__name", "dialogue__short_name", "number", "city", "summary"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["dialogue", "host_country", "topics"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at", "last_change"]
    save_on_top = True
    view_on_site = False  # the change page has its own "Preview as the public will see it"
    actions = ["publish_selected", "unpublish_selected", "start_next_round"]
    change_form_template = "admin/rounds/round/change_form.html"
    object_history_template = "admin/rounds/round/audit_trail.html"
    fieldsets = [
        (
            None,
            {
                "fields": ["dialogue", "number", "loaded_version"],
                "description": _(
                    "Enter one meeting from its communiqué. New rounds are drafts: the public "
                    "sees them only once a publisher publishes them."
                ),
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    "date_precision",
                    ("city", "venue"),
                    "host_country",
                ]
            },
        ),
        (_("What it covered"), {"fields": ["topics", "summary"]}),
        SOURCES,
        (
            _("Publication"),
            {"fields": ["status", "published_at", ("created_at", "updated_at"), "last_change"]},
        ),
    ]

    def get_queryset(self, request):
        # select_related also serves the autocomplete, whose labels read the dialogue.
        return (
            super()
            .get_queryset(request)
            .select_related("dialogue", "host_country")
            .prefetch_related("topics")
        )

    # --- list columns -------------------------------------------------------------------------

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, obj):
        return obj.date_label

    @admin.display(description=_("threat topics"))
    def topic_names(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description=_("last change"))
    def last_change(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return forms.last_change_label(obj.pk)

    # --- permissions --------------------------------------------------------------------------

    def is_published_record(self, obj) -> bool:
        return obj.is_published

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                self.delete_selected_guarded,
                "delete_selected",
                actions["delete_selected"][2],
            )
        return actions

    @staticmethod
    def delete_selected_guarded(modeladmin, request, queryset):
        if not modeladmin.has_publish_permission(request) and queryset.published().exists():
            modeladmin.message_user(
                request,
                _("Only publishers can delete published rounds; unselect them and try again."),
                messages.ERROR,
            )
            return None
        return delete_selected(modeladmin, request, queryset)

    def get_changeform_initial_data(self, request):
        """With ?dialogue=<id>, suggest the next round number of that dialogue."""
        initial = super().get_changeform_initial_data(request)
        dialogue_id = initial.get("dialogue")
        if dialogue_id and str(dialogue_id).isdigit():
            last = (
                Round.objects.filter(dialogue_id=dialogue_id)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
            )
            initial.setdefault("number", (last or 0) + 1)
        return initial

    # --- saving -------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = form.next_version
        else:
            obj.status = RoundStatus.DRAFT
        super().save_model(request, obj, form, change)

    # --- change page --------------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "can_publish": self.has_publish_permission(request),
                # Only offered where it can work: round N+1 must not exist yet.
                "can_start_next": obj is not None
                and self.has_add_permission(request)
                and not Round.objects.filter(
                    dialogue_id=obj.dialogue_id, number=obj.number + 1
                ).exists(),
                "preview_url": preview_url(obj) if obj is not None else None,
                "provisional_dates": obj is not None and obj.dates_provisional,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                wrap(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/unpublish/",
                wrap(self.unpublish_view),
                name="{}_{}_unpublish".format(*info),
            ),
            path(
                "<path:object_id>/start-next/",
                wrap(self.start_next_view),
                name="{}_{}_start_next".format(*info),
            ),
            *super().get_urls(),
        ]

    def _round_or_404(self, request, object_id) -> Round:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No round with this id."))
        return obj

    def _change_url(self, obj) -> str:
        return reverse("admin:rounds_round_change", args=[obj.pk])

    def publish_view(self, request, object_id):
        return self._publish_or_unpublish(request, object_id, publish=True)

    def unpublish_view(self, request, object_id):
        return self._publish_or_unpublish(request, object_id, publish=False)

    def _publish_or_unpublish(self, request, object_id, *, publish: bool):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self._round_or_404(request, object_id)
        try:
            if publish:
                obj = services.round_publish(round=obj, by=request.user)
                text = _("Published %(round)s: the public can now see it.")
            else:
                obj = services.round_unpublish(round=obj, by=request.user)
                text = _("Unpublished %(round)s: it is a draft again, hidden from the public.")
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, text % {"round": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(obj))

    def start_next_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        obj = self._round_or_404(request, object_id)
        new_round = self._start_next(request, obj)
        return HttpResponseRedirect(self._change_url(new_round or obj))

    def _start_next(self, request, obj: Round) -> Round | None:
        try:
            new_round = services.round_start_next(round=obj, by=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            _(
                "Started a draft of %(round)s with the delegations, topics and open requests "
                "of round %(previous)s. Its date (%(date)s) is only a placeholder: set the "
                "real dates, place and content from the communiqué."
            )
            % {"round": new_round, "previous": obj.number, "date": new_round.start_date},
            messages.WARNING,
        )
        return new_round

    # --- list actions -------------------------------------------------------------------------

    @admin.action(permissions=["publish"], description=_("Publish the selected rounds"))
    def publish_selected(self, request, queryset):
        self._publish_or_unpublish_selected(request, queryset, publish=True)

    @admin.action(permissions=["publish"], description=_("Unpublish the selected rounds"))
    def unpublish_selected(self, request, queryset):
        self._publish_or_unpublish_selected(request, queryset, publish=False)

    def _publish_or_unpublish_selected(self, request, queryset, *, publish: bool) -> None:
        """Publish (or unpublish) all the selected rounds, or none if any of them cannot be."""
        selected = queryset.drafts() if publish else queryset.published()
        service = services.round_publish if publish else services.round_unpublish
        failures = []
        count = 0
        with transaction.atomic():
            # In primary-key order, so two publishers selecting overlapping rounds cannot
            # deadlock on the row locks.
            for obj in selected.select_related("dialogue").order_by("pk"):
                try:
                    # round_publish is atomic itself: a refused round rolls back to here.
                    service(round=obj, by=request.user)
                except ValidationError as exc:
                    failures.append((obj, exc))
                else:
                    count += 1
            if failures:
                transaction.set_rollback(True)
        if failures:
            failed = (
                _("Could not publish %(round)s: %(reason)s")
                if publish
                else _("Could not unpublish %(round)s: %(reason)s")
            )
            for obj, exc in failures:
                self.message_user(
                    request,
                    failed % {"round": obj, "reason": " ".join(exc.messages)},
                    messages.ERROR,
                )
            nothing = (
                _("Nothing was published: fix or unselect the rounds above, then try again.")
                if publish
                else _("Nothing was unpublished: fix or unselect the rounds above, then try again.")
            )
            self.message_user(request, nothing, messages.ERROR)
            return
        if publish:
            text = ngettext("Published %d round.", "Published %d rounds.", count)
        else:
            text = ngettext(
                "Unpublished %d round (now a draft).", "Unpublished %d rounds (now drafts).", count
            )
        self.message_user(request, text % count, messages.SUCCESS)

    @admin.action(permissions=["add"], description=_("Start the next round (draft)"))
    def start_next_round(self, request, queryset):
        created = [r for r in (self._start_next(request, obj) for obj in queryset) if r]
        if len(created) == 1:
            return HttpResponseRedirect(self._change_url(created[0]))
        return None

    # --- audit trail --------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        """Show the round's audit trail: its own changes and its records', newest first."""
        obj = self._round_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = round_audit_trail(obj, limit=TRAIL_LIMIT)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Audit trail: %(round)s") % {"round": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "entries": entries,
            "limit": TRAIL_LIMIT,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


def preview_url(obj: Round | None) -> str | None:
    """Return the public page of the round (staff see drafts there with a banner)."""
    if obj is None or obj.pk is None:
        return None
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------------------------
# Records of a round, each with its own list


class DelegateInline(PublishedLockInlineMixin, LabelledChoicesMixin, admin.TabularInline):
    model = Delegate
    formset = forms.ConstraintAwareInlineFormSet
    extra = 1
    autocomplete_fields = ["person", "ministry"]
    fields = ["person", "role", "title", "ministry"]

    def parent_is_published(self, obj) -> bool:
        return obj.round.is_published


@admin.register(Delegation)
class DelegationAdmin(HistoryAdmin):
    round_path = "round_id"
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
    round_path = "delegation.round_id"
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

    def parent_is_published(self, obj) -> bool:
        return obj.opened_in.is_published

    def get_formset(self, request, obj=None, **kwargs):
        # The admin does not pass validate_min to the formset factory itself.
        kwargs.setdefault("validate_min", self.validate_min)
        formset = super().get_formset(request, obj, **kwargs)
        # Rows at a published round stay as they are unless a publisher edits them.
        formset.can_change_published = can_change_published(request)
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

    def is_published_record(self, obj) -> bool:
        return obj.opened_in.is_published

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A request opened at a published round is public at once: publishers only.
        if db_field.name == "opened_in" and not self.has_publish_permission(request):
            kwargs.setdefault("queryset", Round.objects.drafts().select_related("dialogue"))
            kwargs.setdefault("error_messages", {"invalid_choice": PUBLISHED_LOCK_CHOICE})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
    round_path = "round_id"
    list_display = ["request", "round", "status", "note"]
    list_filter = ["status", "round__dialogue"]
    list_select_related = ["request__raised_by", "round__dialogue"]
    search_fields = ["note", "request__description"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["request", "round"]
    fieldsets = [(None, {"fields": ["request", "round", "status", "note"]}), SOURCES]


@admin.register(Communique)
class CommuniqueAdmin(HistoryAdmin):
    round_path = "round_id"
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
    round_path = "round_id"
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
    round_path = "round_id"
    list_display = ["__str__", "kind", "round"]
    list_filter = ["kind", "round__dialogue"]
    list_select_related = ["round__dialogue"]
    search_fields = ["text"]
    date_hierarchy = "round__start_date"
    autocomplete_fields = ["round", "communique"]
    fieldsets = [(None, {"fields": ["round", "kind", "text", "communique"]}), SOURCES]


# ---------------------------------------------------------------------------------------------
# Audit trail of a round: django-simple-history records of the round and of its records

TRAIL_LIMIT = 300
_ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Bookkeeping fields that change on every save and say nothing to a reader.
_IGNORED_FIELDS = {"updated_at", "created_at", "version", "slug"}


@dataclasses.dataclass
class AuditEntry:
    when: datetime.datetime
    who: str
    what: str
    record: str
    action: str
    changes: list[tuple[str, str, str]]


def round_audit_trail(round_: Round, *, limit: int) -> list[AuditEntry]:
    """Return who changed what on the round and its records, newest first.

    A fixed number of queries whatever the number of changes: one per history table, one per
    many-to-many history table and one per related model named in the changes.
    """
    pk = round_.pk
    sources = [
        (Round, {"id": pk}),
        (Delegation, {"round_id": pk}),
        (Communique, {"round_id": pk}),
        (Statement, {"round_id": pk}),
        (Agreement, {"round_id": pk}),
        (RequestUpdate, {"round_id": pk}),
        (CooperationRequest, {"opened_in_id": pk}),
    ]
    per_model = {}
    for model, lookup in sources:
        per_model[model] = list(
            model.history.filter(**lookup)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
    delegation_ids = {record.id for record in per_model[Delegation]}
    per_model[Delegate] = list(
        Delegate.history.filter(delegation_id__in=delegation_ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    m2m_values = _m2m_values(per_model)
    names = _related_names(per_model, m2m_values)

    entries = []
    for model, records in per_model.items():
        previous_by_id = {}
        for record in records:
            previous = previous_by_id.get(record.id)
            previous_by_id[record.id] = record
            changes = _changes(model, record, previous, names, m2m_values, pk)
            if record.history_type == "~" and not changes:
                # A save that changed nothing shown here, e.g. the row saved just before its
                # many-to-many field, which gets its own entry.
                continue
            entries.append(
                AuditEntry(
                    when=record.history_date,
                    who=record.history_user.get_username()
                    if record.history_user
                    else str(_("import or script")),
                    what=str(model._meta.verbose_name),
                    record=_record_label(model, record, names),
                    action=str(_ACTIONS.get(record.history_type, record.history_type)),
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _m2m_values(per_model) -> dict[tuple[type, str, int], set[int]]:
    """Map (model, m2m field, history id) to the related ids recorded with that version."""
    values: dict[tuple[type, str, int], set[int]] = defaultdict(set)
    for model, records in per_model.items():
        for field in model._meta.many_to_many:
            m2m_model = HistoricalRecords.m2m_models.get(field)
            if m2m_model is None or not records:
                continue
            target = field.m2m_reverse_field_name()
            rows = m2m_model.objects.filter(
                history_id__in=[record.history_id for record in records]
            ).values_list("history_id", f"{target}_id")
            for history_id, target_id in rows:
                values[(model, field.name, history_id)].add(target_id)
    return values


def _related_names(per_model, m2m_values) -> dict[tuple[type, int], str]:
    """Name every object that a tracked foreign key or many-to-many field points to."""
    wanted: dict[type, set[int]] = defaultdict(set)
    for model, records in per_model.items():
        fks = [f for f in model.history.model.tracked_fields if f.many_to_one]
        for record in records:
            for field in fks:
                value = getattr(record, field.attname)
                if value is not None:
                    wanted[field.related_model].add(value)
    for (model, field_name, _history_id), ids in m2m_values.items():
        wanted[model._meta.get_field(field_name).related_model].update(ids)
    names = {}
    for related_model, ids in wanted.items():
        if not ids:
            continue
        queryset = related_model._default_manager.filter(pk__in=ids)
        if related_model in _LABEL_RELATED:
            queryset = queryset.select_related(*_LABEL_RELATED[related_model])
        for obj in queryset:
            names[(related_model, obj.pk)] = str(obj)
    return names


def _name(names, model, pk) -> str:
    if pk is None:
        return "—"
    return names.get((model, pk), f"#{pk} ({_('deleted')})")


def _record_label(model, record, names) -> str:
    if model is Round:
        return str(_("round %(number)s") % {"number": record.number})
    if model is Delegation:
        return _name(names, Country, record.country_id)
    if model is Delegate:
        return _name(names, Person, record.person_id)
    if model is Communique:
        return record.title
    if model is Statement:
        return f"{_name(names, Country, record.country_id)}: {shorten(record.text, 80)}"
    if model is RequestUpdate:
        return _name(names, CooperationRequest, record.request_id)
    if model is CooperationRequest:
        return shorten(record.description, 80)
    return shorten(getattr(record, "text", str(record.id)), 80)


def _changes(model, record, previous, names, m2m_values, round_pk) -> list[tuple[str, str, str]]:
    """Return (field, old, new) rows; a creation lists the values it was created with."""
    if record.history_type == "-":
        return []
    base = previous
    changes = []
    tracked = [
        f
        for f in record.tracked_fields
        if f.name not in _IGNORED_FIELDS and f.name != model._meta.pk.name
    ]
    for field in tracked:
        new = getattr(record, field.attname)
        old = getattr(base, field.attname) if base is not None else None
        if base is None and new in (None, ""):
            continue
        if base is not None and old == new:
            continue
        if field.name in ("round", "opened_in") and base is None and new == round_pk:
            continue  # "created at this round" goes without saying on the round's trail
        changes.append(
            (
                str(field.verbose_name),
                _display(field, old, names),
                _display(field, new, names),
            )
        )
    for field in model._meta.many_to_many:
        name = field.name
        new_ids = m2m_values.get((model, name, record.history_id), set())
        old_ids = (
            m2m_values.get((model, name, base.history_id), set()) if base is not None else set()
        )
        if new_ids != old_ids:
            changes.append(
                (
                    str(field.verbose_name),
                    ", ".join(sorted(_name(names, field.related_model, i) for i in old_ids)) or "—",
                    ", ".join(sorted(_name(names, field.related_model, i) for i in new_ids)) or "—",
                )
            )
    return changes


def _display(field, value, names) -> str:
    if value is None or value == "":
        return "—"
    if field.many_to_one:
        return _name(names, field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return shorten(str(value), 200)
