"""People: who sat in the delegations of published rounds, round by round."""

from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from rounds.models import Person, RoundStatus

from .base import PAGE_SIZE

_PUBLISHED_SEAT = Q(delegate_seats__delegation__round__status=RoundStatus.PUBLISHED)


class PersonListView(ListView):
    """Everyone seen in a published round, with how many rounds they attended."""

    context_object_name = "people"
    template_name = "rounds/person_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            Person.objects.public()
            .select_related("country")
            .annotate(seat_count=Count("delegate_seats", filter=_PUBLISHED_SEAT))
            .order_by("name", "pk")
        )


class PersonDetailView(ListView):
    """One person: the titles they held and each delegation they joined, with sources."""

    context_object_name = "seats"
    template_name = "rounds/person_detail.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.person = get_object_or_404(
            Person.objects.public().select_related("country"), slug=self.kwargs["slug"]
        )
        return self.person.public_seats()

    def get_context_data(self, **kwargs):
        seats = self.person.public_seats()
        titles = (
            seats.exclude(title="")
            .values("title", "ministry__name", "ministry__acronym", "ministry__slug")
            .annotate(
                first=Min("delegation__round__start_date"),
                last=Max("delegation__round__start_date"),
                rounds=Count("pk"),
            )
            .order_by("first", "title")
        )
        summary = seats.aggregate(
            first=Min("delegation__round__start_date"),
            last=Max("delegation__round__start_date"),
            updated=Max("delegation__round__updated_at"),
        )
        return super().get_context_data(
            person=self.person, titles=list(titles), summary=summary, **kwargs
        )
