"""Small `make_*` helpers: each builds a valid record, and any field can be overridden."""

import datetime
import itertools

from django.utils import timezone

from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    ThreatTopic,
)

_seq = itertools.count(1)


def _default(kwargs: dict, key: str, build) -> None:
    """Like setdefault, but builds the default (a database row) only when it is needed."""
    if key not in kwargs:
        kwargs[key] = build()


def make_country(**kwargs) -> Country:
    code = kwargs.pop("code", None)
    if code is None:
        n = next(_seq)
        code = "X" + chr(65 + n % 26) + chr(65 + (n // 26) % 26)
    kwargs.setdefault("name", f"Country {code}")
    return Country.objects.get_or_create(code=code, defaults=kwargs)[0]


def make_ministry(**kwargs) -> Ministry:
    n = next(_seq)
    _default(kwargs, "country", lambda: make_country(code="CU", name="Cuba"))
    kwargs.setdefault("name", f"Ministry {n}")
    kwargs.setdefault("acronym", f"M{n}")
    return Ministry.objects.create(**kwargs)


def make_topic(**kwargs) -> ThreatTopic:
    n = next(_seq)
    kwargs.setdefault("name", f"topic {n}")
    kwargs.setdefault("slug", f"topic-{n}")
    return ThreatTopic.objects.create(**kwargs)


def make_person(**kwargs) -> Person:
    kwargs.setdefault("name", f"Person {next(_seq)}")
    return Person.objects.create(**kwargs)


def make_dialogue(**kwargs) -> Dialogue:
    n = next(_seq)
    _default(kwargs, "party_a", lambda: make_country(code="CU", name="Cuba"))
    _default(kwargs, "party_b", lambda: make_country(code="US", name="United States"))
    kwargs.setdefault("name", f"Dialogue {n}")
    kwargs.setdefault("slug", f"dialogue-{n}")
    return Dialogue.objects.create(**kwargs)


def make_round(**kwargs) -> Round:
    topics = kwargs.pop("topics", [])
    _default(kwargs, "dialogue", make_dialogue)
    kwargs.setdefault(
        "number",
        (
            kwargs["dialogue"].rounds.order_by("-number").values_list("number", flat=True).first()
            or 0
        )
        + 1,
    )
    kwargs.setdefault(
        "start_date", datetime.date(2015, 1, 1) + datetime.timedelta(days=300 * kwargs["number"])
    )
    kwargs.setdefault("end_date", kwargs["start_date"])
    kwargs.setdefault("city", "Havana")
    kwargs.setdefault("summary", "Reviewed cooperation.")  # a published round needs one
    kwargs.setdefault("status", RoundStatus.PUBLISHED)
    if kwargs["status"] == RoundStatus.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now())
    round_ = Round.objects.create(**kwargs)
    if topics:
        round_.topics.set(topics)
    return round_


def make_delegation(**kwargs) -> Delegation:
    _default(kwargs, "round", make_round)
    kwargs.setdefault("country", kwargs["round"].dialogue.party_a)
    return Delegation.objects.create(**kwargs)


def make_delegate(**kwargs) -> Delegate:
    _default(kwargs, "delegation", make_delegation)
    _default(kwargs, "person", lambda: make_person(country=kwargs["delegation"].country))
    return Delegate.objects.create(**kwargs)


def make_request(**kwargs) -> CooperationRequest:
    status = kwargs.pop("status", RequestStatus.RAISED)
    _default(kwargs, "opened_in", make_round)
    kwargs.setdefault("raised_by", kwargs["opened_in"].dialogue.party_b)
    kwargs.setdefault("description", f"Request {next(_seq)}")
    request = CooperationRequest.objects.create(**kwargs)
    RequestUpdate.objects.create(request=request, round=request.opened_in, status=status)
    return request


def make_update(**kwargs) -> RequestUpdate:
    _default(kwargs, "request", make_request)
    kwargs.setdefault("round", kwargs["request"].opened_in)
    kwargs.setdefault("status", RequestStatus.PENDING)
    return RequestUpdate.objects.create(**kwargs)


def make_communique(**kwargs) -> Communique:
    _default(kwargs, "round", make_round)
    kwargs.setdefault("issuer_country", kwargs["round"].dialogue.party_a)
    kwargs.setdefault("title", f"Communiqué {next(_seq)}")
    return Communique.objects.create(**kwargs)


def make_statement(**kwargs) -> Statement:
    _default(kwargs, "round", make_round)
    kwargs.setdefault("country", kwargs["round"].dialogue.party_a)
    kwargs.setdefault("text", f"Statement {next(_seq)}")
    return Statement.objects.create(**kwargs)


def make_agreement(**kwargs) -> Agreement:
    _default(kwargs, "round", make_round)
    kwargs.setdefault("text", f"Agreement {next(_seq)}")
    return Agreement.objects.create(**kwargs)


def make_realistic_site(rounds_per_dialogue: int, dialogues: int = 2) -> dict:
    """A site shaped like the real record, at a chosen size (the query-flatness tests build it
    and then grow it with `grow_realistic_site`): per round two delegations of two ministries
    and two delegates, statements, an agreement, a request with an update in the next round,
    and an English and a Spanish communiqué. Reference records come from fixed pools, so only
    the number of rounds (and of their records) grows."""
    cuba = make_country(code="CU", name="Cuba")
    usa = make_country(code="US", name="United States")
    interior = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    site = {
        "cuba": cuba,
        "usa": usa,
        "ministries": {
            cuba: [interior, make_ministry(country=cuba, name="Border Guard", parent=interior)],
            usa: [
                make_ministry(country=usa, name="Department of State", acronym="DOS"),
                make_ministry(country=usa, name="Coast Guard", acronym="USCG"),
            ],
        },
        "people": {side: [make_person(country=side) for _ in range(3)] for side in (cuba, usa)},
        "topics": [
            make_topic(name=f"realistic topic {i}", slug=f"realistic-{i}") for i in range(4)
        ],
        "dialogues": [
            make_dialogue(party_a=cuba, party_b=usa, slug=f"realistic-{d}")
            for d in range(dialogues)
        ],
        "rounds": [],
        "requests": [],
    }
    grow_realistic_site(site, rounds_per_dialogue)
    return site


def grow_realistic_site(site: dict, rounds_per_dialogue: int) -> None:
    """Add rounds to every dialogue of a `make_realistic_site` until each has this many."""
    topics = site["topics"]
    for dialogue in site["dialogues"]:
        previous = dialogue.rounds.order_by("-number").first()
        for n in range((previous.number if previous else 0) + 1, rounds_per_dialogue + 1):
            round_ = make_round(
                dialogue=dialogue,
                number=n,
                host_country=site["cuba"] if n % 2 else site["usa"],
                summary=f"Reviewed trafficking cooperation, round {n}."
                + (" Hurricane relief." if n == 1 else ""),
                topics=[topics[(n - 1) % 4], topics[n % 4]],
            )
            site["rounds"].append(round_)
            _fill_round(site, round_, topics[(n - 1) % 4])
            if previous is not None:
                for request in previous.opened_requests.all():
                    make_update(request=request, round=round_, status=RequestStatus.PENDING)
            site["requests"].append(
                make_request(
                    opened_in=round_,
                    topic=topics[(n - 1) % 4],
                    description=f"Extradition request {n}",
                )
            )
            previous = round_


def _fill_round(site: dict, round_: Round, topic: ThreatTopic) -> None:
    for side, bodies in site["ministries"].items():
        delegation = make_delegation(round=round_, country=side)
        delegation.ministries.set(bodies)
        people = site["people"][side]
        for k, body in enumerate(bodies):
            person = people[(round_.number + k) % len(people)]
            make_delegate(delegation=delegation, ministry=body, person=person, role="member")
        for language in ("en", "es"):
            communique = make_communique(
                round=round_,
                issuer_country=side,
                issuer=bodies[0],
                language=language,
                url="",
                text=f"The delegations discussed trafficking and migration ({language}).",
            )
        make_statement(round=round_, country=side, topic=topic, communique=communique)
    make_agreement(round=round_, text=f"Continue the dialogue ({round_.number}).")
