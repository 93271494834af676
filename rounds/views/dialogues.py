"""The home page, dialogues and rounds."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from rounds.analysis.timeseries import dialogue_pauses, dialogue_rounds_per_year
from rounds.models import (
    CooperationRequest,
    Dialogue,
    Round,
    ThreatTopic,
)

from .base import PAGE_SIZE


class HomeView(TemplateView):
    template_name = "rounds/home.html"
    # The most recently active dialogues; all of them are on /dialogues/ (paginated).
    dialogues_listed = 12

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_rounds=Round.objects.published().with_related().newest_first()[:8],
            dialogues=Dialogue.objects.public()
            .with_round_counts()
            .order_by("-last_date", "name")[: self.dialogues_listed],
            topics=ThreatTopic.objects.with_round_counts()
            .filter(round_count__gt=0)
            .order_by("-round_count", "name")[:24],
            open_request_count=CooperationRequest.objects.public_open().count(),
            **kwargs,
        )


class DialogueListView(ListView):
    paginate_by = PAGE_SIZE
    context_object_name = "dialogues"

    def get_queryset(self):
        return Dialogue.objects.public().with_round_counts().order_by("name")


class DialogueDetailView(DetailView):
    """A dialogue: its rounds per year, its latest rounds and their topics, its open requests.

    Bounded for a dialogue of any length: the years are one aggregate row each, the list and
    the topic matrix show the latest rounds only, with a link to all of them in the search.
    """

    context_object_name = "dialogue"
    latest_listed = PAGE_SIZE
    matrix_rounds = 12
    open_requests_listed = PAGE_SIZE

    def get_queryset(self):
        return Dialogue.objects.public().select_related("party_a", "party_b")

    def get_context_data(self, **kwargs):
        dialogue = self.object
        years = dialogue_rounds_per_year(dialogue)
        rounds = list(dialogue.published_rounds().reverse()[: self.latest_listed])[::-1]
        open_requests = list(
            CooperationRequest.objects.public_open()
            .filter(opened_in__dialogue=dialogue)
            .with_related()
            .order_by("opened_in__number", "pk")[: self.open_requests_listed + 1]
        )
        return super().get_context_data(
            years=years,
            pauses=dialogue_pauses(dialogue),
            first_number=years[0].first if years else None,
            round_count=sum(year.count for year in years),
            rounds=rounds,
            latest_round=rounds[-1] if rounds else None,
            matrix_rounds=rounds[-self.matrix_rounds :],
            topic_matrix=Dialogue.topic_matrix(rounds[-self.matrix_rounds :]),
            open_requests=open_requests[: self.open_requests_listed],
            more_open_requests=len(open_requests) > self.open_requests_listed,
            **kwargs,
        )


class RoundDetailView(DetailView):
    """One round. Drafts are 404, except as a never-cached preview for staff who may view them."""

    context_object_name = "round"

    def can_preview(self) -> bool:
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm("rounds.view_round")

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # One address per round: /rounds/04/ (the int converter accepts it) redirects to /4/.
        canonical = reverse("rounds:round-detail", args=[kwargs["slug"], kwargs["number"]])
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        rounds = Round.objects.all() if self.can_preview() else Round.objects.published()
        return rounds.with_detail()

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(
            queryset, dialogue__slug=self.kwargs["slug"], number=self.kwargs["number"]
        )

    def get_context_data(self, **kwargs):
        round_ = self.object
        # The preview shows exactly what the public page will: links to published rounds only.
        previous = round_.previous_round(public_only=True)
        return super().get_context_data(
            is_preview=not round_.is_published,
            previous=previous,
            next=round_.next_round(public_only=True),
            missing_before=round_.missing_numbers_before(previous),
            delegations=round_.by_side(list(round_.delegations.all())),
            statements=round_.by_side(list(round_.statements.all())),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
        return response
