# One image for the web processes (gunicorn) and the Celery workers.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; the fonts are the ones embedded in the archival PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
# Static files are collected at build time and served by WhiteNoise with far-future headers.
RUN DEBUG=0 SECRET_KEY=build-only-key-not-used-at-runtime-0123456789-abcdefghijklmnop \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 normen && mkdir -p /app/media /var/lib/normen \
    && chown normen /app/media /var/lib/normen
USER normen
EXPOSE 8000
# Workers, bind address and log format come from WEB_CONCURRENCY, GUNICORN_BIND, LOG_FORMAT.
CMD ["gunicorn", "-c", "python:normen_portal.gunicorn_conf", "normen_portal.wsgi:application"]
