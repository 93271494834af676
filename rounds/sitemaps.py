"""sitemap.xml: an index of sections (sitemap-<section>.xml, 1,000 addresses a page), every
public page from published data only. Each page is bounded whatever the number of rounds."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from .models import (
    Communique,
    CooperationRequest,
    Country,
    Dialogue,
    Ministry,
    Person,
    Round,
    ThreatTopic,
)


class RoundSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 1000

    def items(self):
        return Round.objects.published().select_related("dialogue").order_by("pk")

    def lastmod(self, item: Round):
        return item.updated_at

    def get_latest_lastmod(self):
        # The index asks for it; Sitemap's own would call lastmod() on every round. A day, as
        # the entries say it (and as a backup, which keeps milliseconds only, restores it).
        latest = self.items().aggregate(latest=Max("updated_at"))["latest"]
        return latest and timezone.localdate(latest)


class DialogueSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return Dialogue.objects.public().order_by("pk")


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ThreatTopic.objects.public().order_by("pk")


class MinistrySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 1000

    def items(self):
        return Ministry.objects.public().order_by("pk")


class CountrySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Country.objects.public().order_by("pk")


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 1000

    def items(self):
        return Person.objects.public().order_by("pk")


class RequestSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 1000

    def items(self):
        return CooperationRequest.objects.public().order_by("pk")


class CommuniqueSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5
    limit = 1000

    def items(self):
        return Communique.objects.published().select_related("round").order_by("pk")


class StaticViewSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "rounds:home",
            "rounds:dialogue-list",
            "rounds:topic-list",
            "rounds:request-list",
            "rounds:person-list",
            "rounds:dataset",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": StaticViewSitemap,
    "dialogues": DialogueSitemap,
    "rounds": RoundSitemap,
    "topics": TopicSitemap,
    "countries": CountrySitemap,
    "ministries": MinistrySitemap,
    "people": PersonSitemap,
    "requests": RequestSitemap,
    "communiques": CommuniqueSitemap,
}
