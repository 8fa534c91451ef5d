# Two commands on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format migrate demo code clean-venv

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

code: $(VENV)/.installed
	@$(PY) manage.py demo_code $(USER)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
