"""What the session remembers about a login, for the limits the middleware enforces.

At login the session gets the time of login and of the last request (for the absolute lifetime
and the inactivity timeout) and, when the person has an authenticator app, a note that the
two-factor rule is met, so the middleware does not ask the database on every request.
"""

import time

from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LOGIN_AT = "normen_login_at"
SEEN_AT = "normen_seen_at"
TWO_FACTOR_OK = "normen_two_factor_ok"

# The last-request time is written at most this often (seconds): writing the session on every
# request would cost a database write per page for a timeout measured in minutes.
ACTIVITY_RESOLUTION = 60


def now():
    """Seconds since the epoch; the tests replace this to move the clock."""
    return time.time()


def start(session):
    session[LOGIN_AT] = session[SEEN_AT] = now()


@receiver(user_logged_in, dispatch_uid="normen_portal.session_limits.on_login")
def on_login(sender, request, user, **kwargs):
    from normen_portal.accounts import has_totp

    if request is None or not hasattr(request, "session"):
        return
    start(request.session)
    if has_totp(user):
        request.session[TWO_FACTOR_OK] = user.pk


@receiver(authenticator_removed, dispatch_uid="normen_portal.session_limits.on_removed")
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(TWO_FACTOR_OK, None)
