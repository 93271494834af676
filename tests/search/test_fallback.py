"""The search behaviour QA checked on `make run` (SQLite), held on both databases.

Accents and case both ways, matches at word starts with whole-word highlights, queries with
nothing to search for refused, a relevance that means something, and a Sort menu that agrees
with the results line. Tests that call `SimpleSearch` directly exercise the fallback on either
database (on PostgreSQL its fold is built from rounds_unaccent); the page tests go through the
default database's backend.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler

from rounds.models import Language, Round
from rounds.search import SimpleSearch, filters, get_backend
from rounds.search.highlight import simple_snippet
from rounds.search.query import parse_query
from rounds.search.sqlite import fold
from tests.factories import (
    make_agreement,
    make_communique,
    make_dialogue,
    make_round,
    make_statement,
    make_topic,
)

URLS = ["/rounds/", "/rounds/export.csv", "/rounds/export.json", "/feeds/search/"]


def fallback_ids(q: str) -> set[int]:
    queryset = SimpleSearch().filter(Round.objects.published(), parse_query(q))
    return set(queryset.values_list("pk", flat=True))


def page_ids(client, **params) -> list[int]:
    response = client.get("/rounds/", params)
    assert response.status_code == 200
    return [round_.pk for round_ in response.context["rounds"]]


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", str(html))


# --- folding (no database) ------------------------------------------------------------------


def test_fold_drops_accents_case_and_punctuation_and_pads_words():
    assert fold("El TRÁFICO ilícito, de-drogas!") == " el trafico ilicito de drogas "
    assert fold("Straße İstanbul Ñandú ﬁve") == " strasse istanbul nandu five "
    assert fold("cafe\u0301") == fold("café") == " cafe "
    assert fold(None) == fold("") == "  "


@pytest.mark.parametrize(
    "raw",
    ['"', "OR", "*", "-", "a OR", "a", "the", "de OR la", '"a"', "…", "ʼ", "- -a"],
)
def test_queries_without_a_word_to_search_parse_to_nothing(raw):
    assert not parse_query(raw)


def test_stop_words_and_single_letters_are_dropped_but_phrases_keep_them():
    assert [t.text for t in parse_query("a cybercrime OR the drugs").positive_terms] == [
        "cybercrime",
        "drugs",
    ]
    # A dropped term does not swallow the OR: "drugs OR the cuba" is drugs AND cuba.
    assert len(parse_query("drugs OR the cuba").groups) == 2
    assert parse_query('"trata de personas"').positive_terms[0].text == "trata de personas"
    assert parse_query("EU").positive_terms[0].text == "EU", "two-letter words are kept"


# --- 1. accents and case, both ways -----------------------------------------------------------


@pytest.mark.django_db
def test_fallback_folds_accents_and_case_both_ways():
    accented = make_round(summary="El TRÁFICO de drogas.")
    plain = make_round(summary="Trafico de armas.")
    make_round(summary="Talks on migration.")
    for q in ("trafico", "tráfico", "TRAFICO", "Tráfico"):
        assert fallback_ids(q) == {accented.pk, plain.pk}, q
    assert fallback_ids("drogas -tráfico") == set()


@pytest.mark.django_db
def test_fallback_snippets_mark_the_original_accented_words():
    round_ = make_round(summary="Met.")
    make_communique(
        round=round_, language=Language.SPANISH, title="Nota", text="Abordaron el tráfico ilícito."
    )
    snippet = SimpleSearch().snippets([round_.pk], parse_query("trafico ilicito"))[round_.pk]
    assert marks(snippet) == ["tráfico", "ilícito"]
    assert simple_snippet(["Ñandú y ÑANDÚ"], parse_query("nandu").positive_terms) == (
        "<mark>Ñandú</mark> y <mark>ÑANDÚ</mark>"
    )


@pytest.mark.django_db
def test_page_finds_accented_words_without_accents_on_either_database(client):
    round_ = make_round(summary="Met.")
    make_communique(round=round_, language=Language.SPANISH, text="El tráfico de drogas.")
    make_round(summary="Talks on migration.")
    assert page_ids(client, q="trafico") == page_ids(client, q="tráfico") == [round_.pk]
    html = client.get("/rounds/", {"q": "trafico"}).content.decode()
    assert "<mark>tráfico</mark>" in html


@pytest.mark.django_db
def test_fold_is_a_function_of_every_sqlite_connection():
    # A connection of its own, so the test runs whichever database the suite uses.
    sqlite = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )["default"]
    try:
        with sqlite.cursor() as cursor:
            cursor.execute("SELECT diplotrack_fold(%s)", ["Tráfico-ILÍCITO"])
            assert cursor.fetchone()[0] == " trafico ilicito "
    finally:
        sqlite.close()


# --- 2. word starts, whole words for short terms, whole-word highlights ----------------------


@pytest.mark.django_db
def test_fallback_matches_at_word_starts_only():
    trafficking = make_round(summary="Human trafficking (trafficking-in-persons) networks.")
    make_round(summary="Anti-contraband work.")
    assert fallback_ids("traffic") == {trafficking.pk}, "a prefix finds the longer word"
    assert fallback_ids("persons") == {trafficking.pk}, "hyphens separate words"
    assert fallback_ids("raffic") == set(), "not inside a word"
    assert fallback_ids("band") == set()
    assert fallback_ids('"human traffic"') == {trafficking.pk}


@pytest.mark.django_db
def test_short_terms_match_whole_words_only():
    eu = make_round(summary="The EU delegation attended.")
    make_round(summary="Europe and neutral observers.")
    assert fallback_ids("eu") == {eu.pk}
    assert fallback_ids("EU") == {eu.pk}


@pytest.mark.django_db
def test_highlights_are_whole_words_never_letters_inside_words():
    round_ = make_round(summary="A plan against trafficking and smuggling, agreed at last.")
    snippet = SimpleSearch().snippets([round_.pk], parse_query("traffic"))[round_.pk]
    assert marks(snippet) == ["trafficking"]
    snippet = simple_snippet(
        ["A plan against trafficking, at last."], parse_query("traffic OR at").positive_terms
    )
    assert marks(snippet) == ["trafficking"], "'at' is a stop word; never a letter inside words"
    snippet = simple_snippet(["The EU and Europe."], parse_query("eu").positive_terms)
    assert marks(snippet) == ["EU"]


@pytest.mark.django_db
def test_exclusions_keep_rounds_with_empty_optional_fields():
    round_ = make_round(summary="Talks on migration.", venue="", city="")
    make_round(summary="Talks on cybercrime.")
    assert fallback_ids("talks -cybercrime") == {round_.pk}


# --- 3. nothing to search for is a form error --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', "OR", "*", "-", "a OR", "the", "…"])
def test_query_without_a_word_is_a_form_error_not_every_round(client, q):
    make_round(summary="A round about cybercrime.")
    response = client.get("/rounds/", {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["filter"].form.errors.as_data()["q"][0].code == "no_words"
    assert "Give at least one word to search for." in html
    assert "most relevant first" not in html.split('class="search-results"')[1]
    assert '<ol class="search-result-list"' not in html
    for url in URLS[1:]:
        response = client.get(url, {"q": q})
        assert response.status_code == 400
        assert "Give at least one word to search for." in response.content.decode()


@pytest.mark.django_db
def test_error_banner_has_no_space_before_its_comma(client):
    html = client.get("/rounds/", {"q": "OR"}).content.decode()
    assert "not valid</strong>, so nothing is listed" in html
    assert not re.search(r"\s,", re.sub(r"<[^>]+>", "", html.split('class="form-errors"')[1]))


# --- 4. relevance --------------------------------------------------------------------------


@pytest.mark.django_db
def test_fallback_relevance_weighs_fields_like_the_vector():
    body_only = make_round(summary="A meeting.")
    make_communique(round=body_only, text="Later, cybercrime was mentioned once.")
    in_statement = make_round(summary="A meeting.")
    make_statement(round=in_statement, text="Urged action against cybercrime.")
    in_agreement = make_round(summary="A meeting.")
    make_agreement(round=in_agreement, text="A cybercrime working group.")
    in_summary = make_round(summary="The round was about cybercrime.")
    in_dialogue = make_round(dialogue=make_dialogue(name="Cybercrime Dialogue"), summary="Talks.")
    in_topic = make_round(summary="Talks.", topics=[make_topic(name="Cybercrime")])
    ranks = dict(
        SimpleSearch()
        .filter(Round.objects.published(), parse_query("cybercrime"))
        .values_list("pk", "rank")
    )
    assert ranks[in_dialogue.pk] == ranks[in_topic.pk] > ranks[in_summary.pk]
    assert ranks[in_summary.pk] > ranks[in_statement.pk] == ranks[in_agreement.pk]
    assert ranks[in_agreement.pk] > ranks[body_only.pk] > 0
    both = make_round(summary="Cybercrime and fraud.")
    ranks = dict(
        SimpleSearch()
        .filter(Round.objects.published(), parse_query("cybercrime OR fraud"))
        .values_list("pk", "rank")
    )
    assert ranks[both.pk] > ranks[in_summary.pk], "more matched terms rank higher"


@pytest.mark.django_db
def test_relevance_sort_on_the_page_on_either_database(client):
    assert get_backend().ranks_by_relevance
    body_only = make_round(summary="A meeting.")  # newest
    make_communique(round=body_only, text="Later, cybercrime was mentioned once.")
    in_summary = make_round(summary="The round was about cybercrime.")
    in_summary.start_date = in_summary.end_date = body_only.start_date.replace(year=2010)
    in_summary.save()
    assert page_ids(client, q="cybercrime") == [in_summary.pk, body_only.pk]
    assert page_ids(client, q="cybercrime", sort="relevance") == [in_summary.pk, body_only.pk]
    assert page_ids(client, q="cybercrime", sort="-date") == [body_only.pk, in_summary.pk]


# --- 5. the Sort menu agrees with the results line -------------------------------------------


def sort_menu(html: str) -> list[tuple[str, str, bool]]:
    select = re.search(r'<select name="sort".*?</select>', html, re.S).group(0)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "order"),
    [
        ({}, "newest first"),
        ({"q": "cybercrime"}, "most relevant first"),
        ({"q": "cybercrime", "sort": "relevance"}, "most relevant first"),
        ({"q": "cybercrime", "sort": "-date"}, "newest first"),
        ({"q": "cybercrime", "sort": "date"}, "oldest first"),
        ({"sort": "date"}, "oldest first"),
        ({"sort": "relevance"}, "newest first"),
    ],
)
def test_sort_menu_has_no_duplicates_and_shows_the_order_in_effect(client, params, order):
    make_round(summary="Cybercrime talks.")
    make_round(summary="More cybercrime talks.")
    html = client.get("/rounds/", params).content.decode()
    menu = sort_menu(html)
    labels = [label for _, label, _ in menu]
    assert "best match" not in labels and len(set(labels)) == len(labels)
    assert not any(value == "relevance" for value, _, _ in menu)
    selected = [label for _, label, chosen in menu if chosen]
    assert len(selected) == 1 and selected[0].startswith(order)
    assert f", {order}." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "order", "values"),
    [
        ({"q": "cybercrime"}, "newest first", ["", "relevance", "date"]),
        (
            {"q": "cybercrime", "sort": "relevance"},
            "most relevant first",
            ["", "relevance", "date"],
        ),
        ({"q": "cybercrime", "sort": "-date"}, "newest first", ["", "relevance", "-date", "date"]),
    ],
)
def test_words_that_match_too_many_rounds_list_newest_first_unless_asked_to_rank(
    monkeypatch, client, params, order, values
):
    monkeypatch.setattr(filters, "RANK_BY_DEFAULT_UP_TO", 1)
    older = make_round(summary="Cybercrime talks.")
    newer = make_round(summary="Cybercrime, cybercrime and more cybercrime talks.")
    response = client.get("/rounds/", params)
    html = response.content.decode()
    menu = sort_menu(html)
    assert [value for value, _, _ in menu] == values
    selected = [label for _, label, chosen in menu if chosen]
    assert len(selected) == 1 and selected[0].startswith(order)
    assert f", {order}." in html
    assert [r.pk for r in response.context["rounds"]] == [newer.pk, older.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 2])
def test_the_api_and_the_export_order_a_search_as_its_page_does(monkeypatch, client, limit):
    """They count no facets: they decide the default order from matches counted up to the limit."""
    monkeypatch.setattr(filters, "RANK_BY_DEFAULT_UP_TO", limit)
    cybercrime = make_topic(name="Cybercrime", slug="cybercrime")
    older = make_round(summary="Cybercrime talks.", topics=[cybercrime])  # the more relevant
    newer = make_round(summary="Cybercrime talks.")
    expected = [older.pk, newer.pk] if limit == 2 else [newer.pk, older.pk]
    assert page_ids(client, q="cybercrime") == expected
    api = client.get("/api/v1/rounds/", {"q": "cybercrime"}).json()["results"]
    assert [row["id"] for row in api] == expected
    lines = client.get("/rounds/export.csv", {"q": "cybercrime"}).getvalue().decode().splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == [
        str(Round.objects.get(pk=pk).number) for pk in expected
    ]


def test_search_css_styles_dates_scrolls_topics_and_fits_dropdowns():

    css = (Path(settings.BASE_DIR) / "static" / "css" / "search.css").read_text()
    date_rule = re.search(
        r'^\.search-form input\[type="date"\], \.search-form input\[type="number"\] \{([^}]*)\}',
        css,
        re.M,
    ).group(1)
    assert "padding" in date_rule and "border" in date_rule
    topics = re.search(r"\.topic-choices \{([^}]*)\}", css).group(1)
    assert "overflow-y: scroll" in topics and "scrollbar-color" in topics
    assert "minmax(19rem" in css
