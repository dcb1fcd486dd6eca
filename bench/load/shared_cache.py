"""The proposed change for fast public pages (issue 8), as the load test runs it.

A caching reverse proxy (nginx ``proxy_cache``) in front of gunicorn may keep a page for a
few seconds when the portal says so with ``X-Accel-Expires`` (nginx reads it and does not pass
it on; browsers still get the page's own Cache-Control, e.g. the library's ``no-cache``).
The portal says so only for what any visitor may see and nobody's own state is in:

- a GET or HEAD answered 200, to a visitor who is not logged in and sent no session cookie;
- a response that sets no cookie (so no CSRF token or message is stored for everyone) and
  is not marked ``private`` or ``no-store`` (attachments, PDFs of drafts).

Publishing stays correct: the secretariat, logged in, always bypasses the proxy and sees the
new version at once; anonymous visitors see it within SHARED_CACHE_SECONDS (default 10).
The proxy bypasses and never stores requests with a session or messages cookie.

It needs base.html to put the CSRF token in ``hx-headers`` only for logged-in people
(anonymous public pages post nothing), otherwise every anonymous page sets a CSRF cookie and
cannot be shared; base.html does so since 0be97bb (run.py applies it for older checkouts).
"""

from django.conf import settings

NOT_SHARED = ("private", "no-store")


class SharedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "SHARED_CACHE_SECONDS", 10)

    def __call__(self, request):
        response = self.get_response(request)
        if self.seconds and self._shareable(request, response):
            response["X-Accel-Expires"] = str(self.seconds)
        return response

    @staticmethod
    def _shareable(request, response):
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            return False
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return False
        control = response.get("Cache-Control", "").lower()
        return not any(word in control for word in NOT_SHARED)
