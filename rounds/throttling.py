"""Login throttling policy (README "Security"), as a django-axes handler (AXES_HANDLER).

axes counts failures per lockout parameter (AXES_LOCKOUT_PARAMETERS: username + address, and
address alone) against one limit. Here each has its own: AXES_FAILURE_LIMIT failures for one
username from one address, LOGIN_ADDRESS_FAILURE_LIMIT failures from one address whatever the
usernames. Both only count within the cool-off, so a lock-out always ends by itself; and since
no limit counts a username across addresses, an attacker with many addresses cannot lock a
user out at the user's own address.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        # In the order of AXES_LOCKOUT_PARAMETERS: username + address, then address alone.
        per_username, *per_address = (
            _failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        if per_address and per_address[0] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(per_username, get_failure_limit(request, credentials))
        return per_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On a good login, forget that username's failures from that address only.

        Resetting the whole address would let anyone with one valid account clear the
        per-address count between guesses at other accounts.
        """
        per_username = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_username.delete()
        return count
