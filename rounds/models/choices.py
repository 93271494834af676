"""The fixed lists of the domain; each model backs its choices with a check constraint."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MinistryKind(models.TextChoices):
    INTERIOR = "interior", _("Interior")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign affairs")
    JUSTICE = "justice", _("Justice")
    PROSECUTION = "prosecution", _("Prosecution")
    CUSTOMS = "customs", _("Customs")
    HOMELAND_SECURITY = "homeland_security", _("Homeland security")
    POLICE = "police", _("Police and investigation")
    COAST_GUARD = "coast_guard", _("Coast guard")
    IMMIGRATION = "immigration", _("Immigration and borders")
    DEFENCE = "defence", _("Defence and security")
    PUBLIC_SECURITY = "public_security", _("Public security")
    OTHER = "other", _("Other")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class DelegateRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")


class RequestStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    PENDING = "pending", _("Pending")
    CLARIFIED = "clarified", _("Clarified")
    FULFILLED = "fulfilled", _("Fulfilled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Not a status a source reports: the round's sources say nothing of the request. "Start
    # the next round" records it for every open request, for staff to replace with what the
    # communiqué says; a request's current status skips it (with_current_status).
    NOT_MENTIONED = "not_mentioned", _("Not mentioned")

    @classmethod
    def reported_values(cls) -> list[str]:
        """The statuses a source can state (all but NOT_MENTIONED)."""
        return [value for value in cls.values if value != cls.NOT_MENTIONED]

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RAISED, cls.PENDING, cls.CLARIFIED]

    @classmethod
    def explanation(cls, value: str) -> str:
        return str(REQUEST_STATUS_EXPLANATIONS.get(value, ""))


REQUEST_STATUS_EXPLANATIONS = {
    RequestStatus.RAISED: _("First put on the table at this round."),
    RequestStatus.PENDING: _("Still awaiting an answer from the other side."),
    RequestStatus.CLARIFIED: _("Discussed and clarified; not yet settled."),
    RequestStatus.FULFILLED: _("The other side did what was asked."),
    RequestStatus.DECLINED: _("The other side refused."),
    RequestStatus.WITHDRAWN: _("The side that asked dropped the request."),
    RequestStatus.NOT_MENTIONED: _(
        "The sources of this round do not mention the request; its last reported status stands."
    ),
}


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    OTHER = "other", _("Other")


class CommuniqueKind(models.TextChoices):
    COMMUNIQUE = "communique", _("Communiqué")
    MEDIA_NOTE = "media_note", _("Media note")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    NEWS_REPORT = "news_report", _("News report")


class StatementKind(models.TextChoices):
    STATED = "stated", _("Stated")
    URGED = "urged", _("Urged")
    REITERATED = "reiterated", _("Reiterated")
    POINTED_OUT = "pointed_out", _("Pointed out")
    REMINDED = "reminded", _("Reminded")
    PROPOSED = "proposed", _("Proposed")
    EXPRESSED_CONCERN = "concern", _("Expressed concern")
    HIGHLIGHTED = "highlighted", _("Highlighted")


class AgreementKind(models.TextChoices):
    CONTINUE = "continue", _("Continue the dialogue")
    TECHNICAL_MEETINGS = "technical", _("Technical meetings")
    INSTRUMENT = "instrument", _("Sign an instrument (MoU, arrangement)")
    OTHER = "other", _("Other")
