"""Admin views of "Add round from communiqué": paste → preview → confirm.

Nothing is stored between the steps except what the form carries (the text travels in a hidden
field), and the confirm step re-runs the extraction and re-validates every id, so a tampered
form can only choose among what the text and the database offer.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from rounds.models import Round

from .extraction import Extraction
from .forms import PasteForm
from .proposal import ProposalForm, describe
from .services import round_from_communique

PASTE_PREFIX, PROPOSAL_PREFIX = "c", "r"

# Field of the extraction -> legend label; the order is the legend's.
FIELD_LABELS = {
    "dialogue": gettext_lazy("dialogue"),
    "ordinal": gettext_lazy("round number"),
    "date_start": gettext_lazy("start date"),
    "date_end": gettext_lazy("end date"),
    "city": gettext_lazy("city"),
    "country_hosting": gettext_lazy("host country"),
    "previous_round_date": gettext_lazy("previous round"),
    "topics": gettext_lazy("topic"),
    "delegations": gettext_lazy("ministry or agency"),
    "heads": gettext_lazy("head of delegation"),
    "pending_requests": gettext_lazy("pending request"),
    "agreements": gettext_lazy("agreement"),
    "statements": gettext_lazy("statement"),
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str
    title: str


def extraction_marks(extraction: Extraction) -> list[Mark]:
    """Return one mark per extracted value that carries a usable span."""
    marks = []
    size = len(extraction.text)
    for name, field_label in FIELD_LABELS.items():
        value = getattr(extraction, name, None)
        if isinstance(value, dict):
            matches = [m for side in value.values() for m in side]
        elif isinstance(value, list):
            matches = value
        else:
            matches = [value] if value is not None else []
        for match in matches:
            span = getattr(match, "span", None)
            if not span:
                continue
            start, end = max(0, int(span[0])), min(size, int(span[1]))
            if start < end:
                label = f"{field_label}: {describe(match.value)}"
                marks.append(Mark(start, end, name, label))
    return marks


def highlight(text: str, marks: list[Mark]) -> SafeString:
    """Return `text` escaped, with each mark's span wrapped in <mark>; overlaps are split.

    The text is untrusted: every piece goes through escape()/format_html(), nothing is marked
    safe by hand.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(marks):
        if mark.start >= mark.end:
            continue
        starts[mark.start].append(index)
        ends[mark.end].append(index)
    bounds = sorted({0, len(text)} | starts.keys() | ends.keys())
    active: dict[int, Mark] = {}  # open marks, in the order they started
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        for index in ends.get(start, ()):
            active.pop(index, None)
        for index in starts.get(start, ()):
            active[index] = marks[index]
        chunk = text[start:end]
        if not active:
            pieces.append(escape(chunk))
            continue
        opened = list(active.values())
        classes = " ".join(dict.fromkeys(f"hl hl-{m.field}" for m in opened))
        if len(opened) > 1:
            classes += " hl-overlap"
        pieces.append(
            format_html(
                '<mark class="{}" title="{}">{}</mark>',
                classes,
                "\n".join(dict.fromkeys(m.title for m in opened)),
                chunk,
            )
        )
    return format_html_join("", "{}", ((piece,) for piece in pieces))


class CommuniqueIntakeView(TemplateView):
    """Paste a communiqué, review the proposed round, confirm: a draft round (or an addition)."""

    paste_template = "admin/rounds/intake/paste.html"
    preview_template = "admin/rounds/intake/preview.html"
    admin_site = admin.site

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("rounds.add_round"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_paste(PasteForm(prefix=PASTE_PREFIX))

    def post(self, request, *args, **kwargs):
        step = request.POST.get("step", "preview")
        paste = PasteForm(request.POST, prefix=PASTE_PREFIX)
        if step == "edit" or not paste.is_valid() or paste.extraction is None:
            return self.render_paste(paste)
        proposal = ProposalForm(
            request.POST if step == "confirm" else None,
            prefix=PROPOSAL_PREFIX,
            extraction=paste.extraction,
            user=request.user,
            publication_date=paste.cleaned_data["date"],
            communique=paste.communique_data(),
        )
        if step != "confirm" or not proposal.is_valid():
            return self.render_preview(paste, proposal)
        existed = proposal.existing_round is not None
        skipped: list[str] = []
        try:
            round_ = round_from_communique(
                extraction=paste.extraction,
                form_data=proposal.intake_data(paste.communique_data()),
                by=request.user,
                skipped=skipped,
            )
        except ValidationError as exc:
            proposal.add_error(None, exc)
            return self.render_preview(paste, proposal)
        except IntegrityError:
            # Another editor saved a conflicting record between our checks and our write.
            proposal.add_error(
                None,
                ValidationError(
                    _("Someone else just saved a conflicting record; review and confirm again."),
                    code="conflict",
                ),
            )
            return self.render_preview(paste, proposal)
        message = (
            _("The communiqué was added to %(round)s.")
            if existed
            else _("Draft %(round)s was created from the communiqué. Review it, then publish.")
        )
        message = message % {"round": round_}
        if skipped:
            message += " " + _("Already recorded on the round, so not added again: %(items)s.") % {
                "items": "; ".join(skipped)
            }
        messages.success(request, message)
        return redirect("admin:rounds_round_change", round_.pk)

    # -- rendering -----------------------------------------------------------------------------

    def base_context(self, title: str) -> dict:
        return {
            **self.admin_site.each_context(self.request),
            "title": title,
            "opts": Round._meta,
            "has_view_permission": True,
        }

    def render_paste(self, form: PasteForm):
        context = {**self.base_context(_("Add round from communiqué")), "form": form}
        return self.response_class(self.request, self.paste_template, context)

    def render_preview(self, paste: PasteForm, proposal: ProposalForm):
        extraction = paste.extraction
        marks = extraction_marks(extraction)
        present = {m.field for m in marks}
        context = {
            **self.base_context(_("Review the proposed round")),
            "paste_form": paste,
            "form": proposal,
            "extraction": extraction,
            "highlighted": highlight(extraction.text, marks),
            "legend": [(name, label) for name, label in FIELD_LABELS.items() if name in present],
            "marks": marks,
        }
        return self.response_class(self.request, self.preview_template, context)
