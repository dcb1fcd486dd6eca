"""Caching the public library pages, and throwing the cache away when the library changes.

Every cached page's key contains the public *generation* (normen_portal/public_cache.py);
publishing, or any other committed change the public can see, starts a new generation, so the
next request renders afresh and no visitor gets a stale version after a new one is published.

Only what every anonymous visitor may be given is cached (``public_cache.shareable``, the same
rule as for the caching proxy); the views render without a session or a CSRF cookie, so the
cached response is the same for every anonymous visitor.
"""

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from normen_portal.public_cache import generation, may_answer_from_shared_copy, shareable

PAGE_TIMEOUT = 60 * 60  # an hour; a change of generation retires pages long before that


def _key(request, current):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"documents:page:{current}:{path}"


def cached_public_page(view):
    """Cache the rendered page for anonymous visitors, keyed by the library generation."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        current = generation() if may_answer_from_shared_copy(request) else None
        if current is None:
            return view(request, *args, **kwargs)
        key = _key(request, current)
        hit = cache.get(key)
        if hit is not None:
            content, content_type, extra = hit
            response = HttpResponse(content, content_type=content_type)
            for header, value in extra:
                response[header] = value
            patch_cache_control(response, no_cache=True)
            response["X-Library-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if shareable(request, response) and not getattr(response, "streaming", False):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            extra = [(h, response[h]) for h in ("Content-Disposition", "Vary", "Last-Modified")
                     if response.has_header(h)]
            cache.set(key, (response.content, response["Content-Type"], extra), PAGE_TIMEOUT)
        # Browsers and proxies check back each time: the page may change at publication.
        patch_cache_control(response, no_cache=True)
        response["X-Library-Cache"] = "miss"
        return response

    return wrapper
