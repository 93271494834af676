"""The pictures of the public pages: each tag reads its data (rounds.analysis) and draws it
(rounds.charts), so a page adds a picture with one include and no change to its view."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import template
from django.core.paginator import Page
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from rounds import charts
from rounds.analysis.requests import request_timeline
from rounds.analysis.timeseries import (
    YearRounds,
    YearTable,
    country_dialogues_over_time,
    dialogue_topics_by_year,
    topic_rounds_by_year,
)
from rounds.models import CooperationRequest, Country, Dialogue, ThreatTopic
from rounds.templatetags.rounds_extras import ordinal, round_name

register = template.Library()


@dataclass(frozen=True)
class Chart:
    """A picture and the data it draws, for the table that stands in for it."""

    svg: SafeString
    table: object
    counts: str  # what one unit of the picture is, in words

    def __bool__(self) -> bool:
        return bool(self.svg)


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _leaders(table: YearTable) -> str:
    top = sorted(table.rows, key=lambda row: -row.total)[:3]
    return "; ".join(
        ngettext("%(label)s: %(count)s round", "%(label)s: %(count)s rounds", row.total)
        % {"label": row.label, "count": row.total}
        for row in top
    )


@register.simple_tag
def dialogue_topics_chart(dialogue: Dialogue, years: list[YearRounds] | None = None) -> Chart:
    table = dialogue_topics_by_year(dialogue, years)
    counts = gettext("published rounds of this dialogue that listed the topic, per calendar year")
    if not table:
        return Chart(SafeString(""), table, counts)
    rows = [charts.GridRow(row.label, row.counts(table.years)) for row in table.rows]
    svg = charts.year_grid(
        rows,
        table.years,
        ids="topics-by-year",
        title=gettext("Threat topics by year, %(dialogue)s") % {"dialogue": dialogue.display_name},
        desc=gettext(
            "Each row is a threat topic, each column a year from %(span)s; the number in a cell "
            "counts the %(counts)s, and darker cells mean more rounds. Empty columns are years "
            "without a round. Most frequent: %(leaders)s."
        )
        % {"span": _span(table.years), "counts": counts, "leaders": _leaders(table)},
    )
    return Chart(svg, table, counts)


@register.simple_tag
def dialogue_years_chart(dialogue: Dialogue, years: list[YearRounds]) -> Chart:
    """The dialogue's rounds per year on a time axis; `years` from the view
    (analysis.timeseries.dialogue_rounds_per_year), which also lists them."""
    counts = gettext("published rounds of this dialogue per calendar year of their start")
    if not years:
        return Chart(SafeString(""), years, counts)
    total = sum(y.count for y in years)
    busiest = max(years, key=lambda y: y.count)
    rounds = ngettext("%(count)s round", "%(count)s rounds", total) % {"count": total}
    in_years = ngettext("in %(count)s year", "in %(count)s years", len(years)) % {
        "count": len(years)
    }
    svg = charts.year_bars(
        {y.year: y.count for y in years},
        ids="rounds-by-year",
        title=gettext("Rounds per year, %(dialogue)s") % {"dialogue": dialogue.display_name},
        desc=gettext(
            "One bar per year from %(span)s, as high as the number of %(counts)s; years without "
            "a bar had no round. %(rounds)s %(in_years)s; the most in %(year)s (%(most)s)."
        )
        % {
            "span": _span([years[0].year, years[-1].year]),
            "counts": counts,
            "rounds": rounds,
            "in_years": in_years,
            "year": busiest.year,
            "most": busiest.count,
        },
    )
    return Chart(svg, years, counts)


@register.simple_tag
def topic_rounds_chart(topic: ThreatTopic, table: YearTable | None = None) -> Chart:
    """`table`: topic_rounds_by_year(topic) when the page has read it already."""
    table = topic_rounds_by_year(topic) if table is None else table
    counts = gettext(
        "published rounds per calendar year that listed this topic or recorded a statement "
        "or request about it"
    )
    if not table:
        return Chart(SafeString(""), table, counts)
    rows = [charts.GridRow(row.label, row.counts(table.years)) for row in table.rows]
    if len(rows) > 1:
        rows.append(
            charts.GridRow(
                gettext("All dialogues"), dict(zip(table.years, table.rounds_per_year, strict=True))
            )
        )
    svg = charts.year_grid(
        rows,
        table.years,
        ids="topic-by-year",
        title=gettext("Rounds on %(topic)s per year") % {"topic": topic.localized_name},
        desc=gettext(
            "Each row is a dialogue, each column a year from %(span)s; the number in a cell "
            "counts the %(counts)s, and darker cells mean more rounds. %(leaders)s."
        )
        % {"span": _span(table.years), "counts": counts, "leaders": _leaders(table)},
    )
    return Chart(svg, table, counts)


def _numbers(year: YearRounds) -> str:
    if year.first == year.last:
        return round_name(year.first)
    return gettext("%(count)s rounds, %(first)s to %(last)s") % {
        "count": year.count,
        "first": ordinal(year.first),
        "last": ordinal(year.last),
    }


@register.simple_tag
def country_dialogues_chart(country: Country) -> Chart:
    """One lane per dialogue, one dot per year with rounds (numbered with their count), so the
    picture grows with the years, not with the rounds."""
    dialogues = country_dialogues_over_time(country)
    counts = gettext("published rounds of each dialogue per calendar year")
    lanes = [
        charts.Lane(
            entry.dialogue.display_name,
            [
                charts.LanePoint(
                    date=datetime.date(year.year, 7, 1),
                    label=str(year.count),
                    title=f"{year.year}: {_numbers(year)}",
                )
                for year in entry.years
            ],
        )
        for entry in dialogues
    ]
    if not lanes:
        return Chart(SafeString(""), dialogues, counts)
    first = min(entry.years[0].year for entry in dialogues)
    last = max(entry.years[-1].year for entry in dialogues)
    summary = "; ".join(
        ngettext("%(dialogue)s: %(count)s round", "%(dialogue)s: %(count)s rounds", entry.count)
        % {"dialogue": entry.dialogue.display_name, "count": entry.count}
        + f", {entry.years[0].year}"
        + (f"–{entry.years[-1].year}" if entry.years[-1].year != entry.years[0].year else "")
        for entry in dialogues
    )
    svg = charts.lanes(
        lanes,
        ids="country-dialogues",
        title=gettext("Dialogues of %(country)s over time") % {"country": country.localized_name},
        desc=gettext(
            "One line per dialogue on a time axis from %(first)s to %(last)s; each dot is a year "
            "with published rounds, numbered with how many. %(summary)s."
        )
        % {"first": first, "last": last, "summary": summary},
    )
    return Chart(svg, dialogues, counts)


@register.simple_tag
def request_timeline_chart(request: CooperationRequest, rounds_page: Page) -> Chart:
    """The request at each round of `rounds_page`, a page of rounds_since_opening()."""
    steps = request_timeline(request, list(rounds_page))
    counts = gettext("published rounds of the dialogue since the request was opened")
    if not steps:
        return Chart(SafeString(""), steps, counts)
    lane = charts.Lane(
        gettext("This request"),
        [
            charts.LanePoint(
                date=step.round.start_date,
                label=str(step.round.number),
                title=f"{round_name(step.round.number)}, {step.round.date_label}: "
                + (
                    step.status_label
                    if step.update
                    else gettext("not mentioned (%(status)s carried over)")
                    % {"status": step.status_label or gettext("no status yet")}
                ),
                kind=step.kind,
            )
            for step in steps
        ],
    )
    figures = {
        "count": len(steps),
        "mentioned": sum(1 for step in steps if step.update),
        "latest": steps[-1].status_label or gettext("none"),
    }
    if rounds_page.has_other_pages():
        desc = gettext(
            "Rounds %(first)s to %(last)s of the %(total)s published since it was opened, "
            "placed at their dates; %(mentioned)s of them recorded a status. Status after "
            "round %(last)s: %(latest)s."
        ) % {
            **figures,
            "first": steps[0].round.number,
            "last": steps[-1].round.number,
            "total": rounds_page.paginator.count,
        }
    else:
        desc = (
            ngettext(
                "%(count)s published round since it was opened, placed at its date; %(mentioned)s "
                "of them recorded a status. Latest: %(latest)s.",
                "%(count)s published rounds since it was opened, placed at their dates; "
                "%(mentioned)s of them recorded a status. Latest: %(latest)s.",
                len(steps),
            )
            % figures
        )
    svg = charts.lanes(
        [lane], ids="request-timeline", title=gettext("The request round by round"), desc=desc
    )
    return Chart(svg, steps, counts)
