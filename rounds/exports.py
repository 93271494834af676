"""CSV and JSON exports of a search: the whole result set, in the page's order, streamed.

Both run the search page's FilterSet on the same GET parameters, so an export holds exactly the
rounds the page lists (all pages). Rows are read with `iterator(chunk_size=...)`, which also
prefetches topics per chunk: memory stays flat and the query count grows by two per chunk,
however many rounds match. Invalid parameters answer 400 with the reasons as plain text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import export_includes
from .models import Round, RoundQuerySet
from .search.filters import RoundFilter

CHUNK_SIZE = 500
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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def filtered_rounds(request: HttpRequest) -> tuple[RoundFilter, RoundQuerySet | None]:
    """Run the search FilterSet on the request; the queryset is None when the input is invalid."""
    filterset = RoundFilter(request.GET or None, queryset=Round.objects.published().with_related())
    if filterset.is_bound and not filterset.is_valid():
        return filterset, None
    return filterset, filterset.qs


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


def round_record(round_: Round, request: HttpRequest) -> dict:
    """Return one round as the export's flat record."""
    return {
        "dialogue": round_.dialogue.slug,
        "number": round_.number,
        "start_date": round_.start_date.isoformat(),
        "end_date": round_.end_date.isoformat(),
        "date_precision": round_.date_precision,
        "city": round_.city,
        "host": round_.host_country.code if round_.host_country else "",
        "topics": [topic.slug for topic in round_.topics.all()],
        "url": request.build_absolute_uri(round_.get_absolute_url()),
        "summary": round_.summary,
    }


def iter_records(
    queryset: RoundQuerySet, request: HttpRequest, includes: list[str] = ()
) -> Iterator[dict]:
    """Yield each round's record; `includes` (see export_includes) adds its nested records."""
    if includes:
        queryset = export_includes.with_includes(queryset, includes)
    for round_ in queryset.iterator(chunk_size=CHUNK_SIZE):
        record = round_record(round_, request)
        if includes:
            record.update(export_includes.included_record(round_, includes))
        yield record


def csv_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer to stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(records: Iterable[dict], includes: list[str] = ()) -> Iterator[str]:
    writer = csv.writer(_Echo())
    columns = COLUMNS + export_includes.csv_columns(includes)
    yield "\ufeff"  # BOM: spreadsheet programs then read the file as UTF-8
    yield writer.writerow(columns)
    for record in records:
        row = {**record, "topics": " ".join(record["topics"])}
        row.update(export_includes.csv_cells({c: record[c] for c in columns[len(COLUMNS) :]}))
        yield writer.writerow(
            [csv_safe(str(row[c])) if isinstance(row[c], str) else row[c] for c in columns]
        )


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


def attachment(response: HttpResponse, extension: str) -> HttpResponse:
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="diplotrack-rounds-{stamp}.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def round_export_csv(request: HttpRequest) -> HttpResponse:
    """Stream the search's whole result set as CSV, one round per line."""
    filterset, queryset = filtered_rounds(request)
    if queryset is None:
        return bad_request(filterset)
    try:
        includes = export_includes.parse_includes(request)
    except export_includes.BadInclude as error:
        return bad_include(error)
    response = StreamingHttpResponse(
        csv_lines(iter_records(queryset, request, includes), includes),
        content_type="text/csv; charset=utf-8",
    )
    return attachment(response, "csv")


@require_GET
def round_export_json(request: HttpRequest) -> HttpResponse:
    """Stream the search's whole result set as JSON: {"generated", "filters", "results": [...]}."""
    filterset, queryset = filtered_rounds(request)
    if queryset is None:
        return bad_request(filterset)
    try:
        includes = export_includes.parse_includes(request)
    except export_includes.BadInclude as error:
        return bad_include(error)
    response = StreamingHttpResponse(
        json_chunks(iter_records(queryset, request, includes), filterset),
        content_type="application/json; charset=utf-8",
    )
    return attachment(response, "json")
