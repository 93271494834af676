"""Pages about one thing (a topic, a body, a country) and the rounds that touch it."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import ListView

from rounds.analysis.timeseries import topic_rounds_by_year
from rounds.models import (
    Country,
    Dialogue,
    Ministry,
    Round,
    ThreatTopic,
)

from .base import EntityRoundsMixin, paginate, public_requests


class TopicListView(ListView):
    context_object_name = "topics"
    template_name = "rounds/topic_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            ThreatTopic.objects.public()
            .with_round_counts()
            .select_related("parent")
            .order_by("name")
        )


class TopicDetailView(EntityRoundsMixin, ListView):
    template_name = "rounds/topic_detail.html"
    entity_name = "topic"

    def get_entity(self):
        return get_object_or_404(
            ThreatTopic.objects.public().select_related("parent"), slug=self.kwargs["slug"]
        )

    def entity_rounds(self, entity):
        return Round.objects.published().touching_topic(entity)

    @cached_property
    def rounds_by_year(self):
        return topic_rounds_by_year(self.entity)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # The picture counts every round the page lists, once each: no second COUNT.
        paginator.count = sum(self.rounds_by_year.rounds_per_year)
        return paginator

    def get_context_data(self, **kwargs):
        requests = public_requests().filter(topic=self.entity).with_related()
        return super().get_context_data(
            request_page=paginate(self.request, requests, "requests_page"),
            subtopics=self.entity.children.public(),
            rounds_by_year=self.rounds_by_year,
            **kwargs,
        )


class MinistryDetailView(EntityRoundsMixin, ListView):
    template_name = "rounds/ministry_detail.html"
    entity_name = "ministry"

    def get_entity(self):
        return get_object_or_404(
            Ministry.objects.public().select_related("country"),
            slug=self.kwargs["slug"],
        )

    def entity_rounds(self, entity):
        return Round.objects.published().touching_ministry(entity)

    def get_context_data(self, **kwargs):
        # The bodies above and below it appear only if they are public themselves.
        public = Ministry.objects.public()
        return super().get_context_data(
            parent=public.filter(pk=self.entity.parent_id).first(),
            children=self.entity.children.public(),
            **kwargs,
        )


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
        return get_object_or_404(Country.objects.public(), code=self.kwargs["code"].upper())

    def entity_rounds(self, entity):
        return Round.objects.published().touching_country(entity)

    def get_context_data(self, **kwargs):
        country = self.entity
        requests = public_requests().touching_country(country).with_related()
        dialogues = Dialogue.objects.public().with_party(country).with_round_counts()
        return super().get_context_data(
            request_page=paginate(self.request, requests, "requests_page"),
            dialogue_page=paginate(self.request, dialogues.order_by("name"), "dialogues_page"),
            ministries=country.ministries.public(),
            **kwargs,
        )
