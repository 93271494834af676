"""Search explains itself: every result says why it matched, on both backends alike."""

import pytest
from django.db import connection

from rounds.search import get_backend
from rounds.search.query import parse_query
from tests.factories import make_communique, make_dialogue, make_round, make_statement, make_topic
from tests.public.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds():
    fugitives = make_topic(
        name="fugitives", slug="fugitives", aliases="Interpol red notice\nprófugos"
    )
    dialogue = make_dialogue(name="Cuba–US Law Enforcement Dialogue", aliases="Diálogo de ley")
    by_alias = make_round(dialogue=dialogue, topics=[fugitives], summary="Talks in Havana.")
    in_summary = make_round(dialogue=dialogue, summary="They discussed the red notice system.")
    in_text = make_round(dialogue=dialogue, summary="Nothing here.")
    communique = make_communique(
        round=in_text, title="Note", text="Both sides discussed a red notice for a fugitive."
    )
    in_statement = make_round(dialogue=dialogue, summary="Other talks.")
    make_statement(round=in_statement, text="Asked about the red notice again.")
    return {
        "alias": by_alias,
        "summary": in_summary,
        "text": in_text,
        "statement": in_statement,
        "communique": communique,
    }


def test_backend_explains_each_round_by_the_field_that_matched(rounds):
    reasons = get_backend().explain(
        [r.pk for r in rounds.values() if hasattr(r, "number")], parse_query("red notice")
    )
    (alias,) = reasons[rounds["alias"].pk]
    assert (alias.kind, alias.text, alias.target) == (
        "topic_alias",
        "Interpol red notice",
        "fugitives",
    )
    assert "<mark>red</mark>" in alias.snippet and "<mark>notice</mark>" in alias.snippet
    (summary,) = reasons[rounds["summary"].pk]
    assert summary.kind == "summary" and "<mark>red</mark> <mark>notice</mark>" in summary.snippet
    (text,) = reasons[rounds["text"].pk]
    assert text.kind == "communique" and text.url == rounds["communique"].get_absolute_url()
    assert reasons[rounds["statement"].pk][0].kind == "statement"


def test_explanations_escape_stored_text(rounds):
    round_ = make_round(summary="<script>alert('red')</script> red notice")
    (reason,) = get_backend().explain([round_.pk], parse_query("red notice"))[round_.pk]
    # Escaped by the fallback, dropped as markup by ts_headline: never a live tag.
    assert "<script>" not in reason.snippet and "alert" in reason.snippet


def test_every_result_on_the_page_says_why_it_matched(client, rounds):
    response = client.get("/rounds/?q=red+notice")
    text = text_of(response)
    assert text.count("Why it matched:") == 4
    assert "topic alias: Interpol red notice → , an alias of fugitives" in text
    assert "in the summary: They discussed the red notice system." in text
    assert "in the communiqué Note :" in text and "discussed a red notice for a fugitive" in text
    assert "in a statement: Asked about the red notice again." in text
    html = response.content.decode()
    assert f'href="{rounds["communique"].get_absolute_url()}"' in html


def test_a_chosen_topic_is_a_reason_too(client, rounds):
    text = text_of(client.get("/rounds/?topic=fugitives"))
    assert "Why it matched: listed topic: fugitives" in text


def test_sort_choices_are_links_above_the_results(client, rounds):
    html = client.get("/rounds/?q=red+notice").content.decode()
    assert '<nav class="sort-choices" aria-label="Sort results">' in html
    assert '<strong aria-current="true">most relevant first</strong>' in html
    assert 'href="?q=red+notice&amp;sort=-date"' in html
    html = client.get("/rounds/?q=red+notice&sort=date").content.decode()
    assert '<strong aria-current="true">oldest first</strong>' in html


def test_filters_fold_and_open_when_the_search_is_invalid(client, rounds):
    html = client.get("/rounds/?q=red").content.decode()
    assert '<details class="filters-fold search-filters">' in html
    html = client.get("/rounds/?year=abc").content.decode()
    assert '<details class="filters-fold search-filters" open>' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stemming")
def test_postgres_explains_a_stemmed_match():
    round_ = make_round(summary="Action against traffickers at sea.")
    (reason,) = get_backend().explain([round_.pk], parse_query("trafficking"))[round_.pk]
    assert reason.kind == "summary" and "<mark>traffickers</mark>" in reason.snippet
