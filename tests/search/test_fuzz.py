"""Random query strings never break the search page, its exports or its feed (hypothesis)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_communique, make_round, make_topic

pytestmark = pytest.mark.django_db

URLS = ["/rounds/", "/rounds/export.csv", "/rounds/export.json", "/feeds/search/"]
KEYS = [
    "q",
    "topic",
    "match",
    "dialogue",
    "country",
    "country_role",
    "ministry",
    "city",
    "date_from",
    "date_to",
    "year",
    "open_requests",
    "request_status",
    "request_by",
    "sort",
    "page",
]
# Any text but lone surrogates (which cannot travel in a URL), control characters included.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)
interesting = st.sampled_from(
    [
        "\x00",
        "cybercrime",
        "terrorism",
        "-",
        '"',
        "OR",
        "-cybercrime",
        "2018-01-01",
        "2018-02-30",
        "99999999999999999999",
        "-1",
        "0",
        "1e308",
        "NaN",
        "all",
        "any",
        "relevance",
        "CU",
        "%",
        "_",
        "\\",
        "'; DROP TABLE rounds_round; --",
        "lʼacuerdo ŉ",
        "x" * 5000,
    ]
)
values = st.lists(st.one_of(text, interesting), min_size=1, max_size=3)
queries = st.dictionaries(st.one_of(st.sampled_from(KEYS), text), values, max_size=6)


@pytest.fixture
def some_rounds(db):
    topic = make_topic(slug="cybercrime", name="cybercrime")
    round_ = make_round(summary="Talks on cybercrime and terrorism.", topics=[topic])
    make_communique(round=round_, language="es", text="El tráfico de drogas.")
    make_round(summary="Migration talks.")


def query_string(params: dict[str, list[str]]) -> str:
    return "&".join(
        f"{quote(key, safe='')}={quote(value, safe='')}"
        for key, items in params.items()
        for value in items
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=queries, url=st.sampled_from(URLS))
def test_random_query_strings_never_give_a_server_error(client, some_rounds, params, url):
    response = client.get(f"{url}?{query_string(params)}")
    assert response.status_code in {200, 400, 404}
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8")
    assert "Traceback" not in body
    if response.status_code == 400:
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "not valid" in body


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "topic=%00&topic=cybercrime",
        "country=%00",
        "ministry=a%00",
        "date_from=%00",
        "year=%00",
        "page=%00",
        "q=" + "x" * 100_000,
        "q=%FF%FE",
        "topic=" + "&topic=".join(["cybercrime"] * 200),
        "sort=relevance&sort=%00",
        "%00=%00",
    ],
)
def test_known_nasty_inputs(client, some_rounds, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in {200, 400, 404}  # 404: a page number that does not exist
