"""/data/: the whole public record as a versioned download (rounds.dataset)."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from rounds.dataset import releases
from rounds.dataset.package import CODEBOOK_NAME, JSON_NAME
from rounds.dataset.tables import TABLES
from rounds.models import DatasetRelease


def current_release(request: HttpRequest) -> DatasetRelease | None:
    """The latest release, rebuilt first when a write marked the public record stale."""
    release = releases.latest()
    if release is None or releases.is_stale():
        release = releases.refresh(site_url=request.build_absolute_uri("/"))
    return release


class DatasetView(TemplateView):
    template_name = "rounds/dataset.html"

    def get_context_data(self, **kwargs):
        release = current_release(self.request)
        return super().get_context_data(
            release=release,
            earlier=DatasetRelease.objects.order_by("-version")[1:6],
            tables=[
                (table, (release.counts if release else {}).get(table.name, 0)) for table in TABLES
            ],
            json_name=JSON_NAME,
            codebook_name=CODEBOOK_NAME,
            **kwargs,
        )


@require_safe
def dataset_latest(request: HttpRequest) -> HttpResponse:
    """/data/latest.zip: a stable address for scripts, sent on to the current version."""
    release = current_release(request)
    if release is None:
        raise Http404("No dataset has been built yet.")
    return redirect(release.get_absolute_url())


@require_safe
def dataset_file(request: HttpRequest, filename: str) -> FileResponse:
    release = get_object_or_404(DatasetRelease, filename=filename)
    try:
        handle = releases.open_file(release)
    except FileNotFoundError:
        raise Http404("This version's file is not kept any more; take the latest.") from None
    response = FileResponse(handle, as_attachment=True, filename=release.filename)
    response["Link"] = (
        f'<{request.build_absolute_uri(reverse("rounds:dataset"))}>; rel="describedby"'
    )
    return response
