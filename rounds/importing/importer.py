"""The importer: each section of the file, record by record, matched by natural keys."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rounds.models import (
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

from .values import (
    ImportFailed,
    choice_of,
    date_of,
    expect,
    lines_of,
    records_of,
    text_of,
)

FORMAT = "diplotrack-rounds/1"

# The file's keys of the fields every sourced record has (Importer.sourced).
SOURCED_KEYS = {"source_urls": "sources", "uncertain_note": "uncertain"}


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


class Importer:
    def __init__(self, progress: ProgressCallback | None):
        self.stats = ImportStats()
        self.progress = progress
        self.countries: dict[str, Country] = {}
        self.changed_rounds: set[int] = set()
        self.created_rounds: set[int] = set()

    # -- generic upsert ------------------------------------------------------------------------

    def upsert(
        self,
        model: type[models.Model],
        where: str,
        lookup: dict,
        values: dict,
        *,
        record: dict | None = None,
        keys: dict[str, str] | None = None,
    ) -> models.Model:
        """Create or update one record, saving only when a value differs.

        A new record takes every value (the format's defaults for what the file leaves out).
        A stored one takes only the values whose key the file's `record` has: a key left out
        leaves the stored value as it is, a key given as null, "" or [] clears it. `keys`
        names the file's key of a field when it is not the field's name.
        """
        name = model._meta.verbose_name_plural
        obj = model.objects.filter(**lookup).first()
        if obj is not None and record is not None:
            keys = {**SOURCED_KEYS, **(keys or {})}
            values = {k: v for k, v in values.items() if keys.get(k, k) in record}
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
        expect(code, str, where, "a country code")
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
        expect(ref, str, where, "a ministry")
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
        expect(ref, str, where, "a topic")
        ref = ref.strip()
        found = ThreatTopic.objects.filter(Q(slug=ref) | Q(name__iexact=ref)).first()
        if found is None:
            found = _by_alias(ThreatTopic.objects.exclude(aliases=""), ref, where)
        if found is None:
            raise ImportFailed(where, f"Topic “{ref}” not found. List it under “topics”.")
        return found

    # -- sections ------------------------------------------------------------------------------

    def run(self, data: Any) -> None:
        expect(data, dict, "file", "The file")
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise ImportFailed("format", f"Unknown format “{fmt}”; expected “{FORMAT}”.")
        known = {"format", "dataset", "countries", "topics", "ministries", "dialogues"}
        unknown = set(data) - known
        if unknown:
            raise ImportFailed("file", f"Unknown top-level keys: {', '.join(sorted(unknown))}.")
        for where, record in records_of(data, "countries", ""):
            self.import_country(record, where)
        for where, record in records_of(data, "topics", ""):
            self.import_topic(record, where)
        for where, record in records_of(data, "ministries", ""):
            self.import_ministry(record, where)
        dialogues = records_of(data, "dialogues", "")
        total = sum(len(record.get("rounds") or []) for _, record in dialogues)
        self.done = 0
        self.total = total
        for where, record in dialogues:
            self.import_dialogue(record, where)

    def import_country(self, record: dict, where: str) -> None:
        code = text_of(record, "code", where, required=True).upper()
        country = self.upsert(
            Country,
            where,
            {"code": code},
            {
                "name": text_of(record, "name", where, required=True),
                "name_es": text_of(record, "name_es", where),
                "aliases": lines_of(record, "aliases", where),
            },
            record=record,
        )
        self.countries[code] = country

    def import_topic(self, record: dict, where: str) -> None:
        parent = record.get("parent")
        self.upsert(
            ThreatTopic,
            where,
            {"slug": text_of(record, "slug", where, required=True)},
            {
                "name": text_of(record, "name", where, required=True),
                "name_es": text_of(record, "name_es", where),
                "description": text_of(record, "description", where),
                "iccs_code": text_of(record, "iccs_code", where),
                "aliases": lines_of(record, "aliases", where),
                "parent": self.topic(parent, f"{where} › parent") if parent else None,
            },
            record=record,
        )

    def import_ministry(self, record: dict, where: str) -> None:
        country = self.country(record.get("country"), f"{where} › country")
        name = text_of(record, "name", where, required=True)
        acronym = text_of(record, "acronym", where)
        parent = record.get("parent")
        existing = Ministry.objects.filter(country=country, name=name).first()
        ministry = self.upsert(
            Ministry,
            where,
            {"country": country, "name": name},
            {
                "slug": existing.slug
                if existing
                else text_of(record, "slug", where) or Ministry.free_slug(country, acronym or name),
                "name_es": text_of(record, "name_es", where),
                "acronym": acronym,
                "kind": choice_of(record, "kind", where, MinistryKind, "other"),
                "aliases": lines_of(record, "aliases", where),
                "parent": self.ministry(country, parent, f"{where} › parent") if parent else None,
            },
            record=record,
        )
        for sub_where, sub in records_of(record, "offices", f"{where}."):
            self.upsert(
                Office,
                sub_where,
                {"ministry": ministry, "title": text_of(sub, "title", sub_where, required=True)},
                {"aliases": lines_of(sub, "aliases", sub_where)},
                record=sub,
            )

    def import_dialogue(self, record: dict, where: str) -> None:
        slug = text_of(record, "slug", where, required=True)
        parties = expect(record.get("parties"), list, f"{where} › parties", "parties")
        if len(parties) != 2:
            raise ImportFailed(f"{where} › parties", "A dialogue has exactly two parties.")
        party_a = self.country(parties[0], f"{where} › parties[0]")
        party_b = self.country(parties[1], f"{where} › parties[1]")
        dialogue = self.upsert(
            Dialogue,
            where,
            {"slug": slug},
            {
                "name": text_of(record, "name", where, required=True),
                "short_name": text_of(record, "short_name", where),
                "name_es": text_of(record, "name_es", where),
                "description": text_of(record, "description", where),
                "aliases": lines_of(record, "aliases", where),
                "party_a": party_a,
                "party_b": party_b,
                **self.sourced(record, where),
            },
            record=record,
            keys={"party_a": "parties", "party_b": "parties"},
        )
        self.request_refs: dict[str, CooperationRequest] = {}
        seen_numbers: dict[int, str] = {}
        for round_where, round_record in records_of(record, "rounds", f"{where}."):
            number = round_record.get("number")
            expect(number, int, f"{round_where} › number", "number")
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
        start, precision = date_of(record, "start_date", where, required=True)
        end, _ = date_of(record, "end_date", where)
        precision = choice_of(record, "date_precision", where, DatePrecision, precision)
        host = record.get("host")
        existing = Round.objects.filter(dialogue=dialogue, number=record["number"]).first()
        default_status = existing.status if existing else RoundStatus.DRAFT
        status = choice_of(record, "status", where, RoundStatus, default_status)
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
                "city": text_of(record, "city", where),
                "venue": text_of(record, "venue", where),
                "host_country": self.country(host, f"{where} › host") if host else None,
                "summary": text_of(record, "summary", where),
                "status": status,
                "published_at": published_at,
                **self.sourced(record, where),
            },
            record=record,
            keys={
                "date_precision": "start_date",  # its form (2018-07, 2018) gives the precision
                "host_country": "host",
                "published_at": "status",
            },
        )
        if "topics" in record:
            topics = [
                self.topic(ref, f"{where} › topics[{i}]")
                for i, ref in enumerate(expect(record.get("topics") or [], list, where, "topics"))
            ]
            self.set_m2m(round_, "topics", topics)
        for sub_where, sub in records_of(record, "delegations", f"{where}."):
            self.import_delegation(round_, sub, sub_where)
        communiques: dict[str, Communique] = {}
        for sub_where, sub in records_of(record, "communiques", f"{where}."):
            ref = text_of(sub, "ref", sub_where)
            communiques[ref or f"#{len(communiques)}"] = self.import_communique(
                round_, sub, sub_where
            )
        for sub_where, sub in records_of(record, "statements", f"{where}."):
            self.import_statement(round_, sub, sub_where, communiques)
        for sub_where, sub in records_of(record, "agreements", f"{where}."):
            self.import_agreement(round_, sub, sub_where, communiques)
        for sub_where, sub in records_of(record, "requests", f"{where}."):
            self.import_request(round_, sub, sub_where)
        for sub_where, sub in records_of(record, "request_updates", f"{where}."):
            ref = text_of(sub, "request", sub_where, required=True)
            if ref not in self.request_refs:
                raise ImportFailed(
                    f"{sub_where} › request",
                    f"No request “{ref}” was opened at an earlier round of this dialogue.",
                )
            self.import_update(self.request_refs[ref], round_, sub, sub_where)

    def sourced(self, record: dict, where: str) -> dict:
        return {
            "source_urls": lines_of(record, "sources", where),
            "uncertain_note": text_of(record, "uncertain", where),
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
            record=record,
        )
        if "ministries" in record:
            ministries = [
                self.ministry(country, ref, f"{where} › ministries[{i}]")
                for i, ref in enumerate(
                    expect(record.get("ministries") or [], list, where, "ministries")
                )
            ]
            self.set_m2m(delegation, "ministries", ministries)
        for sub_where, sub in records_of(record, "delegates", f"{where}."):
            person = self.person(sub, country, sub_where)
            ministry_ref = sub.get("ministry")
            self.upsert(
                Delegate,
                sub_where,
                {"delegation": delegation, "person": person},
                {
                    "role": choice_of(sub, "role", sub_where, DelegateRole, "member"),
                    "title": text_of(sub, "title", sub_where),
                    "ministry": self.ministry(country, ministry_ref, f"{sub_where} › ministry")
                    if ministry_ref
                    else None,
                    **self.sourced(sub, sub_where),
                },
                record=sub,
            )

    def person(self, record: dict, country: Country, where: str) -> Person:
        """Match a delegate's person by name and country; a new one takes `person_slug`."""
        name = text_of(record, "name", where, required=True)
        if Person.objects.filter(name=name, country=country).exists():
            return self.upsert(Person, where, {"name": name, "country": country}, {})
        slug = text_of(record, "person_slug", where) or Person.free_slug(name)
        return self.upsert(Person, where, {"name": name, "country": country}, {"slug": slug})

    def import_communique(self, round_: Round, record: dict, where: str) -> Communique:
        url = text_of(record, "url", where)
        title = text_of(record, "title", where, required=True)
        country = self.side(record, "issuer_country", where, required=False)
        issuer_ref = record.get("issuer")
        if issuer_ref and country is None:
            raise ImportFailed(f"{where} › issuer", "Give the issuer_country of the issuer.")
        date, _ = date_of(record, "date", where)
        lookup = {"round": round_, "url": url} if url else {"round": round_, "title": title}
        values = {
            "title": title,
            "issuer_country": country,
            "issuer": self.ministry(country, issuer_ref, f"{where} › issuer")
            if issuer_ref
            else None,
            "publisher": text_of(record, "publisher", where),
            "date": date,
            "language": choice_of(record, "language", where, Language, "en"),
            "kind": choice_of(record, "kind", where, CommuniqueKind, "communique"),
            "text": text_of(record, "text", where),
            **self.sourced(record, where),
        }
        values.pop("title" if not url else "url", None)
        return self.upsert(Communique, where, lookup, values, record=record)

    def cited(self, record: dict, where: str, communiques: dict) -> Communique | None:
        ref = text_of(record, "communique", where)
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
                "text": text_of(record, "text", where, required=True),
            },
            {
                "kind": choice_of(record, "kind", where, StatementKind, "stated"),
                "topic": self.topic(topic, f"{where} › topic") if topic else None,
                "communique": self.cited(record, where, communiques),
                **self.sourced(record, where),
            },
            record=record,
        )

    def import_agreement(self, round_: Round, record: dict, where: str, communiques) -> None:
        self.upsert(
            Agreement,
            where,
            {"round": round_, "text": text_of(record, "text", where, required=True)},
            {
                "kind": choice_of(record, "kind", where, AgreementKind, "other"),
                "communique": self.cited(record, where, communiques),
                **self.sourced(record, where),
            },
            record=record,
        )

    def import_request(self, round_: Round, record: dict, where: str) -> None:
        topic = record.get("topic")
        request = self.upsert(
            CooperationRequest,
            where,
            {
                "opened_in": round_,
                "raised_by": self.side(record, "raised_by", where),
                "description": text_of(record, "description", where, required=True),
            },
            {
                "topic": self.topic(topic, f"{where} › topic") if topic else None,
                **self.sourced(record, where),
            },
            record=record,
        )
        ref = text_of(record, "ref", where)
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
        lookup = {"request": request, "round": round_}
        stored = RequestUpdate.objects.filter(**lookup).values_list("status", flat=True).first()
        default = stored or default_status or ""
        status = choice_of(record, "status", where, RequestStatus, default)
        values = {"status": status, "note": text_of(record, "note", where)}
        if default_status is None:
            values.update(self.sourced(record, where))
        self.upsert(RequestUpdate, where, lookup, values, record=record)


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
