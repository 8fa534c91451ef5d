# Two commands on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
# Keep Python's bytecode caches (__pycache__, git-ignored) even where the environment forbids them
# (this machine's image sets PYTHONDONTWRITEBYTECODE=1): otherwise every process compiles the
# project's modules again and pytest rewrites every test module again, 3-4 s of each xdist worker's
# start and ~0.3 s of each manage.py the deploy test runs (issue 18.5).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run serve test lint format migrate demo code clean-venv artikeltabel

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v python3 >/dev/null || { echo "python3 (3.11) is nodig"; exit 1; }
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py import_convenant
	$(PY) manage.py seed_intake_form
	$(PY) manage.py seed_rights_page
	$(PY) manage.py load_demo

run: demo
	@echo ""
	@echo "Serving on http://$(HOST)/  (inloggen: http://$(HOST)/inloggen/)"
	$(PY) manage.py runserver $(HOST)

# Production-like: gunicorn (config/gunicorn.conf.py) with config.settings.production against the
# configured DATABASE_URL. Needs SECRET_KEY, ACCESS_LOG_HMAC_KEY and ALLOWED_HOSTS (deploy/README.md);
# it binds GUNICORN_BIND (default 127.0.0.1:8000) and expects nginx in front (HTTPS only).
serve: $(VENV)/.installed
	@test -n "$$SECRET_KEY" || { echo "make serve: zet SECRET_KEY, ACCESS_LOG_HMAC_KEY, ALLOWED_HOSTS en DATABASE_URL (zie deploy/README.md)"; exit 1; }
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

code: $(VENV)/.installed
	@$(PY) manage.py demo_code $(USER)

# All cores (pytest-xdist; each worker its own copy of the migrated test database, tests/dbtemplate.py).
# FAST=1 leaves out the browser journeys (CI always runs them); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
test: $(VENV)/.installed
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(if $(FAST),-m "not browser") $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The README table "Artikelen en tests" from the test names (tests/articles.py; issue 16 item 5).
artikeltabel: $(VENV)/.installed
	$(PY) -m tests.articles --write
