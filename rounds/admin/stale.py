"""No lost updates: every admin change form (and every row of its inlines) refuses to save
over a change made since it was loaded.

The round's own form checks `Round.version`, which every change to the round or its records
raises (`RoundAdminForm.check_version`, `services.round_touch`). Every other form carries a
stamp of the stored values of the fields it edits (`loaded_state`, a hidden field); on save,
the stored row is locked (SELECT ... FOR UPDATE, inside the admin's transaction) and stamped
again, and a difference is a form error: nothing is saved, so the other person's change is
safe. One mechanism for every model, with no version column to keep.
"""

import hashlib
import json
from functools import cache

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from rounds.models import locked_for_update

STAMP_FIELD = "loaded_state"


def state_stamp(instance: models.Model, field_names) -> str:
    """A digest of the stored values of `field_names` of `instance` (m2m: the linked ids)."""
    values = {}
    for field in [*instance._meta.concrete_fields, *instance._meta.many_to_many]:
        if field.name not in field_names or field.primary_key:
            continue
        if field.many_to_many:
            values[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        else:
            values[field.name] = field.value_from_object(instance)
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def last_change_by(instance: models.Model) -> str:
    history = getattr(type(instance), "history", None)
    if history is None:
        return str(_("someone else"))
    entry = instance.history.select_related("history_user").first()
    user = entry.history_user if entry is not None else None
    return user.get_username() if user is not None else str(_("someone else"))


class StaleSaveGuard(forms.ModelForm):
    """Mixed into an admin form by `guarded()`; see the module's docstring."""

    loaded_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[STAMP_FIELD].initial = state_stamp(self.instance, self.stamped_fields())

    def stamped_fields(self) -> set[str]:
        # The form's own fields: not those a formset adds (id, the parent's key, DELETE).
        return set(self.base_fields) - {STAMP_FIELD}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.is_bound:
            self.check_state(self.cleaned_data.get(STAMP_FIELD))
        return cleaned

    def check_state(self, loaded: str | None) -> None:
        if not loaded:
            raise ValidationError(
                _("This form is missing its version stamp; reload the page and try again."),
                code="missing_version",
            )
        model = type(self.instance)
        with transaction.atomic():
            stored = locked_for_update(model._default_manager.filter(pk=self.instance.pk)).first()
            if stored is None or state_stamp(stored, self.stamped_fields()) == loaded:
                return
        raise ValidationError(
            _(
                "Someone else changed this %(what)s while you were editing it (last change by "
                "%(who)s). Nothing was saved, so their change is safe. Open the page again in "
                "a new tab to see their version, re-apply your changes there, then save."
            ),
            code="edit_conflict",
            params={"what": model._meta.verbose_name, "who": last_change_by(stored)},
        )


@cache
def guarded(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form_class` with the stale-save check; a form with its own (check_version) as is."""
    if hasattr(form_class, "check_version") or issubclass(form_class, StaleSaveGuard):
        return form_class
    return type(form_class.__name__, (StaleSaveGuard, form_class), {})


def with_stamp(fieldsets):
    """The fieldsets with the hidden stamp in the first one, so the page sends it back."""
    if STAMP_FIELD in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], STAMP_FIELD]}), *rest]


class _StampedFields:
    def get_fields(self, request, obj=None):
        # Without explicit fields the admin lists the form's, stamp included: it is added to
        # the fieldsets only where the user may save (below), never shown as a read-only row.
        return [name for name in super().get_fields(request, obj) if name != STAMP_FIELD]


class StaleSaveAdminMixin(_StampedFields):
    """For a ModelAdmin: its change form refuses a stale save."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("form", guarded(self.form))
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_own_version or not self.has_change_permission(request, obj):
            return fieldsets
        return with_stamp(fieldsets)

    @property
    def has_own_version(self) -> bool:
        return hasattr(self.form, "check_version")


class StaleSaveInlineMixin(_StampedFields):
    """For an InlineModelAdmin: each of its rows refuses a stale save."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("form", guarded(self.form))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets
        return with_stamp(fieldsets)
