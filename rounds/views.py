"""Public pages: published data only; staff with view permission may preview a draft round."""

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from .models import (
    REQUEST_STATUS_EXPLANATIONS,
    CooperationRequest,
    Country,
    Dialogue,
    Ministry,
    RequestStatus,
    Round,
    ThreatTopic,
)
from .search.filters import RoundFilter
from .search.page import search_page_context

PAGE_SIZE = 20


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Let crawlers in, keep them out of the admin, and point them to the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('rounds:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def public_requests():
    """Requests opened at published rounds, with the status published rounds give them.

    A request no published round gave a status is left out (CooperationRequestQuerySet.public).
    """
    return CooperationRequest.objects.public()


def paginate(request: HttpRequest, queryset, param: str, per_page: int = PAGE_SIZE):
    """Return the page named by GET `param`; a bad or too-large number gives the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


class HomeView(TemplateView):
    template_name = "rounds/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_rounds=Round.objects.published().with_related().newest_first()[:8],
            dialogues=Dialogue.objects.public().with_round_counts().order_by("name"),
            topics=ThreatTopic.objects.with_round_counts()
            .filter(round_count__gt=0)
            .order_by("-round_count", "name")[:24],
            open_request_count=public_requests()
            .filter(current_status__in=RequestStatus.open_values())
            .count(),
            **kwargs,
        )


class DialogueListView(ListView):
    paginate_by = PAGE_SIZE
    context_object_name = "dialogues"

    def get_queryset(self):
        return Dialogue.objects.public().with_round_counts().order_by("name")


class DialogueDetailView(DetailView):
    context_object_name = "dialogue"

    def get_queryset(self):
        return Dialogue.objects.public().select_related("party_a", "party_b")

    def get_context_data(self, **kwargs):
        dialogue = self.object
        rounds = list(dialogue.published_rounds())
        open_requests = (
            public_requests()
            .filter(opened_in__dialogue=dialogue, current_status__in=RequestStatus.open_values())
            .with_related()
            .order_by("opened_in__number", "pk")
        )
        return super().get_context_data(
            rounds=rounds,
            latest_round=rounds[-1] if rounds else None,
            topic_matrix=Dialogue.topic_matrix(rounds),
            open_requests=open_requests,
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


class EntityRoundsMixin:
    """A page about one thing (topic, body, country): its rounds newest first, paginated."""

    paginate_by = PAGE_SIZE
    context_object_name = "rounds"
    entity_name = "entity"

    def get_entity(self):
        raise NotImplementedError

    def entity_rounds(self, entity):
        raise NotImplementedError

    def get_queryset(self):
        self.entity = self.get_entity()
        return self.entity_rounds(self.entity).with_related().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{self.entity_name: self.entity}, **kwargs)


class TopicListView(ListView):
    context_object_name = "topics"
    template_name = "rounds/topic_list.html"
    paginate_by = 100

    def get_queryset(self):
        return ThreatTopic.objects.with_round_counts().select_related("parent").order_by("name")


class TopicDetailView(EntityRoundsMixin, ListView):
    template_name = "rounds/topic_detail.html"
    entity_name = "topic"

    def get_entity(self):
        return get_object_or_404(
            ThreatTopic.objects.select_related("parent"), slug=self.kwargs["slug"]
        )

    def entity_rounds(self, entity):
        return Round.objects.published().touching_topic(entity)

    def get_context_data(self, **kwargs):
        requests = public_requests().filter(topic=self.entity).with_related()
        return super().get_context_data(
            request_page=paginate(self.request, requests, "requests_page"),
            subtopics=self.entity.children.all(),
            **kwargs,
        )


class MinistryDetailView(EntityRoundsMixin, ListView):
    template_name = "rounds/ministry_detail.html"
    entity_name = "ministry"

    def get_entity(self):
        return get_object_or_404(
            Ministry.objects.select_related("country", "parent"), slug=self.kwargs["slug"]
        )

    def entity_rounds(self, entity):
        return Round.objects.published().touching_ministry(entity)

    def get_context_data(self, **kwargs):
        return super().get_context_data(children=self.entity.children.all(), **kwargs)


class CountryDetailView(EntityRoundsMixin, ListView):
    template_name = "rounds/country_detail.html"
    entity_name = "country"

    def get(self, request, *args, **kwargs):
        code = self.kwargs["code"]
        if code != code.lower():
            # /countries/CU/ is a natural guess: send it to the one address, /countries/cu/.
            return redirect("rounds:country-detail", code.lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_entity(self):
        return get_object_or_404(Country, code=self.kwargs["code"].upper())

    def entity_rounds(self, entity):
        return Round.objects.published().touching_country(entity)

    def get_context_data(self, **kwargs):
        country = self.entity
        requests = public_requests().touching_country(country).with_related()
        dialogues = (
            Dialogue.objects.public()
            .with_round_counts()
            .filter(Q(party_a=country) | Q(party_b=country))
            .order_by("name")
        )
        return super().get_context_data(
            request_page=paginate(self.request, requests, "requests_page"),
            dialogues=dialogues,
            ministries=country.ministries.all(),
            **kwargs,
        )


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


class RoundListView(FilterView):
    """The filtered search of published rounds (docs/search.md): facets, snippets, exports."""

    filterset_class = RoundFilter
    paginate_by = PAGE_SIZE
    context_object_name = "rounds"
    template_name = "rounds/round_filter.html"

    def get_queryset(self):
        return Round.objects.published().with_related()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if not self.filterset.is_bound or self.filterset.is_valid():
            paginator.count = self.filterset.facets().total  # the facet query counted already
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            search_page_context(self.filterset, list(page.object_list), page.paginator.count)
        )
        return context
