"""Step 1 of "Add round from communiqué": the pasted text and what staff know about it."""

import datetime
import logging
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rounds.models import (
    CommuniqueKind,
    Country,
    Language,
    Ministry,
)

from .data import MAX_TEXT_BYTES, CommuniqueData
from .extraction import Extraction, ExtractionError, Vocabulary, extract

logger = logging.getLogger(__name__)


# The browser's date picker shows the date in the user's locale (e.g. mm/dd/yyyy) and posts it
# as YYYY-MM-DD: no format hint next to it, it would contradict what staff see.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def looks_binary(text: str) -> bool:
    """True for NUL bytes or text that is mostly control or replacement characters."""
    if "\x00" in text:
        return True
    sample = text[:20_000]
    odd = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\r\t")
    )
    return odd > max(8, len(sample) // 10)


class CommuniqueTextField(forms.CharField):
    """A pasted text: newlines normalised; binary data and oversized pastes refused clearly."""

    def to_python(self, value):
        # Checked before CharField's own NUL validator, so staff get one message that says why.
        if isinstance(value, str) and looks_binary(value):
            raise ValidationError(
                _(
                    "This looks like binary data (a file's bytes), not text. Paste the words of "
                    "the communiqué, e.g. copied from the web page."
                ),
                code="binary",
            )
        text = super().to_python(value)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        size = len(text.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            raise ValidationError(
                _(
                    "The text is %(size)s KB; a communiqué is far shorter. Paste one communiqué "
                    "(at most %(limit)s KB)."
                ),
                code="too_large",
                params={"size": size // 1000, "limit": MAX_TEXT_BYTES // 1000},
            )
        return text


class PasteForm(forms.Form):
    """Step 1: the communiqué's text and what staff know about it. Saves nothing."""

    text = CommuniqueTextField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "spellcheck": "false"}),
        error_messages={"required": _("Paste the text of the communiqué.")},
        help_text=_("The whole communiqué, English or Spanish, as published."),
    )
    url = forms.URLField(
        label=_("URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where it was published, e.g. https://misiones.minrex.gob.cu/en/..."),
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text=_("Leave empty to use the first line of the text."),
    )
    issuer_country = forms.ModelChoiceField(
        Country.objects.all(),
        label=_("Issuing side"),
        required=False,
        help_text=_("Leave empty to take it from the text (none for a third party's report)."),
    )
    issuer = forms.ModelChoiceField(
        Ministry.objects.select_related("country"),
        label=_("Issuing ministry"),
        required=False,
        help_text=_(
            "e.g. MINREX or the Department of State; leave empty to take it from the text."
        ),
    )
    publisher = forms.CharField(
        required=False, max_length=200, help_text=_("Where it appeared, e.g. Cuban Radio.")
    )
    date = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty to take it from the dateline, where the text gives one."),
    )
    language = forms.ChoiceField(
        choices=[("", _("Detect from the text")), *Language.choices], required=False
    )
    kind = forms.ChoiceField(choices=CommuniqueKind.choices, initial=CommuniqueKind.COMMUNIQUE)

    extraction: Extraction | None = None
    read_from_text: frozenset[str] = frozenset()
    still_missing: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        issuer, country = data.get("issuer"), data.get("issuer_country")
        if issuer and country and issuer.country_id != country.pk:
            self.add_error(
                "issuer",
                ValidationError(
                    _("%(issuer)s is a body of %(other)s, not of %(country)s."),
                    code="issuer_other_country",
                    params={"issuer": issuer, "other": issuer.country, "country": country},
                ),
            )
        elif issuer and not country:
            data["issuer_country"] = issuer.country
        if "text" in data:
            self.extraction = self.run_extraction(data["text"])
        if self.extraction is not None:
            self.fill_from_text(data, self.extraction)
        return data

    def fill_from_text(self, data: dict, extraction: Extraction) -> None:
        """Fill what staff left empty with what the text gives: language, issuer, date.

        What was filled is kept in `read_from_text`, so the preview says so.
        """
        self.read_from_text: set[str] = set()
        supplied = {
            "issuer": bool(data.get("issuer") or data.get("issuer_country")),
            "publication_date": bool(data.get("date")),
        }
        # What the text does not say, less what staff gave on this screen.
        self.still_missing = [gap for gap in extraction.missing if not supplied.get(gap.field)]
        if not data.get("language"):
            found = extraction.language
            data["language"] = found if found in Language.values else Language.OTHER
        issuer = extraction.issuer.obj if extraction.issuer else None
        if not data.get("issuer_country") and not data.get("issuer") and issuer is not None:
            if isinstance(issuer, Ministry):
                data["issuer"], data["issuer_country"] = issuer, issuer.country
                self.read_from_text |= {"issuer", "issuer_country"}
            elif isinstance(issuer, Country):
                data["issuer_country"] = issuer
                self.read_from_text.add("issuer_country")
        published = extraction.publication_date
        if not data.get("date") and published is not None:
            try:
                data["date"] = datetime.date.fromisoformat(str(published.value))
            except ValueError:  # a partial date ("2018-07") is not a publication day
                return
            self.read_from_text.add("date")

    def run_extraction(self, text: str) -> Extraction | None:
        try:
            return extract(text, vocabulary=Vocabulary.current())
        except ExtractionError as exc:
            self.add_error("text", ValidationError(str(exc), code="not_a_communique"))
        except Exception:  # an extractor bug must not cost staff their paste (and never a 500)
            logger.exception("Extraction failed on a pasted communiqué")
            self.add_error(
                "text",
                ValidationError(
                    _(
                        "The text could not be read automatically (the error is logged). Enter "
                        "the round by hand in the admin, or try again with the text cleaned up."
                    ),
                    code="extractor_failed",
                ),
            )
        return None

    def communique_data(self) -> CommuniqueData:
        data = self.cleaned_data
        return CommuniqueData(
            text=data["text"],
            title=data["title"],
            url=data["url"],
            issuer=data["issuer"],
            issuer_country=data["issuer_country"],
            publisher=data["publisher"],
            date=data["date"],
            language=data["language"],
            kind=data["kind"],
        )
