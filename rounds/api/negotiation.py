"""Content negotiation that says what it can do instead of a bare 404 or 406."""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class StrictContentNegotiation(DefaultContentNegotiation):
    """`?format=` and `Accept` both pick the representation; an unknown one is a clear 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (Http404, NotAcceptable):
            wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            formats = ", ".join(sorted({renderer.format for renderer in renderers}))
            types = ", ".join(sorted({renderer.media_type for renderer in renderers}))
            asked = f"format “{wanted}”" if wanted else "the Accept header"
            raise NotAcceptable(
                f"Cannot answer in {asked}. Available: format={formats} (Accept: {types})."
            ) from None
