"""What a subscription follows: its target read from a page's link, and the new items matching it.

Each kind reuses the rule of the page it was subscribed from: the search page's RoundFilter,
`for_dialogue`, `touching_topic`, `touching_ministry`, a request's public updates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404, QueryDict
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rounds.models import (
    AlertKind,
    CooperationRequest,
    Dialogue,
    Ministry,
    RequestUpdate,
    Round,
    RoundQuerySet,
    RoundStatus,
    SentAlert,
    Subscription,
    ThreatTopic,
)
from rounds.search.filters import PersonField, RoundFilter

# Search parameters that change how results are shown, not which rounds match.
_NOT_A_CRITERION = {"sort"}


# What a subscription to each kind of record is sent, in words (see Target.describe).
_DESCRIPTIONS = {
    AlertKind.DIALOGUE: gettext_lazy("new rounds of the dialogue %(name)s"),
    AlertKind.TOPIC: gettext_lazy("new rounds on the topic %(name)s"),
    AlertKind.MINISTRY: gettext_lazy("new rounds with %(name)s"),
    AlertKind.REQUEST: gettext_lazy("new updates of the request “%(name)s”"),
}


@dataclass(frozen=True)
class Target:
    kind: str
    record: Model | None = None
    search: str = ""

    @property
    def lookup(self) -> dict:
        """The fields of a Subscription following this target."""
        fields = {"kind": self.kind, "search": self.search}
        if self.record is not None:
            fields[self.kind] = self.record
        return fields

    def describe(self) -> str:
        if self.kind == AlertKind.SEARCH:
            summary = RoundFilter(QueryDict(self.search)).describe() if self.search else ""
            return _("new rounds matching the search: %(search)s") % {
                "search": summary or _("every round")
            }
        if self.kind == AlertKind.REQUEST:
            name = Truncator(self.record.description).chars(80)
        else:
            name = getattr(self.record, "display_name", None) or str(self.record)
        return _DESCRIPTIONS[self.kind] % {"name": name}


def _plain(field, value, raw: QueryDict, name: str) -> list[str]:
    """A cleaned search value written back as query-string values, in a stable order."""
    if isinstance(field, PersonField):  # cleans to people; the words may match more later
        return [raw.get(name, "").strip()]
    key = getattr(field, "to_field_name", None) or "pk"
    if isinstance(value, Model):
        return [str(getattr(value, key))]
    if isinstance(value, list | tuple) or hasattr(value, "model"):  # topics
        return sorted(str(getattr(item, key)) for item in value)
    if isinstance(value, datetime.date):
        return [value.isoformat()]
    return [str(value).strip()]


def normalize_search(querystring: str) -> str | None:
    """The search's criteria as its form cleans them (None when the search is not valid)."""
    raw = QueryDict(querystring)
    filterset = RoundFilter(raw)
    if not filterset.is_valid():
        return None
    pairs = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if name in _NOT_A_CRITERION or value in (None, "", [], ()):
            continue
        pairs.extend((name, item) for item in _plain(field, value, raw, name) if item)
    return urlencode(pairs)


def _public_record(kind: str, key: str) -> Model:
    lookups = {
        AlertKind.DIALOGUE: (Dialogue.objects.public(), "slug"),
        AlertKind.TOPIC: (ThreatTopic.objects.public(), "slug"),
        AlertKind.MINISTRY: (Ministry.objects.public(), "slug"),
        AlertKind.REQUEST: (CooperationRequest.objects.public(), "pk"),
    }
    queryset, field = lookups[kind]
    if field == "pk" and not key.isdigit():
        raise Http404(_("No such request."))
    record = queryset.filter(**{field: key}).first()
    if record is None:
        raise Http404(_("Nothing public to follow here."))
    return record


def target_from_query(params: QueryDict) -> Target:
    """The target named by /alerts/new/?<kind>=<key> (search: ?search=<its query string>).

    Unknown or non-public records and invalid searches are a 404, never a 500.
    """
    if "search" in params:
        search = normalize_search(params["search"])
        if search is None:
            raise Http404(_("This search is not valid; correct it on the search page first."))
        return Target(AlertKind.SEARCH, search=search)
    for kind in (AlertKind.DIALOGUE, AlertKind.TOPIC, AlertKind.MINISTRY, AlertKind.REQUEST):
        key = params.get(kind.value, "").strip()
        if key and "\x00" not in key:
            return Target(kind, record=_public_record(kind, key))
    raise Http404(_("Say what to follow."))


def _matching(subscription: Subscription, rounds: RoundQuerySet) -> RoundQuerySet:
    kind = subscription.kind
    if kind == AlertKind.SEARCH:
        filterset = RoundFilter(QueryDict(subscription.search), queryset=rounds)
        # A search that no longer validates (e.g. its topic was removed) matches nothing.
        return filterset.unordered_qs if filterset.is_valid() else rounds.none()
    if kind == AlertKind.DIALOGUE:
        return rounds.for_dialogue(subscription.dialogue)
    if kind == AlertKind.TOPIC:
        return rounds.touching_topic(subscription.topic)
    if kind == AlertKind.MINISTRY:
        return rounds.touching_ministry(subscription.ministry)
    return rounds.none()  # a request follows its updates


def new_rounds(subscription: Subscription) -> list[Round]:
    """Published rounds matching the subscription, published since it was confirmed and not
    sent to it yet, oldest first."""
    sent = SentAlert.objects.filter(subscription=subscription, round__isnull=False)
    rounds = Round.objects.published().filter(published_at__gt=subscription.confirmed_at)
    rounds = rounds.exclude(pk__in=sent.values("round"))
    matched = _matching(subscription, rounds).values("pk")
    return list(
        Round.objects.filter(pk__in=matched).with_related().order_by("start_date", "number", "pk")
    )


def new_request_updates(subscription: Subscription) -> list[RequestUpdate]:
    """Updates of the followed request recorded at rounds published since confirmation and
    not sent yet (the updates its public page shows)."""
    if subscription.kind != AlertKind.REQUEST:
        return []
    sent = SentAlert.objects.filter(subscription=subscription, request_update__isnull=False)
    return list(
        RequestUpdate.objects.filter(
            request=subscription.request,
            request__in=CooperationRequest.objects.public().values("pk"),
            round__status=RoundStatus.PUBLISHED,
            round__published_at__gt=subscription.confirmed_at,
        )
        .exclude(pk__in=sent.values("request_update"))
        .select_related("round__dialogue", "request")
        .order_by("round__number", "pk")
    )
