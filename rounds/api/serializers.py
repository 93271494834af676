"""What the API says about each record. Every nested list comes from a published round.

Records are named by stable keys: slugs (dialogues, topics, ministries, people), ISO codes
(countries) and database ids (rounds, requests, statements, ...); each carries `url` (its
public page, where it has one) and `api_url`.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    Person,
    RequestUpdate,
    Round,
    Statement,
    ThreatTopic,
)


class PageURL(serializers.Field):
    """The absolute address of the record's public page (`get_absolute_url`)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


extend_schema_field(OpenApiTypes.URI)(PageURL)


class ApiLink(serializers.Field):
    """The absolute API address of a record: `view_name` reversed with `kwarg` = `attr`."""

    def __init__(self, view_name: str, kwarg: str = "pk", attr: str = "pk", **kwargs):
        self.view_name, self.kwarg, self.attr = f"api:{view_name}", kwarg, attr
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        for part in self.attr.split("."):
            value = getattr(value, part)
        return reverse(
            self.view_name, kwargs={self.kwarg: value}, request=self.context.get("request")
        )


extend_schema_field(OpenApiTypes.URI)(ApiLink)


def api_link(view_name: str, lookup: str = "pk", attr: str = "pk") -> ApiLink:
    return ApiLink(view_name, kwarg=lookup, attr=attr)


class SourcedFields(serializers.Serializer):
    sources = serializers.ListField(child=serializers.URLField(), read_only=True)
    uncertain = serializers.CharField(source="uncertain_note", read_only=True)


# -- reference data ------------------------------------------------------------------------


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    url = PageURL()
    api_url = api_link("country-detail", lookup="code", attr="code")

    class Meta:
        model = Country
        fields = ["code", "name", "aliases", "url", "api_url"]


class TopicSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    round_count = serializers.IntegerField(
        read_only=True, help_text="Published rounds that list the topic."
    )
    url = PageURL()
    api_url = api_link("topic-detail", lookup="slug", attr="slug")

    class Meta:
        model = ThreatTopic
        fields = [
            "slug",
            "name",
            "description",
            "parent",
            "iccs_code",
            "aliases",
            "round_count",
            "url",
            "api_url",
        ]


class MinistrySerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    url = PageURL()
    api_url = api_link("ministry-detail", lookup="slug", attr="slug")

    class Meta:
        model = Ministry
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "parent",
            "aliases",
            "url",
            "api_url",
        ]


class PersonSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url = PageURL()
    api_url = api_link("person-detail", lookup="slug", attr="slug")

    class Meta:
        model = Person
        fields = ["slug", "name", "country", "url", "api_url"]


# -- rounds --------------------------------------------------------------------------------


class RoundSerializer(SourcedFields, serializers.ModelSerializer):
    """A round as lists show it."""

    dialogue = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    host = serializers.SlugRelatedField(source="host_country", slug_field="code", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    date_label = serializers.CharField(read_only=True)
    url = PageURL()
    api_url = api_link("round-detail")

    class Meta:
        model = Round
        fields = [
            "id",
            "dialogue",
            "number",
            "start_date",
            "end_date",
            "date_precision",
            "date_label",
            "city",
            "venue",
            "host",
            "topics",
            "summary",
            "sources",
            "uncertain",
            "published_at",
            "updated_at",
            "url",
            "api_url",
        ]


class DelegateSerializer(SourcedFields, serializers.ModelSerializer):
    person = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    ministry = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Delegate
        fields = ["person", "name", "role", "title", "ministry", "sources", "uncertain"]


class DelegationSerializer(SourcedFields, serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    ministries = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    delegates = DelegateSerializer(many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "country", "ministries", "delegates", "sources", "uncertain"]


class CommuniqueSerializer(SourcedFields, serializers.ModelSerializer):
    issuer_country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    issuer = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Communique
        fields = [
            "id",
            "title",
            "kind",
            "language",
            "date",
            "url",
            "issuer_country",
            "issuer",
            "publisher",
            "text",
            "sources",
            "uncertain",
        ]


class StatementSerializer(SourcedFields, serializers.ModelSerializer):
    side = serializers.SlugRelatedField(source="country", slug_field="code", read_only=True)
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "side", "kind", "text", "topic", "communique", "sources", "uncertain"]


class AgreementSerializer(SourcedFields, serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "kind", "text", "communique", "sources", "uncertain"]


class RoundUpdateSerializer(SourcedFields, serializers.ModelSerializer):
    """A request's status at this round."""

    request = api_link("request-detail", attr="request_id")
    request_id = serializers.IntegerField(read_only=True)
    description = serializers.CharField(source="request.description", read_only=True)
    raised_by = serializers.CharField(source="request.raised_by.code", read_only=True)
    opened_in = serializers.IntegerField(source="request.opened_in_id", read_only=True)

    class Meta:
        model = RequestUpdate
        fields = [
            "request_id",
            "request",
            "description",
            "raised_by",
            "opened_in",
            "status",
            "note",
            "sources",
            "uncertain",
        ]


class RoundDetailSerializer(RoundSerializer):
    """A round with everything its page shows."""

    delegations = DelegationSerializer(many=True, read_only=True)
    statements = StatementSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)
    request_updates = RoundUpdateSerializer(many=True, read_only=True)
    communiques = CommuniqueSerializer(many=True, read_only=True)

    class Meta(RoundSerializer.Meta):
        fields = [
            *RoundSerializer.Meta.fields,
            "delegations",
            "statements",
            "agreements",
            "request_updates",
            "communiques",
        ]


# -- dialogues -------------------------------------------------------------------------------


class DialogueSerializer(SourcedFields, serializers.ModelSerializer):
    parties = serializers.SerializerMethodField()
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    round_count = serializers.IntegerField(read_only=True)
    first_date = serializers.DateField(read_only=True, allow_null=True)
    last_date = serializers.DateField(read_only=True, allow_null=True)
    url = PageURL()
    api_url = api_link("dialogue-detail", lookup="slug", attr="slug")

    class Meta:
        model = Dialogue
        fields = [
            "slug",
            "name",
            "short_name",
            "parties",
            "description",
            "aliases",
            "round_count",
            "first_date",
            "last_date",
            "sources",
            "uncertain",
            "url",
            "api_url",
        ]

    def get_parties(self, dialogue: Dialogue) -> list[str]:
        return [dialogue.party_a.code, dialogue.party_b.code]


class DialogueDetailSerializer(DialogueSerializer):
    rounds = RoundSerializer(source="public_rounds", many=True, read_only=True)

    class Meta(DialogueSerializer.Meta):
        fields = [*DialogueSerializer.Meta.fields, "rounds"]


# -- people ----------------------------------------------------------------------------------


class SeatSerializer(SourcedFields, serializers.ModelSerializer):
    """One delegation a person joined: the round, the side, the role and title held."""

    round = serializers.IntegerField(source="delegation.round_id", read_only=True)
    round_api_url = api_link("round-detail", attr="delegation.round_id")
    dialogue = serializers.CharField(source="delegation.round.dialogue.slug", read_only=True)
    number = serializers.IntegerField(source="delegation.round.number", read_only=True)
    start_date = serializers.DateField(source="delegation.round.start_date", read_only=True)
    country = serializers.CharField(source="delegation.country.code", read_only=True)
    ministry = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Delegate
        fields = [
            "round",
            "round_api_url",
            "dialogue",
            "number",
            "start_date",
            "country",
            "role",
            "title",
            "ministry",
            "sources",
            "uncertain",
        ]


class PersonDetailSerializer(PersonSerializer):
    seats = SeatSerializer(source="published_seats", many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "seats"]


# -- requests --------------------------------------------------------------------------------


# Steps of a request's history embedded in it; /api/v1/requests/<id>/history/ has them all.
HISTORY_EMBEDDED = 20


class UpdateSerializer(SourcedFields, serializers.ModelSerializer):
    """One step of a request's history: its status at a published round."""

    round = serializers.IntegerField(source="round_id", read_only=True)
    number = serializers.IntegerField(source="round.number", read_only=True)
    round_api_url = api_link("round-detail", attr="round_id")

    class Meta:
        model = RequestUpdate
        fields = ["round", "number", "round_api_url", "status", "note", "sources", "uncertain"]


class RequestSerializer(SourcedFields, serializers.ModelSerializer):
    dialogue = serializers.CharField(source="opened_in.dialogue.slug", read_only=True)
    opened_in = serializers.IntegerField(source="opened_in_id", read_only=True)
    raised_by = serializers.SlugRelatedField(slug_field="code", read_only=True)
    addressed_to = serializers.CharField(source="addressed_to.code", read_only=True)
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    current_status = serializers.CharField(
        read_only=True, help_text="The status the latest published round gave it."
    )
    history = serializers.SerializerMethodField(
        help_text=f"The latest {HISTORY_EMBEDDED} steps, oldest first; history_url has them all."
    )
    history_count = serializers.IntegerField(read_only=True, help_text="Steps in all.")
    history_url = api_link("request-history")
    url = PageURL()
    api_url = api_link("request-detail")

    class Meta:
        model = CooperationRequest
        fields = [
            "id",
            "dialogue",
            "opened_in",
            "raised_by",
            "addressed_to",
            "topic",
            "description",
            "current_status",
            "history",
            "history_count",
            "history_url",
            "sources",
            "uncertain",
            "url",
            "api_url",
        ]

    @extend_schema_field(UpdateSerializer(many=True))
    def get_history(self, cooperation_request) -> list:
        steps = reversed(cooperation_request.latest_updates)  # prefetched newest first
        return UpdateSerializer(steps, many=True, context=self.context).data
