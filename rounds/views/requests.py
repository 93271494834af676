"""The request tracker and one request's history."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from rounds.analysis.requests import TIMELINE_PAGE_SIZE, rounds_since_opening
from rounds.models import (
    REQUEST_STATUS_EXPLANATIONS,
    RequestStatus,
)
from rounds.search.requests import RequestFilter, request_counts, request_total

from .base import PAGE_SIZE, paginate, public_requests


class RequestListView(FilterView):
    """The request tracker: slice by asking side, status, topic and dialogue, with counts."""

    filterset_class = RequestFilter
    paginate_by = PAGE_SIZE
    context_object_name = "requests"
    template_name = "rounds/request_list.html"

    def get_queryset(self):
        return public_requests().with_related().order_by("-opened_in__start_date", "pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.filterset.accepts:
            paginator.count = request_total(self.filterset)  # the counts' query counted already
        return paginator

    def get_context_data(self, **kwargs):
        explanations = [
            (status.label, REQUEST_STATUS_EXPLANATIONS[status]) for status in RequestStatus
        ]
        filterset = self.filterset
        valid = filterset.accepts
        return super().get_context_data(
            status_explanations=explanations,
            state=filterset.cleaned.get("state") if valid else "",
            filter_valid=valid,
            filter_summary=filterset.describe() if valid else "",
            is_filtered=filterset.is_filtered if valid else True,
            counts=request_counts(filterset) if valid else {},
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        if not context["filter_valid"]:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class RequestDetailView(DetailView):
    context_object_name = "cooperation_request"
    template_name = "rounds/request_detail.html"

    def get_queryset(self):
        return public_requests().with_related()

    def get_context_data(self, **kwargs):
        """Both lists paged, so a request mentioned at hundreds of rounds stays one page."""
        rounds = rounds_since_opening(self.object)
        return super().get_context_data(
            rounds_page=paginate(self.request, rounds, "rounds_page", TIMELINE_PAGE_SIZE),
            updates=paginate(self.request, self.object.public_updates(), "page"),
            **kwargs,
        )
