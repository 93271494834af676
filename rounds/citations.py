"""How a round is cited: one `Citation` (title, dates, place, URL), written out in every format.

The round page's plain-text line, the BibTeX, RIS and CSL-JSON downloads, the Highwire
`citation_*` meta tags that reference managers (Zotero's connector) read, and the schema.org
`Event` JSON-LD all start from `round_citation()`, so they can never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

from django.urls import reverse
from django.utils import timezone, translation

from .models import DatePrecision, Round

PUBLISHER = "DiploTrack"


def ordinal(number: int) -> str:
    """Return 1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def english_date(round_: Round) -> str:
    """A reference is written in English whatever the page's language (like its names)."""
    with translation.override("en"):
        return round_.date_label


def round_title(round_: Round) -> str:
    """Return e.g. 'Cuba–United States Law Enforcement Dialogue — 4th round (Havana, May 2016)'."""
    place = ", ".join(part for part in (round_.city, english_date(round_)) if part)
    return f"{round_.dialogue.name} — {ordinal(round_.number)} round ({place})"


@dataclasses.dataclass(frozen=True)
class Citation:
    key: str
    title: str
    url: str
    dialogue: str
    dialogue_url: str
    number: int
    start: datetime.date
    end: datetime.date
    precision: str
    date_label: str
    city: str
    venue: str
    host: str
    host_code: str
    topics: tuple[str, ...]
    summary: str
    updated: datetime.date
    accessed: datetime.date

    @property
    def event_parts(self) -> list[int]:
        """The round's start as CSL date parts, only as precise as the sources are."""
        parts = [self.start.year, self.start.month, self.start.day]
        return parts[: {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2}.get(self.precision, 3)]

    @property
    def event_iso(self) -> str:
        return "-".join(f"{part:02d}" for part in self.event_parts)

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue, self.city, self.host) if part)


def round_citation(
    round_: Round, *, url: str, dialogue_url: str = "", accessed: datetime.date | None = None
) -> Citation:
    """Return the citation of a published round (dialogue, host and topics loaded)."""
    updated = round_.updated_at or round_.published_at or timezone.now()
    return Citation(
        key=f"diplotrack-{round_.dialogue.slug}-{round_.number}",
        title=round_title(round_),
        url=url,
        dialogue=round_.dialogue.name,
        dialogue_url=dialogue_url,
        number=round_.number,
        start=round_.start_date,
        end=round_.end_date,
        precision=round_.date_precision,
        date_label=english_date(round_),
        city=round_.city,
        venue=round_.venue,
        host=round_.host_country.name if round_.host_country else "",
        host_code=round_.host_country.code if round_.host_country else "",
        topics=tuple(topic.name for topic in round_.topics.all()),
        summary=round_.summary,
        updated=timezone.localdate(updated),
        accessed=accessed or timezone.localdate(),
    )


def citation_for_request(round_: Round, request=None) -> Citation:
    """The round's citation with absolute addresses built from the request (paths without)."""

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path) if request is not None else path

    return round_citation(
        round_,
        url=absolute(round_.get_absolute_url()),
        dialogue_url=absolute(reverse("rounds:dialogue-detail", args=[round_.dialogue.slug])),
    )


# -- plain text --------------------------------------------------------------------------------


def as_text(citation: Citation) -> str:
    accessed = citation.accessed
    return (
        f"{PUBLISHER}, “{citation.title}”, {citation.url}, "
        f"accessed {accessed.day} {accessed:%B %Y}."
    )


# -- BibTeX ------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def bibtex_escape(value: str) -> str:
    """Escape what LaTeX reads as commands; braces stay balanced whatever the text holds."""
    value = " ".join(value.split())
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), value
    )


def as_bibtex(citation: Citation) -> str:
    note = f"{ordinal(citation.number)} round, {citation.date_label}"
    if citation.place:
        note += f", {citation.place}"
    fields = [
        ("author", "{" + PUBLISHER + "}"),
        ("title", "{" + bibtex_escape(citation.title) + "}"),
        ("howpublished", PUBLISHER),
        ("year", str(citation.updated.year)),
        ("month", citation.updated.strftime("%b").lower()),
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("note", bibtex_escape(note + f". Record last updated {citation.updated.isoformat()}.")),
    ]
    if citation.topics:
        fields.append(("keywords", bibtex_escape(", ".join(citation.topics))))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{citation.key},\n{body}\n}}\n"


# -- RIS ---------------------------------------------------------------------------------------


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(str(value).split())}\r\n"


def as_ris(citation: Citation) -> str:
    lines = [
        _ris_line("TY", "ELEC"),
        _ris_line("ID", citation.key),
        _ris_line("TI", citation.title),
        _ris_line("AU", PUBLISHER),
        _ris_line("PB", PUBLISHER),
        _ris_line("PY", str(citation.updated.year)),
        _ris_line("DA", citation.updated.strftime("%Y/%m/%d")),
        _ris_line("Y2", citation.accessed.strftime("%Y/%m/%d")),
        _ris_line("UR", citation.url),
        _ris_line("T2", citation.dialogue),
    ]
    if citation.place:
        lines.append(_ris_line("CY", citation.place))
    lines += [_ris_line("KW", topic) for topic in citation.topics]
    if citation.summary:
        lines.append(_ris_line("AB", citation.summary))
    lines.append(_ris_line("N1", f"{ordinal(citation.number)} round, {citation.date_label}."))
    lines.append("ER  - \r\n")
    return "".join(lines)


# -- CSL-JSON ----------------------------------------------------------------------------------


def _date_parts(*parts: int) -> dict:
    return {"date-parts": [list(parts)]}


def as_csl(citation: Citation) -> dict:
    item = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "author": [{"literal": PUBLISHER}],
        "container-title": PUBLISHER,
        "publisher": PUBLISHER,
        "URL": citation.url,
        "issued": _date_parts(citation.updated.year, citation.updated.month, citation.updated.day),
        "accessed": _date_parts(
            citation.accessed.year, citation.accessed.month, citation.accessed.day
        ),
        "event-title": citation.dialogue,
        "event-date": _date_parts(*citation.event_parts),
        "language": "en",
    }
    if citation.place:
        item["event-place"] = citation.place
    if citation.topics:
        item["keyword"] = ", ".join(citation.topics)
    if citation.summary:
        item["abstract"] = citation.summary
    return item


def as_csl_json(citation: Citation) -> str:
    """CSL-JSON is a list of items, here one."""
    return json.dumps([as_csl(citation)], ensure_ascii=False, indent=2) + "\n"


# -- what the round page carries in <head> -------------------------------------------------------


def highwire_tags(citation: Citation) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` tags (Zotero and Google Scholar read them) and Dublin Core."""
    updated = citation.updated.strftime("%Y/%m/%d")
    tags = [
        ("citation_title", citation.title),
        ("citation_author", PUBLISHER),
        ("citation_publisher", PUBLISHER),
        ("citation_publication_date", updated),
        ("citation_date", updated),
        ("citation_online_date", updated),
        ("citation_public_url", citation.url),
        ("citation_abstract_html_url", citation.url),
        ("citation_language", "en"),
    ]
    tags += [("citation_keywords", topic) for topic in citation.topics]
    tags += [
        ("DC.title", citation.title),
        ("DC.publisher", PUBLISHER),
        ("DC.date", citation.updated.isoformat()),
        ("DC.identifier", citation.url),
        ("DC.language", "en"),
    ]
    return tags


def event_json_ld(citation: Citation) -> dict:
    """schema.org `Event` of the round, part of its dialogue (an `EventSeries`)."""
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": citation.title,
        "url": citation.url,
        "startDate": citation.event_iso,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "superEvent": {"@type": "EventSeries", "name": citation.dialogue},
    }
    if citation.precision == DatePrecision.DAY:
        event["endDate"] = citation.end.isoformat()
    if citation.dialogue_url:
        event["superEvent"]["url"] = citation.dialogue_url
    if citation.city or citation.venue or citation.host:
        address = {"@type": "PostalAddress"}
        if citation.city:
            address["addressLocality"] = citation.city
        if citation.host_code:
            address["addressCountry"] = citation.host_code
        event["location"] = {
            "@type": "Place",
            "name": citation.venue or citation.city or citation.host,
            "address": address,
        }
    if citation.summary:
        event["description"] = citation.summary
    if citation.topics:
        event["keywords"] = ", ".join(citation.topics)
    return event


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data: dict) -> str:
    """JSON safe inside <script>: like Django's json_script, no '</script>' can close it early."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
