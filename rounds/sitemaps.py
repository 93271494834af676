"""sitemap.xml: an index of sections (sitemap-<section>.xml, 1,000 addresses a page), every
public page from published data only. Each page is bounded whatever the number of rounds."""

import datetime
from html import escape

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

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
    """Rounds with only the columns their entry shows: a page lists 1,000."""

    changefreq = "monthly"
    priority = 0.8
    limit = 1000

    def items(self):
        return (
            Round.objects.published()
            .select_related("dialogue")
            .only("number", "updated_at", "dialogue__slug")
            .order_by("pk")
        )

    def location(self, item: Round) -> str:
        if not hasattr(self, "_path"):  # once per page, in the language being listed
            self._path = Round.path_maker()
        return self._path(item.dialogue.slug, item.number)

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


def urlset_xml(urlset: list[dict]) -> SafeString:
    """The <url> elements of a sitemap page, as Django's sitemap.xml template writes them, in
    one pass of Python: the template's loop cost about 0.1 s for a page of 1,000 addresses."""
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            "<url>"
            f"<loc>{escape(url['location'])}</loc>"
            + (f"<lastmod>{sitemap_date(url['lastmod'])}</lastmod>" if url.get("lastmod") else "")
            + (
                f"<changefreq>{escape(url['changefreq'])}</changefreq>"
                if url.get("changefreq")
                else ""
            )
            + (
                f"<priority>{escape(str(url['priority']))}</priority>"
                if url.get("priority")
                else ""
            )
            + "".join(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
                for alternate in url.get("alternates", ())
            )
            + "</url>"
            for url in urlset
        )
    )


def sitemap_date(value: datetime.date | datetime.datetime) -> str:
    """A lastmod as the template's `date:"Y-m-d"` gives it: an aware time in the site's zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")
