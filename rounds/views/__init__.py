"""Public pages: published data only; staff with view permission may preview a draft round."""

from .analysis import CommuniqueDetailView, DialogueCompareView, RoundSidesView
from .dialogues import DialogueDetailView, DialogueListView, HomeView, RoundDetailView
from .entities import CountryDetailView, MinistryDetailView, TopicDetailView, TopicListView
from .requests import RequestDetailView, RequestListView
from .search import RoundListView
from .site import healthz, robots_txt

__all__ = [
    "CommuniqueDetailView",
    "DialogueCompareView",
    "RoundSidesView",
    "CountryDetailView",
    "DialogueDetailView",
    "DialogueListView",
    "HomeView",
    "MinistryDetailView",
    "RequestDetailView",
    "RequestListView",
    "RoundDetailView",
    "RoundListView",
    "TopicDetailView",
    "TopicListView",
    "healthz",
    "robots_txt",
]
