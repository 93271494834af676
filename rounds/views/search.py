"""The filtered search of rounds."""

from django_filters.views import FilterView

from rounds.models import (
    Round,
)
from rounds.search.filters import RoundFilter
from rounds.search.page import search_page_context

from .base import PAGE_SIZE


class RoundListView(FilterView):
    """The filtered search of published rounds (docs/search.md): facets, snippets, exports."""

    filterset_class = RoundFilter
    paginate_by = PAGE_SIZE
    context_object_name = "rounds"
    template_name = "rounds/round_filter.html"

    def get_queryset(self):
        return Round.objects.published().with_related()

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "counts_facets": True}

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.filterset.accepts:
            paginator.count = self.filterset.facets().total  # the facet query counted already
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            search_page_context(self.filterset, list(page.object_list), page.paginator.count)
        )
        return context
