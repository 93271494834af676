"""The "Add round from communiqué" admin flow: paste → preview → confirm."""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import escape

from rounds.importing import import_rounds
from rounds.intake.forms import PasteForm
from rounds.intake.matching import near_duplicate
from rounds.intake.proposal import ProposalForm
from rounds.intake.views import Mark, highlight
from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
)
from rounds.services import setup_staff_groups
from tests.factories import make_country, make_dialogue, make_round, make_topic
from tests.intake.communiques import SEED, SPANISH, read, submitted

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo.json"
URL = reverse("admin:rounds_round_from_communique")


def paste_data(text: str, **extra) -> dict:
    data = {"c-text": text, "c-kind": "communique", "step": "preview"}
    data.update({f"c-{key}": value for key, value in extra.items()})
    return data


def proposal_data(response, **overrides) -> dict:
    """Return the preview's form as a browser would submit it unchanged, plus `overrides`."""
    data = {
        **submitted(response.context["paste_form"]),
        **submitted(response.context["form"]),
    }
    data.update(overrides)
    data["step"] = "confirm"
    return data


def record_counts() -> dict:
    models = [Round, Communique, Ministry, Delegation, Delegate, CooperationRequest]
    models += [RequestUpdate, Agreement, Statement]
    return {model.__name__: model.objects.count() for model in models}


def preview(client, text: str, **extra):
    response = client.post(URL, paste_data(text, **extra))
    assert response.status_code == 200
    assert "form" in response.context and "paste_form" in response.context, (
        response.context["form"].errors if "form" in response.context else response
    )
    return response


def confirm(client, text: str, paste_extra: dict | None = None, **overrides):
    response = preview(client, text, **(paste_extra or {}))
    return client.post(URL, proposal_data(response, **overrides))


# ---------------------------------------------------------------------------------------------
# The seed communiqué: a draft of the 4th round


@pytest.mark.django_db
def test_paste_shows_proposal_with_highlights_and_saves_nothing(admin_client, cuba_us):
    before = record_counts()
    response = preview(admin_client, read(SEED), date="2018-07-10")
    form = response.context["form"]
    assert form["dialogue"].value() == cuba_us.pk
    assert form["number"].value() == 4
    assert not form.number_suggested
    assert form["city"].value() == "Washington, D.C."
    assert form.start_date_suggested  # the text gives no meeting date
    assert form.previous_hint.matches is True
    assert form.existing_round is None
    html = response.content.decode()
    assert '<mark class="hl hl-topics"' in html
    assert '<mark class="hl hl-delegations"' in html
    assert "suggestion: the publication date" in html
    assert "A new draft round will be created" in html
    assert record_counts() == before


@pytest.mark.django_db
def test_confirming_the_seed_creates_a_draft_of_round_4(admin_client, cuba_us):
    text = read(SEED)
    response = confirm(
        admin_client,
        text,
        {"date": "2018-07-10", "url": "https://www.radiohc.cu/en/noticias/1", "issuer_country": ""},
    )
    round_ = Round.objects.get(dialogue=cuba_us, number=4)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:rounds_round_change", args=[round_.pk])
    assert round_.status == RoundStatus.DRAFT
    assert round_.city == "Washington, D.C."
    assert round_.host_country.code == "US"
    assert round_.start_date == datetime.date(2018, 7, 10)
    assert round_.previous_round(public_only=False).start_date == datetime.date(2017, 9, 15)
    assert {t.name for t in round_.topics.all()} == {
        "terrorism",
        "drug trafficking",
        "human trafficking",
        "cybercrime",
        "health incidents",
    }
    bodies = {
        d.country.code: {m.name for m in d.ministries.all()} for d in round_.delegations.all()
    }
    assert bodies == {
        "CU": {
            "Ministry of the Interior",
            "Ministry of Foreign Affairs",
            "Ministry of Justice",
            "Attorney General's Office",
            "General Customs of the Republic",
        },
        "US": {"Department of Homeland Security", "Department of Justice", "Department of State"},
    }
    update = RequestUpdate.objects.get(round=round_)
    assert update.status == RequestStatus.CLARIFIED
    assert update.request.opened_in == round_
    assert update.request.raised_by.code == "CU"  # Cuba's requests, pending from the US side
    assert "pending from the United States side" in update.request.description
    agreements = [a.text for a in round_.agreements.all()]
    assert len(agreements) == 2
    assert any("continue the dialogue" in a for a in agreements)
    assert any("technical meetings" in a for a in agreements)
    assert round_.statements.filter(country__code="CU", kind="urged").exists()
    communique = round_.communiques.get()
    assert communique.text == text.strip()
    assert communique.url == "https://www.radiohc.cu/en/noticias/1"
    assert communique.title == "Cuba and U.S. discuss law enforcement and compliance"
    assert communique.language == "en"
    assert set(round_.statements.values_list("communique", flat=True)) == {communique.pk}
    assert Round.objects.published().filter(pk=round_.pk).count() == 0


@pytest.mark.django_db
def test_the_other_sides_communique_adds_to_the_same_round(admin_client, cuba_us):
    confirm(admin_client, read(SEED), {"date": "2018-07-10"})
    round_ = Round.objects.get(dialogue=cuba_us, number=4)
    topics_before = round_.topics.count()

    minrex = Ministry.objects.get(acronym="MINREX")
    response = preview(admin_client, read(SPANISH), issuer=str(minrex.pk), date="2018-07-10")
    assert response.context["form"].existing_round == round_
    assert "will be added to round 4 (existing" in response.content.decode()
    assert response.context["form"]["request_0_raised_by"].value() == ""
    assert "side not stated" in response.content.decode()
    # The same pending requests, in Spanish: proposed as the request recorded from the seed.
    recorded = CooperationRequest.objects.get(opened_in=round_)
    assert response.context["form"]["request_0"].value() == str(recorded.pk)
    as_new = admin_client.post(URL, proposal_data(response, **{"r-request_0": "new"}))
    errors = as_new.context["form"].errors.as_data()["request_0_raised_by"]
    assert errors[0].code == "request_side_unknown"
    assert "request_side_unknown" not in str(errors[0]) and "Say which side" in str(errors[0])
    assert round_.communiques.count() == 1
    response = admin_client.post(URL, proposal_data(response), follow=True)

    assert response.redirect_chain[0] == (
        reverse("admin:rounds_round_change", args=[round_.pk]),
        302,
    )
    assert Round.objects.filter(dialogue=cuba_us).count() == 2  # rounds 3 and 4, no duplicate
    assert round_.communiques.count() == 2
    spanish = round_.communiques.get(language="es")
    assert (spanish.issuer, spanish.issuer_country.code) == (minrex, "CU")  # side from issuer
    assert round_.request_updates.count() == 1  # the same request, already updated at round 4
    assert CooperationRequest.objects.filter(opened_in=round_).count() == 1
    (message,) = [str(m) for m in response.context["messages"]]
    assert "Already recorded on the round, so not added again: request" in message
    assert round_.topics.count() == topics_before  # same five topics, not added twice
    assert round_.delegations.count() == 2


@pytest.mark.django_db
def test_adding_to_a_recorded_round_keeps_its_values_and_says_where_they_differ(
    admin_client, cuba_us
):
    round_ = make_round(
        dialogue=cuba_us,
        number=4,
        start_date=datetime.date(2018, 7, 10),
        city="Havana",
        status=RoundStatus.DRAFT,
    )
    url = "https://www.radiohc.cu/en/noticias/1"
    response = preview(admin_client, read(SEED), url=url)
    html = response.content.decode()
    assert "will be added to round 4 (existing, Draft)" in html
    assert "The text gives city “Washington, D.C.”, the round records “Havana”" in html
    admin_client.post(URL, proposal_data(response))
    round_.refresh_from_db()
    assert round_.city == "Havana"
    assert round_.host_country.code == "US"  # a gap, filled
    assert round_.sources == [url]
    assert round_.version == 2  # an editor holding the old version is warned
    assert round_.communiques.get().url == url


@pytest.mark.django_db
def test_heads_of_delegation_become_delegates_of_the_round(admin_client, cuba_us):
    response = preview(admin_client, read("cu_us_led_2017-09-15_state.txt"))
    round_3 = cuba_us.rounds.get(number=3)
    assert response.context["form"].existing_round == round_3
    response = admin_client.post(URL, proposal_data(response))
    assert response.status_code == 302
    heads = {
        (d.person.name, d.delegation.country.code, d.role)
        for d in Delegate.objects.filter(delegation__round=round_3).select_related(
            "person", "delegation__country"
        )
    }
    assert ("Bruce Swartz", "US", "head") in heads
    assert ("Yuri A. Gala López", "CU", "head") in heads
    swartz = Delegate.objects.get(person__name="Bruce Swartz")
    assert swartz.title.startswith("Deputy Assistant Attorney General")
    assert swartz.person.country.code == "US"


@pytest.mark.django_db
def test_a_pending_request_can_update_an_open_request_of_the_dialogue(admin_client, cuba_us):
    round_3 = cuba_us.rounds.get(number=3)
    fugitives = CooperationRequest.objects.create(
        opened_in=round_3, raised_by=cuba_us.party_b, description="Return of fugitives"
    )
    RequestUpdate.objects.create(request=fugitives, round=round_3, status=RequestStatus.RAISED)
    response = preview(admin_client, read(SEED), date="2018-07-10")
    row = response.context["form"].request_rows()[0]
    assert str(fugitives.pk) in [str(value) for value, _label in row.action.field.choices[2][1]]
    admin_client.post(URL, proposal_data(response, **{row.action.html_name: str(fugitives.pk)}))
    round_4 = cuba_us.rounds.get(number=4)
    update = fugitives.updates.get(round=round_4)
    assert update.status == RequestStatus.CLARIFIED
    assert "pending from the United States side" in update.note
    assert not CooperationRequest.objects.filter(opened_in=round_4).exists()


@pytest.mark.django_db
def test_the_same_text_twice_is_refused(admin_client, cuba_us):
    confirm(admin_client, read(SEED), {"date": "2018-07-10"})
    before = record_counts()
    response = confirm(admin_client, read(SEED), {"date": "2018-07-10"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors().as_data()
    assert [e.code for e in errors] == ["duplicate_communique_text"]
    assert record_counts() == before


@pytest.mark.django_db
def test_a_duplicate_url_on_the_same_round_is_a_clear_error(admin_client, cuba_us):
    url = "https://misiones.minrex.gob.cu/en/articulo/4"
    confirm(admin_client, read(SEED), {"date": "2018-07-10", "url": url})
    before = record_counts()
    response = confirm(admin_client, read(SPANISH), {"url": url}, **{"r-request_0_raised_by": "CU"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors().as_data()
    assert "duplicate_communique" in [e.code for e in errors]
    assert "already has a communiqué with this URL" in response.content.decode()
    assert record_counts() == before


# ---------------------------------------------------------------------------------------------
# Staff decide: unknown bodies, suggestions, wrong values


def with_unknown_body(text: str) -> str:
    """The seed, plus a Cuban body that the reference data does not know."""
    extra = "The Cuban delegation also included the Ministry of Public Health.\n\n"
    return text.replace("Post a comment", extra + "Post a comment")


@pytest.mark.django_db
def test_an_unknown_ministry_is_flagged_and_can_be_created(admin_client, cuba_us):
    response = preview(admin_client, with_unknown_body(read(SEED)), date="2018-07-10")
    side = next(row for row in response.context["form"].side_rows() if row.code == "CU")
    assert [str(item.match.value) for item in side.unknown] == ["Ministry of Public Health"]
    assert "not recognised" in response.content.decode()
    assert not Ministry.objects.filter(name="Ministry of Public Health").exists()

    admin_client.post(URL, proposal_data(response))  # the default choice: create it
    health = Ministry.objects.get(country__code="CU", name="Ministry of Public Health")
    assert health.delegations.get().round.number == 4
    assert health.slug == "cu-ministry-of-public-health"


@pytest.mark.django_db
def test_an_unknown_ministry_can_be_matched_to_an_existing_one_or_left_out(admin_client, cuba_us):
    health = Ministry.objects.create(
        country=cuba_us.party_a, name="Ministry of Health", acronym="MINSAP", slug="cu-minsap"
    )
    text = with_unknown_body(read(SEED))
    response = preview(admin_client, text, date="2018-07-10")
    row = next(row for row in response.context["form"].side_rows() if row.code == "CU")
    field = row.unknown[0].field
    admin_client.post(URL, proposal_data(response, **{field.html_name: str(health.pk)}))
    round_ = Round.objects.get(number=4)
    assert round_.delegations.get(country__code="CU").ministries.filter(pk=health.pk).exists()
    assert not Ministry.objects.filter(name="Ministry of Public Health").exists()

    CooperationRequest.objects.filter(opened_in=round_).delete()
    round_.delete()
    response = preview(admin_client, text, date="2018-07-10")
    admin_client.post(URL, proposal_data(response, **{field.html_name: "ignore"}))
    cuban_bodies = Round.objects.get(number=4).delegations.get(country__code="CU").ministries
    assert cuban_bodies.count() == 5
    assert not Ministry.objects.filter(name="Ministry of Public Health").exists()


@pytest.mark.django_db
def test_creating_a_ministry_needs_the_permission(client, cuba_us, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="rounds", codename="add_round")
    )
    client.force_login(editor)
    response = confirm(client, with_unknown_body(read(SEED)), {"date": "2018-07-10"})
    assert response.status_code == 200
    row = next(row for row in response.context["form"].side_rows() if row.code == "CU")
    assert row.unknown[0].field.errors.as_data()[0].code == "no_add_ministry_permission"
    assert not Round.objects.filter(number=4).exists()


@pytest.mark.django_db
def test_without_an_ordinal_the_next_number_is_suggested(admin_client, cuba_us):
    make_round(dialogue=cuba_us, number=4, start_date=datetime.date(2018, 7, 10))
    text = read(SEED).replace("the fourth round of talks", "a new round of talks")
    response = preview(admin_client, text, date="2019-03-01")
    form = response.context["form"]
    assert form["number"].value() == 5
    assert form.number_suggested
    assert "suggestion: the text gives no round number" in response.content.decode()


@pytest.mark.django_db
def test_staff_can_drop_wrong_items(admin_client, cuba_us):
    response = preview(admin_client, read(SEED), date="2018-07-10")
    form = response.context["form"]
    drug = form.fields["topics"].queryset.get(name="drug trafficking")
    kept_topics = [str(pk) for pk in form["topics"].value() if pk != drug.pk]
    request_field = form.request_rows()[0].action.html_name
    admin_client.post(
        URL,
        proposal_data(
            response,
            **{"r-topics": kept_topics, "r-statements": ["0"], "r-agreements": [],
               request_field: "skip"},
        ),
    )  # fmt: skip
    round_ = Round.objects.get(number=4)
    assert not round_.topics.filter(pk=drug.pk).exists()
    assert round_.statements.count() == 1
    assert round_.agreements.count() == 0
    assert round_.request_updates.count() == 0


@pytest.mark.django_db
def test_a_model_error_returns_to_the_preview_and_saves_nothing(admin_client, cuba_us):
    third = make_country(code="MX", name="Mexico")
    before = record_counts()
    response = confirm(admin_client, read(SEED), {"date": "2018-07-10"}, **{
        "r-host_country": str(third.pk)
    })  # fmt: skip
    assert response.status_code == 200
    assert "host_not_party" in [
        e.code for e in response.context["form"].non_field_errors().as_data()
    ]
    assert "The host must be one of the dialogue" in response.content.decode()
    assert record_counts() == before


@pytest.mark.django_db
def test_a_missing_meeting_date_must_be_entered(admin_client, cuba_us):
    response = confirm(admin_client, read(SEED))  # no publication date to suggest either
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["start_date"][0].code == "date_required"
    assert not Round.objects.filter(number=4).exists()


@pytest.mark.django_db
def test_tampered_ids_are_refused(admin_client, cuba_us):
    other = make_dialogue(party_a=cuba_us.party_a, party_b=cuba_us.party_b)
    foreign_request = CooperationRequest.objects.create(
        opened_in=make_round(dialogue=other), raised_by=cuba_us.party_b, description="x"
    )
    RequestUpdate.objects.create(
        request=foreign_request, round=foreign_request.opened_in, status="raised"
    )
    response = preview(admin_client, read(SEED), date="2018-07-10")
    action = response.context["form"].request_rows()[0].action.html_name
    before = record_counts()
    for tampered in (
        {action: str(foreign_request.pk)},
        {"r-dialogue": "999999"},
        {"r-topics": ["999999"]},
        {"r-statements": ["42"]},
    ):
        response2 = admin_client.post(URL, proposal_data(response, **tampered))
        assert response2.status_code == 200
        assert response2.context["form"].errors
    assert record_counts() == before


@pytest.mark.django_db
def test_adding_to_a_published_round_needs_the_publish_permission(
    client, cuba_us, django_user_model
):
    make_round(dialogue=cuba_us, number=4, start_date=datetime.date(2018, 7, 10))
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="rounds",
            codename__in=["add_round", "change_round", "add_ministry"],
        )
    )
    client.force_login(editor)
    before = record_counts()
    response = confirm(client, read(SPANISH))
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "published_round"
    ]
    assert "Only a publisher may add to it." in response.content.decode()
    assert record_counts() == before


# ---------------------------------------------------------------------------------------------
# Robustness and security


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        ("   \n\t  ", "required"),
        ("word " * 210_000, "too_large"),
        ("PK\x03\x04\x00\x00\x08\x00" + "\x00\x01\x02" * 200, "binary"),
        ("Preheat the oven. Mix flour, butter and sugar, then bake for twenty minutes.", None),
    ],
    ids=["empty", "whitespace", "over-1-MB", "binary", "unrelated"],
)
def test_bad_input_gives_a_form_error_not_a_500(admin_client, cuba_us, text, code):
    before = record_counts()
    response = admin_client.post(URL, paste_data(text))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["text"]
    assert errors
    if code:
        assert errors[0].code == code
    assert 'class="errorlist' in response.content.decode()
    assert record_counts() == before


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login(client, cuba_us):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.post(URL, paste_data(read(SEED))).status_code == 302
    assert not Round.objects.filter(number=4).exists()


@pytest.mark.django_db
def test_staff_without_add_round_get_403(client, cuba_us, django_user_model):
    staff = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, paste_data(read(SEED))).status_code == 403


@pytest.mark.django_db
def test_the_changelist_links_to_the_flow(admin_client, cuba_us):
    response = admin_client.get(reverse("admin:rounds_round_changelist"))
    assert f'href="{URL}"' in response.content.decode()
    page = admin_client.get(URL).content.decode()
    assert "Add round from communiqué" in page
    assert 'class="breadcrumbs"' in page


@pytest.mark.django_db
def test_the_preview_escapes_the_pasted_text(admin_client, cuba_us):
    text = read(SEED).replace(
        "such as terrorism,", "such as <script>alert(1)</script> terrorism <b>x</b>,"
    )
    response = preview(admin_client, text, date="2018-07-10")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_splits_overlapping_marks_and_escapes():
    html = highlight(
        "a<b>cd&e",
        [Mark(0, 5, "topics", "topic: <x>"), Mark(3, 8, "city", "city: c&d")],
    )
    assert html == (
        '<mark class="hl hl-topics" title="topic: &lt;x&gt;">a&lt;b</mark>'
        '<mark class="hl hl-topics hl hl-city hl-overlap" title="topic: &lt;x&gt;\ncity: c&amp;d">'
        "&gt;c</mark>"
        '<mark class="hl hl-city" title="city: c&amp;d">d&amp;e</mark>'
    )


def test_highlight_stays_fast_on_a_huge_text_with_many_marks():
    text = "terrorism and drug trafficking; " * 31_000  # about 1 MB
    every = range(0, len(text), 32 * 8)  # a topic and a statement every 8 lines: 7,750 marks
    marks = [Mark(i, i + 9, "topics", "topic") for i in every]
    marks += [Mark(i, i + 30, "statements", "statement") for i in every]
    started = time.perf_counter()
    html = highlight(text, marks)
    assert time.perf_counter() - started < 3
    assert html.count("<mark") == 2 * len(every)


@pytest.mark.django_db
def test_the_preview_makes_a_bounded_number_of_queries(
    admin_client, cuba_us, django_assert_max_num_queries
):
    cuba = cuba_us.party_a
    for n in range(40):
        Ministry.objects.create(country=cuba, name=f"Office {n}", slug=f"office-{n}")
        make_topic()
        make_round(dialogue=cuba_us, number=10 + n)
    Ministry.objects.get(acronym="AGR").delete()  # one unknown body: its select lists them all
    with django_assert_max_num_queries(20):
        response = admin_client.post(URL, paste_data(read(SEED), date="2018-07-10"))
    assert response.status_code == 200
    assert response.context["form"]


# ---------------------------------------------------------------------------------------------
# On the real demo data


@pytest.fixture
def demo_without_round_4(db):
    """The demo's reference data and its Cuba–US rounds 1–3 (round 4 is what staff enter)."""
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    (cuba_us,) = [d for d in demo["dialogues"] if d["slug"] == "cuba-us-led"]
    cuba_us["rounds"] = [r for r in cuba_us["rounds"] if r["number"] < 4]
    import_rounds({**demo, "dialogues": [cuba_us]})
    return Dialogue.objects.get(
        party_a__code="CU", party_b__code="US", name__icontains="Law Enforcement"
    )


@pytest.mark.django_db
def test_on_the_demo_data_the_seed_and_the_spanish_communique_make_round_4(
    admin_client, demo_without_round_4
):
    dialogue = demo_without_round_4
    confirm(admin_client, read(SEED), {"date": "2018-07-10"})
    round_ = dialogue.rounds.get(number=4)
    assert round_.status == RoundStatus.DRAFT
    assert (round_.city, round_.host_country.code) == ("Washington, D.C.", "US")
    assert round_.previous_round(public_only=False).start_date == datetime.date(2017, 9, 15)
    # The demo vocabulary also finds "consular services and visas" in "consular services";
    # staff untick it in the preview if they disagree.
    assert {
        "terrorism",
        "drug trafficking",
        "human trafficking",
        "cybercrime",
        "health incidents",
    } <= set(round_.topics.values_list("name", flat=True))
    cuban = round_.delegations.get(country__code="CU").ministries.values_list("acronym", flat=True)
    assert set(cuban) == {"MININT", "MINREX", "MINJUS", "FGR", "AGR"}
    us = round_.delegations.get(country__code="US").ministries.values_list("acronym", flat=True)
    assert set(us) == {"DHS", "DOJ", "DOS"}
    assert round_.request_updates.get().status == RequestStatus.CLARIFIED
    assert round_.agreements.count() == 2

    response = preview(admin_client, read(SPANISH))
    assert response.context["form"].existing_round == round_
    admin_client.post(URL, proposal_data(response, **{"r-request_0_raised_by": "CU"}))
    assert dialogue.rounds.filter(number=4).count() == 1
    assert round_.communiques.count() == 2


# ---------------------------------------------------------------------------------------------
# Adding to a recorded round: no duplicates, clear choices (QA findings on the demo data)


def staff_user(django_user_model, name: str, group: str):
    setup_staff_groups()
    user = django_user_model.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def demo_round_4(demo_data, db):
    """The demo's published round 4: the Cuban Radio communiqué and its items are recorded."""
    return Round.objects.get(dialogue__slug="cuba-us-led", number=4)


class TestAddingToTheDemoRound4:
    def test_the_recorded_communique_is_refused_naming_the_existing_one(
        self, client, django_user_model, demo_round_4
    ):
        client.force_login(staff_user(django_user_model, "pub", "Publishers"))
        before = record_counts()
        response = preview(client, read(SEED), date="2018-07-10")  # URL left blank
        form = response.context["form"]
        assert form.existing_round == demo_round_4
        assert [e.code for e in form.blockers] == ["duplicate_communique_title"]
        html = response.content.decode()
        assert 'id="intake-confirm"' not in html  # nothing to confirm
        assert "Cuban Radio report of the MINREX communiqué on the fourth round" in html

        response = client.post(URL, proposal_data(response))  # posted anyway
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors().as_data()
        assert [e.code for e in errors] == ["duplicate_communique_title"]
        assert "Cuban Radio report of the MINREX communiqué on the fourth round" in str(errors[0])
        assert "already has this communiqué" in response.content.decode()
        assert record_counts() == before

    def test_the_same_text_refused_whatever_its_whitespace_and_case(
        self, client, django_user_model, demo_round_4
    ):
        client.force_login(staff_user(django_user_model, "pub", "Publishers"))
        recorded = demo_round_4.communiques.get(publisher="Cuban Radio")
        recorded.text = read(SEED)
        recorded.save()
        text = "  " + read(SEED).upper().replace("\n\n", "\n \n")
        before = record_counts()
        response = confirm(client, text, {"title": "Another title"})
        codes = [e.code for e in response.context["form"].non_field_errors().as_data()]
        assert codes == ["duplicate_communique_text"]
        assert record_counts() == before

    def test_a_new_communique_skips_items_the_round_already_has(
        self, client, django_user_model, demo_round_4
    ):
        client.force_login(staff_user(django_user_model, "pub", "Publishers"))
        agreements = demo_round_4.agreements.count()
        requests = CooperationRequest.objects.count()
        updates = demo_round_4.request_updates.count()
        response = confirm(
            client,
            read(SEED),
            {"title": "A mirror of the Cuban Radio report", "url": "https://example.org/mirror"},
        )
        assert response.status_code == 302, response.context["form"].errors
        message = str(next(iter(get_messages(response.wsgi_request))))
        assert "Already recorded on the round, so not added again:" in message
        assert "agreement “Continue the dialogue.”" in message
        assert "agreement “Hold technical meetings between the two countries' law-enfo…”" in message
        assert "request “CU: Information and requests for cooperation" in message
        assert demo_round_4.agreements.count() == agreements
        assert CooperationRequest.objects.count() == requests
        assert demo_round_4.request_updates.count() == updates

    def test_a_similar_open_request_is_proposed_as_the_one_updated(
        self, client, django_user_model, demo_round_4
    ):
        client.force_login(staff_user(django_user_model, "pub", "Publishers"))
        recorded = CooperationRequest.objects.get(
            opened_in=demo_round_4, description__startswith="Information and requests"
        )
        response = preview(client, read(SEED), date="2018-07-10")
        (row,) = response.context["form"].request_rows()
        assert row.match.value["raised_by"] == "CU"  # as the extractor reads it
        assert row.similar == recorded  # raised by CU in the record
        assert row.action.value() == str(recorded.pk)  # not "new": no near-duplicate
        html = response.content.decode()
        assert "Similar open request" in html
        assert "raised by Cuba at round 4" in html
        assert "(as read in the text)" in html

    def test_an_editor_is_told_why_they_cannot_add_to_the_published_round(
        self, client, django_user_model, demo_round_4
    ):
        client.force_login(staff_user(django_user_model, "ed", "Editors"))
        before = record_counts()
        response = preview(
            client, read(SEED), url="https://example.org/other", title="Another title"
        )
        html = response.content.decode()
        explanation = "Round 4 is published; only publishers can add to it."
        assert 'id="intake-confirm"' not in html
        assert "Add to round 4" not in html
        assert explanation in html
        assert "will be added to round 4" not in html
        assert "reports round 4 (existing, Published); it cannot be added to it" in html

        response = client.post(URL, proposal_data(response))  # a stale page or a crafted post
        assert response.status_code == 200
        html = response.content.decode()
        assert "Please correct the errors below" in html
        assert f'<ul class="errorlist nonfield"><li>{explanation}' in html
        assert record_counts() == before


@pytest.mark.django_db
def test_near_duplicate_statements_and_requests_are_not_added_twice(admin_client, cuba_us):
    round_4 = make_round(dialogue=cuba_us, number=4, start_date=datetime.date(2018, 7, 10))
    cuba, usa = cuba_us.party_a, cuba_us.party_b
    Statement.objects.create(
        round=round_4,
        country=cuba,
        kind="urged",
        text="Urged Washington to desist from political manipulation in the alleged health cases.",
    )
    Statement.objects.create(
        round=round_4, country=usa, kind="stated", text="Reiterated an unwavering commitment."
    )
    pending = CooperationRequest.objects.create(
        opened_in=round_4,
        raised_by=cuba,
        description="The information and requests for cooperation still pending from the "
        "United States side.",
    )
    RequestUpdate.objects.create(request=pending, round=round_4, status=RequestStatus.RAISED)
    response = preview(admin_client, read(SEED), date="2018-07-10")
    row = response.context["form"].request_rows()[0]
    response = admin_client.post(URL, proposal_data(response, **{row.action.html_name: "new"}))
    assert response.status_code == 302
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert "statement of CU “Urged Washington to desist" in message
    assert "request “CU: The information and requests" in message
    texts = list(round_4.statements.filter(country=cuba).values_list("text", flat=True))
    assert len(texts) == 3  # one recorded + two new; the "urged" one was the same
    assert CooperationRequest.objects.filter(opened_in=round_4).get() == pending
    assert round_4.request_updates.count() == 1


@pytest.mark.django_db
def test_a_pending_request_like_an_earlier_rounds_open_one_updates_it(admin_client, cuba_us):
    round_3 = cuba_us.rounds.get(number=3)
    open_request = CooperationRequest.objects.create(
        opened_in=round_3,
        raised_by=cuba_us.party_a,
        description="Information and requests for cooperation that Cuba has passed to the "
        "United States and that still await a US answer.",
    )
    RequestUpdate.objects.create(request=open_request, round=round_3, status="raised")
    confirm(admin_client, read(SEED), {"date": "2018-07-10"})
    round_4 = cuba_us.rounds.get(number=4)
    assert not CooperationRequest.objects.filter(opened_in=round_4).exists()
    assert open_request.updates.get(round=round_4).status == RequestStatus.CLARIFIED


@pytest.mark.django_db
def test_a_different_url_form_of_the_same_page_is_a_duplicate(admin_client, cuba_us):
    confirm(
        admin_client,
        read(SEED),
        {"date": "2018-07-10", "url": "https://www.radiohc.cu/en/noticias/1/"},
    )
    before = record_counts()
    response = confirm(
        admin_client,
        read(SPANISH),
        {"url": "http://radiohc.cu/en/noticias/1"},
        **{"r-request_0_raised_by": "CU"},
    )
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "duplicate_communique"
    ]
    assert "Cuba and U.S. discuss law enforcement and compliance" in response.content.decode()
    assert record_counts() == before


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Continue the dialogue.", "to continue the dialogue", True),
        (
            "Hold technical meetings between the two countries' law-enforcement agencies to "
            "put the cooperation into practice.",
            "hold technical meetings between the law enforcement agencies of the two countries",
            True,
        ),
        ("Raised fugitives.", "Raised the return of fugitives and of removable nationals.", False),
        ("Raised fugitives.", "raised   FUGITIVES", True),
        ("Continue the dialogue.", "Hold technical meetings.", False),
        ("", "", False),
    ],
)
def test_near_duplicate(a, b, same):
    assert near_duplicate(a, b) is same


def test_the_date_fields_carry_no_format_hint_that_contradicts_the_picker():
    paste = PasteForm()
    assert paste.fields["date"].widget.input_type == "date"
    assert "YYYY" not in str(paste.fields["date"].help_text)
    assert "YYYY" not in str(ProposalForm.base_fields["start_date"].help_text)


@pytest.mark.django_db
def test_the_pages_show_no_yyyy_mm_dd_hint(admin_client, cuba_us):
    assert "YYYY-MM-DD" not in admin_client.get(URL).content.decode()
    html = preview(admin_client, read(SEED), date="2018-07-10").content.decode()
    assert "YYYY-MM-DD" not in html
    assert 'type="date" name="r-start_date" value="2018-07-10"' in html


# ---------------------------------------------------------------------------------------------
# What the text gives fills the communiqué record; what it does not is listed


@pytest.mark.django_db
def test_the_publication_date_comes_from_the_dateline_when_staff_leave_it_empty(
    admin_client, cuba_us
):
    spanish = read(SPANISH)
    response = preview(admin_client, spanish)
    paste = response.context["paste_form"]
    assert paste.cleaned_data["date"] == datetime.date(2018, 7, 10)
    assert "date" in paste.read_from_text
    html = response.content.decode()
    assert 'id="intake-communique"' in html and "read from the text" in html
    response = confirm(admin_client, spanish, **{"r-request_0_raised_by": "CU"})
    assert response.status_code == 302, response.context["form"].errors
    assert Communique.objects.get().date == datetime.date(2018, 7, 10)


@pytest.mark.django_db
def test_the_issuer_comes_from_the_text_when_staff_leave_it_empty(admin_client, cuba_us):
    minrex = Ministry.objects.get(acronym="MINREX")
    response = preview(admin_client, read(SEED), date="2018-07-10")
    paste = response.context["paste_form"]
    assert (paste.cleaned_data["issuer"], paste.cleaned_data["issuer_country"]) == (
        minrex,
        minrex.country,
    )
    assert {"issuer", "issuer_country"} <= paste.read_from_text
    assert confirm(admin_client, read(SEED), {"date": "2018-07-10"}).status_code == 302
    communique = Communique.objects.get()
    assert (communique.issuer, communique.issuer_country) == (minrex, minrex.country)


@pytest.mark.django_db
def test_what_staff_give_wins_over_what_the_text_says(admin_client, cuba_us):
    response = preview(admin_client, read(SPANISH), date="2018-07-12")
    paste = response.context["paste_form"]
    assert paste.cleaned_data["date"] == datetime.date(2018, 7, 12)
    assert "date" not in paste.read_from_text


@pytest.mark.django_db
def test_the_preview_lists_what_staff_must_still_supply(admin_client, cuba_us):
    response = preview(admin_client, read(SEED))
    missing = response.context["extraction"].missing
    assert "No meeting date in the text." in missing
    html = response.content.decode()
    assert 'id="intake-missing"' in html
    for note in missing:
        assert str(escape(note)) in html
    # A publication date given by staff is no longer listed as missing.
    given = preview(admin_client, read(SEED), date="2018-07-10").context["paste_form"]
    assert "No publication date in the text." in missing
    assert "No publication date in the text." not in given.still_missing
    assert "No meeting date in the text." in given.still_missing
