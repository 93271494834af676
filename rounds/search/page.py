"""What the search page shows besides the paginated rounds: options, snippets, facets, advice."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rounds.models import (
    Round,
)

from . import get_backend
from .explain import Reason
from .filters import RoundFilter, Sort
from .query import parse_query


@dataclass(frozen=True)
class FacetLink:
    """A facet entry as the page shows it: `value` is what the link sets the parameter to."""

    label: str
    count: int
    active: bool
    value: object


def facet_links(filterset: RoundFilter) -> dict[str, list[FacetLink]]:
    """Facets of the current result set, each entry a link that toggles its filter."""
    facets = filterset.facets()
    if not facets.total:
        return {}
    data = filterset.cleaned
    chosen = [topic.slug for topic in filterset.selected_topics]
    dialogue = data.get("dialogue")
    country = data.get("country")

    def toggle_topic(slug: str) -> list[str]:
        return [s for s in chosen if s != slug] if slug in chosen else [*chosen, slug]

    return {
        "topics": [
            FacetLink(item.label, item.count, item.key in chosen, toggle_topic(item.key))
            for item in facets.topics
        ],
        "dialogues": [
            FacetLink(
                item.label,
                item.count,
                active := bool(dialogue and dialogue.slug == item.key),
                None if active else item.key,
            )
            for item in facets.dialogues
        ],
        "countries": [
            FacetLink(
                item.label,
                item.count,
                active := bool(country and country.code.lower() == item.key),
                None if active else item.key,
            )
            for item in facets.countries
        ],
    }


def explanations_for(rounds: list[Round], filterset: RoundFilter) -> dict[int, list[Reason]]:
    """Return {round id: why it matched} for the rounds of one page (a fixed number of queries).

    The words of the search are explained by the backend (explain.py); a chosen topic that
    the round lists is a reason too.
    """
    parsed = parse_query(filterset.search_text)
    found = get_backend().explain([r.pk for r in rounds], parsed) if parsed and rounds else {}
    chosen = {topic.pk for topic in filterset.selected_topics}
    if chosen:
        for round_ in rounds:
            listed = [
                Reason(
                    "listed_topic",
                    pgettext_lazy("search reason", "listed topic"),
                    t.localized_name,
                    t.localized_name,
                    SafeString(""),
                    "",
                )
                for t in round_.topics.all()
                if t.pk in chosen
            ]
            found[round_.pk] = listed + found.get(round_.pk, [])
    return found


CHOICE_FIELDS = [
    "topic",
    "match",
    "dialogue",
    "country",
    "country_role",
    "ministry",
    "open_requests",
    "request_status",
    "request_by",
    "sort",
]


def field_options(bound_field, cache: dict) -> list[tuple[str, str, bool]]:
    """Return (value, label, selected) per choice.

    The template loops over plain tuples, which renders far faster than one widget template per
    option; model choices are read once per model for the whole form (`cache`).
    """
    field = bound_field.field
    value = bound_field.value()
    values = value if isinstance(value, list | tuple) else [value]
    chosen = {str(v).strip().upper() for v in values if v not in (None, "")}
    if isinstance(field, forms.ModelChoiceField):
        model = field.queryset.model
        if model not in cache:
            cache[model] = list(field.queryset)
        choices = [("", field.empty_label)] if getattr(field, "empty_label", None) else []
        choices += [
            (field.prepare_value(obj), field.label_from_instance(obj)) for obj in cache[model]
        ]
    else:
        choices = list(field.choices)
    return [
        (str(key), str(label), str(key).upper() in chosen if key != "" else not chosen)
        for key, label in choices
    ]


def sort_options(filterset: RoundFilter) -> list[tuple[str, str, bool]]:
    """The Sort menu: one entry per order, labelled as the results line words it.

    The first entry (no `sort`) is the default: most relevant first with words to search
    (`sort=relevance` shows it too), newest first without words or when the words match too
    many rounds to rank them by default (RoundFilter.ranks_by_default); "most relevant first"
    is then offered on its own. An explicit "newest first" is offered where it differs from
    the default.
    """
    explicit = filterset.cleaned.get("sort") or ""
    words, ranks = filterset.has_search, filterset.ranks_by_default
    if explicit == Sort.RELEVANCE and (ranks or not words):
        explicit = ""
    if ranks:
        default = _("most relevant first")
    elif words:
        default = _("newest first (too many matches to rank them by default)")
    else:
        default = _("newest first (by relevance with words)")
    options = [("", str(default), explicit == "")]
    if words and not ranks:
        options.append((Sort.RELEVANCE, str(_("most relevant first")), explicit == Sort.RELEVANCE))
    if ranks or explicit == Sort.NEWEST:
        options.append((Sort.NEWEST, str(_("newest first")), explicit == Sort.NEWEST))
    options.append((Sort.OLDEST, str(_("oldest first")), explicit == Sort.OLDEST))
    return options


def search_page_context(filterset: RoundFilter, page_rounds: list[Round], total: int) -> dict:
    """Everything the search page shows besides the paginated rounds themselves."""
    valid = filterset.accepts
    form = filterset.form
    cache: dict = {}
    options = {name: field_options(form[name], cache) for name in CHOICE_FIELDS}
    options["sort"] = sort_options(filterset)
    if not valid:
        errors = [
            (form.fields[name].label if name in form.fields else "", message)
            for name, messages in form.errors.items()
            for message in messages
        ]
        return {
            "options": options,
            "search_valid": False,
            "search_errors": errors,
            "results": [],
            "facets": {},
            "is_filtered": True,
        }
    reasons = explanations_for(page_rounds, filterset)
    filtered = filterset.narrows
    return {
        "options": options,
        "search_valid": True,
        "results": [(round_, reasons.get(round_.pk, [])) for round_ in page_rounds],
        "has_words": filterset.has_search,
        "facets": facet_links(filterset),
        "is_filtered": filtered,
        "filter_summary": filterset.describe(),
        "suggestions": filterset.relax_suggestions() if filtered and not total else [],
        "sort_key": filterset.sort_key,
        "sort_label": dict(Sort.CHOICES)[filterset.sort_key],
    }
