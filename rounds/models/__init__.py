"""The domain of DiploTrack: dialogues, their numbered rounds and what each round recorded.

Every invariant of the design is a named database constraint where SQL can say it, and a
`clean()` rule (with a `code`) where it involves another table, such as "a delegation comes
from one of the dialogue's two parties". One module per aggregate; import from here.
"""

from .alerts import UNCONFIRMED_DAYS, AlertKind, SentAlert, Subscription, SubscriptionQuerySet
from .base import (
    PartyBoundMixin,
    RoundRecord,
    Sourced,
    format_date_range,
    localized,
    locked_for_update,
    round_of,
)
from .choices import (
    REQUEST_STATUS_EXPLANATIONS,
    AgreementKind,
    CommuniqueKind,
    DatePrecision,
    DelegateRole,
    Language,
    MinistryKind,
    RequestStatus,
    RoundStatus,
    StatementKind,
)
from .content import Agreement, Communique, CommuniqueQuerySet, Statement
from .datasets import DatasetRelease
from .delegations import Delegate, Delegation
from .dialogues import Dialogue, DialogueQuerySet, Round, RoundQuerySet
from .reference import (
    Country,
    Ministry,
    MinistryQuerySet,
    Office,
    Person,
    PersonQuerySet,
    ThreatTopic,
)
from .requests import CooperationRequest, CooperationRequestQuerySet, RequestUpdate
from .versions import DataVersion

# Kept beside the record but not part of it: nobody edits them by hand, and writing them
# changes no public page (the page cache's version, the dataset's releases, alert subscribers).
NOT_THE_RECORD = (DataVersion, DatasetRelease, Subscription, SentAlert)


def is_part_of_the_record(model: type) -> bool:
    """A model of the record: of the rounds app, not its audit history, not NOT_THE_RECORD,
    and not a migration's historical stand-in (module "__fake__")."""
    return (
        model._meta.app_label == "rounds"
        and not model._meta.model_name.startswith("historical")
        and model not in NOT_THE_RECORD
        and model.__module__ != "__fake__"
    )


# What each model's __str__ reads from other tables: select_related these to list labels.
LABEL_RELATED = {
    Round: ["dialogue"],
    CooperationRequest: ["raised_by"],
    Delegation: ["country", "round__dialogue"],
    Statement: ["country"],
    RequestUpdate: ["request__raised_by", "round__dialogue"],
}

# What a round is made of besides itself, each reaching its round through `round_lookup`.
ROUND_RECORDS = (
    Delegation,
    Delegate,
    Communique,
    Statement,
    Agreement,
    CooperationRequest,
    RequestUpdate,
)

__all__ = [
    "DataVersion",
    "NOT_THE_RECORD",
    "is_part_of_the_record",
    "LABEL_RELATED",
    "ROUND_RECORDS",
    "RoundRecord",
    "REQUEST_STATUS_EXPLANATIONS",
    "UNCONFIRMED_DAYS",
    "Agreement",
    "AlertKind",
    "AgreementKind",
    "Communique",
    "CommuniqueKind",
    "CommuniqueQuerySet",
    "CooperationRequest",
    "CooperationRequestQuerySet",
    "Country",
    "DatasetRelease",
    "DatePrecision",
    "Delegate",
    "DelegateRole",
    "Delegation",
    "Dialogue",
    "DialogueQuerySet",
    "Language",
    "Ministry",
    "MinistryKind",
    "MinistryQuerySet",
    "Office",
    "PartyBoundMixin",
    "Person",
    "PersonQuerySet",
    "RequestStatus",
    "RequestUpdate",
    "Round",
    "RoundQuerySet",
    "RoundStatus",
    "SentAlert",
    "Sourced",
    "Statement",
    "StatementKind",
    "Subscription",
    "SubscriptionQuerySet",
    "ThreatTopic",
    "format_date_range",
    "localized",
    "locked_for_update",
    "round_of",
]
