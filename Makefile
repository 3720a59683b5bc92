# make run: install, migrate, import data/, serve on http://127.0.0.1:8000/
# make test: install and run the test suite (DATABASE_URL picks the database)
# make worker: a Celery worker for play-count jobs on CELERY_BROKER_URL
#   (default: the local RabbitMQ); serve with the same CELERY_BROKER_URL
# make bench APP=dsrs|dsrf|works|cwr|plays|playlists|recordings ARGS="--rows 10000":
#   one app's
#   benchmark (default dsrs) on the local PostgreSQL (plays: and RabbitMQ);
#   see bench/<app>.py, results in bench/results/

PYTHON ?= python3
PIPENV_VERSION := 2026.10.3
TOOLS := .tools
VENV := .venv
BIN := $(VENV)/bin

# The package index: pip's configured one, or pip's own default.
PIP_INDEX_URL ?= $(shell $(PYTHON) -m pip config get global.index-url 2>/dev/null || \
	$(PYTHON) -c "from pip._internal.models.index import PyPI; print(PyPI.simple_url)")
export PIP_INDEX_URL
export PIPENV_VENV_IN_PROJECT := 1
export PIPENV_VERBOSITY := -1
export PIPENV_IGNORE_VIRTUALENVS := 1

PIPENV := $(shell command -v pipenv 2>/dev/null || echo $(TOOLS)/bin/pipenv)

.PHONY: install run serve import migrate worker test lint format bench clean

install: $(VENV)/.synced

$(TOOLS)/bin/pipenv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet pipenv==$(PIPENV_VERSION)

$(VENV)/.synced: Pipfile.lock | $(PIPENV)
	$(PIPENV) sync --dev
	touch $@

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --no-input

import: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py import_dsrs data/
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py import_works data/works/
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py import_tracks data/playlists/cm_track.csv
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py import_playlists data/playlists/
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py match_videos

run: import serve

serve: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:8000

worker: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//} \
	$(BIN)/celery -A dsr_project worker --loglevel=INFO

test: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

APP ?= dsrs
BENCH_APPS := dsrs dsrf works cwr plays playlists recordings server

bench: install
	$(if $(filter $(APP),$(BENCH_APPS)),,$(error APP must be one of: $(BENCH_APPS)))
	$(BIN)/python -m bench.$(APP) $(ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) db.sqlite3 staticfiles .pytest_cache .ruff_cache
