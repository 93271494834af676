"""Pagination of the API's lists: the search page's page numbers, so a URL copied from the
browser (`?topic=...&page=3`) gives the same rounds here.

Why page numbers rather than a cursor: the round list must match `/rounds/` in its parameters
and its order, and that order can be relevance (a computed `rank`), which a keyset cursor cannot
encode exactly. The count is one `COUNT(*)` over the filtered, indexed `published()` queryset,
and an offset page reads an index range; scripts/bench_api.py measures both at 100k rounds.
"""

from rest_framework.pagination import PageNumberPagination

from rounds.views.base import PAGE_SIZE


class PageNumbers(PageNumberPagination):
    page_size = PAGE_SIZE  # the search page's, so page N is the same rounds in both
    page_size_query_param = "page_size"
    max_page_size = 100
