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

# Under pytest-xdist (``make test`` runs the suite in parallel processes) each worker gets a
# Redis database of its own: the cache holds login rate limits and cached pages, and several
# tests empty it (FLUSHDB), which must not reach into what another worker's test is doing.
# pytest-django gives each worker its own test database the same way (test_<name>_gw1 …).
# gw0 keeps REDIS_URL's database, gwN uses the Nth after it. The result is written back to
# the environment, and NORMEN_TEST_WORKER records that it was, so a process a test starts
# (gunicorn, a Celery worker, manage.py) inherits this worker's Redis unless the test hands
# it another REDIS_URL, which it then keeps as given.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER and os.environ.get("NORMEN_TEST_WORKER") != _XDIST_WORKER:
    from urllib.parse import urlsplit

    _redis = urlsplit(os.environ["REDIS_URL"])
    _db = (int(_redis.path.strip("/") or 0) + int(_XDIST_WORKER.removeprefix("gw"))) % 16
    os.environ["REDIS_URL"] = _redis._replace(path=f"/{_db}").geturl()
    os.environ["NORMEN_TEST_WORKER"] = _XDIST_WORKER

from normen_portal.settings import *  # noqa: E402,F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("TEST_SMTP_PORT"):
    # A process a delivery test starts sends to that test's SMTP server (tests/smtp.py).
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = "127.0.0.1", int(os.environ["TEST_SMTP_PORT"])
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
    EMAIL_TIMEOUT = 10
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Uploaded and rendered files: one folder per xdist worker (see above), which the Celery
# worker a test starts shares through NORMEN_TEST_WORKER.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("NORMEN_TEST_WORKER", "")  # noqa: F405
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
