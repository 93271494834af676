"""Subscriptions: Atom feeds of published rounds and an iCalendar feed per dialogue."""

import datetime
import re
import uuid

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import SimplerXMLGenerator
from django.views import View

from .exports import RoundUrls, bad_request
from .models import DatePrecision, Dialogue, Round, RoundQuerySet, ThreatTopic
from .search.filters import RoundFilter
from .templatetags.rounds_extras import localized_title, round_name

FEED_SIZE = 50

# What XML 1.0 cannot carry (§2.2): control characters but tab and newlines, lone surrogates,
# U+FFFE and U+FFFF. A search for "\uffff..." must still give a feed that parsers read.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


class _XmlSafeGenerator(SimplerXMLGenerator):
    def characters(self, content):
        super().characters(xml_safe(content) if content else content)

    def startElement(self, name, attrs):
        super().startElement(name, {key: xml_safe(value) for key, value in attrs.items()})


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom that drops the characters XML forbids from every text and attribute it writes."""

    def write(self, outfile, encoding):
        handler = _XmlSafeGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class RoundFeed(Feed):
    """Base of every feed of rounds: subclasses only say which published rounds it lists."""

    feed_type = XmlSafeAtom1Feed
    author_name = "DiploTrack"  # Atom (RFC 4287) requires an author for the feed
    title = _("DiploTrack: latest rounds")
    subtitle = _("New and updated rounds of bilateral law-enforcement dialogues.")

    def rounds(self, obj) -> RoundQuerySet:
        return Round.objects.published()

    def items(self, obj=None):
        return self.rounds(obj).with_related().newest_first()[:FEED_SIZE]

    def item_title(self, item: Round) -> str:
        return localized_title(item)

    def item_description(self, item: Round) -> str:
        # Atom writes this as <summary type="html">: readers render it as HTML, so staff text
        # is escaped here, once, for every feed of rounds (a "<script>" stays text).
        topics = ", ".join(topic.localized_name for topic in item.topics.all())
        parts = [item.summary or str(_("No summary yet."))]
        if topics:
            parts.append(_("Topics: %(topics)s.") % {"topics": topics})
        return linebreaks(" ".join(parts), autoescape=True)

    def item_link(self, item: Round) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Round) -> str:
        # Stable across renames of the dialogue, so a reader never sees a round twice; a
        # name-based UUID needs no domain of our own (a tag: URI would).
        return uuid.uuid5(uuid.NAMESPACE_URL, f"diplotrack:round:{item.pk}").urn

    item_guid_is_permalink = False

    def item_pubdate(self, item: Round) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Round) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Round) -> list[str]:
        return [topic.localized_name for topic in item.topics.all()]


class LatestRoundsFeed(RoundFeed):
    def link(self) -> str:
        return reverse("rounds:round-list")


class DialogueRoundsFeed(RoundFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Dialogue:
        return get_object_or_404(Dialogue.objects.public(), slug=slug)

    def title(self, obj: Dialogue) -> str:
        return f"DiploTrack: {obj.localized_name}"

    def subtitle(self, obj: Dialogue) -> str:
        return _("Published rounds of the %(dialogue)s.") % {"dialogue": obj.localized_name}

    def link(self, obj: Dialogue) -> str:
        return obj.get_absolute_url()

    def rounds(self, obj: Dialogue) -> RoundQuerySet:
        return Round.objects.published().for_dialogue(obj)


class TopicRoundsFeed(RoundFeed):
    def get_object(self, request: HttpRequest, slug: str) -> ThreatTopic:
        return get_object_or_404(ThreatTopic.objects.public(), slug=slug)

    def title(self, obj: ThreatTopic) -> str:
        return _("DiploTrack: rounds on %(topic)s") % {"topic": obj.localized_name}

    def subtitle(self, obj: ThreatTopic) -> str:
        return _("Published rounds where %(topic)s came up.") % {"topic": obj.localized_name}

    def link(self, obj: ThreatTopic) -> str:
        return obj.get_absolute_url()

    def rounds(self, obj: ThreatTopic) -> RoundQuerySet:
        return Round.objects.published().touching_topic(obj)


class InvalidSearch(Exception):
    def __init__(self, filterset):
        self.filterset = filterset


class SearchRoundsFeed(RoundFeed):
    """Any search of /rounds/ as a feed, e.g. /feeds/search/?topic=cybercrime (newest first)."""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidSearch as invalid:
            return bad_request(invalid.filterset)

    def get_object(self, request: HttpRequest) -> RoundFilter:
        filterset = RoundFilter(request.GET or None, queryset=Round.objects.published())
        if not filterset.accepts:
            raise InvalidSearch(filterset)
        return filterset

    def title(self, obj: RoundFilter) -> str:
        described = obj.describe()
        title = _("DiploTrack: rounds")
        return f"{title} — {described}" if described else str(title)

    def subtitle(self, obj: RoundFilter) -> str:
        return _("Published rounds matching a search, newest first.")

    def link(self, obj: RoundFilter) -> str:
        return self.with_query(reverse("rounds:round-list"), obj)

    def feed_url(self, obj: RoundFilter) -> str:
        # The feed's rel="self" must keep the search, or a reader subscribes to all rounds.
        return self.with_query(reverse("rounds:feed-search"), obj)

    @staticmethod
    def with_query(path: str, obj: RoundFilter) -> str:
        query = obj.data.urlencode()
        return f"{path}?{query}" if query else path

    def rounds(self, obj: RoundFilter) -> RoundQuerySet:
        return obj.unordered_qs  # items() lists them newest first


# --- iCalendar (RFC 5545), written by hand: a few properties need no library ---------------


def ical_escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ical_fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a character
    (RFC 5545 §3.1). Works on the UTF-8 bytes: a calendar of 600 rounds has 8,000 lines."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, 74  # continuation lines start with one space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def ical_utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def round_period(round_: Round) -> tuple[datetime.date, datetime.date]:
    """Return the all-day span of a round with DTEND exclusive, as iCalendar wants it."""
    first, last = round_.period()
    return first, last + datetime.timedelta(days=1)


CALENDAR_FIELDS = (
    "dialogue_id",
    "number",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "summary",
    "updated_at",
    "version",
)


class DialogueCalendarView(View):
    """The published rounds of one dialogue as all-day events that calendar apps subscribe to."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        dialogue = get_object_or_404(Dialogue.objects.public(), slug=slug)
        # Only what an event shows: no topics, no related records (the dialogue is known).
        rounds = (
            dialogue.published_rounds()
            .prefetch_related(None)
            .select_related(None)
            .only(*CALENDAR_FIELDS)
        )
        url_of = RoundUrls(request, in_active_language=True)
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//DiploTrack//Rounds calendar//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{ical_escape(dialogue.display_name)}",
            "X-WR-CALDESC:"
            + ical_escape(_("Rounds of the %(dialogue)s") % {"dialogue": dialogue.localized_name}),
            # Ask subscribed calendars to check daily: new rounds are rare but should show up.
            "REFRESH-INTERVAL;VALUE=DURATION:P1D",
            "X-PUBLISHED-TTL:P1D",
        ]
        now = ical_utc(timezone.now())
        for round_ in rounds:
            start, end = round_period(round_)
            url = url_of(dialogue.slug, round_.number)
            description = round_.summary or ""
            if round_.date_precision != DatePrecision.DAY:
                description = (
                    _("Exact date not known (sources give %(date)s). ")
                    % {"date": round_.date_label}
                    + description
                )
            description = f"{description}\n{url}".strip()
            lines += [
                "BEGIN:VEVENT",
                f"UID:round-{round_.pk}@diplotrack",
                f"DTSTAMP:{now}",
                f"LAST-MODIFIED:{ical_utc(round_.updated_at)}",
                f"SEQUENCE:{max(round_.version - 1, 0)}",
                f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                "SUMMARY:" + ical_escape(f"{dialogue.display_name}: {round_name(round_.number)}"),
                f"LOCATION:{ical_escape(round_.city)}" if round_.city else "",
                f"DESCRIPTION:{ical_escape(description)}",
                f"URL:{url}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
        body = "".join(ical_fold(line) + "\r\n" for line in lines if line)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{dialogue.slug}.ics"'
        return response
