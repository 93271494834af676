"""Presentation helpers of the public pages: ordinals, the citation line, the SVG timeline."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from rounds import citations
from rounds.analysis.accounts import both_sides_report
from rounds.citations import round_title  # noqa: F401  (feeds import it from here)
from rounds.models import Round

register = template.Library()


@register.filter
def ordinal(value: int | str) -> str:
    """Return 1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'; in Spanish 2 → '2.ª' (ronda)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    if (get_language() or "").startswith("es"):
        return f"{number}.ª"
    return citations.ordinal(number)


@register.filter
def round_name(value: int | str) -> str:
    """Return 2 → '2nd round' ('2.ª ronda')."""
    return gettext("%(ordinal)s round") % {"ordinal": ordinal(value)}


@register.filter
def number_range(numbers: list[int]) -> str:
    """Return [2] → 'Round 2', [2, 3] → 'Rounds 2–3' (the numbers are consecutive)."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return gettext("Round %(number)s") % {"number": numbers[0]}
    return gettext("Rounds %(first)s–%(last)s") % {"first": numbers[0], "last": numbers[-1]}


@register.filter
def not_recorded(numbers: list[int]) -> str:
    """Return [2] → 'Round 2 is not recorded yet.', [1, 2] → 'Rounds 1–2 are not recorded yet.'"""
    if not numbers:
        return ""
    return ngettext(
        "%(rounds)s is not recorded yet.", "%(rounds)s are not recorded yet.", len(numbers)
    ) % {"rounds": number_range(numbers)}


@register.filter
def possessive(name: str) -> str:
    """Return 'Cuba’s', 'United States’': the possessive of a proper name ('de Cuba')."""
    name = str(name)
    if (get_language() or "").startswith("es"):
        return f"de {name}"
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def citation_of(context: template.Context, round_: Round) -> citations.Citation:
    return citations.citation_for_request(round_, context.get("request"))


@register.simple_tag(takes_context=True)
def cite_round(context: template.Context, round_: Round) -> str:
    """Return the citation line of a round, with its absolute URL and today's date."""
    return citations.as_text(citation_of(context, round_))


@register.simple_tag(takes_context=True)
def round_citation_head(context: template.Context, round_: Round) -> str:
    """The <head> metadata of a round page: Highwire/Dublin Core tags and the Event JSON-LD."""
    citation = citation_of(context, round_)
    tags = format_html_join(
        "\n", '<meta name="{}" content="{}">', citations.highwire_tags(citation)
    )
    return format_html(
        '{}\n<script type="application/ld+json">{}</script>',
        tags,
        # Escaped for a <script> element by json_for_script, so not HTML-escaped again.
        mark_safe(citations.json_for_script(citations.event_json_ld(citation))),  # noqa: S308
    )


@register.simple_tag
def round_timeline(rounds: list[Round], current: Round | None = None) -> str:
    """Draw the chain of rounds as an SVG: one slot per number, hollow where unrecorded."""
    if not rounds:
        return ""
    by_number = {r.number: r for r in rounds}
    # Start at round 1, so unrecorded early rounds show as gaps too.
    first, last = 1, max(by_number)
    slot, pad, height, y = 96, 48, 118, 44
    width = pad * 2 + slot * (last - first)

    def x_of(number: int) -> int:
        return pad + slot * (number - first)

    parts = [
        format_html(
            '<line class="timeline-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            pad,
            y,
            x_of(last),
            y,
        )
    ]
    for number in range(first, last + 1):
        cx = x_of(number)
        round_ = by_number.get(number)
        if round_ is None:
            parts.append(
                format_html(
                    '<g class="timeline-missing"><title>{missing}</title>'
                    '<circle cx="{cx}" cy="{y}" r="14"/>'
                    '<text x="{cx}" y="{ty}" text-anchor="middle">{n}</text>'
                    '<text class="timeline-date" x="{cx}" y="{dy}" text-anchor="middle">'
                    "{not_recorded}</text></g>",
                    missing=gettext("Round %(number)s is not recorded yet") % {"number": number},
                    not_recorded=gettext("not recorded"),
                    n=number,
                    cx=cx,
                    y=y,
                    ty=y + 5,
                    dy=y + 38,
                )
            )
            continue
        label_y = y + 38 if number % 2 else y + 58
        is_current = current is not None and current.pk == round_.pk
        css = "timeline-round is-current" if is_current else "timeline-round"
        parts.append(
            format_html(
                # Out of the tab order: the list of rounds under the figure is the keyboard route.
                '<a href="{url}" class="{css}" tabindex="-1"><title>{title}</title>'
                '<circle cx="{cx}" cy="{y}" r="16"/>'
                '<text class="timeline-number" x="{cx}" y="{ty}" text-anchor="middle">{n}</text>'
                '<text class="timeline-date" x="{cx}" y="{dy}" text-anchor="middle">{date}</text>'
                "</a>",
                url=round_.get_absolute_url(),
                css=css,
                title=localized_title(round_),
                cx=cx,
                y=y,
                ty=y + 5,
                n=number,
                dy=label_y,
                date=short_date(round_),
            )
        )
    description = "; ".join(
        f"{round_name(r.number)}: {r.date_label}{', ' + r.city if r.city else ''}"
        for r in sorted(rounds, key=lambda r: r.number)
    )
    return format_html(
        '<svg class="timeline" role="img" aria-labelledby="timeline-title timeline-desc" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="timeline-title">{title}</title>'
        '<desc id="timeline-desc">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        title=gettext("Timeline of the rounds"),
        desc=description,
        body=format_html_join("", "{}", ((part,) for part in parts)),
    )


def localized_title(round_: Round) -> str:
    """round_title in the reader's language (citations keep the record's own names)."""
    place = ", ".join(part for part in (round_.city, round_.date_label) if part)
    return f"{round_.dialogue.localized_name} — {round_name(round_.number)} ({place})"


def short_date(round_: Round) -> str:
    """Return the date of a round for a narrow label, e.g. 'Sep 2017' or '2016'."""
    if round_.date_precision == "year":
        return str(round_.start_date.year)
    return format_date(round_.start_date, "M Y")


@register.filter
def reported_by_both_sides(round_: Round, communiques) -> bool:
    """Whether prefetched `communiques` of the round include one from each party."""
    return both_sides_report(round_, list(communiques))
