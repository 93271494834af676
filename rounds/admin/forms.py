"""Admin forms: every invariant of a round, including those spanning its inlines, is a form error.

The models hold the rules (constraints and `clean()`); these forms make sure the admin runs them
against the round *as edited in the same POST* (a new round has no primary key yet, and the
dialogue may change together with the inlines), and add the rules that span several inline rows
or a many-to-many field, which a single model's `clean()` cannot see.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from rounds import permissions, selectors
from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Delegation,
    RequestUpdate,
    Round,
    Statement,
    locked_for_update,
)


class RoundAdminForm(forms.ModelForm):
    """The round form with an optimistic concurrency check on `Round.version`."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Round
        fields = [
            "dialogue",
            "number",
            "start_date",
            "end_date",
            "date_precision",
            "city",
            "venue",
            "host_country",
            "topics",
            "summary",
            "source_urls",
            "uncertain_note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_version(self.cleaned_data.get("loaded_version"))
        # Entering the real dates retires the placeholders of a round started from the
        # previous one (services.round_start_next).
        if {"start_date", "end_date"} & set(self.changed_data):
            self.instance.dates_provisional = False
        return cleaned

    def check_version(self, loaded: int | None) -> None:
        """Refuse the save if someone else saved the round since this editor loaded it.

        The row stays locked (SELECT ... FOR UPDATE, inside the admin's transaction) until this
        save commits, so two simultaneous saves cannot both pass the check.
        """
        if loaded is None:
            raise ValidationError(
                _("This form is missing its version stamp; reload the page and try again."),
                code="missing_version",
            )
        with transaction.atomic():
            current = (
                locked_for_update(Round.objects.filter(pk=self.instance.pk))
                .values_list("version", flat=True)
                .first()
            )
        if current is not None and current != loaded:
            raise ValidationError(
                _(
                    "Someone else saved this round or one of its records while you were editing "
                    "it (last change by %(who)s). Nothing was saved, so their changes are safe. "
                    "Open the round again in a new tab to see their version, re-apply your "
                    "changes there, then save."
                ),
                code="edit_conflict",
                params={"who": selectors.last_change_label(self.instance.pk)},
            )


class RoundChildForm(forms.ModelForm):
    """An inline row of a round, validated against the round as edited in the same POST."""

    parent_round: Round | None = None

    def _post_clean(self):
        super()._post_clean()
        round_ = self.parent_round
        # A round being added has no pk, so the model's clean() skips its round checks;
        # run them here against the unsaved round.
        if round_ is not None and round_.pk is None and round_.dialogue_id:
            try:
                self.validate_against_new_round(round_)
            except ValidationError as exc:
                self._update_errors(exc)

    def validate_against_new_round(self, round_: Round) -> None:
        """Run the model's round-dependent rules for a round that is not saved yet."""

    def _update_errors(self, errors):
        # The round foreign key is a hidden field in an inline, so an error attached to it
        # would be invisible; show it on the row instead.
        if hasattr(errors, "error_dict") and "round" in errors.error_dict:
            moved = errors.error_dict.pop("round")
            errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(moved)
        super()._update_errors(errors)


class DelegationInlineForm(RoundChildForm):
    class Meta:
        model = Delegation
        fields = ["country", "ministries"]

    def validate_against_new_round(self, round_: Round) -> None:
        self.instance.clean_side(round_, self.instance.country_id, "delegation_not_party")

    def clean(self):
        cleaned = super().clean()
        check_ministries_of_country(self, cleaned.get("country"), cleaned.get("ministries"))
        return cleaned


def https_formfield(db_field, **kwargs):
    """Build a form field; a web address typed without a scheme is taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class CommuniqueInlineForm(RoundChildForm):
    class Meta:
        model = Communique
        formfield_callback = staticmethod(https_formfield)
        fields = [
            "issuer_country",
            "issuer",
            "publisher",
            "title",
            "date",
            "url",
            "language",
            "kind",
            "text",
            "source_urls",
            "uncertain_note",
        ]

    def validate_against_new_round(self, round_: Round) -> None:
        self.instance.clean_side(round_, self.instance.issuer_country_id, "issuer_not_party")


class StatementInlineForm(RoundChildForm):
    class Meta:
        model = Statement
        fields = ["country", "kind", "topic", "text", "communique"]

    def validate_against_new_round(self, round_: Round) -> None:
        self.instance.clean_side(round_, self.instance.country_id, "statement_not_party")


class AgreementInlineForm(RoundChildForm):
    class Meta:
        model = Agreement
        fields = ["kind", "text", "communique"]


class RequestUpdateInlineForm(RoundChildForm):
    class Meta:
        model = RequestUpdate
        fields = ["request", "status", "note"]
        error_messages = {
            "request": {
                "invalid_choice": _(
                    "That request does not belong to this round's dialogue; pick one of its "
                    "requests."
                )
            }
        }

    def validate_against_new_round(self, round_: Round) -> None:
        if self.instance.request_id:
            self.instance.validate_round(round_)


class ConstraintAwareInlineFormSet(BaseInlineFormSet):
    """Inline rows checked against the model's unique constraints, in the model's words."""

    def clean(self):
        """Refuse two rows that a unique constraint forbids, before the database does.

        Django's own formset check skips the inline's foreign key and conditional
        constraints (e.g. one URL per round, when the URL is given), which would otherwise
        reach the database as an IntegrityError.
        """
        super().clean()
        for constraint in self.model._meta.constraints:
            if (
                not isinstance(constraint, UniqueConstraint)
                or self.fk.name not in constraint.fields
            ):
                continue
            others = [name for name in constraint.fields if name != self.fk.name]
            seen = set()
            for form in self.forms:
                data = getattr(form, "cleaned_data", None)
                if not data or self._should_delete_form(form):
                    continue
                key = tuple(data.get(name) for name in others)
                if any(value in (None, "") for value in key):
                    continue
                if key in seen:
                    field = others[0] if others[0] in form.fields else None
                    form.add_error(
                        field,
                        ValidationError(
                            constraint.violation_error_message,
                            code=constraint.violation_error_code or "unique",
                        ),
                    )
                seen.add(key)

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.constraints:
            if (
                isinstance(constraint, UniqueConstraint)
                and constraint.condition is None
                and set(constraint.fields) == set(unique_check)
            ):
                return constraint.violation_error_message
        return super().get_unique_error_message(unique_check)


class RequestUpdateOfRequestForm(forms.ModelForm):
    """A status row on a request's page; a row left without a round is at the opening round."""

    opening_round: Round | None = None

    class Meta:
        model = RequestUpdate
        fields = ["round", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].required = False

    def has_changed(self):
        # A row the formset requires (min_num) is saved even when left as prefilled.
        return super().has_changed() or (self.instance.pk is None and not self.empty_permitted)

    def clean_round(self):
        round_ = self.cleaned_data.get("round") or self.opening_round
        if round_ is None:
            raise ValidationError(self.fields["round"].error_messages["required"], code="required")
        return round_


class RequestUpdatesOfRequestFormSet(ConstraintAwareInlineFormSet):
    """A request's status rows: at least one, at the round that opened the request."""

    default_error_messages = {
        "too_few_forms": _(
            "Record at least the request's status at the round that opened it, e.g. Raised."
        ),
    }
    # Set by the admin per request: who edits (rows at published rounds may be locked).
    user = None

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        opened_in_id = self.instance.opened_in_id
        form.opening_round = self.instance.opened_in if opened_in_id else None
        return form

    def clean(self):
        super().clean()
        live = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]
        self.refuse_changes_at_published_rounds()
        opened_in_id = self.instance.opened_in_id
        if opened_in_id is None or any(form.errors for form in self.forms):
            return
        if not any(
            (form.cleaned_data.get("round") and form.cleaned_data["round"].pk == opened_in_id)
            for form in live
        ):
            raise ValidationError(
                _(
                    "Record the request's status at the round that opened it (%(round)s), "
                    "e.g. Raised: without it the request has no status at all."
                ),
                code="no_update_at_opening",
                params={"round": self.instance.opened_in},
            )

    def refuse_changes_at_published_rounds(self) -> None:
        """Refuse a row that was, or would be, at a round this user may not change."""
        for form in self.forms:
            if not (form.has_changed() or self._should_delete_form(form)):
                continue
            rounds = [form.instance.round if form.instance.round_id else None]
            if form.instance.pk:
                rounds.append(
                    RequestUpdate.objects.select_related("round").get(pk=form.instance.pk).round
                )
            rounds.append(getattr(form, "cleaned_data", {}).get("round"))
            published = next((r for r in rounds if not permissions.may_change(self.user, r)), None)
            if published is not None:
                form.add_error(
                    None,
                    ValidationError(
                        _(
                            "Round %(number)s is published: ask a publisher to unpublish it "
                            "to make changes."
                        ),
                        code="round_published",
                        params={"number": published.number},
                    ),
                )


class RoundChildFormSet(ConstraintAwareInlineFormSet):
    """Inline rows of a round, bound to the round as edited in the same POST."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Validate against the round as posted (e.g. a changed dialogue), not as stored.
        form.instance.round = self.instance
        form.parent_round = self.instance
        for name, field in form.fields.items():
            if name in self.limited_choices:
                field.queryset = self.limited_choices[name]
                # Evaluated once for the whole formset, not once per row.
                field.widget.choices = self.cached_choices(name, field)
        return form

    @cached_property
    def limited_choices(self) -> dict:
        """Querysets of selects that only make sense within this round or its dialogue."""
        round_ = self.instance
        return {
            "communique": Communique.objects.filter(round=round_)
            if round_.pk
            else Communique.objects.none(),
            "request": CooperationRequest.objects.with_related().filter(
                opened_in__dialogue_id=round_.dialogue_id
            )
            if round_.dialogue_id
            else CooperationRequest.objects.none(),
        }

    def cached_choices(self, name: str, field) -> list:
        cache = self.__dict__.setdefault("_choices_cache", {})
        if name not in cache:
            cache[name] = list(field.choices)
        return cache[name]


class DelegationForm(forms.ModelForm):
    """A delegation on its own page: its ministries must be its country's."""

    class Meta:
        model = Delegation
        fields = ["round", "country", "ministries", "source_urls", "uncertain_note"]

    def clean(self):
        cleaned = super().clean()
        check_ministries_of_country(self, cleaned.get("country"), cleaned.get("ministries"))
        return cleaned


def check_ministries_of_country(form: forms.ModelForm, country, ministries) -> None:
    """Add a form error if a delegation lists a ministry of another country."""
    if country is None or not ministries:
        return
    foreign = [m for m in ministries if m.country_id != country.pk]
    if foreign:
        form.add_error(
            "ministries",
            ValidationError(
                _(
                    "Not a body of %(country)s: %(ministries)s. Pick %(country)s's own "
                    "ministries here; the other side has its own delegation."
                ),
                code="ministry_other_country",
                params={"ministries": ", ".join(str(m) for m in foreign), "country": country},
            ),
        )
