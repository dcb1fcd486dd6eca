"""gunicorn settings for production: ``gunicorn -c python:normen_portal.gunicorn_conf
normen_portal.wsgi:application``.

Read from the environment like the Django settings: ``WEB_CONCURRENCY`` (worker processes,
default 2 per core + 1), ``GUNICORN_BIND`` (default 0.0.0.0:8000) and ``LOG_FORMAT=json``
(access and error log as one JSON object per line, the same shape as the portal's own logs).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Sync workers behind a load balancer: a short keep-alive frees a worker from an idle client.
keepalive = 5
timeout = 60
graceful_timeout = 30
accesslog = "-"
errorlog = "-"



def post_worker_init(worker):
    # New code may render public pages differently: what the caches hold was made by the old.
    from normen_portal.public_cache import bump

    bump()


if os.environ.get("LOG_FORMAT", "plain") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "normen_portal.logs.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json",
                        "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
