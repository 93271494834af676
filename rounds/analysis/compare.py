"""Two published rounds of a dialogue compared: topics, delegations, requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from rounds.models import (
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    ThreatTopic,
)


@dataclass
class DelegationChange:
    """One side's delegation at the earlier and the later round."""

    country: Country
    before: Delegation | None
    after: Delegation | None
    ministries_added: list[Ministry] = field(default_factory=list)
    ministries_dropped: list[Ministry] = field(default_factory=list)
    ministries_kept: list[Ministry] = field(default_factory=list)
    joined: list[Delegate] = field(default_factory=list)
    left: list[Delegate] = field(default_factory=list)
    stayed: list[tuple[Delegate, Delegate]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.ministries_added or self.ministries_dropped or self.joined or self.left)


@dataclass(frozen=True)
class RequestChange:
    """A request's status as of each round (None: not opened yet), and what happened between."""

    request: object
    before: str | None
    after: str
    updates: list[RequestUpdate]

    @property
    def before_label(self) -> str:
        return RequestStatus(self.before).label if self.before else ""

    @property
    def after_label(self) -> str:
        return RequestStatus(self.after).label


@dataclass
class Comparison:
    earlier: Round
    later: Round
    topics_added: list[ThreatTopic]
    topics_dropped: list[ThreatTopic]
    topics_kept: list[ThreatTopic]
    delegations: list[DelegationChange]
    opened: list[RequestChange]
    closed: list[RequestChange]
    moved: list[RequestChange]
    unchanged: list[RequestChange]

    @property
    def rounds_between(self) -> int:
        return self.later.number - self.earlier.number - 1


def _by_name(items) -> list:
    return sorted(items, key=lambda item: str(item).lower())


def _delegation_change(country: Country, before, after) -> DelegationChange:
    change = DelegationChange(country=country, before=before, after=after)
    old = {m.pk: m for m in before.ministries.all()} if before else {}
    new = {m.pk: m for m in after.ministries.all()} if after else {}
    change.ministries_added = _by_name(new[pk] for pk in new.keys() - old.keys())
    change.ministries_dropped = _by_name(old[pk] for pk in old.keys() - new.keys())
    change.ministries_kept = _by_name(new[pk] for pk in new.keys() & old.keys())
    old_people = {d.person_id: d for d in before.delegates.all()} if before else {}
    new_people = {d.person_id: d for d in after.delegates.all()} if after else {}
    change.joined = _by_name(new_people[pk] for pk in new_people.keys() - old_people.keys())
    change.left = _by_name(old_people[pk] for pk in old_people.keys() - new_people.keys())
    change.stayed = sorted(
        ((old_people[pk], new_people[pk]) for pk in new_people.keys() & old_people.keys()),
        key=lambda pair: pair[1].person.name.lower(),
    )
    return change


def _request_changes(earlier: Round, later: Round) -> dict[str, list[RequestChange]]:
    """Sort the dialogue's public requests by what happened to them between the two rounds.

    A request's status as of a round is that of its latest update at a published round up to
    that round's number, as CooperationRequestQuerySet.with_current_status says for today.
    """
    updates = (
        RequestUpdate.objects.filter(
            round__dialogue_id=later.dialogue_id,
            round__status=RoundStatus.PUBLISHED,
            round__number__lte=later.number,
            request__opened_in__status=RoundStatus.PUBLISHED,
        )
        .select_related("round", "request__raised_by", "request__topic", "request__opened_in")
        .order_by("request_id", "round__number", "pk")
    )
    history: dict[int, list[RequestUpdate]] = {}
    for update in updates:
        history.setdefault(update.request_id, []).append(update)
    groups: dict[str, list[RequestChange]] = {"opened": [], "closed": [], "moved": [], "same": []}
    open_values = set(RequestStatus.open_values())
    for items in history.values():
        before = [u for u in items if u.round.number <= earlier.number]
        between = [u for u in items if u.round.number > earlier.number]
        request = items[0].request
        change = RequestChange(
            request=request,
            before=before[-1].status if before else None,
            after=items[-1].status,
            updates=between,
        )
        if change.before is None:
            groups["opened"].append(change)
        elif change.before in open_values and change.after not in open_values:
            groups["closed"].append(change)
        elif change.before != change.after:
            groups["moved"].append(change)
        elif change.after in open_values:
            groups["same"].append(change)
    return groups


def compare_rounds(dialogue: Dialogue, earlier_number: int, later_number: int) -> Comparison:
    """Compare two published rounds of the dialogue (numbers known to be published)."""
    rounds = {
        r.number: r
        for r in Round.objects.published()
        .for_dialogue(dialogue)
        .filter(number__in=[earlier_number, later_number])
        .with_detail()
    }
    earlier, later = rounds[earlier_number], rounds[later_number]
    old_topics = {t.pk: t for t in earlier.topics.all()}
    new_topics = {t.pk: t for t in later.topics.all()}
    old_delegations = {d.country_id: d for d in earlier.delegations.all()}
    new_delegations = {d.country_id: d for d in later.delegations.all()}
    groups = _request_changes(earlier, later)
    return Comparison(
        earlier=earlier,
        later=later,
        topics_added=_by_name(new_topics[pk] for pk in new_topics.keys() - old_topics.keys()),
        topics_dropped=_by_name(old_topics[pk] for pk in old_topics.keys() - new_topics.keys()),
        topics_kept=_by_name(new_topics[pk] for pk in new_topics.keys() & old_topics.keys()),
        delegations=[
            _delegation_change(party, old_delegations.get(party.pk), new_delegations.get(party.pk))
            for party in (dialogue.party_a, dialogue.party_b)
        ],
        opened=groups["opened"],
        closed=groups["closed"],
        moved=groups["moved"],
        unchanged=groups["same"],
    )
