"""The request tracker and one request's history."""

from django.http import Http404
from django.views.generic import DetailView, ListView

from rounds.models import (
    REQUEST_STATUS_EXPLANATIONS,
    RequestStatus,
)

from .base import PAGE_SIZE, public_requests


class RequestListView(ListView):
    paginate_by = PAGE_SIZE
    context_object_name = "requests"
    template_name = "rounds/request_list.html"

    # ?state=open|closed narrows the list; the words are the ones the page shows as links.
    STATES = {"open": True, "closed": False}

    def get_queryset(self):
        self.state = self.request.GET.get("state", "")
        if self.state and self.state not in self.STATES:
            raise Http404("Show all, open or closed requests.")
        requests = public_requests().with_related().order_by("-opened_in__start_date", "pk")
        if self.state:
            # Name the statuses on both sides: a negated lookup would drop NULL statuses from
            # both lists (public_requests() has none, but one list must not depend on that).
            open_values = RequestStatus.open_values()
            wanted = (
                open_values
                if self.STATES[self.state]
                else [status for status in RequestStatus.values if status not in open_values]
            )
            requests = requests.filter(current_status__in=wanted)
        return requests

    def get_context_data(self, **kwargs):
        explanations = [
            (status.label, REQUEST_STATUS_EXPLANATIONS[status]) for status in RequestStatus
        ]
        return super().get_context_data(
            status_explanations=explanations, state=self.state, **kwargs
        )


class RequestDetailView(DetailView):
    context_object_name = "cooperation_request"
    template_name = "rounds/request_detail.html"

    def get_queryset(self):
        return public_requests().with_related()

    def get_context_data(self, **kwargs):
        return super().get_context_data(updates=self.object.public_updates(), **kwargs)
