"""Public pages: published data only; staff with view permission may preview a draft round."""

from .analysis import CommuniqueDetailView, DialogueCompareView, RoundSidesView
from .citations import round_cite
from .data import DatasetView, dataset_file, dataset_latest
from .dialogues import DialogueDetailView, DialogueListView, HomeView, RoundDetailView
from .entities import CountryDetailView, MinistryDetailView, TopicDetailView, TopicListView
from .people import PersonDetailView, PersonListView
from .requests import RequestDetailView, RequestListView
from .search import RoundListView
from .site import healthz, robots_txt

__all__ = [
    "CommuniqueDetailView",
    "DialogueCompareView",
    "RoundSidesView",
    "CountryDetailView",
    "DatasetView",
    "DialogueDetailView",
    "DialogueListView",
    "HomeView",
    "MinistryDetailView",
    "PersonDetailView",
    "PersonListView",
    "RequestDetailView",
    "RequestListView",
    "RoundDetailView",
    "RoundListView",
    "TopicDetailView",
    "TopicListView",
    "dataset_file",
    "dataset_latest",
    "healthz",
    "robots_txt",
    "round_cite",
]
