"""The domain of DiploTrack: dialogues, their numbered rounds and what each round recorded.

Every invariant of the design is a named database constraint where SQL can say it, and a
`clean()` rule (with a `code`) where it involves another table, such as "a delegation comes
from one of the dialogue's two parties". One module per aggregate; import from here.
"""

from .base import PartyBoundMixin, RoundRecord, Sourced, format_date_range, localized, round_of
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
    "LABEL_RELATED",
    "ROUND_RECORDS",
    "RoundRecord",
    "REQUEST_STATUS_EXPLANATIONS",
    "Agreement",
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
    "Sourced",
    "Statement",
    "StatementKind",
    "ThreatTopic",
    "format_date_range",
    "localized",
    "round_of",
]
