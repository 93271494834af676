"""A round's reference as a file: BibTeX, RIS or CSL-JSON (see rounds/citations.py)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from rounds import citations
from rounds.models import Round

# format in the URL → (writer, content type, file extension)
FORMATS = {
    "bib": (citations.as_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (citations.as_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "json": (citations.as_csl_json, "application/vnd.citationstyles.csl+json", "json"),
}


@require_safe
def round_cite(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    """Download the reference of a published round; drafts and unknown formats are 404."""
    if fmt not in FORMATS:
        raise Http404("Citations come as .bib, .ris or .json.")
    round_ = get_object_or_404(
        Round.objects.published().with_related(), dialogue__slug=slug, number=number
    )
    citation = citations.citation_for_request(round_, request)
    write, content_type, extension = FORMATS[fmt]
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    return response
