"""What records of the domain share: sources, a side within a dialogue, parent trees, dates."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connections, models, router, transaction
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rounds.text import split_lines

from .choices import DatePrecision
from .limits import LIST, NOTE, at_most

if TYPE_CHECKING:
    from .dialogues import Round
    from .reference import Ministry, ThreatTopic


class Sourced(models.Model):
    """A record that states a fact: where it comes from and how sure we are of it."""

    source_urls = models.TextField(
        _("source URLs"),
        blank=True,
        validators=at_most(LIST),
        help_text=_("One URL per line, e.g. https://misiones.minrex.gob.cu/en/articulo/..."),
    )
    uncertain_note = models.TextField(
        _("uncertainty note"),
        blank=True,
        validators=at_most(NOTE),
        help_text=_(
            "Leave empty when the fact is well sourced. Otherwise say why it is uncertain, "
            "e.g. 'Only one secondary source.'"
        ),
    )

    class Meta:
        abstract = True

    @property
    def sources(self) -> list[str]:
        return split_lines(self.source_urls)

    @property
    def is_uncertain(self) -> bool:
        return bool(self.uncertain_note.strip())

    def clean(self) -> None:
        super().clean()
        validate = URLValidator(schemes=["http", "https"])
        for url in self.sources:
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    {
                        "source_urls": ValidationError(
                            _("“%(url)s” is not a web address; give one http(s) URL per line."),
                            code="invalid_source_url",
                            params={"url": url},
                        )
                    }
                ) from None


class RoundRecord:
    """A record that belongs to one round: `round_lookup` is the ORM path from it to the round.

    The admin (locks, version stamps), the audit trail and the permission rule all find a
    record's round through it.
    """

    round_lookup = "round"

    @property
    def owning_round(self) -> Round | None:
        value = self
        for part in self.round_lookup.split("__"):
            value = getattr(value, part, None)  # None for a record not attached yet
            if value is None:
                return None
        return value

    @classmethod
    def round_field(cls, name: str) -> str:
        """The lookup of a field of the owning round, e.g. round_field("status")."""
        return f"{cls.round_lookup}__{name}"


def round_of(record: models.Model | None) -> Round | None:
    """Return the round a record belongs to (a round, itself); None for reference data."""
    return getattr(record, "owning_round", None)


class PartyBoundMixin:
    """For records tied to a round and a side: the side must be one of the dialogue's parties."""

    side_field = "country"

    def clean_side(self, round_: Round | None, country_id: int | None, code: str) -> None:
        if round_ is None or country_id is None:
            return
        if country_id not in round_.dialogue.party_ids:
            raise ValidationError(
                {
                    self.side_field: ValidationError(
                        _("%(country)s is not a party to %(dialogue)s (only %(parties)s are)."),
                        code=code,
                        params={
                            "country": getattr(self, self.side_field),
                            "dialogue": round_.dialogue,
                            "parties": round_.dialogue_parties_label(),
                        },
                    )
                }
            )


def clean_parent_cycle(record: Ministry | ThreatTopic, message: str) -> None:
    """Refuse a parent that is the record itself or one of its descendants."""
    if not (record.parent_id and record.pk):
        return
    ancestor, seen = record.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == record.pk:
            raise ValidationError({"parent": ValidationError(message, code="parent_cycle")})
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


class SpanishName(models.Model):
    """A record's name for Spanish readers (``name_es``), entered in the admin."""

    name_es = models.CharField(
        _("name in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Shown to Spanish readers; blank: the name, e.g. 'narcotráfico'."),
    )

    class Meta:
        abstract = True

    @property
    def localized_name(self) -> str:
        return localized(self.name, self.name_es)


def localized(name: str, name_es: str | None) -> str:
    """The name in the reader's language: ``name_es`` for Spanish readers when set."""
    if name_es and (get_language() or "").startswith("es"):
        return name_es
    return name


def format_date_range(start: datetime.date, end: datetime.date, precision: str) -> str:
    """A date or range in the reader's language: '17–18 May 2016', '17–18 de mayo de 2016'."""
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.MONTH:
        return date_format(start, "YEAR_MONTH_FORMAT")
    last = date_format(end, "DATE_FORMAT")
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    if start.year == end.year:
        return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {last}"
    return f"{date_format(start, 'DATE_FORMAT')} – {last}"


# PostgreSQL advisory lock key under which stored figures are recomputed (an arbitrary constant).
DERIVED_FIGURES_LOCK = 7_245_310


def store_derived(queryset: models.QuerySet, values: dict) -> int:
    """Write figures derived from other rows (a request's public status, a dialogue's round
    count) with one UPDATE of `queryset`, and return how many rows it changed.

    On PostgreSQL two transactions that each add a round would otherwise both count from a
    snapshot without the other's round, and the last to commit would store a figure one short.
    So the UPDATE runs under a transaction-level advisory lock: the second waits until the
    first commits, and its UPDATE (a new statement, a new snapshot) sees both rounds.
    """
    using = queryset._db or router.db_for_write(queryset.model)  # where update() writes
    # No savepoint: a bulk load in one transaction would otherwise open one subtransaction
    # per write, and past 64 of them PostgreSQL checks every row's visibility in pg_subtrans.
    with transaction.atomic(using=using, savepoint=False):
        lock_derived_figures(using)
        return queryset.update(**values)


def lock_derived_figures(using: str) -> None:
    """Take DERIVED_FIGURES_LOCK (PostgreSQL; held until the transaction ends), once per
    transaction. Inside a transaction only."""
    connection = connections[using]
    if connection.vendor != "postgresql" or _holds_derived_figures_lock(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DERIVED_FIGURES_LOCK])
    transaction.on_commit(_derived_figures_lock_held, using=using)


def _derived_figures_lock_held() -> None:
    """A marker among the transaction's on_commit callbacks: while it is pending, the
    transaction holds the lock (Django drops the callbacks when the transaction ends)."""


def _holds_derived_figures_lock(connection) -> bool:
    return any(
        func is _derived_figures_lock_held for _ids, func, _robust in connection.run_on_commit
    )


def lock_before_writing(sender, using: str | None = None, **kwargs) -> None:
    """Signal receiver (pre_save, pre_delete, m2m_changed): inside a transaction, take the
    figures' lock before a write of the record takes its row locks.

    Every write moves the data version (one row) and may store figures under this lock; a
    transaction holding a row it wrote while waiting for the lock, and one holding the lock
    while waiting for that row, would wait for each other. Taking the lock first, as
    locked_for_update() does, puts every writer in the same order."""
    if kwargs.get("action", "pre_").startswith("pre_"):
        connection = connections[using or router.db_for_write(sender)]
        if connection.in_atomic_block:
            lock_derived_figures(connection.alias)


def locked_for_update(queryset: models.QuerySet) -> models.QuerySet:
    """`queryset.select_for_update()`, after taking the stored figures' lock.

    A write that moves stored figures takes that lock when it stores them (store_derived). A
    transaction that locked a row first and the figures second could wait in a circle with one
    that did the opposite (a bulk publish against a single publish of one of its rounds), so
    code that locks rows before writing them locks the figures first: every writer then takes
    the two in the same order."""
    queryset = queryset.select_for_update()
    lock_derived_figures(queryset.db)
    return queryset
