"""What the public views share: page size, pagination of a second list, the entity mixin."""

from django.core.paginator import Paginator
from django.http import HttpRequest

from rounds.models import (
    CooperationRequest,
)

PAGE_SIZE = 20


def public_requests():
    """Requests opened at published rounds, with the status published rounds give them.

    A request no published round gave a status is left out (CooperationRequestQuerySet.public).
    """
    return CooperationRequest.objects.public()


def paginate(request: HttpRequest, queryset, param: str, per_page: int = PAGE_SIZE):
    """Return the page named by GET `param`; a bad or too-large number gives the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


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
