"""Pages for seeing what changed: a communiqué's text, each side's account, two rounds compared."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from rounds.analysis.accounts import (
    both_sides_report,
    round_accounts,
    rounds_for_accounts,
    topic_phrases,
)
from rounds.analysis.compare import compare_rounds
from rounds.models import Communique, Dialogue, Round, ThreatTopic
from rounds.search.highlight import find_phrases, mark_phrases
from rounds.templatetags.rounds_extras import round_name


class HighlightForm(forms.Form):
    """`?topic=<slug>` on a communiqué page marks where the text names that topic."""

    topic = forms.SlugField(required=False, max_length=100)

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        if not slug:
            return None
        topic = ThreatTopic.objects.filter(slug=slug).first()
        if topic is None:
            raise forms.ValidationError(
                _("There is no topic “%(slug)s”; nothing is highlighted."),
                code="unknown_topic",
                params={"slug": slug},
            )
        return topic


class CommuniqueDetailView(DetailView):
    """A communiqué's full stored text. Only communiqués about published rounds are public."""

    context_object_name = "communique"
    template_name = "rounds/communique_detail.html"

    def get_queryset(self):
        return Communique.objects.published().with_related()

    def get_context_data(self, **kwargs):
        communique = self.object
        form = HighlightForm(self.request.GET)
        topic = form.cleaned_data["topic"] if form.is_valid() else None
        spans = find_phrases(communique.text, topic_phrases(topic)) if topic else []
        round_ = communique.round
        return super().get_context_data(
            form=form,
            topic=topic,
            matches=len(spans),
            text=mark_phrases(communique.text, spans, id_prefix="match"),
            statements=communique.statements.select_related("country", "topic"),
            agreements=communique.agreements.all(),
            both_sides_report=both_sides_report(round_),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        if context["form"].errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class RoundSidesView(DetailView):
    """Each side's account of one round, side by side."""

    context_object_name = "round"
    template_name = "rounds/round_sides.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            rounds_for_accounts(), dialogue__slug=self.kwargs["slug"], number=self.kwargs["number"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(accounts=round_accounts(self.object), **kwargs)


class CompareForm(forms.Form):
    """`?from=3&to=4`: two different published rounds of the dialogue, the earlier first."""

    def __init__(self, *args, numbers: list[int], **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = [(n, round_name(n)) for n in numbers]
        messages = {"invalid_choice": _("This dialogue has no published round %(value)s.")}
        self.fields["from"] = forms.TypedChoiceField(
            label=_("From"), choices=choices, coerce=int, error_messages=messages
        )
        self.fields["to"] = forms.TypedChoiceField(
            label=_("To"), choices=choices, coerce=int, error_messages=messages
        )

    def clean(self):
        cleaned = super().clean()
        earlier, later = cleaned.get("from"), cleaned.get("to")
        if earlier is not None and earlier == later:
            self.add_error(
                "to", forms.ValidationError(_("Pick two different rounds."), code="same_round")
            )
        elif earlier is not None and later is not None and earlier > later:
            self.add_error(
                "to",
                forms.ValidationError(
                    _("The second round (%(to)s) comes before the first (%(from)s); swap them."),
                    code="rounds_reversed",
                    params={"from": earlier, "to": later},
                ),
            )
        return cleaned


class DialogueCompareView(DetailView):
    """Two rounds of a dialogue compared; without parameters, the latest two."""

    context_object_name = "dialogue"
    template_name = "rounds/dialogue_compare.html"

    def get_queryset(self):
        return Dialogue.objects.public().select_related("party_a", "party_b")

    def get_context_data(self, **kwargs):
        dialogue = self.object
        numbers = list(
            Round.objects.published()
            .for_dialogue(dialogue)
            .order_by("number")
            .values_list("number", flat=True)
        )
        data = self.request.GET if {"from", "to"} & set(self.request.GET) else None
        if data is None and len(numbers) >= 2:
            data = {"from": numbers[-2], "to": numbers[-1]}
        form = CompareForm(data, numbers=numbers)
        comparison = None
        if data is not None and form.is_valid():
            comparison = compare_rounds(
                dialogue, form.cleaned_data["from"], form.cleaned_data["to"]
            )
        return super().get_context_data(
            form=form, comparison=comparison, enough_rounds=len(numbers) >= 2, **kwargs
        )

    def render_to_response(self, context, **response_kwargs):
        if context["form"].is_bound and context["form"].errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)
