# Newsroom: `make run` serves the demo newsroom, `make test` runs every check CI runs.
# Both set everything up on a fresh machine: virtualenv, dependencies, and a private
# PostgreSQL cluster in .pgdata/ when DATABASE_URL is not set.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEBUG ?= 1
ARGS ?=
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser) chromium)

# Without DATABASE_URL, every command talks to this checkout's private cluster.
ifeq ($(strip $(DATABASE_URL)),)
DB_START := scripts/pg.sh start
export DATABASE_URL := $(shell scripts/pg.sh url)
else
DB_START := @true
endif
export DEBUG
# Production mode on this machine: a secret generated once into an ignored file, plain
# http on 127.0.0.1 (HTTPS=1 to turn the https settings on), media served by the app.
ifeq ($(DEBUG),0)
SECRET_KEY ?= $(shell umask 077; test -s .secret_key || $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key; cat .secret_key)
HTTPS ?= 0
SERVE_MEDIA ?= 1
export SECRET_KEY HTTPS SERVE_MEDIA
endif
export PYTHAINLP_READ_ONLY := 1
export PYTHAINLP_OFFLINE := 1

.PHONY: help run test check lint format manage migrate db db-stop test-tools lock messages clean image

help:
	@echo "make run        serve the demo newsroom on http://127.0.0.1:$(PORT) (DEBUG=0 for production mode)"
	@echo "make test       every check CI runs: Django checks, migrations, ruff, the test suite"
	@echo "make manage ARGS=\"createsuperuser\"   any management command, same database and settings"
	@echo "make db-stop    stop the private PostgreSQL cluster"

# The virtualenv gets the runtime packages and the tools (tests, lint); the production
# image only requirements.lock, the runtime ones (Dockerfile).
$(VENV)/.installed: requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version 2>&1)); set PYTHON=python3.x"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

db:
	$(DB_START)

migrate: $(VENV)/.installed db
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

manage: $(VENV)/.installed db
	$(PY) manage.py $(ARGS)

run: migrate
ifeq ($(DEBUG),0)
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py load_demo --force
	$(VENV)/bin/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -
else
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)
endif

# Tools the tests drive, from Debian: Chromium (browser tests), a Java runtime (the Nu
# HTML Checker), redis-server (the Redis rate-limit counter) and Varnish with vmod xkey
# from varnish-modules (the VCL in deploy/varnish/), and Thai fonts (fonts-thai-tlwg:
# without them Chromium draws Thai as boxes, and the layout tests measure those boxes
# instead of Thai words). Installed when we can; otherwise
# the run stops saying how to get them. Tests never skip for want of them.
TEST_TOOLS := $(CHROMIUM):chromium java:default-jre-headless redis-server:redis-server \
	/usr/sbin/varnishd:varnish
# Files that no command names: "file:package", checked with test -e (a glob is fine).
TEST_FILES := /usr/lib/*/varnish/vmods/libvmod_xkey.so:varnish-modules \
	/usr/share/fonts/truetype/tlwg/*.ttf:fonts-thai-tlwg

test-tools:
	@missing=""; for pair in $(TEST_TOOLS); do \
		command -v "$${pair%%:*}" >/dev/null || missing="$$missing $${pair##*:}"; \
	done; \
	for pair in $(TEST_FILES); do \
		ls $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages for the tests:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing tools for the tests: install the Debian packages$$missing (sudo apt-get install$$missing)"; exit 1; \
		fi; \
	fi

check: $(VENV)/.installed db
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: migrate test-tools check image
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest $(ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

db-stop:
	scripts/pg.sh stop

# Regenerate the lock files after changing the ranges in pyproject.toml: the runtime
# packages first, then the tools pinned to the same versions of everything they share.
lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -c requirements.lock -o requirements-dev.lock pyproject.toml

# The production image (Dockerfile) built and started, its health check answered, when
# a container engine runs here; otherwise one line says why it was not tried.
image:
	@if ! command -v docker >/dev/null; then \
		echo "Production image not built: no container engine (docker) on this machine."; \
	elif ! docker info >/dev/null 2>&1; then \
		echo "Production image not built: docker is installed but its daemon is not running."; \
	else \
		scripts/image_check.sh; \
	fi

# Refresh the Thai catalogue after changing interface text, translate, then compile:
# the compiled .mo is committed, so machines without gettext still speak Thai. The Thai
# for Django's admin and the other packages' text is in locale_thirdparty/, edited by
# hand (makemessages never sees those messages, so it leaves that folder alone).
messages: $(VENV)/.installed db
	$(PY) manage.py makemessages -l th --no-location --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles
	$(PY) manage.py compilemessages -l th --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
