"""The demo data loads, is idempotent, and carries the reference facts and every source URL."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Delegate,
    Delegation,
    Dialogue,
    RequestUpdate,
    Round,
    Statement,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "fixtures" / "reference_facts.json"


@pytest.fixture
def demo(demo_data, db):
    return Dialogue.objects.get(slug="cuba-us-led")


class TestDemoData:
    """Read-only checks on the demo data, loaded once for the class."""

    def test_cuba_us_dialogue_has_six_published_rounds(self, demo):
        rounds = demo.rounds.published().order_by("number")
        assert [r.number for r in rounds] == [1, 2, 3, 4, 5, 6]

    def test_round_four_is_washington_10_july_2018_after_round_three(self, demo):
        r4 = demo.rounds.get(number=4)
        assert (r4.city, r4.start_date.isoformat(), r4.host_country.code) == (
            "Washington, D.C.",
            "2018-07-10",
            "US",
        )
        previous = r4.previous_round()
        assert previous.number == 3
        assert previous.start_date.isoformat() == "2017-09-15"
        assert r4.next_round().number == 5
        assert demo.rounds.get(number=2).city == "Havana"
        assert demo.rounds.get(number=2).start_date.isoformat() == "2016-05-17"

    def test_every_demo_record_is_valid(self, demo):
        for model in (
            Round,
            Delegation,
            Delegate,
            Communique,
            Statement,
            Agreement,
            CooperationRequest,
            RequestUpdate,
        ):
            records = list(model.objects.all())
            assert records, f"the demo data has no {model._meta.verbose_name_plural}"
            for record in records:
                record.full_clean()

    def test_loading_twice_changes_nothing(self, demo):
        counts = {m: m.objects.count() for m in (Round, Delegate, Statement, RequestUpdate)}
        history = Round.history.count()
        call_command("load_demo", verbosity=0)
        assert {m: m.objects.count() for m in counts} == counts
        assert Round.history.count() == history

    def test_every_reference_source_url_is_kept(self, demo):
        urls = set(json.loads(REFERENCE.read_text(encoding="utf-8"))["source_urls"])
        stored = set()
        for model in (
            Round,
            Delegation,
            Communique,
            Statement,
            Agreement,
            CooperationRequest,
            RequestUpdate,
        ):
            for text in model.objects.values_list("source_urls", flat=True):
                stored.update(text.split())
        stored.update(Communique.objects.exclude(url="").values_list("url", flat=True))
        assert urls - stored == set()

    def test_uncertain_reference_facts_keep_a_note(self, demo):
        uncertain_rounds = len(
            json.loads(REFERENCE.read_text(encoding="utf-8"))["uncertain_rounds"]
        )
        noted = Round.objects.exclude(uncertain_note="").count()
        noted += Delegation.objects.exclude(uncertain_note="").values("round").distinct().count()
        assert uncertain_rounds > 0
        assert noted >= uncertain_rounds

    def test_dialogue_and_delegate_facts_keep_their_sources(self, demo):
        assert demo.sources and demo.is_uncertain
        heads = Delegate.objects.filter(delegation__round__dialogue=demo, role="head")
        assert heads.exclude(source_urls="").exists()
