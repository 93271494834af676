# DiploTrack: `make run` for a local demo, `make test` for the suite. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Production-like settings (DEBUG off) kept out of the production path: the env for
# production is set in the environment, never in this file.
DEPLOY_ENV = DJANGO_ENV_FILE= DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=diplotrack.example.org \
	DJANGO_SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"

.PHONY: install run test lint format check browser gettext messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed .env gettext  ## Also compiles the translation catalogs (.mo, git-ignored)
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --verbosity 0

# The Spanish catalog is rounds/locale/es/LC_MESSAGES/django.po: the public site's strings only
# (the admin, intake and the API stay English). `make messages` updates it from the sources;
# then translate every new or fuzzy entry (tests/i18n checks that none is left).
MESSAGES_IGNORE = --ignore=$(VENV) --ignore=tests --ignore=staticfiles --ignore=scripts \
	--ignore=bench --ignore=docs --ignore=data --ignore=rounds/admin --ignore=rounds/intake \
	--ignore=rounds/importing --ignore=rounds/management --ignore=rounds/api \
	--ignore=rounds/migrations --ignore=templates/admin --ignore=templates/drf_spectacular

CATALOG = rounds/locale/es/LC_MESSAGES/django.po

messages: $(VENV)/.installed gettext  ## Update the Spanish catalog from the sources
	$(BIN)/python manage.py makemessages -l es --add-location=file $(MESSAGES_IGNORE)
	msgattrib --no-obsolete -o $(CATALOG) $(CATALOG)

gettext:  ## GNU gettext (msgfmt, xgettext) for compiling and checking the catalogs
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing Debian's gettext for the translation catalogs..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# The local run is production-like (DEBUG off) over plain HTTP on this machine only.
.env:
	@printf '%s\n' "# Local settings for this working tree (git-ignored); see README." \
		"DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		"DJANGO_ALLOWED_HOSTS=$(HOST),localhost" "DJANGO_HTTPS=0" > $@
	@echo "Wrote .env (local secret key and hosts)."

run: install  ## Install, migrate, load the demo data and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py setup_groups
	$(BIN)/python manage.py create_demo_staff
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "DiploTrack: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/gunicorn diplotrack.wsgi --bind $(HOST):$(PORT) --workers 2 \
		--access-logfile -

browser:  ## Debian's Chromium for the Playwright tests (downloads of browsers do not work here)
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: install browser  ## Install and run the whole suite (DATABASE_URL picks the database)
	$(BIN)/pytest --create-db

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install  ## What CI checks besides the tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
