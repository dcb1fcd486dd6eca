"""Settings for the Normen portal, read from the environment.

The defaults give a working local portal (SQLite file, Celery tasks run in-process). With
``DEBUG`` off the settings are the production ones: they refuse to start without a real
secret key and pass ``manage.py check --deploy``.
"""

import os
import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A key short enough to guess, or Django's own "insecure" prefix, is refused outside DEBUG:
# a leaked default key would let anyone forge sessions and password-reset links.
SECRET_KEY = env.str("SECRET_KEY", default="")
# manage.py names the command it runs. One-off commands that serve nothing (migrate,
# makemigrations --check, check --deploy, collectstatic) may run without the production key:
# they get a random one that lives as long as the command, so nothing they could sign
# survives them. Serving processes (gunicorn, Celery, runserver) refuse to start without it.
_COMMAND = os.environ.get("NORMEN_MANAGE_COMMAND", "")
_SERVES = {"", "runserver", "celery"}
if not SECRET_KEY and not DEBUG and _COMMAND not in _SERVES:
    SECRET_KEY = secrets.token_urlsafe(64)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (production). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "django-insecure-local-development-key-only-used-with-DEBUG"  # noqa: S105
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY is too weak for production (50+ random characters).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's widget templates, for the portal's form renderer (TemplatesSetting).
    "django.forms",
    "simple_history",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "normen_portal",
    "governance",
    "meetings",
    "reviews",
    "documents",
    "actionplan",
    "rendering",
    "events",
]

MIDDLEWARE = [
    # Outermost, so that it sees every cookie the others set (see normen_portal/public_cache.py).
    "normen_portal.public_cache.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "normen_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before any view or process_view reads a form value (see normen_portal/middleware.py).
    "normen_portal.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "normen_portal.middleware.SessionTimeoutMiddleware",
    "normen_portal.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# The caching proxy in front of gunicorn (deploy/nginx/nginx.conf) keys public pages by the
# generation in this file, which the portal rewrites whenever public content changes. Unset:
# no page is offered to a shared cache. SHARED_CACHE_SECONDS bounds only what changes with the
# clock (e.g. which meetings are upcoming); publications show at once.
PUBLIC_GENERATION_FILE = env.str("PUBLIC_GENERATION_FILE", default="")
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=60)

# The admin's history pages may show earlier versions but never put one back: the record is
# corrected in the portal, with a reason and an event (normen_portal.admin_record).
SIMPLE_HISTORY_REVERT_DISABLED = True

ROOT_URLCONF = "normen_portal.urls"
WSGI_APPLICATION = "normen_portal.wsgi.application"
ASGI_APPLICATION = "normen_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "normen_portal.context_processors.portal",
            ],
        },
    },
]

# Every field's as_field_group draws partials/form_field.html (normen_portal/form_renderer.py).
FORM_RENDERER = "normen_portal.form_renderer.PortalFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A pooled connection that died with a database restart is detected before use, so the
# portal recovers from a PostgreSQL restart without restarting itself.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "normen_portal.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# -- Login, two-factor authentication, single sign-on (django-allauth) ----------------------
# Accounts are created by the secretariat in the admin; nobody signs up. People log in with
# username or e-mail and a password, then a TOTP code if they have an authenticator app (the
# secretariat must: see TwoFactorRequiredMiddleware). Passkeys/WebAuthn stay off: allauth's
# WebAuthn pages need inline scripts, which the Content Security Policy refuses.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "front"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "normen_portal.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "normen_portal.accounts.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
# Addresses are entered by the secretariat, so they are trusted without a confirmation mail;
# a new address a person types in is confirmed before it replaces the old one.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
# The login ends with the browser; the server-side limits are SESSION_IDLE_TIMEOUT and
# SESSION_MAX_AGE below.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A person who is logged in but lacks access may log in as someone else (see login.html).
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Changing the e-mail address or the two-factor set-up asks for the password (or a code)
# again unless the person proved who they are in the last five minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Throttling (normen_portal.login_guard). Failed password and code attempts share
# "login_failed": per client address over all accounts, high enough for one office behind one
# NAT address, and per account and address a back-off that grows (5 in 5 minutes, 10 in an
# hour, 20 in a day), so an attacker failing from his address does not stop the owner logging
# in from hers. "login_failed_account" caps failures per account over all addresses (more than
# one address's back-off allows); when any limit refuses, the owner is e-mailed a link that
# lets her browser past the cap. Password-reset mails: three per address an hour. The counts
# live in the cache (Redis); while Redis is down each web process counts on its own
# (normen_portal.cache), so with N processes up to N times these numbers get through, but the
# limits stay on.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": "60/m/ip,5/5m/key,10/h/key,20/d/key",
    "login_failed_account": "30/h/key",
    "reset_password": "20/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Behind the load balancer REMOTE_ADDR is the balancer: trust that many X-Forwarded-For hops
# to find the client address the limits count. 0 (the default) trusts none.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

MFA_ADAPTER = "normen_portal.accounts.MFAAdapter"
# allauth's code forms, with TOTP codes recorded as used in the database (they work once, with
# or without Redis) and the login's code step throttled like the password step.
MFA_FORMS = {
    "authenticate": "normen_portal.totp_codes.AuthenticateForm",
    "reauthenticate": "normen_portal.totp_codes.ReauthenticateForm",
    "activate_totp": "normen_portal.totp_codes.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_TRUST_ENABLED = False
MFA_TOTP_ISSUER = "Normen-portalen"
# One 30-second step either side, for phones whose clock is a little off.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# The secretariat creates accounts with known addresses; no stranger can claim one first.
MFA_ALLOW_UNVERIFIED_EMAIL = True

SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {}
# Single sign-on through an OpenID Connect provider (HelseID, ID-porten), only when all three
# of OIDC_SERVER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. A person connects the
# provider to their account after logging in locally (Min konto); with
# OIDC_EMAIL_AUTHENTICATION the provider's verified e-mail finds the account instead.
_OIDC = {name: env.str(name, default="") for name in
         ("OIDC_SERVER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")}
if any(_OIDC.values()):
    if not all(_OIDC.values()):
        missing = ", ".join(name for name, value in _OIDC.items() if not value)
        raise ImproperlyConfigured(f"Single sign-on is half configured: set {missing} too.")
    OIDC_NAME = env.str("OIDC_NAME", default="HelseID")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env.str("OIDC_PROVIDER_ID",
                                       default=OIDC_NAME.lower().replace(" ", "-")),
                "name": OIDC_NAME,
                "client_id": _OIDC["OIDC_CLIENT_ID"],
                "secret": _OIDC["OIDC_CLIENT_SECRET"],
                "settings": {
                    "server_url": _OIDC["OIDC_SERVER_URL"],
                    "token_auth_method": env.str("OIDC_TOKEN_AUTH_METHOD",
                                                 default="client_secret_basic"),
                    "scope": env.list("OIDC_SCOPES", default=["openid", "profile", "email"]),
                    "email_authentication": env.bool("OIDC_EMAIL_AUTHENTICATION",
                                                     default=False),
                },
            }
        ],
    }

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# The seeds write dates as 10.06.2024 and times as 10.00.
FORMAT_MODULE_PATH = ["normen_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Redis is the Celery broker and the cache when REDIS_URL is set; without it tasks run
# in-process (CELERY_TASK_ALWAYS_EAGER) and the cache is local memory.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing a task must not hang a web request when Redis is down.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5,
                                   "max_retries": 1}
CELERY_TIMEZONE = TIME_ZONE
# The outbox (normen_portal.outbox): the sweep publishes a job the relay did not publish
# within OUTBOX_GRACE_SECONDS of its commit, and publishes again one that was published but
# is not done OUTBOX_REDELIVER_SECONDS later (a broker that lost it). OUTBOX_RELAY=0 leaves
# everything to the sweep (the fault tests' hook for "died between commit and publish").
OUTBOX_GRACE_SECONDS = env.int("OUTBOX_GRACE_SECONDS", default=30)
OUTBOX_REDELIVER_SECONDS = env.int("OUTBOX_REDELIVER_SECONDS", default=900)
OUTBOX_RELAY = env.bool("OUTBOX_RELAY", default=True)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)
# Per-recipient delivery (normen_portal.deliveries): a claim older than this belongs to a
# sender that died (longer than the task's hard time limit, so a live one never loses it);
# transient SMTP errors are retried DELIVERY_MAX_RETRIES times, backing off from
# DELIVERY_RETRY_SECONDS up to ten minutes.
DELIVERY_CLAIM_SECONDS = env.int("DELIVERY_CLAIM_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)
DELIVERY_RETRY_SECONDS = env.int("DELIVERY_RETRY_SECONDS", default=30)
DELIVERY_MAX_RETRIES = env.int("DELIVERY_MAX_RETRIES", default=8)
# Re-render PDFs when their source is saved. On by default with a real broker (workers do
# the work); off in in-process mode, where it would render inside the user's request.
PDF_RENDER_ON_SAVE = env.bool("PDF_RENDER_ON_SAVE", default=bool(REDIS_URL))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "normen_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "KEY_PREFIX": "normen",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
# A mail server that stops answering must not hold a sender until the task's time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Normen <normen@helsedir.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# A login lasts at most SESSION_MAX_AGE (absolute) and ends after SESSION_IDLE_TIMEOUT without
# a request (inactivity); both in seconds, enforced by SessionTimeoutMiddleware.
SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=8 * 60 * 60)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline scripts or styles anywhere: every behaviour lives in static/js, which is what
# lets the policy leave out 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

if not DEBUG:
    # Production sits behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

# LOG_FORMAT=json: one JSON object per line (normen_portal.logs), for log shippers.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "normen_portal.logs.JsonFormatter"},
    },
    # A refused request is one line, without a traceback (see normen_portal/logs.py). On
    # django.request itself, so every handler Django gives it gets the short record too; on
    # the handler for the django.security.* loggers, which log their own records.
    "filters": {"client_errors": {"()": "normen_portal.logs.OneLineClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors"],
                             "formatter": "json" if LOG_FORMAT == "json" else "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["client_errors"]},
    },
}

# Uploaded attachments: what the secretariat may attach to a case, and how large.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
