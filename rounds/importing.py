"""Import dialogues and their rounds from the JSON format of docs/import-format.md.

The import is atomic (any error: nothing written, and the message names the record and field),
idempotent (records matched by natural keys, saved only when a value differs) and additive
(nothing is deleted).
"""

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from .models import (
    Agreement,
    AgreementKind,
    Communique,
    CommuniqueKind,
    CooperationRequest,
    Country,
    DatePrecision,
    Delegate,
    DelegateRole,
    Delegation,
    Dialogue,
    Language,
    Ministry,
    MinistryKind,
    Office,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    StatementKind,
    ThreatTopic,
    round_of,
)
from .services import round_touch

FORMAT = "diplotrack-rounds/1"


class ImportFailed(Exception):
    """A problem in the file, with the path of the record and field it concerns."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class ImportStats:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def summary(self) -> str:
        def fmt(counter: Counter) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(counter.items())) or "nothing"

        return (
            f"Created: {fmt(self.created)}.\nUpdated: {fmt(self.updated)}.\n"
            f"Unchanged: {sum(self.unchanged.values())} records."
        )


ProgressCallback = Callable[[int, int, str], None]


def import_rounds(data: Any, *, progress: ProgressCallback | None = None) -> ImportStats:
    """Validate and store a parsed import file in one transaction; raise ImportFailed on error."""
    importer = _Importer(progress=progress)
    with transaction.atomic():
        importer.run(data)
        # A round page open in the admin must not save over what the import changed.
        round_touch(round_ids=importer.changed_rounds - importer.created_rounds)
    return importer.stats


# ---------------------------------------------------------------------------------------------
# Reading values with precise error locations


_TYPE_NAMES = {int: "whole number", str: "string", dict: "JSON object", list: "list"}


def _expect(value: Any, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
        raise ImportFailed(where, f"{what} must be a {names}, not {type(value).__name__}.")
    return value


def _records(parent: dict, key: str, where: str) -> list[tuple[str, dict]]:
    items = _expect(parent.get(key) or [], list, f"{where}{key}", key)
    out = []
    for index, item in enumerate(items):
        path = f"{where}{key}[{index}]"
        out.append((path, _expect(item, dict, path, "each entry")))
    return out


def _text(record: dict, key: str, where: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise ImportFailed(f"{where} › {key}", "This field is required.")
        return ""
    _expect(value, str, f"{where} › {key}", key)
    if "\x00" in value:
        raise ImportFailed(f"{where} › {key}", "Contains a NUL character.")
    return value.strip()


def _lines(record: dict, key: str, where: str) -> str:
    value = record.get(key) or []
    if isinstance(value, str):
        value = [value]
    _expect(value, list, f"{where} › {key}", key)
    for item in value:
        _expect(item, str, f"{where} › {key}", f"each item of {key}")
    return "\n".join(item.strip() for item in value if item.strip())


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial_date(value: str) -> tuple[datetime.date, str]:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' into its first day and precision."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"“{value}” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.")
    year, month, day = match.groups()
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        return datetime.date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as exc:
        raise ValueError(f"“{value}” is not a real date ({exc}).") from None


def _date(record: dict, key: str, where: str, *, required: bool = False):
    raw = _text(record, key, where, required=required)
    if not raw:
        return None, None
    try:
        return parse_partial_date(raw)
    except ValueError as exc:
        raise ImportFailed(f"{where} › {key}", str(exc)) from None


def _choice(record: dict, key: str, where: str, choices: type[models.TextChoices], default: str):
    value = _text(record, key, where) or default
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ImportFailed(f"{where} › {key}", f"“{value}” is not one of: {allowed}.")
    return value


# ---------------------------------------------------------------------------------------------


class _Importer:
    def __init__(self, progress: ProgressCallback | None):
        self.stats = ImportStats()
        self.progress = progress
        self.countries: dict[str, Country] = {}
        self.changed_rounds: set[int] = set()
        self.created_rounds: set[int] = set()

    # -- generic upsert ------------------------------------------------------------------------

    def upsert(
        self, model: type[models.Model], where: str, lookup: dict, values: dict
    ) -> models.Model:
        """Create or update one record, saving only when a value differs."""
        name = model._meta.verbose_name_plural
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            self.validate(obj, where)
            obj.save()
            self.stats.created[str(name)] += 1
            self.note_change(obj, created=True)
            return obj
        changed = [key for key, value in values.items() if _current(obj, key) != _id_of(value)]
        if not changed:
            self.stats.unchanged[str(name)] += 1
            return obj
        for key in changed:
            setattr(obj, key, values[key])
        self.validate(obj, where)
        obj.save()
        self.stats.updated[str(name)] += 1
        self.note_change(obj)
        return obj

    def note_change(self, obj: models.Model, *, created: bool = False) -> None:
        """Remember the round a written record belongs to, for its version stamp."""
        round_ = round_of(obj)
        if round_ is not None:
            self.changed_rounds.add(round_.pk)
            if created and round_ is obj:
                self.created_rounds.add(round_.pk)

    def set_m2m(self, obj: models.Model, attr: str, targets: Iterable[models.Model]) -> None:
        manager = getattr(obj, attr)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.stats.updated[f"{attr} lists"] += 1
            self.note_change(obj)

    @staticmethod
    def validate(obj: models.Model, where: str) -> None:
        try:
            obj.full_clean()
        except ValidationError as exc:
            details = []
            for field_name, messages in exc.message_dict.items():
                label = "" if field_name == "__all__" else f"{field_name}: "
                details.append(label + " ".join(messages))
            raise ImportFailed(where, "; ".join(details)) from None

    # -- lookups -------------------------------------------------------------------------------

    def country(self, code: Any, where: str) -> Country:
        _expect(code, str, where, "a country code")
        code = code.strip().upper()
        if code not in self.countries:
            found = Country.objects.filter(code=code).first()
            if found is None:
                raise ImportFailed(
                    where, f"Unknown country “{code}”. List it under “countries” first."
                )
            self.countries[code] = found
        return self.countries[code]

    def ministry(self, country: Country, ref: Any, where: str) -> Ministry:
        _expect(ref, str, where, "a ministry")
        ref = ref.strip()
        found = (
            Ministry.objects.filter(country=country)
            .filter(Q(acronym__iexact=ref) | Q(name__iexact=ref))
            .first()
        )
        if found is None:
            found = _by_alias(Ministry.objects.filter(country=country), ref, where)
        if found is None:
            raise ImportFailed(
                where, f"No ministry or agency “{ref}” of {country}. List it under “ministries”."
            )
        return found

    def topic(self, ref: Any, where: str) -> ThreatTopic:
        _expect(ref, str, where, "a topic")
        ref = ref.strip()
        found = ThreatTopic.objects.filter(Q(slug=ref) | Q(name__iexact=ref)).first()
        if found is None:
            found = _by_alias(ThreatTopic.objects.exclude(aliases=""), ref, where)
        if found is None:
            raise ImportFailed(where, f"Topic “{ref}” not found. List it under “topics”.")
        return found

    # -- sections ------------------------------------------------------------------------------

    def run(self, data: Any) -> None:
        _expect(data, dict, "file", "The file")
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise ImportFailed("format", f"Unknown format “{fmt}”; expected “{FORMAT}”.")
        unknown = set(data) - {"format", "countries", "topics", "ministries", "dialogues"}
        if unknown:
            raise ImportFailed("file", f"Unknown top-level keys: {', '.join(sorted(unknown))}.")
        for where, record in _records(data, "countries", ""):
            self.import_country(record, where)
        for where, record in _records(data, "topics", ""):
            self.import_topic(record, where)
        for where, record in _records(data, "ministries", ""):
            self.import_ministry(record, where)
        dialogues = _records(data, "dialogues", "")
        total = sum(len(record.get("rounds") or []) for _, record in dialogues)
        self.done = 0
        self.total = total
        for where, record in dialogues:
            self.import_dialogue(record, where)

    def import_country(self, record: dict, where: str) -> None:
        code = _text(record, "code", where, required=True).upper()
        country = self.upsert(
            Country,
            where,
            {"code": code},
            {
                "name": _text(record, "name", where, required=True),
                "aliases": _lines(record, "aliases", where),
            },
        )
        self.countries[code] = country

    def import_topic(self, record: dict, where: str) -> None:
        parent = record.get("parent")
        self.upsert(
            ThreatTopic,
            where,
            {"slug": _text(record, "slug", where, required=True)},
            {
                "name": _text(record, "name", where, required=True),
                "description": _text(record, "description", where),
                "iccs_code": _text(record, "iccs_code", where),
                "aliases": _lines(record, "aliases", where),
                "parent": self.topic(parent, f"{where} › parent") if parent else None,
            },
        )

    def import_ministry(self, record: dict, where: str) -> None:
        country = self.country(record.get("country"), f"{where} › country")
        name = _text(record, "name", where, required=True)
        acronym = _text(record, "acronym", where)
        parent = record.get("parent")
        existing = Ministry.objects.filter(country=country, name=name).first()
        ministry = self.upsert(
            Ministry,
            where,
            {"country": country, "name": name},
            {
                "slug": existing.slug
                if existing
                else _text(record, "slug", where) or Ministry.free_slug(country, acronym or name),
                "acronym": acronym,
                "kind": _choice(record, "kind", where, MinistryKind, "other"),
                "aliases": _lines(record, "aliases", where),
                "parent": self.ministry(country, parent, f"{where} › parent") if parent else None,
            },
        )
        for sub_where, sub in _records(record, "offices", f"{where}."):
            self.upsert(
                Office,
                sub_where,
                {"ministry": ministry, "title": _text(sub, "title", sub_where, required=True)},
                {"aliases": _lines(sub, "aliases", sub_where)},
            )

    def import_dialogue(self, record: dict, where: str) -> None:
        slug = _text(record, "slug", where, required=True)
        parties = _expect(record.get("parties"), list, f"{where} › parties", "parties")
        if len(parties) != 2:
            raise ImportFailed(f"{where} › parties", "A dialogue has exactly two parties.")
        party_a = self.country(parties[0], f"{where} › parties[0]")
        party_b = self.country(parties[1], f"{where} › parties[1]")
        dialogue = self.upsert(
            Dialogue,
            where,
            {"slug": slug},
            {
                "name": _text(record, "name", where, required=True),
                "short_name": _text(record, "short_name", where),
                "description": _text(record, "description", where),
                "aliases": _lines(record, "aliases", where),
                "party_a": party_a,
                "party_b": party_b,
                **self.sourced(record, where),
            },
        )
        self.request_refs: dict[str, CooperationRequest] = {}
        seen_numbers: dict[int, str] = {}
        for round_where, round_record in _records(record, "rounds", f"{where}."):
            number = round_record.get("number")
            _expect(number, int, f"{round_where} › number", "number")
            if number in seen_numbers:
                raise ImportFailed(
                    f"{round_where} › number",
                    f"Duplicate round number {number} in {slug} (also at {seen_numbers[number]}).",
                )
            seen_numbers[number] = round_where
            self.import_round(dialogue, round_record, f"{round_where} (round {number} of {slug})")
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, f"{slug} round {number}")

    def import_round(self, dialogue: Dialogue, record: dict, where: str) -> None:
        start, precision = _date(record, "start_date", where, required=True)
        end, _ = _date(record, "end_date", where)
        precision = _choice(record, "date_precision", where, DatePrecision, precision)
        host = record.get("host")
        status = _choice(record, "status", where, RoundStatus, RoundStatus.DRAFT)
        existing = Round.objects.filter(dialogue=dialogue, number=record["number"]).first()
        published_at = existing.published_at if existing else None
        if status == RoundStatus.PUBLISHED and published_at is None:
            published_at = timezone.now()
        if status == RoundStatus.DRAFT:
            published_at = None
        round_ = self.upsert(
            Round,
            where,
            {"dialogue": dialogue, "number": record["number"]},
            {
                "start_date": start,
                "end_date": end or start,
                "date_precision": precision,
                "city": _text(record, "city", where),
                "venue": _text(record, "venue", where),
                "host_country": self.country(host, f"{where} › host") if host else None,
                "summary": _text(record, "summary", where),
                "status": status,
                "published_at": published_at,
                **self.sourced(record, where),
            },
        )
        topics = [
            self.topic(ref, f"{where} › topics[{i}]")
            for i, ref in enumerate(_expect(record.get("topics") or [], list, where, "topics"))
        ]
        self.set_m2m(round_, "topics", topics)
        for sub_where, sub in _records(record, "delegations", f"{where}."):
            self.import_delegation(round_, sub, sub_where)
        communiques: dict[str, Communique] = {}
        for sub_where, sub in _records(record, "communiques", f"{where}."):
            ref = _text(sub, "ref", sub_where)
            communiques[ref or f"#{len(communiques)}"] = self.import_communique(
                round_, sub, sub_where
            )
        for sub_where, sub in _records(record, "statements", f"{where}."):
            self.import_statement(round_, sub, sub_where, communiques)
        for sub_where, sub in _records(record, "agreements", f"{where}."):
            self.import_agreement(round_, sub, sub_where, communiques)
        for sub_where, sub in _records(record, "requests", f"{where}."):
            self.import_request(round_, sub, sub_where)
        for sub_where, sub in _records(record, "request_updates", f"{where}."):
            ref = _text(sub, "request", sub_where, required=True)
            if ref not in self.request_refs:
                raise ImportFailed(
                    f"{sub_where} › request",
                    f"No request “{ref}” was opened at an earlier round of this dialogue.",
                )
            self.import_update(self.request_refs[ref], round_, sub, sub_where)

    def sourced(self, record: dict, where: str) -> dict:
        return {
            "source_urls": _lines(record, "sources", where),
            "uncertain_note": _text(record, "uncertain", where),
        }

    def side(self, record: dict, key: str, where: str, *, required: bool = True):
        value = record.get(key)
        if value is None and not required:
            return None
        return self.country(value, f"{where} › {key}")

    def import_delegation(self, round_: Round, record: dict, where: str) -> None:
        country = self.side(record, "country", where)
        delegation = self.upsert(
            Delegation,
            where,
            {"round": round_, "country": country},
            self.sourced(record, where),
        )
        ministries = [
            self.ministry(country, ref, f"{where} › ministries[{i}]")
            for i, ref in enumerate(_expect(record.get("ministries") or [], list, where, "x"))
        ]
        self.set_m2m(delegation, "ministries", ministries)
        for sub_where, sub in _records(record, "delegates", f"{where}."):
            person = self.upsert(
                Person,
                sub_where,
                {"name": _text(sub, "name", sub_where, required=True), "country": country},
                {},
            )
            ministry_ref = sub.get("ministry")
            self.upsert(
                Delegate,
                sub_where,
                {"delegation": delegation, "person": person},
                {
                    "role": _choice(sub, "role", sub_where, DelegateRole, "member"),
                    "title": _text(sub, "title", sub_where),
                    "ministry": self.ministry(country, ministry_ref, f"{sub_where} › ministry")
                    if ministry_ref
                    else None,
                    **self.sourced(sub, sub_where),
                },
            )

    def import_communique(self, round_: Round, record: dict, where: str) -> Communique:
        url = _text(record, "url", where)
        title = _text(record, "title", where, required=True)
        country = self.side(record, "issuer_country", where, required=False)
        issuer_ref = record.get("issuer")
        if issuer_ref and country is None:
            raise ImportFailed(f"{where} › issuer", "Give the issuer_country of the issuer.")
        date, _ = _date(record, "date", where)
        lookup = {"round": round_, "url": url} if url else {"round": round_, "title": title}
        values = {
            "title": title,
            "issuer_country": country,
            "issuer": self.ministry(country, issuer_ref, f"{where} › issuer")
            if issuer_ref
            else None,
            "publisher": _text(record, "publisher", where),
            "date": date,
            "language": _choice(record, "language", where, Language, "en"),
            "kind": _choice(record, "kind", where, CommuniqueKind, "communique"),
            "text": _text(record, "text", where),
            **self.sourced(record, where),
        }
        values.pop("title" if not url else "url", None)
        return self.upsert(Communique, where, lookup, values)

    def cited(self, record: dict, where: str, communiques: dict) -> Communique | None:
        ref = _text(record, "communique", where)
        if ref and ref not in communiques:
            raise ImportFailed(
                f"{where} › communique", f"No communiqué with ref “{ref}” in this round."
            )
        return communiques.get(ref) if ref else None

    def import_statement(self, round_: Round, record: dict, where: str, communiques) -> None:
        topic = record.get("topic")
        self.upsert(
            Statement,
            where,
            {
                "round": round_,
                "country": self.side(record, "side", where),
                "text": _text(record, "text", where, required=True),
            },
            {
                "kind": _choice(record, "kind", where, StatementKind, "stated"),
                "topic": self.topic(topic, f"{where} › topic") if topic else None,
                "communique": self.cited(record, where, communiques),
                **self.sourced(record, where),
            },
        )

    def import_agreement(self, round_: Round, record: dict, where: str, communiques) -> None:
        self.upsert(
            Agreement,
            where,
            {"round": round_, "text": _text(record, "text", where, required=True)},
            {
                "kind": _choice(record, "kind", where, AgreementKind, "other"),
                "communique": self.cited(record, where, communiques),
                **self.sourced(record, where),
            },
        )

    def import_request(self, round_: Round, record: dict, where: str) -> None:
        topic = record.get("topic")
        request = self.upsert(
            CooperationRequest,
            where,
            {
                "opened_in": round_,
                "raised_by": self.side(record, "raised_by", where),
                "description": _text(record, "description", where, required=True),
            },
            {
                "topic": self.topic(topic, f"{where} › topic") if topic else None,
                **self.sourced(record, where),
            },
        )
        ref = _text(record, "ref", where)
        if ref:
            if ref in self.request_refs:
                raise ImportFailed(f"{where} › ref", f"The request ref “{ref}” is used twice.")
            self.request_refs[ref] = request
        self.import_update(request, round_, record, where, default_status=RequestStatus.RAISED)

    def import_update(
        self,
        request: CooperationRequest,
        round_: Round,
        record: dict,
        where: str,
        default_status: str | None = None,
    ) -> None:
        status = _choice(record, "status", where, RequestStatus, default_status or "")
        values = {"status": status, "note": _text(record, "note", where)}
        if default_status is None:
            values.update(self.sourced(record, where))
        self.upsert(RequestUpdate, where, {"request": request, "round": round_}, values)


def _by_alias(candidates: models.QuerySet, ref: str, where: str) -> models.Model | None:
    """Return the one record that has `ref` as an alias; refuse an ambiguous alias."""
    wanted = ref.casefold()
    matches = [c for c in candidates if wanted in (a.casefold() for a in c.alias_list)]
    if len(matches) > 1:
        names = ", ".join(str(match) for match in matches)
        raise ImportFailed(where, f"“{ref}” is an alias of several records ({names}); use a name.")
    return matches[0] if matches else None


def _current(obj: models.Model, key: str) -> Any:
    field_ = obj._meta.get_field(key)
    if field_.is_relation:
        return getattr(obj, field_.attname)
    return getattr(obj, key)


def _id_of(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
