from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import exports, feeds, views
from .sitemaps import SITEMAPS

app_name = "rounds"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dialogues/", views.DialogueListView.as_view(), name="dialogue-list"),
    path("dialogues/<slug:slug>/", views.DialogueDetailView.as_view(), name="dialogue-detail"),
    path(
        "dialogues/<slug:slug>/rounds/<int:number>/",
        views.RoundDetailView.as_view(),
        name="round-detail",
    ),
    path(
        "dialogues/<slug:slug>/rounds/<int:number>/cite.<str:fmt>",
        views.round_cite,
        name="round-cite",
    ),
    path(
        "dialogues/<slug:slug>/calendar.ics",
        feeds.DialogueCalendarView.as_view(),
        name="dialogue-calendar",
    ),
    path(
        "dialogues/<slug:slug>/rounds/<int:number>/sides/",
        views.RoundSidesView.as_view(),
        name="round-sides",
    ),
    path(
        "dialogues/<slug:slug>/compare/",
        views.DialogueCompareView.as_view(),
        name="dialogue-compare",
    ),
    path("communiques/<int:pk>/", views.CommuniqueDetailView.as_view(), name="communique-detail"),
    path("rounds/", views.RoundListView.as_view(), name="round-list"),
    path("rounds/export.csv", exports.round_export_csv, name="round-export-csv"),
    path("rounds/export.json", exports.round_export_json, name="round-export-json"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("ministries/<slug:slug>/", views.MinistryDetailView.as_view(), name="ministry-detail"),
    path("countries/<slug:code>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("data/", views.DatasetView.as_view(), name="dataset"),
    path("data/latest.zip", views.dataset_latest, name="dataset-latest"),
    path("data/<str:filename>", views.dataset_file, name="dataset-file"),
    path("feeds/rounds/", feeds.LatestRoundsFeed(), name="feed-rounds"),
    path("feeds/search/", feeds.SearchRoundsFeed(), name="feed-search"),
    path("feeds/dialogues/<slug:slug>/", feeds.DialogueRoundsFeed(), name="feed-dialogue"),
    path("feeds/topics/<slug:slug>/", feeds.TopicRoundsFeed(), name="feed-topic"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "rounds:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "rounds/sitemap.xml"},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]
