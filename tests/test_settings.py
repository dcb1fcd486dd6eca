"""Production settings refuse insecure configuration and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "p" + "roduction-" * 6 + "k3y"


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS",
                          "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT",
                          "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "normen_portal.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True,
        text=True, timeout=120, check=False,
    )


def run_python(code, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE",
                          "NORMEN_MANAGE_COMMAND", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=120, check=False)


WORKER_START = "from normen_portal.celery import app; app.loader.import_default_modules()"


@pytest.mark.parametrize("process", ["import normen_portal.wsgi", WORKER_START])
def test_production_refuses_to_serve_without_secret_key(process):
    """gunicorn (the WSGI app) and the Celery worker do not start without the key."""
    result = run_python(process, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_runserver_refuses_to_start_without_secret_key_in_production():
    result = run_manage("runserver", "--noreload", "127.0.0.1:0", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_one_off_commands_run_without_the_production_key():
    """migrate, makemigrations --check, check --deploy: nothing they sign outlives them."""
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("key", ["kort", "django-insecure-" + "x" * 60])
def test_production_refuses_a_weak_secret_key(key):
    result = run_manage("check", DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0",
                        SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="normen.example.no")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_default_runs_with_debug_and_no_configuration():
    result = run_manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_site_speaks_norwegian_in_oslo_time(settings):
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"


def test_dates_and_times_render_as_the_seeds_write_them():
    import datetime

    from django.utils import formats, translation

    with translation.override("nb"):
        assert formats.date_format(datetime.date(2024, 6, 10)) == "10.06.2024"
        assert formats.time_format(datetime.time(10, 45)) == "10.45"
