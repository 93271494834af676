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


def request_timeline(
    request: CooperationRequest, updates: list[RequestUpdate]
) -> list[TimelineStep]:
    """Every published round of the request's dialogue from its opening on (1 query), with
    the request's public `updates` (oldest first) placed at their rounds."""
    opened = request.opened_in
    rounds = (
        Round.objects.published()
        .filter(dialogue_id=opened.dialogue_id, number__gte=opened.number)
        .select_related("dialogue")
        .order_by("number")
    )
    at_round = {update.round_id: update for update in updates}
    steps, status = [], None
    for round_ in rounds:
        update = at_round.get(round_.pk)
        if update is not None:
            status = update.status
        steps.append(TimelineStep(round=round_, update=update, status=status))
    return steps
