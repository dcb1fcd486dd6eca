# The two set-up commands: `make run` (local portal on SQLite, tasks in-process) and
# `make test` (the whole suite on PostgreSQL + Redis, browser tests included).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=1

.PHONY: install run test lint system-packages services worker clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian packages the suite needs: Chromium for the browser tests (Playwright drives the
# system browser; it never downloads one) and fonts that WeasyPrint embeds in the PDFs.
system-packages:
	@bash scripts/system_packages.sh

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo "Portalen kjører på http://127.0.0.1:8000 (Ctrl+C for å stoppe)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Local PostgreSQL and Redis (started if they have stopped), then a clear check.
services:
	@bash scripts/start_services.sh
	@$(BIN)/python scripts/check_services.py

lint: install
	$(BIN)/ruff check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

test: install system-packages services lint
	$(BIN)/pytest

worker: install
	$(BIN)/celery -A normen_portal worker -B --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles .test-media db.sqlite3
