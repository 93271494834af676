"""The staff workspace: one screen per round, drafts and publishing, and an audit trail.

Delegates sit one level below a delegation, and Django has no nested inlines; each delegation
row on the round page links to the delegation's own page, where its delegates are an inline
with person and ministry autocomplete. That keeps the round page to one screen while a
delegation's people are entered where their country (and so their ministries) is fixed.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms import Textarea
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rounds import selectors, services
from rounds.intake.views import CommuniqueIntakeView
from rounds.models import (
    Agreement,
    Communique,
    Delegation,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    derived,
)

from . import forms
from .base import SOURCES, URL_FIELD, HistoryAdmin, LabelledChoicesMixin, PublishedLockInlineMixin


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
        return selectors.last_change_label(obj.pk)

    # --- permissions --------------------------------------------------------------------------

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
        if not change:
            obj.status = RoundStatus.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # Once for the round and its inlines, after both are saved.
            services.round_touch(round_ids=[form.instance.pk])

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
            # Before the admin's own "<path:object_id>/" patterns, which would take it for a pk.
            path(
                "from-communique/",
                wrap(CommuniqueIntakeView.as_view(admin_site=self.admin_site)),
                name="{}_{}_from_communique".format(*info),
            ),
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
        with transaction.atomic(), derived.stored_once():
            # In primary-key order, so two publishers selecting overlapping rounds cannot
            # deadlock on the row locks; each count they move is stored once, at the end.
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
        entries = selectors.round_audit_trail(obj, limit=selectors.TRAIL_LIMIT)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Audit trail: %(round)s") % {"round": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "entries": entries,
            "limit": selectors.TRAIL_LIMIT,
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
