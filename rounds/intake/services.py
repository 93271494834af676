"""Turn a pasted communiqué into a draft round, or add it to the round it reports.

The extractor (`rounds.intake.extraction`) proposes; staff decide in the admin preview; this module
writes what they confirmed, in one transaction, validating every record with `full_clean()`.
Item contents (statements, agreements, requests, heads) always come from a fresh server-side
extraction of the posted text: the preview form only carries which items staff kept.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    DatePrecision,
    Delegate,
    DelegateRole,
    Delegation,
    Dialogue,
    Ministry,
    MinistryKind,
    Person,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    locked_for_update,
)
from rounds.services import round_touch
from rounds.text import shorten

from .data import IntakeData
from .extraction import Extraction
from .lookups import agreement_kind, find_existing_round, statement_kind
from .matching import find_duplicate_communique, near_duplicate


def _validated(obj: models.Model, what: str, **kwargs) -> models.Model:
    """Run full_clean(); re-raise its errors as one list, each naming the record and field."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        errors = []
        for field_name, items in exc.error_dict.items():
            for error in items:
                label = what if field_name == "__all__" else f"{what} › {field_name}"
                errors.append(
                    ValidationError(
                        "%(label)s: %(message)s",
                        code=error.code,
                        params={"label": label, "message": " ".join(error.messages)},
                    )
                )
        raise ValidationError(errors) from None
    return obj


def _save(obj: models.Model, what: str, by: AbstractBaseUser | None = None) -> models.Model:
    _validated(obj, what)
    if by is not None:
        obj._history_user = by  # django-simple-history records who made the change
    obj.save()
    return obj


def _side(dialogue: Dialogue, code: str) -> Country:
    for party in (dialogue.party_a, dialogue.party_b):
        if party.code == code:
            return party
    raise ValidationError(
        _("%(code)s is not a party to %(dialogue)s; leave its items out or pick another dialogue."),
        code="side_not_party",
        params={"code": code or _("A side not stated in the text"), "dialogue": dialogue},
    )


class _Writer:
    def __init__(self, extraction: Extraction, data: IntakeData, by: AbstractBaseUser | None):
        self.extraction = extraction
        self.data = data
        self.by = by
        self.dialogue = Dialogue.objects.select_related("party_a", "party_b").get(
            pk=data.dialogue.pk
        )
        self.delegations: dict[str, Delegation] = {}
        self.skipped: list[str] = []  # items already on the round, left out (for the message)
        self.created_round = False

    def save(self, obj: models.Model, what: str) -> models.Model:
        return _save(obj, what, self.by)

    def round(self) -> Round:
        data = self.data
        existing = find_existing_round(
            dialogue=self.dialogue, number=data.number, start_date=data.start_date
        )
        url = data.communique.url
        if existing is None:
            if data.start_date is None:
                raise ValidationError(
                    _("The text gives no meeting date; enter the start date of the round."),
                    code="date_required",
                )
            round_ = Round(
                dialogue=self.dialogue,
                number=data.number,
                start_date=data.start_date,
                end_date=data.end_date or data.start_date,
                date_precision=DatePrecision.DAY,
                city=data.city,
                host_country=data.host_country,
                status=RoundStatus.DRAFT,
                source_urls=url,
            )
            self.created_round = True
            return self.save(round_, f"Round {data.number}")
        # Locked, so two communiqués added at once cannot interleave their writes.
        round_ = locked_for_update(Round.objects).get(pk=existing.pk)
        round_.dialogue = self.dialogue
        changed = False
        # Adding to a recorded round fills its gaps; it never overwrites what staff entered.
        if not round_.city and data.city:
            round_.city, changed = data.city, True
        if round_.host_country_id is None and data.host_country is not None:
            round_.host_country, changed = data.host_country, True
        if url and url not in round_.sources:
            round_.source_urls = "\n".join([*round_.sources, url])
            changed = True
        if changed:
            self.save(round_, f"Round {round_.number}")
        return round_

    def delegation(self, round_: Round, code: str) -> Delegation:
        if code not in self.delegations:
            country = _side(self.dialogue, code)
            delegation = Delegation.objects.filter(round=round_, country=country).first()
            if delegation is None:
                delegation = self.save(
                    Delegation(round=round_, country=country), f"Delegation of {country}"
                )
            self.delegations[code] = delegation
        return self.delegations[code]

    def ministries(self, round_: Round) -> None:
        for code in sorted(set(self.data.ministries) | set(self.data.new_ministries)):
            bodies = list(self.data.ministries.get(code, []))
            names = self.data.new_ministries.get(code, [])
            if not bodies and not names:
                continue
            delegation = self.delegation(round_, code)
            for name in names:
                bodies.append(self.ministry(delegation.country, name))
            for body in bodies:
                if body.country_id != delegation.country_id:
                    raise ValidationError(
                        _("%(ministry)s is not a body of %(country)s."),
                        code="ministry_other_country",
                        params={"ministry": body, "country": delegation.country},
                    )
            delegation.ministries.add(*bodies)

    def ministry(self, country: Country, name: str) -> Ministry:
        name = name.strip()[:200]
        found = Ministry.objects.filter(country=country, name__iexact=name).first()
        if found:
            return found
        ministry = Ministry(
            country=country,
            name=name,
            slug=Ministry.free_slug(country, name),
            kind=MinistryKind.OTHER,
        )
        return self.save(ministry, f"New body “{name}”")

    def heads(self, round_: Round) -> None:
        for index in self.data.heads:
            value = self.extraction.heads[index].value
            delegation = self.delegation(round_, value["side"])
            name = (value.get("name") or "").strip()[:200]
            person = Person.objects.filter(country=delegation.country, name__iexact=name).first()
            if person is None:
                person = self.save(Person(name=name, country=delegation.country), f"Person {name}")
            if delegation.delegates.filter(person=person).exists():
                continue
            self.save(
                Delegate(
                    delegation=delegation,
                    person=person,
                    role=DelegateRole.HEAD,
                    title=(value.get("title") or "")[:300],
                ),
                f"Head {name}",
            )

    def communique(self, round_: Round) -> Communique:
        data = self.data.communique
        duplicate = find_duplicate_communique(round_, data)
        if duplicate is not None:
            raise duplicate.error(round_)
        issuer_country = data.issuer_country or (data.issuer.country if data.issuer else None)
        return self.save(
            Communique(
                round=round_,
                issuer=data.issuer,
                issuer_country=issuer_country,
                publisher=data.publisher[:200],
                title=data.display_title,
                date=data.date,
                url=data.url,
                language=data.language,
                kind=data.kind,
                text=data.text,
            ),
            "Communiqué",
        )

    def requests(self, round_: Round) -> None:
        opened_here = list(CooperationRequest.objects.filter(opened_in=round_))
        for choice in self.data.requests:
            value = self.extraction.pending_requests[choice.index].value
            description = (value.get("description") or "").strip()
            request = choice.existing
            if request is None:
                raised_by = _side(self.dialogue, choice.raised_by)
                request = next(
                    (
                        known
                        for known in opened_here
                        if known.raised_by_id == raised_by.pk
                        and near_duplicate(known.description, description)
                    ),
                    None,
                )
                if request is None:
                    request = self.save(
                        CooperationRequest(
                            opened_in=round_,
                            raised_by=raised_by,
                            description=description,
                            source_urls=self.data.communique.url,
                        ),
                        "Request",
                    )
                    opened_here.append(request)
            if RequestUpdate.objects.filter(request=request, round=round_).exists():
                # Already recorded at this round (e.g. from the other side's text).
                self.skipped.append(_("request “%(request)s”") % {"request": request})
                continue
            note = "" if choice.existing is None else description
            self.save(
                RequestUpdate(request=request, round=round_, status=choice.status, note=note),
                f"Update of “{request}”",
            )

    def agreements(self, round_: Round, communique: Communique) -> None:
        known = list(round_.agreements.values_list("text", flat=True))
        for index in self.data.agreements:
            text = str(self.extraction.agreements[index].value).strip()
            if not text:
                continue
            same = next((other for other in known if near_duplicate(other, text)), None)
            if same is not None:
                self.skipped.append(_("agreement “%(text)s”") % {"text": shorten(same, 60)})
                continue
            known.append(text)
            self.save(
                Agreement(
                    round=round_, kind=agreement_kind(text), text=text, communique=communique
                ),
                "Agreement",
            )

    def statements(self, round_: Round, communique: Communique) -> None:
        known = list(round_.statements.values_list("country_id", "text"))
        for index in self.data.statements:
            value = self.extraction.statements[index].value
            country = _side(self.dialogue, value.get("side") or "")
            text = (value.get("text") or "").strip()
            if not text:
                continue
            same = next(
                (
                    other
                    for country_id, other in known
                    if country_id == country.pk and near_duplicate(other, text)
                ),
                None,
            )
            if same is not None:
                self.skipped.append(
                    _("statement of %(side)s “%(text)s”")
                    % {"side": country.code, "text": shorten(same, 60)}
                )
                continue
            known.append((country.pk, text))
            self.save(
                Statement(
                    round=round_,
                    country=country,
                    kind=statement_kind(value.get("kind") or ""),
                    text=text,
                    communique=communique,
                ),
                "Statement",
            )


@transaction.atomic
def round_from_communique(
    *,
    extraction: Extraction,
    form_data: IntakeData,
    by: AbstractBaseUser | AnonymousUser | None,
    skipped: list[str] | None = None,
) -> Round:
    """Create a draft round from a confirmed communiqué, or add the communiqué to its round.

    Everything is validated with full_clean(); any ValidationError rolls the whole write back.
    Merging never duplicates: a communiqué already on the round (same text, URL or title) is
    refused; topics, ministries, heads, statements, agreements, requests and request updates
    already on the round are kept once, near-duplicates included (see `near_duplicate`). What
    was left out as already recorded is appended to `skipped`, if given, for the message.
    """
    user = by if by is not None and by.is_authenticated else None
    writer = _Writer(extraction, form_data, user)
    round_ = writer.round()
    if form_data.topics:
        round_.topics.add(*form_data.topics)
    writer.ministries(round_)
    writer.heads(round_)
    communique = writer.communique(round_)
    writer.requests(round_)
    writer.agreements(round_, communique)
    writer.statements(round_, communique)
    if skipped is not None:
        skipped.extend(str(item) for item in writer.skipped)
    if not writer.created_round:
        # An editor with the round open in the admin will be told it changed meanwhile.
        round_touch(round_ids=[round_.pk])
    return round_
