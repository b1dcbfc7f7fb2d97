# The Co-op Portal's everyday commands. A fresh machine needs only Python 3.11+ and make;
# `make run` and `make test` create .venv and install what they need (skipped when nothing changed).

# The first Python 3.11+ on PATH creates .venv; override with `make run PYTHON=/path/to/python3.12`.
PYTHON ?= $(shell for p in python3 python3.14 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
# The address canonical links, sitemaps and the API name: `migrate` and the demo loader write it into the Site.
SITE_URL ?= http://$(HOST)
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-x -k alliance"`; TESTS narrows the paths.
TESTS ?= tests
PYTEST_ARGS ?=
# Seconds between the runs of publish_scheduled in the background of `make run`.
PUBLISH_INTERVAL ?= 60

.DEFAULT_GOAL := help
.PHONY: help run demo migrate serve stack stack-stop bench-stack test test-e2e screenshot editor-screenshots publish-scheduled lint format check messages compilemessages bench bench-library bench-faults api-contract ci venv venv-dev node clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z0-9-]*:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

python-check:
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer is needed (none found on PATH as python3, python3.11 ...)." >&2; exit 1; }

venv: python-check ## Create .venv and install requirements.txt (skipped when unchanged)
	@$(PYTHON) scripts/bootstrap.py venv

venv-dev: python-check ## Create .venv and install requirements-dev.txt (skipped when unchanged)
	@$(PYTHON) scripts/bootstrap.py venv --dev

node: python-check ## Install axe-core for the browser tests when npm exists (skipped when unchanged)
	@$(PYTHON) scripts/bootstrap.py node

migrate: venv
	SITE_URL=$(SITE_URL) $(MANAGE) migrate --noinput

demo: migrate ## Migrate and load the demo content (idempotent; prints the demo logins)
	SITE_URL=$(SITE_URL) $(MANAGE) load_demo_content

run: demo ## Set up everything, then serve the demo site at http://127.0.0.1:8000 (publishing scheduled pages every minute)
	@echo "$(MANAGE) publish_scheduled_loop (in the background: scheduled pages go live within a minute)"
	@$(MANAGE) publish_scheduled_loop --interval $(PUBLISH_INTERVAL) --parent $$$$ & loop=$$!; \
	trap 'kill $$loop 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

serve: venv ## Production settings on loopback: collectstatic, migrate, gunicorn at http://$(HOST) (needs SECRET_KEY)
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (any long random string), e.g. SECRET_KEY=\$$(openssl rand -hex 32) make serve" >&2; exit 1; }
	DJANGO_SETTINGS_MODULE=portal.settings.production ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SITE_URL=$${SITE_URL:-http://$(HOST)} \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0} TASKS_BACKEND=$${TASKS_BACKEND:-immediate} sh -c '$(MANAGE) collectstatic --noinput -v 0 && $(MANAGE) migrate --noinput && \
	GUNICORN_BIND=$(HOST) exec $(VENV)/bin/gunicorn -c gunicorn.conf.py'

stack: venv ## Varnish in front of gunicorn and the task worker (production settings, demo content in .stack/) on free loopback ports
	$(PY) scripts/stack.py start

stack-stop: ## Stop what `make stack` started
	$(PY) scripts/stack.py stop

test: venv-dev node ## The whole test suite (skips browser/PostgreSQL tests it cannot run, and says so)
	@echo "$(PY) -m pytest $(TESTS) $(PYTEST_ARGS)"; status=0; $(PY) -m pytest $(TESTS) $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest ran no tests (exit status 5), which counts as a failure." >&2; fi; \
	exit $$status

test-e2e: venv-dev node ## Only the browser tests (headless Chromium + axe-core)
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

screenshot: venv-dev node ## Refresh docs/screenshots/home.png from the demo site
	PORTAL_SCREENSHOTS=1 $(PY) -m pytest tests/e2e -k screenshot $(PYTEST_ARGS)

editor-screenshots: venv-dev node ## Refresh the editor's guide pictures, docs/screenshots/editor-*.png
	PORTAL_SCREENSHOTS=1 $(PY) -m pytest tests/e2e -k "test_editor_" $(PYTEST_ARGS)

publish-scheduled: ## Publish pages whose scheduled time has come, unpublish expired ones (run it from cron)
	$(MANAGE) publish_scheduled

lint: venv-dev ## ruff check, ruff format --check and lint-imports (which way imports run)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: venv-dev ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: venv-dev ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The interface strings of the public site go to locale/ (members/ keeps its own catalog in members/locale/).
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore='templates/members/*' --ignore='members/*' \
	--ignore='templates/wagtail*' --ignore='tests/*' --ignore='bench/*'

messages: venv ## Gather the interface strings into locale/{fr,es}/LC_MESSAGES/django.po (needs GNU gettext)
	$(MANAGE) makemessages -l fr -l es --no-obsolete $(MESSAGES_IGNORE)

compilemessages: venv ## Compile the catalogs into the committed .mo files (needs GNU gettext)
	$(MANAGE) compilemessages -l fr -l es --ignore=.venv --ignore=node_modules

bench: venv-dev ## Server time of the demo pages against a bare Wagtail page (prints figures)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) bench/pages.py $(BENCH_ARGS)

bench-library: venv-dev ## The documents library at 10,000 documents (needs DATABASE_URL=postgres://...)
	@test -n "$$DATABASE_URL" || { echo "make bench-library: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal" >&2; exit 1; }
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) bench/documents_library.py $(BENCH_ARGS)

bench-faults: venv-dev ## Load and faults on the whole stack (needs DATABASE_URL=postgres://..., redis-server, varnish)
	$(PY) bench/faults.py $(BENCH_ARGS)

api-contract: venv-dev ## schemathesis against the demo site on a loopback port, anonymously and with a token
	$(PY) scripts/api_contract.py $(CONTRACT_ARGS)

bench-stack: venv-dev ## Varnish vs gunicorn vs static, a mixed load with an editor publishing (prints figures)
	$(PY) bench/stack.py $(BENCH_ARGS)

ci: ## What CI runs: checks, lint, tests on SQLite and on PostgreSQL, browser tests mandatory
	bash .ci/run

clean: ## Remove .venv, node_modules and caches (keeps db.sqlite3 and media/)
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache collected-static .stack
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +

.PHONY: python-check
