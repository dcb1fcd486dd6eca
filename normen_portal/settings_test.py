"""Settings for the test suite: the real services on this machine, production-like security.

Each value is only a default; DATABASE_URL and REDIS_URL from the environment win, so several
test runs can use their own database and Redis database side by side.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/normen")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("SECRET_KEY", "test-" + "k3y-for-the-test-suite-only-" * 3)
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The live server and the test client speak plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")

from normen_portal.settings import *  # noqa: E402,F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Tasks run in-process unless a test starts a real worker and opts in (see tests/worker.py):
# the worker process it starts gets CELERY_EAGER=0, and a short visibility timeout so a job
# lost with a killed worker comes back within seconds instead of Redis's default hour.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_EAGER", "1") != "0"
if os.environ.get("CELERY_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        "visibility_timeout": int(os.environ["CELERY_VISIBILITY_TIMEOUT"]),
    }
# Rendering a PDF on every save would put WeasyPrint inside most tests; the tests of that
# behaviour switch it on themselves.
PDF_RENDER_ON_SAVE = os.environ.get("PDF_RENDER_ON_SAVE", "0") == "1"
