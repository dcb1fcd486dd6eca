"""The portal's production settings plus the proposed shared-cache change (see
shared_cache.py): what the load test's «with HTTP cache» runs measure."""

import os
from pathlib import Path

from normen_portal.settings import *  # noqa: F403
from normen_portal.settings import MIDDLEWARE, TEMPLATES

# Outside the session and CSRF middleware, so it sees the cookies they set on the way out.
MIDDLEWARE = [MIDDLEWARE[0], "bench.load.shared_cache.SharedCacheMiddleware", *MIDDLEWARE[1:]]
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "10"))
# base.html with the CSRF token in hx-headers for logged-in people only (written by run.py).
if os.environ.get("PROPOSAL_TEMPLATES"):
    TEMPLATES[0]["DIRS"] = [Path(os.environ["PROPOSAL_TEMPLATES"]), *TEMPLATES[0]["DIRS"]]
