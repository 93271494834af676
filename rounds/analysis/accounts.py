"""Each side's account of a round: what each side's communiqués report, and what only one says.

How a record is attributed to a side, from what the data model can say:

- a communiqué belongs to the side that issued it (`issuer_country`); one with no issuing
  country (a third party's news report) belongs to neither;
- a statement or an agreement belongs to the side whose communiqué reports it (their
  `communique`); one tied to no communiqué is listed apart, as not attributed;
- a request belongs to the side that raised it (`raised_by`): the record does not say which
  communiqué reports it;
- topics are recorded for the round as a whole, so which side mentions one is *derived*: the
  topic's name or one of its aliases appears, as whole words, in that side's communiqué titles
  or texts (e.g. "trata de personas" for human trafficking), or a statement that side's
  communiqué reports is about it. The page says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from rounds.models import (
    Agreement,
    Communique,
    Country,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    ThreatTopic,
)
from rounds.search.highlight import find_phrases


def topic_phrases(topic: ThreatTopic) -> list[str]:
    """The words that name a topic in a text: its name and its aliases."""
    return [topic.name, *topic.alias_list]


@dataclass(frozen=True)
class Evidence:
    """Why a side is said to mention a topic: a phrase found in a communiqué, or a statement."""

    communique: Communique
    phrase: str = ""
    statement: Statement | None = None


@dataclass
class TopicMention:
    topic: ThreatTopic
    evidence: list[Evidence] = field(default_factory=list)
    only_this_side: bool = False


@dataclass
class SideAccount:
    country: Country
    communiques: list[Communique] = field(default_factory=list)
    topics: list[TopicMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    requests: list[RequestUpdate] = field(default_factory=list)

    @property
    def has_texts(self) -> bool:
        return bool(self.communiques)

    @property
    def only_here(self) -> list[TopicMention]:
        return [mention for mention in self.topics if mention.only_this_side]

    @property
    def only_topic_ids(self) -> set[int]:
        return {mention.topic.pk for mention in self.only_here}


@dataclass
class RoundAccounts:
    round: Round
    sides: list[SideAccount]
    third_party: list[Communique]
    unattributed_statements: list[Statement]
    unattributed_agreements: list[Agreement]
    topics_in_both: list[ThreatTopic]
    topics_in_neither: list[ThreatTopic]

    @property
    def both_sides_report(self) -> bool:
        return both_sides_report(self.round, list(self.round.communiques.all()))


def rounds_for_accounts():
    """Published rounds with all an account reads, in a fixed number of queries."""
    return (
        Round.objects.published()
        .with_related()
        .prefetch_related(
            Prefetch(
                "communiques",
                queryset=Communique.objects.select_related("issuer", "issuer_country"),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("country", "topic", "communique"),
            ),
            Prefetch("agreements", queryset=Agreement.objects.select_related("communique")),
            Prefetch(
                "request_updates",
                queryset=RequestUpdate.objects.filter(
                    request__opened_in__status=RoundStatus.PUBLISHED
                ).select_related("request__raised_by", "request__topic", "request__opened_in"),
            ),
        )
    )


def both_sides_report(round_: Round, communiques: list[Communique] | None = None) -> bool:
    """Whether communiqués from both of the dialogue's parties are recorded for the round.

    Give the round's `communiques` when they are loaded already; otherwise one query.
    """
    if communiques is None:
        issuers = set(round_.communiques.values_list("issuer_country_id", flat=True))
    else:
        issuers = {communique.issuer_country_id for communique in communiques}
    return set(round_.dialogue.party_ids) <= issuers


def _candidate_topics(round_: Round) -> list[ThreatTopic]:
    """The round's topics, and those its statements and requests are about."""
    topics = {topic.pk: topic for topic in round_.topics.all()}
    for statement in round_.statements.all():
        if statement.topic is not None:
            topics.setdefault(statement.topic.pk, statement.topic)
    for update in round_.request_updates.all():
        if update.request.topic is not None:
            topics.setdefault(update.request.topic.pk, update.request.topic)
    return sorted(topics.values(), key=lambda t: t.name.lower())


def _mentions(side: SideAccount, topics: list[ThreatTopic]) -> dict[int, TopicMention]:
    found: dict[int, TopicMention] = {}
    for topic in topics:
        phrases = topic_phrases(topic)
        for communique in side.communiques:
            for _start, _end, phrase in find_phrases(
                f"{communique.title}\n{communique.text}", phrases
            )[:1]:
                found.setdefault(topic.pk, TopicMention(topic)).evidence.append(
                    Evidence(communique=communique, phrase=phrase)
                )
    wanted = {t.pk for t in topics}
    for statement in side.statements:
        if statement.topic_id not in wanted:
            continue
        mention = found.setdefault(statement.topic_id, TopicMention(statement.topic))
        # One piece of evidence per text is enough: a phrase found in it, or else one statement.
        if all(item.communique.pk != statement.communique_id for item in mention.evidence):
            mention.evidence.append(Evidence(communique=statement.communique, statement=statement))
    return found


def round_accounts(round_: Round) -> RoundAccounts:
    """Lay out what each of the two sides reported about a round (records prefetched)."""
    dialogue = round_.dialogue
    sides = {party.pk: SideAccount(country=party) for party in (dialogue.party_a, dialogue.party_b)}
    third_party = []
    for communique in round_.communiques.all():
        side = sides.get(communique.issuer_country_id)
        (side.communiques if side else third_party).append(communique)
    unattributed_statements, unattributed_agreements = [], []
    for statement in round_.statements.all():
        side = sides.get(statement.communique.issuer_country_id) if statement.communique else None
        (side.statements if side else unattributed_statements).append(statement)
    for agreement in round_.agreements.all():
        side = sides.get(agreement.communique.issuer_country_id) if agreement.communique else None
        (side.agreements if side else unattributed_agreements).append(agreement)
    for update in round_.request_updates.all():
        side = sides.get(update.request.raised_by_id)
        if side is not None:
            side.requests.append(update)

    topics = _candidate_topics(round_)
    found = {pk: _mentions(side, topics) for pk, side in sides.items()}
    both, neither = [], []
    for topic in topics:
        holders = [pk for pk in sides if topic.pk in found[pk]]
        if len(holders) == len(sides):
            both.append(topic)
        elif not holders:
            neither.append(topic)
        for pk in holders:
            mention = found[pk][topic.pk]
            mention.only_this_side = len(holders) == 1
            sides[pk].topics.append(mention)
    return RoundAccounts(
        round=round_,
        sides=list(sides.values()),
        third_party=third_party,
        unattributed_statements=unattributed_statements,
        unattributed_agreements=unattributed_agreements,
        topics_in_both=both,
        topics_in_neither=neither,
    )
