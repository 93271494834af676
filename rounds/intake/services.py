"""Turn a pasted communiqué into a draft round, or add it to the round it reports.

The extractor (`rounds.intake.extraction`) proposes; staff decide in the admin preview; this module
writes what they confirmed, in one transaction, validating every record with `full_clean()`.
Item contents (statements, agreements, requests, heads) always come from a fresh server-side
extraction of the posted text: the preview form only carries which items staff kept.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

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
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    StatementKind,
    ThreatTopic,
)
from rounds.services import round_touch
from rounds.text import STOP_WORDS, shorten, split_lines

from .extraction import Extraction

MAX_TEXT_BYTES = 1_000_000

# Two items are the same when one's content words are (nearly) all in the other.
DUPLICATE_OVERLAP = 0.8
# An extracted request this close to an open one is proposed as an update of it.
SIMILAR_REQUEST_OVERLAP = 0.5


@dataclass(frozen=True)
class CommuniqueData:
    """The communiqué itself, as pasted on the first screen."""

    text: str
    title: str = ""
    url: str = ""
    issuer: Ministry | None = None
    issuer_country: Country | None = None
    publisher: str = ""
    date: datetime.date | None = None
    language: str = Language.ENGLISH
    kind: str = CommuniqueKind.COMMUNIQUE

    @property
    def display_title(self) -> str:
        """Return the given title, else the text's first non-blank line (cut to 300 chars)."""
        return shorten(self.title.strip() or next(iter(split_lines(self.text)), ""), 300)


@dataclass(frozen=True)
class RequestChoice:
    """What to do with one extracted pending request."""

    index: int  # position in extraction.pending_requests
    status: str
    raised_by: str = ""  # side code, for a new request
    existing: CooperationRequest | None = None  # None: open a new request at this round


@dataclass
class IntakeData:
    """What staff confirmed on the preview screen (ids already checked against the database)."""

    communique: CommuniqueData
    dialogue: Dialogue
    number: int
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    city: str = ""
    host_country: Country | None = None
    topics: list[ThreatTopic] = field(default_factory=list)
    ministries: dict[str, list[Ministry]] = field(default_factory=dict)  # side code -> bodies
    new_ministries: dict[str, list[str]] = field(default_factory=dict)  # side code -> names
    heads: list[int] = field(default_factory=list)  # indices into extraction.heads
    requests: list[RequestChoice] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)  # indices into extraction.agreements
    statements: list[int] = field(default_factory=list)  # indices into extraction.statements


# ---------------------------------------------------------------------------------------------
# Comparing texts: what counts as "already recorded"

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower-case words only: case, punctuation and whitespace differences do not count."""
    return " ".join(_WORD.findall((text or "").casefold()))


def content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall((text or "").casefold()) if word not in STOP_WORDS}


def word_overlap(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other text also has (0 to 1)."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def near_duplicate(a: str, b: str, *, threshold: float = DUPLICATE_OVERLAP) -> bool:
    """Same normalised text, one containing the other, or a high word overlap.

    Very short items (fewer than three content words) only count by equality or containment,
    so "Raised fugitives." is not swallowed by every longer sentence that mentions fugitives.
    """
    norm_a, norm_b = normalise(a), normalise(b)
    if not norm_a or not norm_b:
        return False
    if norm_a == norm_b:
        return True
    short, long_ = sorted((norm_a, norm_b), key=len)
    if len(content_words(short)) >= 2 and f" {short} " in f" {long_} ":
        return True
    if min(len(content_words(a)), len(content_words(b))) < 3:
        return False
    return word_overlap(a, b) >= threshold


def normalise_url(url: str) -> str:
    """Scheme, "www.", case of the host and a trailing slash do not make another URL."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def _url_slug(url: str) -> str:
    """The words of a URL's last path segment (often the title), if it has at least three."""
    segment = urlsplit(url or "").path.rstrip("/").rsplit("/", 1)[-1]
    words = normalise(segment.replace("-", " ").replace("_", " "))
    return words if len(words.split()) >= 3 else ""


@dataclass(frozen=True)
class DuplicateCommunique:
    existing: Communique
    reason: str  # "text", "url" or "title"

    def error(self, round_: Round) -> ValidationError:
        what = self.existing.title
        if self.existing.url:
            what = f"{what} ({self.existing.url})"
        if self.reason == "url":
            return ValidationError(
                _(
                    "%(round)s already has a communiqué with this URL: “%(existing)s”. It was "
                    "not added again."
                ),
                code="duplicate_communique",
                params={"round": round_, "existing": what},
            )
        if self.reason == "text":
            message = _(
                "This text is already recorded as a communiqué of %(round)s: “%(existing)s”. "
                "It was not added again."
            )
            code = "duplicate_communique_text"
        else:
            message = _(
                "%(round)s already has this communiqué: “%(existing)s” has the same title. It "
                "was not added again; open the round to complete that record instead."
            )
            code = "duplicate_communique_title"
        return ValidationError(message, code=code, params={"round": round_, "existing": what})


def find_duplicate_communique(round_: Round, data: CommuniqueData) -> DuplicateCommunique | None:
    """Return the communiqué of `round_` that this one repeats (same text, URL or title)."""
    text = normalise(data.text)
    url = normalise_url(data.url)
    titles = {normalise(data.display_title), _url_slug(data.url)} - {""}
    found = {}
    for existing in Communique.objects.filter(round=round_).order_by("pk"):
        if text and normalise(existing.text) == text:
            found.setdefault("text", existing)
        if url and normalise_url(existing.url) == url:
            found.setdefault("url", existing)
        # The title may also be the slug of the recorded URL ("cuba-and-u-s-discuss-...").
        if titles & ({normalise(existing.title), _url_slug(existing.url)} - {""}):
            found.setdefault("title", existing)
    for reason in ("text", "url", "title"):
        if reason in found:
            return DuplicateCommunique(found[reason], reason)
    return None


# ---------------------------------------------------------------------------------------------
# Read-only helpers for the preview


def find_existing_round(
    *,
    dialogue: Dialogue,
    number: int | None = None,
    start_date: datetime.date | None = None,
) -> Round | None:
    """Return the stored round this communiqué reports: same number, else same start date."""
    rounds = Round.objects.for_dialogue(dialogue).select_related("dialogue")
    if number:
        found = rounds.filter(number=number).first()
        if found:
            return found
    if start_date:
        return rounds.filter(start_date=start_date).order_by("number").first()
    return None


def suggest_next_number(dialogue: Dialogue) -> int:
    """Return the number after the dialogue's highest recorded round (drafts included)."""
    highest = Round.objects.for_dialogue(dialogue).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


@dataclass(frozen=True)
class PreviousRoundHint:
    stated: str  # ISO date, possibly partial, as the text gives it
    stored: Round | None  # the round numbered one lower, if recorded

    @property
    def matches(self) -> bool | None:
        """Whether the stored previous round's date agrees with the text (None: not recorded)."""
        if self.stored is None:
            return None
        return self.stored.start_date.isoformat().startswith(self.stated)


def previous_round_hint(*, dialogue: Dialogue, number: int, stated: str) -> PreviousRoundHint:
    """Compare the previous-round date the text states with the stored round number - 1."""
    stored = (
        Round.objects.for_dialogue(dialogue).filter(number=number - 1).first()
        if number > 1
        else None
    )
    return PreviousRoundHint(stated=stated, stored=stored)


def open_requests_of(dialogue: Dialogue) -> models.QuerySet[CooperationRequest]:
    """Return the dialogue's open requests (any round, drafts included) for the update choice."""
    return (
        CooperationRequest.objects.open()
        .filter(opened_in__dialogue=dialogue)
        .select_related("raised_by", "opened_in")
        .order_by("opened_in__number", "pk")
    )


_STATEMENT_KINDS: dict[str, str] = {
    **{value: value for value in StatementKind.values},
    **{str(label).lower(): value for value, label in StatementKind.choices},
    **{value.replace("_", " "): value for value in StatementKind.values},
    "expressed concern": StatementKind.EXPRESSED_CONCERN,
    "concern": StatementKind.EXPRESSED_CONCERN,
    "said": StatementKind.STATED,
    "stressed": StatementKind.HIGHLIGHTED,
}


def statement_kind(label: str) -> str:
    """Map the extractor's kind ('urged', 'pointed out', ...) to a StatementKind value."""
    return _STATEMENT_KINDS.get((label or "").strip().lower(), StatementKind.STATED)


def agreement_kind(text: str) -> str:
    """Guess an AgreementKind from the agreement's wording."""
    lowered = text.lower()
    if "technical" in lowered or "técnic" in lowered:
        return AgreementKind.TECHNICAL_MEETINGS
    if any(word in lowered for word in ("memorandum", "mou", "arrangement", "memorando", "sign")):
        return AgreementKind.INSTRUMENT
    if any(word in lowered for word in ("continue", "continuar", "next round", "próxima")):
        return AgreementKind.CONTINUE
    return AgreementKind.OTHER


def request_status(value: dict, *, existing: bool) -> str:
    """Return the extracted status if it is a valid one, else a sensible default."""
    status = (value or {}).get("status") or ""
    if status in RequestStatus.values:
        return status
    return RequestStatus.PENDING if existing else RequestStatus.RAISED


# ---------------------------------------------------------------------------------------------
# The write


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
        round_ = Round.objects.select_for_update().get(pk=existing.pk)
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
