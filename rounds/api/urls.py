"""/api/v1/ (the data), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI and Redoc)."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("dialogues", views.DialogueViewSet, basename="dialogue")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("ministries", views.MinistryViewSet, basename="ministry")
router.register("countries", views.CountryViewSet, basename="country")
router.register("people", views.PersonViewSet, basename="person")
router.register("requests", views.RequestViewSet, basename="request")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:docs"), name="index"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
