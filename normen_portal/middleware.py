"""Response headers that Django's SecurityMiddleware does not set, the cleaning of what
people type (bidi controls), and the limits on a login: inactivity timeout, absolute
lifetime, two-factor authentication for the secretariat."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from normen_portal import session_limits
from normen_portal.accounts import has_totp, two_factor_required
from normen_portal.text import BIDI_CONTROLS, strip_bidi

# Nothing in the portal uses these browser features; saying so stops embedded content from
# asking for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# -- What people type -------------------------------------------------------------------------

def _has_bidi(text):
    return not BIDI_CONTROLS.isdisjoint(text)


def _cleaned(query):
    """``query`` without bidi controls in its keys and values, or None if it has none.
    Passwords are left as typed: they are never shown, and stripping would change the password
    of anyone who has such a character in it."""
    if not any(_has_bidi(key) or (not _keeps_as_typed(key) and any(map(_has_bidi, values)))
               for key, values in query.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        if not _keeps_as_typed(key):
            values = [strip_bidi(v) for v in values]
        cleaned.setlist(strip_bidi(key), values)
    cleaned._mutable = False  # like Django's own request.GET and request.POST
    return cleaned


def _keeps_as_typed(key):
    return "password" in key


class CleanInputMiddleware:
    """Removes bidi control characters (normen_portal.text.strip_bidi) from every query and
    form value before any view or form sees it, so that no title, comment, name or e-mail can
    display differently from what it is. One place for every form, present and future; the
    rich-text sanitizer and the upload policy clean what reaches them by other ways.

    It replaces request.GET and request.POST in __call__, before any middleware's
    process_view: CsrfViewMiddleware reads the token from the cleaned POST, and views get
    nothing else. Uploaded files' names are the upload policy's to clean."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST":
            try:
                post = request.POST
            except OSError:
                # The client went away mid-body (UnreadablePostError): leave it to the code
                # that reads POST next, which handles that as it always has.
                post = None
            cleaned = _cleaned(post) if post is not None else None
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)


# -- Login limits ---------------------------------------------------------------------------
# Both run after AuthenticationMiddleware and MessageMiddleware (see settings.MIDDLEWARE).

def _send_to(request, url):
    """A redirect that also works for htmx requests, which would otherwise swap the target
    page into a fragment of the current one."""
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Ends a login after settings.SESSION_IDLE_TIMEOUT seconds without a request and, however
    busy the person is, settings.SESSION_MAX_AGE seconds after they logged in (ASVS 7.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self._enforce(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request):
        session = request.session
        now = session_limits.now()
        login_at = session.get(session_limits.LOGIN_AT)
        seen_at = session.get(session_limits.SEEN_AT)
        if login_at is None or seen_at is None:
            # A session from before the limits existed: they start now.
            session_limits.start(session)
            return None
        if now - login_at > settings.SESSION_MAX_AGE:
            hours = round(settings.SESSION_MAX_AGE / 3600, 1)
            message = _("Du er logget ut fordi det er mer enn %(hours)s timer siden du logget "
                        "inn. Logg inn igjen for å fortsette.") % {"hours": f"{hours:g}"}
        elif now - seen_at > settings.SESSION_IDLE_TIMEOUT:
            minutes = round(settings.SESSION_IDLE_TIMEOUT / 60)
            message = _("Du er logget ut fordi du ikke har brukt portalen på %(minutes)s "
                        "minutter. Logg inn igjen for å fortsette.") % {"minutes": minutes}
        else:
            if now - seen_at >= session_limits.ACTIVITY_RESOLUTION:
                session[session_limits.SEEN_AT] = now
            return None
        logout(request)
        messages.info(request, message)
        return _send_to(request, _login_url(request))


def _login_url(request):
    login_url = resolve_url(settings.LOGIN_URL)
    if request.method == "GET" and not request.headers.get("HX-Request"):
        back = request.get_full_path()
    else:
        # After a form post or an htmx call, come back to the page the person was on.
        back = request.headers.get("HX-Current-URL") or request.headers.get("Referer", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
            parts = urlsplit(back)
            back = parts.path + (f"?{parts.query}" if parts.query else "")
        else:
            back = ""
    return f"{login_url}?{urlencode({'next': back})}" if back else login_url


class TwoFactorRequiredMiddleware:
    """Sends a person who must use two-factor authentication (see
    ``accounts.two_factor_required``) and has no authenticator app to the page that sets one
    up, from every page but that one, re-authentication, logging out and the health check."""

    ALLOWED_URL_NAMES = frozenset({
        "mfa_activate_totp", "mfa_index", "mfa_reauthenticate", "account_reauthenticate",
        "account_logout", "logout", "health",
    })

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        if request.session.get(session_limits.TWO_FACTOR_OK) == user.pk:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.ALLOWED_URL_NAMES:
            return None
        if not two_factor_required(user):
            return None
        if has_totp(user):
            request.session[session_limits.TWO_FACTOR_OK] = user.pk
            return None
        messages.warning(request, _(
            "Du har en rolle i sekretariatet og må bruke tofaktorautentisering. Sett opp en "
            "autentiseringsapp før du går videre."
        ))
        return _send_to(request, reverse("mfa_activate_totp"))
