"""The API's endpoints: read-only viewsets over published data, each in a fixed number of queries.

Every queryset starts from the same definition of "public" as the pages (`published()`,
`public()`, `selectors.public_*`), and nested lists are prefetched from published rounds only.
"""

import re

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from rounds.models import (
    CooperationRequest,
    Country,
    Delegate,
    Dialogue,
    Ministry,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    ThreatTopic,
)
from rounds.search.filters import RoundFilter, SlugChoiceFilter, SlugMultipleChoiceFilter

from . import serializers
from .pagination import PageNumbers

SLUG = "[-a-zA-Z0-9_]+"

# The search's filters take readable keys (slugs, country codes): say so in the schema, from
# here, so the search package knows nothing of the API.
extend_schema_field(OpenApiTypes.STR)(SlugChoiceFilter)
extend_schema_field(OpenApiTypes.STR)(SlugMultipleChoiceFilter)


class SearchFilterBackend(DjangoFilterBackend):
    """Run the search page's FilterSet exactly as its view does: no parameters at all is an
    unbound (unfiltered) search, and invalid parameters are a 400 naming each field."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {"data": request.query_params or None, "queryset": queryset, "request": request}

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None or not filterset.is_bound:
            return queryset if filterset is None else filterset.qs
        if not filterset.is_valid():
            raise ValidationError(
                {
                    field: [str(error) for error in errors]
                    for field, errors in filterset.errors.items()
                }
            )
        return filterset.qs


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    pagination_class = PageNumbers
    filter_backends: list = []
    # Only what a stored key can look like reaches the database (no NUL, no 30-digit ids).
    lookup_value_regex = "[0-9]{1,18}"


@extend_schema_view(
    list=extend_schema(
        summary="Search published rounds",
        description=(
            "Takes exactly the parameters of the search page /rounds/ (topic, match, dialogue, "
            "country, country_role, ministry, person, city, date_from, date_to, year, "
            "open_requests, request_status, request_by, q, sort) and gives the same rounds in "
            "the same order; `page` is the page's too (20 a page, `page_size` up to 100)."
        ),
    ),
    retrieve=extend_schema(summary="One published round with everything its page shows"),
)
class RoundViewSet(ReadOnly):
    filterset_class = RoundFilter
    filter_backends = [SearchFilterBackend]

    def get_queryset(self):
        rounds = Round.objects.published()
        return rounds.with_related() if self.action == "list" else rounds.with_detail()

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.RoundSerializer
        return serializers.RoundDetailSerializer

    def filter_queryset(self, queryset):
        # The search's parameters narrow the list only; a round's own address ignores them.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


@extend_schema_view(
    list=extend_schema(summary="Dialogues with at least one published round"),
    retrieve=extend_schema(summary="One dialogue and its published rounds in number order"),
)
class DialogueViewSet(ReadOnly):
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_queryset(self):
        dialogues = Dialogue.objects.public().with_round_counts().order_by("name")
        if self.action == "list":
            return dialogues
        return dialogues.prefetch_related(
            Prefetch(
                "rounds",
                queryset=Round.objects.published()
                .with_related()
                .defer("search_vector")
                .order_by("number"),
                to_attr="public_rounds",
            )
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.DialogueSerializer
        return serializers.DialogueDetailSerializer


@extend_schema_view(
    list=extend_schema(summary="Threat topics, with their count of published rounds"),
    retrieve=extend_schema(summary="One threat topic"),
)
class TopicViewSet(ReadOnly):
    lookup_field = "slug"
    lookup_value_regex = SLUG
    serializer_class = serializers.TopicSerializer

    def get_queryset(self):
        return (
            ThreatTopic.objects.public()
            .with_round_counts()
            .select_related("parent")
            .order_by("name")
        )


@extend_schema_view(
    list=extend_schema(summary="Ministries and agencies of the public record"),
    retrieve=extend_schema(summary="One ministry or agency"),
)
class MinistryViewSet(ReadOnly):
    lookup_field = "slug"
    lookup_value_regex = SLUG
    serializer_class = serializers.MinistrySerializer

    def get_queryset(self):
        return (
            Ministry.objects.public()
            .select_related("country", "parent")
            .order_by("country__name", "name", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Countries that are parties to a public dialogue"),
    retrieve=extend_schema(summary="One country, by its code (CU, US, EU; any case)"),
)
class CountryViewSet(ReadOnly):
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2,8}"
    serializer_class = serializers.CountrySerializer

    def get_queryset(self):
        return Country.objects.public().order_by("name")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())


@extend_schema_view(
    list=extend_schema(summary="People seen in the delegations of published rounds"),
    retrieve=extend_schema(summary="One person: every delegation they joined, round by round"),
)
class PersonViewSet(ReadOnly):
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_queryset(self):
        people = Person.objects.public().select_related("country").order_by("name", "pk")
        if self.action == "list":
            return people
        seats = (
            Delegate.objects.filter(delegation__round__status=RoundStatus.PUBLISHED)
            .select_related("delegation__round__dialogue", "delegation__country", "ministry")
            .order_by("delegation__round__start_date", "delegation__round__number", "pk")
        )
        return people.prefetch_related(
            Prefetch("delegate_seats", queryset=seats, to_attr="published_seats")
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.PersonSerializer
        return serializers.PersonDetailSerializer


REQUEST_STATES = {"open": True, "closed": False}


@extend_schema_view(
    list=extend_schema(
        summary="Cooperation requests with their history across published rounds",
        parameters=[
            OpenApiParameter(
                "state", OpenApiTypes.STR, enum=list(REQUEST_STATES), description="open or closed"
            ),
            OpenApiParameter("dialogue", OpenApiTypes.STR, description="a dialogue's slug"),
        ],
    ),
    retrieve=extend_schema(summary="One cooperation request and its history"),
)
class RequestViewSet(ReadOnly):
    """Requests embed the latest HISTORY_EMBEDDED steps of their history (a request followed
    over many rounds has many); `history/` pages through all of them."""

    serializer_class = serializers.RequestSerializer

    def get_queryset(self):
        steps = RequestUpdate.objects.published().select_related("round")
        latest = steps.order_by("-round__number", "-pk")[: serializers.HISTORY_EMBEDDED]
        counted = (
            steps.filter(request=OuterRef("pk"))
            .order_by()
            .values("request")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            CooperationRequest.objects.public()
            .with_related()
            .annotate(history_count=Coalesce(Subquery(counted), 0))
            .prefetch_related(Prefetch("updates", queryset=latest, to_attr="latest_updates"))
            .order_by("-opened_in__start_date", "pk")
        )

    @extend_schema(
        summary="A request's whole history at published rounds, oldest first",
        responses=serializers.UpdateSerializer(many=True),
    )
    @action(detail=True)
    def history(self, request, pk=None):
        cooperation_request = get_object_or_404(CooperationRequest.objects.public(), pk=pk)
        steps = RequestUpdate.objects.published().filter(request=cooperation_request)
        steps = steps.select_related("round")
        page = self.paginate_queryset(steps.order_by("round__number", "pk"))
        data = serializers.UpdateSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(data.data)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = self.request.query_params
        state, dialogue = params.get("state", ""), params.get("dialogue", "")
        if state and state not in REQUEST_STATES:
            raise ValidationError({"state": ["Give open or closed, or leave it out."]})
        if state:
            open_values = RequestStatus.open_values()
            wanted = (
                open_values
                if REQUEST_STATES[state]
                else [status for status in RequestStatus.values if status not in open_values]
            )
            queryset = queryset.filter(current_status__in=wanted)
        if dialogue:
            if not re.fullmatch(SLUG, dialogue) or not (
                Dialogue.objects.public().filter(slug=dialogue).exists()
            ):
                raise ValidationError({"dialogue": [f"No public dialogue “{dialogue}”."]})
            queryset = queryset.filter(opened_in__dialogue__slug=dialogue)
        return queryset
