"""Presentation helpers of the public pages: ordinals, the citation line, status badges."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from rounds import citations
from rounds.analysis.accounts import both_sides_report
from rounds.models import Round
from rounds.search.widgets import render_options
from rounds.sitemaps import urlset_xml

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


@register.simple_tag
def status_badge(status: str, label: str, explanation: str) -> SafeString:
    """A request's status as a badge (includes/_status.html draws it with this tag): a tag,
    not an include, because tables draw one per row."""
    if not status:
        return format_html('<span class="status">{}</span>', gettext("Not recorded"))
    return format_html(
        '<span class="status status-{}" title="{}">{}</span>', status, explanation, label
    )


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


def localized_title(round_: Round) -> str:
    """round_title in the reader's language (citations keep the record's own names)."""
    place = ", ".join(part for part in (round_.city, round_.date_label) if part)
    return f"{round_.dialogue.localized_name} — {round_name(round_.number)} ({place})"


@register.filter
def reported_by_both_sides(round_: Round, communiques) -> bool:
    """Whether prefetched `communiques` of the round include one from each party."""
    return both_sides_report(round_, list(communiques))


@register.filter
def select_options(options) -> SafeString:
    """The <option>s of a menu's (value, label, selected) triples (rounds.search.page)."""
    return render_options(options)


@register.filter
def sitemap_urls(urlset) -> SafeString:
    """The <url> elements of a sitemap page (rounds.sitemaps.urlset_xml)."""
    return urlset_xml(urlset)


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    """The current query string with `param` (a paginator's page parameter) set to `number`,
    as Django's {% querystring %} does for a parameter named in a variable."""
    query = context.request.GET.copy()
    query[param or "page"] = number
    return f"?{query.urlencode()}"
