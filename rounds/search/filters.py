"""The filtered search of rounds: one FilterSet for the search page, its exports and its feed.

Every filter narrows a queryset that starts from published rounds, with `Exists` subqueries
rather than joins, so a round is never counted twice and pagination stays right. Invalid input
(unknown slugs, malformed or reversed dates, huge numbers, NUL characters, over-long searches)
becomes a form error with a `code`; the page then lists nothing and says why.
"""

from __future__ import annotations

import re
from contextlib import nullcontext

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from rounds.models import (
    CooperationRequest,
    Country,
    Delegate,
    Dialogue,
    Ministry,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundQuerySet,
    ThreatTopic,
)

from . import get_backend, search_rounds
from .facets import Facets, facet_counts, facets_of_every_published_round
from .query import MAX_QUERY_LENGTH, parse_query
from .widgets import QuickSelect

MAX_TOPICS = 10
# A search with words ranks its matches by relevance by default up to this many matches.
RANK_BY_DEFAULT_UP_TO = 2000
# How far RoundFilter.matches_at_most() counts matches (the limits it answers for).
COUNTED_UP_TO = RANK_BY_DEFAULT_UP_TO


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MIN_YEAR, MAX_YEAR = 1900, 2100


class Match:
    ANY = "any"
    ALL = "all"
    CHOICES = [(ANY, _("any of them")), (ALL, _("all of them"))]


class CountryRole:
    PARTICIPATED = "participated"
    HOSTED = "hosted"
    CHOICES = [(PARTICIPATED, _("took part")), (HOSTED, _("hosted"))]


class Sort:
    NEWEST = "-date"
    OLDEST = "date"
    RELEVANCE = "relevance"
    CHOICES = [
        (NEWEST, _("newest first")),
        (OLDEST, _("oldest first")),
        (RELEVANCE, _("most relevant first")),
    ]


def refuse_nul(values) -> None:
    """PostgreSQL cannot store or compare NUL characters: refuse them before any query."""
    if any("\x00" in str(value) for value in values):
        raise ValidationError(
            _("Remove the null character (%%00) from this value."), code="null_character"
        )


def record_label(obj) -> str:
    """A menu entry: the record's name in the reader's language, else its usual label."""
    name = getattr(obj, "localized_name", None)
    if name and name != obj.name:
        acronym = getattr(obj, "acronym", "")
        return f"{name} ({acronym})" if acronym else name
    return str(obj)


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice by a readable key (slug or code), refusing NUL characters first."""

    widget = QuickSelect

    def __init__(self, *args, upper: bool = False, **kwargs):
        self.upper = upper
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        refuse_nul([value])
        value = str(value).strip()
        return super().to_python(value.upper() if self.upper else value)

    def label_from_instance(self, obj) -> str:
        return record_label(obj)


class SlugMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return record_label(obj)

    def clean(self, value):
        if value and not isinstance(value, list | tuple):
            value = [value]
        refuse_nul(value or [])
        if value and len(set(value)) > MAX_TOPICS:
            raise ValidationError(
                _("Choose at most %(max)s topics."),
                code="too_many_topics",
                params={"max": MAX_TOPICS},
            )
        return super().clean(list(dict.fromkeys(value)) if value else value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SlugMultipleChoiceField


class PersonField(forms.CharField):
    """A person of a published round by slug or name: "gala-lopez", "Yuri Gala", "gala lópez".

    Cleans to the list of matching people (a name can fit several); none is an error.
    """

    MAX_MATCHES = 50

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        refuse_nul([value])
        people = Person.objects.public()
        folded = slugify(value)
        by_slug = list(people.filter(slug=folded)[:1])
        if by_slug:
            return by_slug
        matches = list(
            people.filter(
                Q(name__icontains=value) | Q(slug__contains=folded)
                if folded
                else Q(name__icontains=value)
            ).order_by("name", "pk")[: self.MAX_MATCHES]
        )
        if not matches:
            raise ValidationError(
                _("No one called “%(name)s” is recorded in a published round."),
                code="unknown_person",
                params={"name": value},
            )
        return matches


class PersonFilter(django_filters.CharFilter):
    field_class = PersonField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class RoundFilterForm(forms.Form):
    """Cross-field rules of the search form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to",
                ValidationError(
                    _("The end date (%(to)s) is before the start date (%(from)s); swap them."),
                    code="date_range_reversed",
                    params={"from": date_from.isoformat(), "to": date_to.isoformat()},
                ),
            )
        q = cleaned.get("q")
        if q:
            parsed = parse_query(q)
            if not parsed:  # only OR, quotes, punctuation, single letters or common words
                self.add_error(
                    "q",
                    ValidationError(_("Give at least one word to search for."), code="no_words"),
                )
            elif not parsed.has_positive_term:
                self.add_error(
                    "q",
                    ValidationError(
                        _("Give at least one word to look for, not only -exclusions."),
                        code="only_exclusions",
                    ),
                )
        return cleaned


def _topics_phrase(filterset: RoundFilter, data: dict) -> str:
    joiner = f" {_('and')} " if data.get("match") == Match.ALL else f" {_('or')} "
    return joiner.join(topic.localized_name for topic in filterset.selected_topics)


def _country_phrase(filterset: RoundFilter, data: dict) -> str:
    if data.get("country_role") == CountryRole.HOSTED:
        return _("hosted by %(country)s") % {"country": data["country"].localized_name}
    return _("with %(country)s") % {"country": data["country"].localized_name}


# How RoundFilter.describe() words each parameter that is set, in this order.
_DESCRIPTIONS = [
    ("q", lambda f, data: f"“{data['q']}”"),
    ("topic", _topics_phrase),
    ("dialogue", lambda f, data: data["dialogue"].display_name),
    ("country", _country_phrase),
    ("ministry", lambda f, data: data["ministry"].localized_name),
    (
        "person",
        lambda f, data: (
            _("with %(people)s") % {"people": f" {_('or')} ".join(p.name for p in data["person"])}
        ),
    ),
    ("city", lambda f, data: _("in %(place)s") % {"place": data["city"]}),
    ("date_from", lambda f, data: _("from %(date)s") % {"date": date_format(data["date_from"])}),
    ("date_to", lambda f, data: _("until %(date)s") % {"date": date_format(data["date_to"])}),
    ("year", lambda f, data: _("in %(place)s") % {"place": data["year"]}),
    (
        "open_requests",
        lambda f, data: (
            _("without open requests") if data["open_requests"] == "no" else _("with open requests")
        ),
    ),
    (
        "request_status",
        lambda f, data: (
            _("requests %(status)s")
            % {"status": RequestStatus(data["request_status"]).label.lower()}
        ),
    ),
    (
        "request_by",
        lambda f, data: (
            _("requests by %(country)s") % {"country": data["request_by"].localized_name}
        ),
    ),
]


class PublicFilterSet(django_filters.FilterSet):
    """What the public FilterSets (rounds, requests) share: whether the input is acceptable,
    and the cleaned values (empty when nothing was asked)."""

    @property
    def accepts(self) -> bool:
        """No parameters at all (an unfiltered list), or parameters that all validate."""
        return not self.is_bound or self.is_valid()

    @property
    def cleaned(self) -> dict:
        return getattr(self.form, "cleaned_data", {}) if self.is_bound else {}


class RoundFilter(PublicFilterSet):
    """Filter published rounds by what analysts ask about; see docs/search.md."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Words"),
        max_length=MAX_QUERY_LENGTH,
        help_text=_('e.g. cybercrime, "human trafficking", drugs OR narcotics, -terrorism'),
    )
    topic = SlugMultipleChoiceFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=ThreatTopic.objects.public(),
        method="filter_topic",
        label=_("Threat topics"),
        widget=forms.CheckboxSelectMultiple,
    )
    match = django_filters.ChoiceFilter(
        choices=Match.CHOICES,
        method="keep",
        label=_("Rounds with"),
        empty_label=None,
        null_label=None,
    )
    dialogue = SlugChoiceFilter(
        to_field_name="slug",
        queryset=Dialogue.objects.for_menus(),
        label=_("Dialogue"),
        empty_label=_("Any dialogue"),
    )
    country = SlugChoiceFilter(
        to_field_name="code",
        queryset=Country.objects.public(),
        method="filter_country",
        label=_("Country"),
        empty_label=_("Any country"),
        upper=True,
    )
    country_role = django_filters.ChoiceFilter(
        choices=CountryRole.CHOICES,
        method="keep",
        label=_("Country role"),
        empty_label=None,
        null_label=None,
        help_text=_("Took part includes hosting: the host is always one of the two parties."),
    )
    ministry = SlugChoiceFilter(
        to_field_name="slug",
        queryset=Ministry.objects.in_published_rounds(),
        method="filter_ministry",
        label=_("Ministry or agency"),
        empty_label=_("Any ministry or agency"),
    )
    person = PersonFilter(
        method="filter_person",
        label=_("Person"),
        max_length=200,
        help_text=_(
            "A name or part of one, e.g. Gala López; rounds where they sat in a delegation."
        ),
    )
    city = django_filters.CharFilter(
        field_name="city", lookup_expr="iexact", label=_("Host city"), max_length=100
    )
    date_from = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = YearFilter(
        field_name="start_date",
        lookup_expr="year",
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
    )
    open_requests = django_filters.ChoiceFilter(
        choices=[("yes", _("with open requests")), ("no", _("without open requests"))],
        method="keep",
        label=_("Requests"),
        empty_label=_("with or without open requests"),
        help_text=_("Open: a request still open today was raised or discussed at the round."),
    )
    request_status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices,
        method="keep",
        label=_("Request status at the round"),
        empty_label=_("Any"),
    )
    request_by = SlugChoiceFilter(
        to_field_name="code",
        queryset=Country.objects.public(),
        method="keep",
        label=_("Request raised by"),
        empty_label=_("Either side"),
        upper=True,
    )
    sort = django_filters.ChoiceFilter(
        choices=Sort.CHOICES, method="keep", label=_("Sort"), empty_label=_("most relevant first")
    )

    class Meta:
        model = Round
        form = RoundFilterForm
        fields: list[str] = []

    # Options that change how other filters or the order work: alone, they narrow nothing.
    OPTIONS = frozenset({"match", "country_role", "sort"})

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, counts_facets=False):
        # The search page shows facets (counting every match); the API, exports and feeds not.
        self.counts_facets = counts_facets
        if queryset is None:
            queryset = Round.objects.published()
        # The search page's own queryset, not a dialogue's feed or another narrowed start.
        self.starts_from_every_published_round = (
            queryset.query.where == Round.objects.published().query.where
        )
        # The vector is for the database only; do not ship it to Python with every row.
        super().__init__(data, queryset.defer("search_vector"), request=request, prefix=prefix)

    # -- filter methods ------------------------------------------------------------------

    def keep(self, queryset: RoundQuerySet, name: str, value) -> RoundQuerySet:
        """Options read by other filters (match, sort, ...) do not filter by themselves."""
        return queryset

    def filter_q(self, queryset: RoundQuerySet, name: str, value: str) -> RoundQuerySet:
        return search_rounds(queryset, value)

    def filter_topic(self, queryset: RoundQuerySet, name: str, topics) -> RoundQuerySet:
        if not topics:  # an empty queryset of topics is not in EMPTY_VALUES
            return queryset
        through = Round.topics.through.objects.filter(round_id=OuterRef("pk"))
        if self.form.cleaned_data.get("match") == Match.ALL:
            for topic in topics:
                queryset = queryset.filter(Exists(through.filter(threattopic_id=topic.pk)))
            return queryset
        return queryset.filter(Exists(through.filter(threattopic__in=topics)))

    def filter_country(self, queryset: RoundQuerySet, name: str, country) -> RoundQuerySet:
        # Dialogues are bilateral and delegations come only from the two parties, so "took
        # part" is "is a party to the round's dialogue"; the host is always one of them.
        if self.form.cleaned_data.get("country_role") == CountryRole.HOSTED:
            return queryset.filter(host_country=country)
        return queryset.filter(Q(dialogue__party_a=country) | Q(dialogue__party_b=country))

    def filter_ministry(self, queryset: RoundQuerySet, name: str, ministry) -> RoundQuerySet:
        return queryset.touching_ministry(ministry)

    def filter_person(self, queryset: RoundQuerySet, name: str, people) -> RoundQuerySet:
        if not people:
            return queryset
        seats = Delegate.objects.filter(delegation__round_id=OuterRef("pk"), person__in=people)
        return queryset.filter(Exists(seats))

    def filter_queryset(self, queryset: RoundQuerySet) -> RoundQuerySet:
        return self.apply_sort(self.matching(queryset))

    @property
    def unordered_qs(self) -> RoundQuerySet:
        """`qs` without its order, for readers that order the rounds themselves or only test
        membership (feeds, alerts): choosing the default order may cost a count."""
        queryset = self.queryset.all()
        return self.matching(queryset) if self.is_bound else queryset

    def matching(self, queryset: RoundQuerySet) -> RoundQuerySet:
        """The rounds of `queryset` that every filter keeps, in no particular order."""
        return self.filter_requests(super().filter_queryset(queryset))

    def filter_requests(self, queryset: RoundQuerySet) -> RoundQuerySet:
        """Apply open_requests, request_status and request_by to the same request."""
        data = self.form.cleaned_data
        open_, status, raised_by = (
            {"yes": True, "no": False}.get(data.get("open_requests") or ""),
            data.get("request_status"),
            data.get("request_by"),
        )
        if open_ is None and not status and raised_by is None:
            return queryset
        requests = CooperationRequest.objects.public()
        if open_ is not None:
            requests = requests.filter(
                pk__in=CooperationRequest.objects.open(public_only=True).values("pk")
            )
        if raised_by is not None:
            requests = requests.filter(raised_by=raised_by)
        updates = RequestUpdate.objects.filter(round_id=OuterRef("pk"), request__in=requests)
        if status:
            updates = updates.filter(status=status)
        condition = Exists(updates)
        if not status:
            condition |= Exists(requests.filter(opened_in_id=OuterRef("pk")))
        return queryset.filter(condition if open_ is not False else ~condition)

    def apply_sort(self, queryset: RoundQuerySet) -> RoundQuerySet:
        if self.sort_key == Sort.RELEVANCE:
            return queryset.order_by("-rank", "-start_date", "-number", "-pk")
        if self.sort_key == Sort.OLDEST:
            return queryset.order_by("start_date", "number", "pk")
        return queryset.order_by("-start_date", "-number", "-pk")

    # -- what the page shows ---------------------------------------------------------------

    def facets(self) -> Facets:
        """Facet counts of the result set, computed once (the view also takes its total).
        When nothing narrows the search, they are the stored counts of every published round."""
        if not hasattr(self, "_facets"):
            valid = self.accepts
            if self.starts_from_every_published_round and valid and not self.narrows:
                self._facets = facets_of_every_published_round()
            elif not valid:
                self._facets = facet_counts(self.queryset.none())
            else:
                matching = self.matching(self.queryset.all())
                counting = get_backend().counting_matches if self.has_search else None
                with counting(matching.db) if counting else nullcontext():
                    self._facets = facet_counts(matching)
        return self._facets

    @property
    def ranks_by_default(self) -> bool:
        """Whether a search with words lists the most relevant rounds first by default: only
        up to RANK_BY_DEFAULT_UP_TO matches, since ranking reads every match's vector while
        newest first stops at the page's last round (a common word matches most rounds).

        The search page counts every match for its facets anyway and decides from that total.
        The API, exports and feeds count no facets: they count matches only up to the limit,
        which stops early for a common word, and only when the rounds are read."""
        if not self.has_search:
            return False
        return self.matches_at_most(RANK_BY_DEFAULT_UP_TO)

    def matches_at_most(self, limit: int) -> bool:
        """Whether at most `limit` (up to COUNTED_UP_TO) rounds match. From the facets' total
        on the search page, which counts every match anyway; elsewhere from one COUNT per
        FilterSet that stops after COUNTED_UP_TO + 1 matches (early, for a common word)."""
        if limit > COUNTED_UP_TO:
            raise ValueError(f"matches are counted up to {COUNTED_UP_TO} only")
        if self.counts_facets:
            return self.facets().total <= limit
        if not hasattr(self, "_matches_counted"):
            first = self.unordered_qs.order_by()[: COUNTED_UP_TO + 1]
            self._matches_counted = first.count()
        return self._matches_counted <= limit

    @property
    def narrows(self) -> bool:
        """Whether any filter value leaves out some published rounds."""
        for name, value in self.cleaned.items():
            if name in self.OPTIONS or value in EMPTY_VALUES:
                continue
            if isinstance(value, QuerySet) and value.query.is_empty():
                continue  # no topic chosen
            return True
        return False

    @property
    def search_text(self) -> str:
        return self.cleaned.get("q") or ""

    @property
    def has_search(self) -> bool:
        """Whether `q` holds something to search for (not just OR, quotes or punctuation)."""
        return bool(parse_query(self.search_text))

    @property
    def sort_key(self) -> str:
        sort = self.cleaned.get("sort")
        if sort == Sort.RELEVANCE and not self.has_search:
            return Sort.NEWEST  # relevance needs words to rank by
        if not sort:
            return Sort.RELEVANCE if self.ranks_by_default else Sort.NEWEST
        return sort

    @property
    def selected_topics(self) -> list[ThreatTopic]:
        return list(self.cleaned.get("topic") or [])

    def describe(self) -> str:
        """Say in words what the search asks for, e.g. for the page title and the feed."""
        data = self.cleaned
        parts = [str(phrase(self, data)) for key, phrase in _DESCRIPTIONS if data.get(key)]
        # Control characters are valid in a GET value but not in XML (the feed's title).
        return _CONTROL_CHARACTERS.sub("", "; ".join(parts))

    def relax_suggestions(self) -> list[str]:
        """Say which filters to loosen when nothing matches, most restrictive first."""
        data, tips = self.cleaned, []
        if data.get("q"):
            tips.append(_("use fewer or more general words, or OR between alternatives"))
        if len(self.selected_topics) > 1 and data.get("match") == Match.ALL:
            tips.append(_("match any of the topics instead of all of them"))
        elif self.selected_topics:
            tips.append(_("remove a topic"))
        if data.get("date_from") or data.get("date_to") or data.get("year"):
            tips.append(_("widen or remove the date range"))
        if data.get("open_requests") or data.get("request_status") or data.get("request_by"):
            tips.append(_("drop the request conditions"))
        for key, tip in (
            ("person", _("remove the person")),
            ("city", _("remove the host city")),
            ("ministry", _("remove the ministry")),
            ("country", _("remove the country")),
            ("dialogue", _("search all dialogues")),
        ):
            if data.get(key):
                tips.append(tip)
        return tips
