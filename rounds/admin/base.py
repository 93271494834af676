"""What every admin page of the record shares: sources, labels, history, the publish lock.

Who may change a published record is decided in rounds.permissions; the admin only asks.
"""

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rounds import permissions, services
from rounds.models import LABEL_RELATED, Round, RoundRecord, derived, round_of

from .stale import StaleSaveAdminMixin, StaleSaveInlineMixin

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


class LabelledChoicesMixin:
    """Load what a related object's label needs, so selects and autocompletes make no N+1."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = LABEL_RELATED.get(db_field.related_model)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.related_model._default_manager.select_related(*related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def round_ids(*records) -> set[int]:
    """The ids of the rounds the records belong to."""
    return {round_.pk for round_ in map(round_of, records) if round_ is not None}


class PublicLockMixin:
    """What the public sees is read-only without the publish permission (rounds.permissions):
    change and delete, one record or a selection. Every admin of the record uses it."""

    lock_message = _(
        "The public sees this record: only a publisher can change or delete it. Ask a "
        "publisher to make the change."
    )

    def has_publish_permission(self, request) -> bool:
        return permissions.can_publish(request.user)

    def is_locked(self, request, obj) -> bool:
        return not permissions.may_change(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["published_lock"] = self.is_locked(request, obj)
        context["lock_message"] = self.lock_message
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                type(self).delete_selected_guarded,
                "delete_selected",
                actions["delete_selected"][2],
            )
        return actions

    @staticmethod
    def delete_selected_guarded(modeladmin, request, queryset):
        """Delete the selection, unless any of it is public and the user may not publish."""
        if permissions.locked_among(request.user, queryset).exists():
            modeladmin.message_user(
                request,
                _(
                    "Only publishers can delete what the public sees (published rounds, their "
                    "records, and the dialogues, people and bodies they show); unselect those "
                    "and try again."
                ),
                messages.ERROR,
            )
            return None
        return delete_selected(modeladmin, request, queryset)


class HistoryAdmin(StaleSaveAdminMixin, PublicLockMixin, LabelledChoicesMixin, SimpleHistoryAdmin):
    """Show who changed what; never revert from history, which would bypass validation.

    A record saved or deleted here raises its round's version (services.round_touch), so a
    round page loaded before refuses to save over the change.
    """

    @property
    def is_round_record(self) -> bool:
        return issubclass(self.model, RoundRecord)

    def save_model(self, request, obj, form, change):
        stored = self.model._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if self.is_round_record:
            # Both rounds, when the record moved from one to another.
            services.round_touch(round_ids=round_ids(stored, obj))

    def delete_model(self, request, obj):
        touched = round_ids(obj) if self.is_round_record else set()
        super().delete_model(request, obj)
        services.round_touch(round_ids=touched)

    def delete_queryset(self, request, queryset):
        touched = set()
        if self.is_round_record:
            # One query for every selected record, not one per record.
            lookup = self.model.round_field("id")
            touched = set(queryset.values_list(lookup, flat=True).distinct())
        # Each count the deleted rows moved is stored once, not once per row.
        with transaction.atomic(), derived.stored_once():
            super().delete_queryset(request, queryset)
            services.round_touch(round_ids=touched)

    @property
    def lock_message(self):
        if self.is_round_record or self.model is Round:
            return _("Published: ask a publisher to unpublish it to make changes.")
        return PublicLockMixin.lock_message

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The link to the round (e.g. `round`, `delegation`, `opened_in`) offers only what the
        # user may attach a new record to.
        if self.is_round_record and db_field.name == self.model.round_lookup.split("__")[0]:
            model = db_field.related_model
            queryset = permissions.open_to(request.user, model)
            kwargs.setdefault("queryset", queryset.select_related(*LABEL_RELATED.get(model, [])))
            kwargs.setdefault("error_messages", {"invalid_choice": PUBLISHED_LOCK_CHOICE})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PublishedLockInlineMixin(StaleSaveInlineMixin):
    """Rows of a published record (a round, a delegation, a request) are read-only without
    the publish permission, and refuse a stale save (rounds.admin.stale)."""

    def is_locked(self, request, obj) -> bool:
        return not permissions.may_change(request.user, obj)

    def has_add_permission(self, request, obj):
        return not self.is_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_delete_permission(request, obj)
