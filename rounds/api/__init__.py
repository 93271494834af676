"""The read-only JSON API at /api/v1/ (docs/api.md): published data only, anonymous, throttled.

Built on Django REST framework (serializers, viewsets, throttling, content negotiation) and
drf-spectacular (the OpenAPI 3 schema at /api/schema/ and the docs at /api/docs/, whose Swagger
UI and Redoc assets come from drf-spectacular-sidecar and are served by whitenoise). The round
list runs the search page's own FilterSet, so a /rounds/ URL works here unchanged.
"""
