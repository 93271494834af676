"""Step 2 of "Add round from communiqué": the proposed round, which staff correct and confirm."""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from rounds import permissions
from rounds.models import (
    CooperationRequest,
    Country,
    Dialogue,
    Ministry,
    RequestStatus,
    Round,
    ThreatTopic,
)

from .data import CommuniqueData, IntakeData, RequestChoice
from .extraction import Extraction, Match
from .forms import DATE_INPUT
from .lookups import (
    PreviousRoundHint,
    find_existing_round,
    open_requests_of,
    previous_round_hint,
    request_status,
    suggest_next_number,
)
from .matching import SIMILAR_REQUEST_OVERLAP, find_duplicate_communique, word_overlap


@dataclass
class UnknownBody:
    match: Match
    field: forms.BoundField


@dataclass
class SideRow:
    code: str
    country: Country | None
    ministries: forms.BoundField | None
    unknown: list[UnknownBody]


@dataclass
class RequestRow:
    match: Match
    action: forms.BoundField
    status: forms.BoundField
    raised_by: forms.BoundField
    similar: CooperationRequest | None = None  # the open request it was matched to


def _iso_date(match: Match | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(match.value)) if match else None
    except ValueError:
        return None


def describe(value) -> str:
    """A one-line label for an extracted value (str, int or dict)."""
    if isinstance(value, dict):
        for key in ("text", "description", "name"):
            if value.get(key):
                side = value.get("side") or value.get("raised_by")
                extra = [str(value[k]) for k in ("kind", "title", "status") if value.get(k)]
                prefix = f"{side}: " if side else ""
                suffix = f" ({', '.join(extra)})" if extra else ""
                return f"{prefix}{value[key]}{suffix}"
    return str(value)


ACTION_CREATE, ACTION_IGNORE = "create", "ignore"
ACTION_NEW, ACTION_SKIP = "new", "skip"


class ProposalForm(forms.Form):
    """Step 2: the proposed round, pre-filled from the extraction; staff correct and confirm."""

    dialogue = forms.ModelChoiceField(
        Dialogue.objects.all(), error_messages={"required": _("Choose the dialogue.")}
    )
    number = forms.IntegerField(
        label=_("Round number"),
        min_value=1,
        max_value=32767,
        help_text=_("Ordinal within the dialogue, e.g. 4 for the 4th round."),
    )
    start_date = forms.DateField(
        required=False, widget=DATE_INPUT, help_text=_("The first day of the meeting.")
    )
    end_date = forms.DateField(
        required=False, widget=DATE_INPUT, help_text=_("Leave empty for a one-day round.")
    )
    city = forms.CharField(
        required=False, max_length=100, help_text=_("Canonical English name, e.g. Havana.")
    )
    host_country = forms.ModelChoiceField(Country.objects.all(), required=False)
    topics = forms.ModelMultipleChoiceField(
        ThreatTopic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    heads = forms.MultipleChoiceField(
        label=_("Heads of delegation"), required=False, widget=forms.CheckboxSelectMultiple
    )
    agreements = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    statements = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(
        self,
        *args,
        extraction: Extraction,
        user,
        publication_date: datetime.date | None = None,
        communique: CommuniqueData | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.extraction = extraction
        self.user = user
        self.communique = communique
        self.countries = {country.code: country for country in Country.objects.all()}
        dialogue = extraction.dialogue.obj if extraction.dialogue else None
        self.extracted_dialogue: Dialogue | None = dialogue
        self._init_round(extraction, dialogue, publication_date)
        self._init_sides(extraction)
        self._init_items(extraction, dialogue)
        self._init_requests(extraction, dialogue)
        self.existing_round: Round | None = None
        self.previous_hint: PreviousRoundHint | None = None
        # Why the proposed round cannot take this communiqué (shown instead of the button).
        self.blockers: list[ValidationError] = []
        number = self.fields["number"].initial
        if dialogue and number:
            self.existing_round = find_existing_round(
                dialogue=dialogue, number=number, start_date=self.fields["start_date"].initial
            )
            if self.existing_round is not None:
                self.blockers = self.merge_blockers(self.existing_round)
            if extraction.previous_round_date:
                self.previous_hint = previous_round_hint(
                    dialogue=dialogue,
                    number=number,
                    stated=str(extraction.previous_round_date.value),
                )

    # -- building the fields -------------------------------------------------------------------

    def _init_round(self, ex: Extraction, dialogue: Dialogue | None, published) -> None:
        fields = self.fields
        fields["dialogue"].initial = dialogue.pk if dialogue else None
        start = _iso_date(ex.date_start)
        self.number_suggested = False
        if ex.ordinal:
            fields["number"].initial = ex.ordinal.value
        elif dialogue:
            # No ordinal in the text: the recorded round of that date, else the next number.
            same_day = find_existing_round(dialogue=dialogue, start_date=start) if start else None
            fields["number"].initial = (
                same_day.number if same_day else suggest_next_number(dialogue)
            )
            self.number_suggested = True
        self.start_date_suggested = start is None and published is not None
        fields["start_date"].initial = start or published
        end = _iso_date(ex.date_end)
        fields["end_date"].initial = end if end and end != start else None
        fields["city"].initial = ex.city.value if ex.city else ""
        host = None
        if ex.country_hosting:
            host = ex.country_hosting.obj or self.countries.get(str(ex.country_hosting.value))
        fields["host_country"].initial = host.pk if host else None
        fields["topics"].initial = [m.obj.pk for m in ex.topics if m.obj is not None]
        self.unmatched_topics = [m for m in ex.topics if m.obj is None]

    def _init_sides(self, ex: Extraction) -> None:
        self._side_fields: list[tuple[str, str | None, list[tuple[Match, str]]]] = []
        self._existing_bodies: dict[str, dict[str, Ministry]] = {}
        codes_with_unknown = [
            c for c, ms in ex.delegations.items() if any(m.obj is None for m in ms)
        ]
        bodies_by_code: dict[str, list[Ministry]] = {code: [] for code in codes_with_unknown}
        if codes_with_unknown:
            for body in Ministry.objects.filter(
                country__code__in=codes_with_unknown
            ).select_related("country"):
                bodies_by_code[body.country.code].append(body)
        for code, matches in ex.delegations.items():
            known = [m for m in matches if m.obj is not None]
            known_name = None
            if known:
                known_name = f"ministries_{code}"
                self.fields[known_name] = forms.ModelMultipleChoiceField(
                    Ministry.objects.filter(pk__in=[m.obj.pk for m in known]),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label=_("Recognised bodies"),
                    initial=[m.obj.pk for m in known],
                )
            unknown = []
            existing = {str(body.pk): body for body in bodies_by_code.get(code, [])}
            self._existing_bodies[code] = existing
            for index, match in enumerate(m for m in matches if m.obj is None):
                name = f"unknown_{code}_{index}"
                choices = [
                    (ACTION_CREATE, _("Create it: “%(name)s”") % {"name": match.value}),
                    (ACTION_IGNORE, _("Leave it out")),
                ]
                if existing:
                    choices.append(
                        (
                            _("It is this existing body:"),
                            [(pk, str(body)) for pk, body in existing.items()],
                        )
                    )
                self.fields[name] = forms.ChoiceField(
                    choices=choices, initial=ACTION_CREATE, label=str(match.value)
                )
                unknown.append((match, name))
            self._side_fields.append((code, known_name, unknown))

    def _init_items(self, ex: Extraction, dialogue: Dialogue | None) -> None:
        parties = {dialogue.party_a.code, dialogue.party_b.code} if dialogue else set()
        for name, matches in (
            ("heads", ex.heads),
            ("agreements", ex.agreements),
            ("statements", ex.statements),
        ):
            self.fields[name].choices = [(str(i), describe(m.value)) for i, m in enumerate(matches)]
            # An item whose side is not one of the parties is offered, but not ticked.
            self.fields[name].initial = [
                str(i)
                for i, m in enumerate(matches)
                if not isinstance(m.value, dict) or m.value.get("side") in parties
            ]

    def _init_requests(self, ex: Extraction, dialogue: Dialogue | None) -> None:
        self._open_requests: dict[str, CooperationRequest] = {}
        if dialogue and ex.pending_requests:
            self._open_requests = {str(r.pk): r for r in open_requests_of(dialogue)}
        self._request_fields: list[tuple[Match, str, str, str, CooperationRequest | None]] = []
        parties = (dialogue.party_a, dialogue.party_b) if dialogue else self.countries.values()
        sides = [(country.code, country.name) for country in parties]
        for index, match in enumerate(ex.pending_requests):
            value = match.value or {}
            similar = self._similar_open_request(value)
            choices = [
                (ACTION_NEW, _("Record it as a new request raised at this round")),
                (ACTION_SKIP, _("Leave it out")),
            ]
            if self._open_requests:
                choices.append(
                    (
                        _("It updates this open request:"),
                        [
                            (
                                pk,
                                _("%(request)s (raised by %(side)s at round %(number)s)")
                                % {
                                    "request": request,
                                    "side": request.raised_by.name,
                                    "number": request.opened_in.number,
                                },
                            )
                            for pk, request in self._open_requests.items()
                        ],
                    )
                )
            action, status = f"request_{index}", f"request_{index}_status"
            raised_by = f"request_{index}_raised_by"
            self.fields[action] = forms.ChoiceField(
                choices=choices,
                # Never propose a near-duplicate: a similar open request is updated instead.
                initial=str(similar.pk) if similar else ACTION_NEW,
                label=describe(value),
            )
            self.fields[raised_by] = forms.ChoiceField(
                choices=[("", _("— not stated —")), *sides],
                initial=value.get("raised_by") or "",
                required=False,
                label=_("Raised by (if new)"),
            )
            self.fields[status] = forms.ChoiceField(
                choices=RequestStatus.choices,
                initial=request_status(value, existing=similar is not None),
                label=_("Status at this round"),
            )
            self._request_fields.append((match, action, status, raised_by, similar))

    def _similar_open_request(self, value: dict) -> CooperationRequest | None:
        """The open request this extracted one most resembles, if close enough (any side)."""
        description = (value.get("description") or "").strip()
        best, best_score = None, 0.0
        for request in self._open_requests.values():
            score = word_overlap(request.description, description)
            if request.raised_by.code == value.get("raised_by"):
                score += 0.01  # on a tie, the same side wins
            if score > best_score:
                best, best_score = request, score
        return best if best_score >= SIMILAR_REQUEST_OVERLAP else None

    # -- for the template ----------------------------------------------------------------------

    def merge_differences(self) -> list[tuple[str, str, str]]:
        """(what, as recorded, as proposed) where the round to add to disagrees with the form."""
        round_ = self.existing_round
        if round_ is None:
            return []
        proposed = {
            name: (self.cleaned_data.get(name) if self.is_bound else self.fields[name].initial)
            for name in ("start_date", "city", "host_country")
        }
        host = proposed["host_country"]
        if host is not None and not isinstance(host, Country):
            host = next((c for c in self.countries.values() if c.pk == host), None)
        rows = [
            (_("start date"), round_.start_date, proposed["start_date"]),
            (_("city"), round_.city, proposed["city"]),
            (_("host"), round_.host_country, host),
        ]
        return [
            (str(label), str(recorded or "—"), str(value))
            for label, recorded, value in rows
            if value and recorded and recorded != value
        ]

    def side_rows(self) -> list[SideRow]:
        return [
            SideRow(
                code=code,
                country=self.countries.get(code),
                ministries=self[known] if known else None,
                unknown=[UnknownBody(match, self[name]) for match, name in unknown],
            )
            for code, known, unknown in self._side_fields
        ]

    def request_rows(self) -> list[RequestRow]:
        return [
            RequestRow(match, self[action], self[status], self[raised_by], similar)
            for match, action, status, raised_by, similar in self._request_fields
        ]

    def error_summary(self) -> list[str]:
        """Every field error as "label: message", so none can hide in a collapsed widget."""
        lines = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            label = self.fields[name].label if name in self.fields else name
            for message in errors:
                lines.append(f"{label or name}: {message}")
        return lines

    # -- validation ----------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        dialogue, number = data.get("dialogue"), data.get("number")
        start, end = data.get("start_date"), data.get("end_date")
        self.existing_round = None
        self.blockers = []
        if dialogue and number:
            self.existing_round = find_existing_round(
                dialogue=dialogue, number=number, start_date=start
            )
        if dialogue and number and self.existing_round is None:
            if start is None:
                self.add_error(
                    "start_date",
                    ValidationError(
                        _("The text gives no meeting date; enter the first day of the round."),
                        code="date_required",
                    ),
                )
            elif end and end < start:
                self.add_error(
                    "end_date",
                    ValidationError(
                        _("The end date cannot be before the start date."), code="dates_unordered"
                    ),
                )
        if self.existing_round is not None:
            self._check_merge_allowed(self.existing_round)
        self._check_sides(data, dialogue)
        return data

    def _check_merge_allowed(self, round_: Round) -> None:
        self.blockers = self.merge_blockers(round_)
        for error in self.blockers:
            self.add_error(None, error)

    def merge_blockers(self, round_: Round) -> list[ValidationError]:
        """Why this user cannot add this communiqué to the recorded `round_` (empty: they can)."""
        if not self.user.has_perm("rounds.change_round"):
            return [
                ValidationError(
                    _("%(round)s exists already, and you may not change rounds."),
                    code="no_change_permission",
                    params={"round": round_},
                )
            ]
        if not permissions.may_change(self.user, round_):
            return [
                ValidationError(
                    _(
                        "Round %(number)s is published; only publishers can add to it. Ask a "
                        "publisher, or have the round taken back to draft first."
                    ),
                    code="published_round",
                    params={"number": round_.number},
                )
            ]
        if self.communique is not None:
            duplicate = find_duplicate_communique(round_, self.communique)
            if duplicate is not None:
                return [duplicate.error(round_)]
        return []

    def _check_sides(self, data: dict, dialogue: Dialogue | None) -> None:
        parties = {dialogue.party_a.code, dialogue.party_b.code} if dialogue else set()
        may_create = self.user.has_perm("rounds.add_ministry")
        for _code, _known, unknown in self._side_fields:
            for _match, name in unknown:
                if data.get(name) == ACTION_CREATE and not may_create:
                    self.add_error(
                        name,
                        ValidationError(
                            _(
                                "You may not create ministries; pick an existing one or leave it "
                                "out."
                            ),
                            code="no_add_ministry_permission",
                        ),
                    )
        for _match, action, _status, raised_by, _similar in self._request_fields:
            if data.get(action) == ACTION_NEW and dialogue and data.get(raised_by) not in parties:
                self.add_error(
                    raised_by,
                    ValidationError(
                        _("Say which side of %(dialogue)s raised this request (%(parties)s)."),
                        code="request_side_unknown",
                        params={"dialogue": dialogue, "parties": ", ".join(sorted(parties))},
                    ),
                )

    # -- result --------------------------------------------------------------------------------

    def intake_data(self, communique: CommuniqueData) -> IntakeData:
        data = self.cleaned_data
        ministries: dict[str, list[Ministry]] = {}
        new_ministries: dict[str, list[str]] = {}
        for code, known, unknown in self._side_fields:
            ministries[code] = list(data[known]) if known else []
            for match, name in unknown:
                action = data[name]
                if action == ACTION_CREATE:
                    new_ministries.setdefault(code, []).append(str(match.value))
                elif action != ACTION_IGNORE:
                    ministries[code].append(self._existing_bodies[code][action])
        requests = []
        for index, (_match, action, status, raised_by, _s) in enumerate(self._request_fields):
            if data[action] == ACTION_SKIP:
                continue
            existing = None if data[action] == ACTION_NEW else self._open_requests[data[action]]
            requests.append(
                RequestChoice(
                    index=index, status=data[status], raised_by=data[raised_by], existing=existing
                )
            )
        return IntakeData(
            communique=communique,
            dialogue=data["dialogue"],
            number=data["number"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            city=data["city"].strip(),
            host_country=data["host_country"],
            topics=list(data["topics"]),
            ministries=ministries,
            new_ministries=new_ministries,
            heads=[int(i) for i in data["heads"]],
            requests=requests,
            agreements=[int(i) for i in data["agreements"]],
            statements=[int(i) for i in data["statements"]],
        )
