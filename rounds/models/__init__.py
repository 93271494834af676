"""The domain of DiploTrack: dialogues, their numbered rounds and what each round recorded.

Every invariant of the design is a named database constraint where SQL can say it, and a
`clean()` rule (with a `code`) where it involves another table, such as "a delegation comes
from one of the dialogue's two parties". One module per aggregate; import from here.
"""

from .base import PartyBoundMixin, Sourced, format_date_range
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
from .content import Agreement, Communique, Statement
from .delegations import Delegate, Delegation
from .dialogues import Dialogue, DialogueQuerySet, Round, RoundQuerySet
from .reference import Country, Ministry, MinistryQuerySet, Office, Person, ThreatTopic
from .requests import CooperationRequest, CooperationRequestQuerySet, RequestUpdate

__all__ = [
    "REQUEST_STATUS_EXPLANATIONS",
    "Agreement",
    "AgreementKind",
    "Communique",
    "CommuniqueKind",
    "CooperationRequest",
    "CooperationRequestQuerySet",
    "Country",
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
]
