"""One request across the rounds of its dialogue: what each round said of it, if anything."""

from __future__ import annotations

from dataclasses import dataclass

from rounds.models import CooperationRequest, RequestStatus, RequestUpdate, Round


@dataclass(frozen=True)
class TimelineStep:
    """A published round from the one that opened the request on, and its word on it.

    `update` is None where the round did not mention the request; `status` is then the one
    carried over from the latest round that did.
    """

    round: Round
    update: RequestUpdate | None
    status: str | None

    @property
    def kind(self) -> str:
        """How the picture draws the step: silent, open, closed-ok (fulfilled), closed-bad."""
        if self.update is None:
            return "silent"
        if self.status in RequestStatus.open_values():
            return "open"
        return "closed-ok" if self.status == RequestStatus.FULFILLED else "closed-bad"

    @property
    def status_label(self) -> str:
        return str(RequestStatus(self.status).label) if self.status else ""


TIMELINE_PAGE_SIZE = 50  # rounds per page of a request's timeline


def rounds_since_opening(request: CooperationRequest):
    """Every published round of the request's dialogue from the one that opened it, in order."""
    opened = request.opened_in
    return (
        Round.objects.published()
        .filter(dialogue_id=opened.dialogue_id, number__gte=opened.number)
        .select_related("dialogue")
        .order_by("number")
    )


def request_timeline(request: CooperationRequest, rounds: list[Round]) -> list[TimelineStep]:
    """The steps of `rounds`, consecutive rounds of rounds_since_opening() (a page of them):
    the request's public update at each (1 query), and the status carried into the first
    from the latest update before it (1 query), so a page of a long timeline reads only its
    own rounds."""
    if not rounds:
        return []
    first, last = rounds[0].number, rounds[-1].number
    updates = request.public_updates()
    at_round = {
        update.round_id: update
        for update in updates.filter(round__number__gte=first, round__number__lte=last)
    }
    status = (
        updates.filter(round__number__lt=first)
        .order_by("-round__number", "-pk")
        .values_list("status", flat=True)
        .first()
    )
    steps = []
    for round_ in rounds:
        update = at_round.get(round_.pk)
        if update is not None:
            status = update.status
        steps.append(TimelineStep(round=round_, update=update, status=status))
    return steps
