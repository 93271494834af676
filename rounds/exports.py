"""CSV and JSON exports of a search: the whole result set, in the page's order, streamed.

Both run the search page's FilterSet on the same GET parameters, so an export holds exactly the
rounds the page lists (all pages). Rows are read as tuples through a server-side cursor
(`iterator(chunk_size=...)`) with their topics (in the row on PostgreSQL, one query a chunk
elsewhere): memory stays flat and the query count stays bounded, however many rounds match.
An export of at most WHOLE_UP_TO rounds is sent as one response instead of a stream, so the
page cache keeps it (rounds.cache stores no stream). `?include=` reads model instances instead
(the nested records need them). HEAD answers the headers without reading a row. Invalid
parameters answer 400 with the reasons as plain text.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import itemgetter

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connections
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from . import export_includes
from .models import Round, RoundQuerySet, ThreatTopic
from .search.filters import RoundFilter

CHUNK_SIZE = 500
WHOLE_UP_TO = 1000  # rounds: a smaller export is one (cacheable) response, a larger one streams
LINES_PER_WRITE = 100  # CSV lines sent at once
COLUMNS = [
    "dialogue",
    "number",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "host",
    "topics",
    "url",
    "summary",
]
# Spreadsheets run cells that start with these as formulas (CSV injection).
_FORMULA_START = frozenset({"=", "+", "-", "@", "\t", "\r"})


def search_of(request: HttpRequest) -> RoundFilter:
    """The search FilterSet of the request. Its `qs` is read only to stream the rounds: choosing
    their default order may count matches, which a HEAD request must not cost."""
    return RoundFilter(request.GET or None, queryset=Round.objects.published().with_related())


def errors_as_text(filterset: RoundFilter) -> str:
    lines = ["The search parameters are not valid:"]
    for field, errors in filterset.errors.items():
        for error in errors:
            lines.append(f"- {field}: {error}")
    return "\n".join(lines) + "\n"


def bad_request(filterset: RoundFilter) -> HttpResponse:
    return HttpResponseBadRequest(
        errors_as_text(filterset), content_type="text/plain; charset=utf-8"
    )


def bad_include(error: Exception) -> HttpResponse:
    return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")


# The columns a round's record is read from, as values: no model instances for the plain
# export (building them was most of its cost, ~1,000 rows/s).
_VALUES = {
    "dialogue": "dialogue__slug",
    "number": "number",
    "start_date": "start_date",
    "end_date": "end_date",
    "date_precision": "date_precision",
    "city": "city",
    "host": "host_country__code",
    "summary": "summary",
}


class RoundUrls:
    """A round's absolute address from (dialogue slug, number), without a reverse() per row
    (Round.path_maker).

    By default the unprefixed (English) address: an export is data, the same file whichever
    language the reader browses in and whenever the stream is read. `in_active_language`: the
    address in the reader's language (the calendar)."""

    def __init__(self, request: HttpRequest, *, in_active_language: bool = False) -> None:
        if in_active_language:
            self.path = Round.path_maker()
        else:
            with translation.override(settings.LANGUAGE_CODE):
                self.path = Round.path_maker()
        self.origin = request.build_absolute_uri("/").removesuffix("/")

    def __call__(self, slug: str, number: int) -> str:
        return self.origin + self.path(slug, number)


def round_record(values: dict, topics: list[str], url: str) -> dict:
    """Return one round as the export's flat record, from its `_VALUES`."""
    return {
        "dialogue": values["dialogue"],
        "number": values["number"],
        "start_date": values["start_date"].isoformat(),
        "end_date": values["end_date"].isoformat(),
        "date_precision": values["date_precision"],
        "city": values["city"],
        "host": values["host"] or "",
        "topics": topics,
        "url": url,
        "summary": values["summary"],
    }


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


class TopicSlugs:
    """The slugs of rounds' topics in topic-name order, a chunk of rounds at a time: the topics
    are read once, then each chunk's links as bare ids in one query (off PostgreSQL, where
    the export's own query cannot bring them)."""

    def __init__(self, using: str) -> None:
        self.using = using
        topics = ThreatTopic.objects.using(using).order_by("name", "pk").values_list("pk", "slug")
        self.slug_and_place = {pk: (slug, place) for place, (pk, slug) in enumerate(topics)}

    def of(self, round_ids: list[int]) -> dict[int, list[str]]:
        links = Round.topics.through.objects.using(self.using).filter(round_id__in=round_ids)
        placed = defaultdict(list)
        for round_id, topic_id in links.values_list("round_id", "threattopic_id"):
            placed[round_id].append(self.slug_and_place[topic_id])
        return {
            round_id: [slug for slug, _place in sorted(pairs, key=itemgetter(1))]
            for round_id, pairs in placed.items()
        }


def _rows_with_topics(queryset: RoundQuerySet) -> Iterator[tuple[tuple, list[str]]]:
    """Each round's (pk, then the `_VALUES` columns), read as tuples through a server-side
    cursor, with its topics' slugs in topic-name order. On PostgreSQL the slugs come in the row
    (an array subquery: one query for the whole export); elsewhere from one query a chunk."""
    fields = ("pk", *_VALUES.values())
    if connections[queryset.db].vendor == "postgresql":
        slugs = ArraySubquery(
            Round.topics.through.objects.filter(round_id=OuterRef("pk"))
            .order_by("threattopic__name", "threattopic__pk")
            .values("threattopic__slug")
        )
        rows = queryset.annotate(topic_slugs=slugs).values_list(*fields, "topic_slugs")
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            yield row[:-1], row[-1]
        return
    topic_slugs = TopicSlugs(queryset.db)
    rows = queryset.values_list(*fields).iterator(chunk_size=CHUNK_SIZE)
    for chunk in _chunks(rows, CHUNK_SIZE):
        topics = topic_slugs.of([row[0] for row in chunk])
        for row in chunk:
            yield row, topics.get(row[0], [])


def _plain_records(queryset: RoundQuerySet, request: HttpRequest) -> Iterator[dict]:
    url = RoundUrls(request)
    for (_pk, *columns), topics in _rows_with_topics(queryset):
        values = dict(zip(_VALUES, columns, strict=True))
        yield round_record(values, topics, url(values["dialogue"], values["number"]))


def iter_records(
    queryset: RoundQuerySet, request: HttpRequest, includes: list[str] = ()
) -> Iterator[dict]:
    """Yield each round's record; `includes` (see export_includes) adds its nested records."""
    if not includes:
        yield from _plain_records(queryset, request)
        return
    url = RoundUrls(request)
    queryset = export_includes.with_includes(queryset, includes)
    for round_ in queryset.iterator(chunk_size=CHUNK_SIZE):
        values = {
            "dialogue": round_.dialogue.slug,
            "host": round_.host_country.code if round_.host_country else "",
            **{key: getattr(round_, key) for key in _VALUES if key not in ("dialogue", "host")},
        }
        topics = [topic.slug for topic in round_.topics.all()]
        record = round_record(values, topics, url(round_.dialogue.slug, round_.number))
        record.update(export_includes.included_record(round_, includes))
        yield record


def csv_safe(value):
    """A text cell a spreadsheet would run as a formula, quoted; anything else as it is."""
    return "'" + value if isinstance(value, str) and value[:1] in _FORMULA_START else value


def _csv_cells(record: dict, columns: list[str], included: list[str]) -> list:
    row = {**record, "topics": " ".join(record["topics"])}
    if included:
        row.update(export_includes.csv_cells({c: record[c] for c in included}))
    return [csv_safe(row[c]) for c in columns]


def csv_lines(records: Iterable[dict], includes: list[str] = ()) -> Iterator[str]:
    """The CSV text, LINES_PER_WRITE lines at a time (one write per line cost more than it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = COLUMNS + export_includes.csv_columns(includes)
    included = columns[len(COLUMNS) :]
    writer.writerow(columns)
    yield "\ufeff" + buffer.getvalue()  # BOM: spreadsheet programs then read it as UTF-8
    for batch in _chunks(iter(records), LINES_PER_WRITE):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_csv_cells(record, columns, included) for record in batch])
        yield buffer.getvalue()


def json_chunks(records: Iterable[dict], filterset: RoundFilter) -> Iterator[str]:
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    filters = {
        key: filterset.data.getlist(key) if len(filterset.data.getlist(key)) > 1 else value
        for key, value in filterset.data.items()
        if key in filterset.filters and value
    }
    head = {"generated": timezone.now(), "filters": filters}
    yield encoder.encode(head)[:-1] + ', "results": ['
    for index, record in enumerate(records):
        yield ("," if index else "") + "\n" + encoder.encode(record)
    yield "\n]}\n"


# Ends a stream the database broke off: neither a spreadsheet nor a JSON parser takes the file
# for a whole one (the JSON is left invalid, the CSV says so on its last line).
INCOMPLETE = {
    "csv": "\n# EXPORT INCOMPLETE: the database stopped answering; this file is cut short.\n",
    "json": "\n!! EXPORT INCOMPLETE: the database stopped answering; this file is cut short.\n",
}


def started(records: Iterator[dict]) -> Iterator[dict]:
    """Read the first record now, in the view: a database that does not answer then gives the
    503 page (DatabaseUnavailableMiddleware) instead of a 200 cut short after its headers."""
    first = next(records, None)
    return records if first is None else chain([first], records)


def guarded(chunks: Iterator[str], kind: str) -> Iterator[str]:
    """Stream `chunks`; if the database fails midway, end with INCOMPLETE and re-raise, so the
    server breaks the connection instead of closing the response as if it were complete."""
    try:
        yield from chunks
    except DatabaseError:
        yield INCOMPLETE[kind]
        raise


def sent(filterset: RoundFilter, chunks: Iterator[str], content_type: str, kind: str):
    """The export as one response when few rounds match (the page cache keeps it; a database
    failure midway is then the 503 page), else streamed."""
    if filterset.matches_at_most(WHOLE_UP_TO):
        return HttpResponse("".join(chunks), content_type=content_type)
    return StreamingHttpResponse(guarded(chunks, kind), content_type=content_type)


def attachment(response: HttpResponse, extension: str) -> HttpResponse:
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="diplotrack-rounds-{stamp}.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def round_export_csv(request: HttpRequest) -> HttpResponse:
    """Stream the search's whole result set as CSV, one round per line."""
    filterset = search_of(request)
    if not filterset.accepts:
        return bad_request(filterset)
    try:
        includes = export_includes.parse_includes(request)
    except export_includes.BadInclude as error:
        return bad_include(error)
    content_type = "text/csv; charset=utf-8"
    if request.method == "HEAD":
        return attachment(HttpResponse(content_type=content_type), "csv")
    records = started(iter_records(filterset.qs, request, includes))
    return attachment(sent(filterset, csv_lines(records, includes), content_type, "csv"), "csv")


@require_safe
def round_export_json(request: HttpRequest) -> HttpResponse:
    """Stream the search's whole result set as JSON: {"generated", "filters", "results": [...]}."""
    filterset = search_of(request)
    if not filterset.accepts:
        return bad_request(filterset)
    try:
        includes = export_includes.parse_includes(request)
    except export_includes.BadInclude as error:
        return bad_include(error)
    content_type = "application/json; charset=utf-8"
    if request.method == "HEAD":
        return attachment(HttpResponse(content_type=content_type), "json")
    records = started(iter_records(filterset.qs, request, includes))
    chunks = json_chunks(records, filterset)
    return attachment(sent(filterset, chunks, content_type, "json"), "json")
