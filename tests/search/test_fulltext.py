"""Full-text search: query parsing, the SQLite fallback, and PostgreSQL's stored search vector.

Tests marked `postgresql_only` exercise PostgreSQL features (tsvector triggers, stemming,
unaccent, ts_rank, ts_headline, the GIN index) and skip on SQLite; the rest run on both.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.models import Communique, Language, Round, RoundStatus, ThreatTopic
from rounds.search import PostgresSearch, SimpleSearch, get_backend, search_rounds
from rounds.search.highlight import render_highlight
from rounds.search.query import Term, parse_query
from tests.factories import (
    make_agreement,
    make_communique,
    make_dialogue,
    make_round,
    make_statement,
    make_topic,
)

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (tsvector, stemming, ranking); SQLite uses the fallback",
)


def search_ids(q: str) -> set[int]:
    return set(search_rounds(Round.objects.published(), q).values_list("pk", flat=True))


# --- parsing (no database) ------------------------------------------------------------------


def test_parse_words_phrases_or_and_exclusions():
    parsed = parse_query('drugs "human trafficking" OR smuggling -terrorism -"health incidents"')
    assert parsed.groups == (
        (Term("drugs"),),
        (Term("human trafficking", phrase=True), Term("smuggling")),
        (Term("terrorism", negated=True),),
        (Term("health incidents", phrase=True, negated=True),),
    )
    assert [t.text for t in parsed.positive_terms] == ["drugs", "human trafficking", "smuggling"]


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "OR", '""', "-", "- -", "\x00\x01", "()&|!:*"],
)
def test_parse_of_nothing_searchable_is_empty(raw):
    assert not parse_query(raw)


def test_parse_tolerates_unbalanced_quotes_and_keeps_a_bounded_number_of_terms():
    assert parse_query('"cyber crime').groups == ((Term("cyber crime", phrase=True),),)
    assert len(parse_query(" ".join(f"w{i}" for i in range(100))).groups) == 12


def test_highlight_escapes_everything_but_the_marks():
    raw = "<b>x</b> \ue000drugs\ue001 & \ue000open"
    assert (
        render_highlight(raw) == "&lt;b&gt;x&lt;/b&gt; <mark>drugs</mark> &amp; <mark>open</mark>"
    )


# --- behaviour shared by both backends ------------------------------------------------------


@pytest.mark.django_db
def test_search_looks_in_summaries_communiques_statements_and_agreements():
    in_summary = make_round(summary="Talks on cybercrime and fraud.")
    in_communique = make_round()
    make_communique(round=in_communique, text="Both sides discussed cybercrime at length.")
    in_statement = make_round()
    make_statement(round=in_statement, text="Urged action against cybercrime.")
    in_agreement = make_round()
    make_agreement(round=in_agreement, text="Set up a cybercrime working group.")
    make_round(summary="Talks on migration.")
    assert search_ids("cybercrime") == {
        in_summary.pk,
        in_communique.pk,
        in_statement.pk,
        in_agreement.pk,
    }


@pytest.mark.django_db
def test_web_search_syntax_or_exclusion_and_phrases():
    drugs = make_round(summary="Talks on drugs and migration.")
    terror = make_round(summary="Talks on terrorism.")
    both = make_round(summary="Talks on drugs and terrorism; human trafficking too.")
    scattered = make_round(summary="Trafficking in drugs harms human lives.")
    assert search_ids("drugs") == {drugs.pk, both.pk, scattered.pk}
    assert search_ids("drugs -terrorism") == {drugs.pk, scattered.pk}
    assert search_ids("migration OR terrorism") == {drugs.pk, terror.pk, both.pk}
    assert search_ids('"human trafficking"') == {both.pk}


@pytest.mark.django_db
def test_search_never_shows_drafts():
    make_round(summary="secret cybercrime draft", status=RoundStatus.DRAFT)
    assert search_ids("cybercrime") == set()


@pytest.mark.django_db
def test_simple_fallback_matches_substrings_case_insensitively_on_any_database():
    """The SQLite fallback (usable on any database): no stemming, no accent folding."""
    round_ = make_round(summary="Action against Traffickers.")
    accented = make_round(summary="El tráfico de drogas.")
    backend = SimpleSearch()

    def ids(q):
        return set(backend.filter(Round.objects.all(), parse_query(q)).values_list("pk", flat=True))

    assert ids("traffickers") == {round_.pk}
    assert ids("traffick") == {round_.pk}
    assert ids("trafficking") == set(), "no stemming in the fallback"
    assert ids("tráfico") == {accented.pk}
    snippets = backend.snippets([round_.pk], parse_query("traffickers"))
    assert snippets[round_.pk] == "Action against <mark>Traffickers</mark>."


@pytest.mark.django_db
def test_page_shows_highlighted_snippets(client):
    make_round(summary='Long talks. R&D and "safe" tools to fight cybercrime were agreed.')
    response = client.get("/rounds/", {"q": "cybercrime"})
    html = response.content.decode()
    assert "<mark>cybercrime</mark>" in html
    assert "R&amp;D and &quot;safe&quot; tools" in html


# --- PostgreSQL: the stored vector, stemming, accents, ranking ------------------------------


@postgresql_only
@pytest.mark.django_db
def test_english_stemming_trafficking_finds_traffickers():
    round_ = make_round(summary="Action against people traffickers.")
    make_round(summary="Talks on migration.")
    assert search_ids("trafficking") == {round_.pk}


@postgresql_only
@pytest.mark.django_db
def test_spanish_text_with_spanish_stemming_and_without_accents():
    round_ = make_round(summary="Met.")
    make_communique(
        round=round_,
        language=Language.SPANISH,
        title="Nota de prensa",
        text="Las delegaciones abordaron el tráfico ilícito de drogas y la trata de personas.",
    )
    make_round(summary="Talks on migration.")
    assert search_ids("trafico") == {round_.pk}
    assert search_ids("tráfico") == {round_.pk}
    assert search_ids("TRAFICOS") == {round_.pk}, "Spanish plural, stemmed"
    assert search_ids("delegación") == {round_.pk}, "singular with accent finds the plural"
    assert search_ids("ilicito") == {round_.pk}
    snippet = get_backend().snippets([round_.pk], parse_query("trafico"))[round_.pk]
    assert "<mark>tráfico</mark>" in snippet


@postgresql_only
@pytest.mark.django_db
def test_letters_that_unaccent_turns_into_quotes_break_nothing(client):
    """unaccent maps ʼ to ' and ŉ to 'n: a Spanish text or a query with them still works."""
    round_ = make_round(summary="Met.")
    make_communique(round=round_, language=Language.SPANISH, text="Dijo lʼacuerdo ŉ aʹb.")
    assert search_ids("lʼacuerdo") == {round_.pk}
    for q in ("ʼ", "ŉ", "aʺb", "ˈx OR ʽy"):
        assert client.get("/rounds/", {"q": q}).status_code == 200


@postgresql_only
@pytest.mark.django_db
def test_summary_matches_rank_above_communique_body_matches():
    body_only = make_round(summary="A meeting.")
    make_communique(round=body_only, text="Later, cybercrime was mentioned once.")
    in_summary = make_round(summary="The round was about cybercrime.")
    in_dialogue = make_round(dialogue=make_dialogue(name="Cybercrime Dialogue"), summary="Talks.")
    ranked = list(
        search_rounds(Round.objects.published(), "cybercrime")
        .order_by("-rank")
        .values_list("pk", flat=True)
    )
    assert ranked == [in_dialogue.pk, in_summary.pk, body_only.pk]


@postgresql_only
@pytest.mark.django_db
def test_relevance_sort_on_the_page(client):
    body_only = make_round(summary="A meeting.")
    make_communique(round=body_only, text="Later, cybercrime was mentioned once.")
    in_summary = make_round(summary="The round was about cybercrime.")
    response = client.get("/rounds/", {"q": "cybercrime"})
    assert [r.pk for r in response.context["rounds"]] == [in_summary.pk, body_only.pk]
    response = client.get("/rounds/", {"q": "cybercrime", "sort": "date"})
    assert [r.pk for r in response.context["rounds"]] == [body_only.pk, in_summary.pk]


def stored_vector(round_: Round) -> str:
    return Round.objects.filter(pk=round_.pk).values_list("search_vector", flat=True)[0] or ""


@postgresql_only
@pytest.mark.django_db
def test_vector_follows_every_write_path():
    topic = make_topic(name="piracy", slug="piracy")
    round_ = make_round(summary="Opening talks.", topics=[topic])
    assert "'piraci'" in stored_vector(round_) and "'open'" in stored_vector(round_)

    Round.objects.filter(pk=round_.pk).update(summary="Ransomware discussed.")  # bulk SQL
    assert "'ransomwar'" in stored_vector(round_) and "'open'" not in stored_vector(round_)

    communique = make_communique(round=round_, text="Fentanyl seizures.")
    assert "'fentanyl'" in stored_vector(round_)
    Communique.objects.filter(pk=communique.pk).update(text="Cocaine seizures.")
    assert "'cocain'" in stored_vector(round_) and "'fentanyl'" not in stored_vector(round_)
    communique.delete()
    assert "'cocain'" not in stored_vector(round_)

    statement = make_statement(round=round_, text="Urged extraditions.")
    assert "'extradit'" in stored_vector(round_)
    statement.delete()
    assert "'extradit'" not in stored_vector(round_)

    ThreatTopic.objects.filter(pk=topic.pk).update(name="maritime piracy")
    assert "'maritim'" in stored_vector(round_)
    round_.topics.clear()
    assert "'maritim'" not in stored_vector(round_)

    round_.dialogue.name = "Bilateral Narcotics Dialogue"
    round_.dialogue.save()
    assert "'narcot'" in stored_vector(round_)


@postgresql_only
@pytest.mark.django_db
def test_gin_index_is_usable_for_the_search():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'rounds_round_search_vector_gin'"
        )
        assert "USING gin (search_vector)" in cursor.fetchone()[0]
    queryset = search_rounds(Round.objects.all(), "cybercrime").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is otherwise scanned
        plan = queryset.explain()
    assert "Bitmap Index Scan on rounds_round_search_vector_gin" in plan


@postgresql_only
@pytest.mark.django_db
def test_headline_snippets_escape_stored_text_and_highlight_terms():
    round_ = make_round(
        summary="Cybercrime R&D <img src=x onerror=alert(1)> \ue000forged\ue001 talks"
    )
    snippet = PostgresSearch().snippets([round_.pk], parse_query("cybercrime"))[round_.pk]
    assert "<img" not in snippet and "R&amp;D" in snippet
    assert "<mark>Cybercrime</mark>" in snippet
    assert "<mark>forged</mark>" not in snippet


@postgresql_only
@pytest.mark.django_db  # inside the test's transaction: the setting must not outlive the block
def test_the_facets_of_a_word_search_count_through_the_index_and_only_they_do(client):
    make_round(summary="Cybercrime talks.")
    make_round(summary="Migration talks.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/rounds/", {"q": "cybercrime"})
    assert response.context["paginator"].count == 1
    sql = [q["sql"] for q in queries.captured_queries]
    switched = [i for i, s in enumerate(sql) if s == "SET LOCAL enable_seqscan = off"]
    assert len(switched) == 1
    assert "GROUP BY" in sql[switched[0] + 1]  # the facet counts come right after it
    with connection.cursor() as cursor:  # and the queries after it plan as usual
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
