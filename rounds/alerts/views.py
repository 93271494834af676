"""The alerts' pages. Each holds a form or a secret token: never cached (never_cache)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView

from rounds.models import Subscription

from . import services, throttling
from .forms import SubscribeForm
from .matching import target_from_query


@method_decorator(never_cache, name="dispatch")
class SubscribeView(FormView):
    """/alerts/new/?<kind>=<key>: the address to send new items of the target to."""

    form_class = SubscribeForm
    template_name = "rounds/alerts/subscribe.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.target = None

    def dispatch(self, request, *args, **kwargs):
        self.target = target_from_query(request.GET)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=self.target.describe(), **kwargs)

    def form_valid(self, form):
        if not throttling.take_post(self.request):
            form.add_error(None, _("Too many requests from your network; try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            services.request_subscription(
                email=form.cleaned_data["email"],
                target=self.target,
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        except services.TooManyMails:
            form.add_error(
                "email",
                _(
                    "We already sent several confirmation e-mails to this address today; "
                    "check your inbox or try again tomorrow."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        except services.MailNotSent:
            form.add_error(None, _("We could not send the e-mail just now; try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=503)
        return render(
            self.request, "rounds/alerts/check_inbox.html", {"summary": self.target.describe()}
        )


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows a button, POST confirms: mail scanners follow links but do not submit forms."""

    def get(self, request, token):
        subscription = get_object_or_404(Subscription, token=token)
        return render(request, "rounds/alerts/confirm.html", self._context(subscription))

    def post(self, request, token):
        subscription = get_object_or_404(Subscription, token=token)
        services.confirm(subscription)
        return render(request, "rounds/alerts/confirmed.html", self._context(subscription))

    @staticmethod
    def _context(subscription):
        return {
            "subscription": subscription,
            "summary": services.target_of(subscription).describe(),
        }


@method_decorator([never_cache, csrf_exempt], name="dispatch")
class UnsubscribeView(View):
    """GET asks, POST deletes. CSRF-exempt for RFC 8058 one-click POSTs from mail clients:
    the unguessable token is what authorizes the deletion, and deleting is all it can do."""

    def get(self, request, token):
        subscription = get_object_or_404(Subscription, token=token)
        summary = services.target_of(subscription).describe()
        return render(request, "rounds/alerts/unsubscribe.html", {"summary": summary})

    def post(self, request, token):
        services.unsubscribe(token)  # idempotent: a second click says the same
        return render(request, "rounds/alerts/unsubscribed.html")
