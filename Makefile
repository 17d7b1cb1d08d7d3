# KoFo – the two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST   ?= 127.0.0.1:8000
# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
# --dist loadgroup: tests marked xdist_group (the two-host test's servers) share one worker.
TEST_WORKERS ?= auto
APPS   := lms accounts organisations home outbox $(wildcard courses quizzes certificates reports)
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test install setup lint messages chromium clean bench help

help:
	@echo "make run   – install, migrate, load the demo and serve http://$(HOST)"
	@echo "make test  – lint, migration check and the whole test suite (browser tests included)"

# (Re)install only when the requirement files changed since the last install.
$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "KoFo needs Python >= 3.11 (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtualenv. On Debian/Ubuntu: apt-get install -y python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

run: setup
	@echo "KoFo läuft auf http://$(HOST)/ (Verwaltung: http://$(HOST)/verwaltung/) – Strg+C beendet."
	$(BIN)/python manage.py runserver $(HOST)

lint: install
	$(BIN)/ruff check .

# Debian's Chromium drives the browser tests; it is never downloaded by Playwright.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests …"; \
			(apt-get install -y -qq chromium >/dev/null 2>&1 || \
			 (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) || exit 1; \
		else \
			echo "The browser tests need Debian's Chromium at $(CHROMIUM)."; \
			echo "Install it once with: sudo apt-get install -y chromium"; exit 1; \
		fi; \
	fi

test: install chromium
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python manage.py compile_translations
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Extract messages of every app into <app>/locale/{de,en}; English msgstr = msgid.
messages: install
	@for app in $(APPS); do \
		mkdir -p $$app/locale; \
		(cd $$app && ../$(BIN)/django-admin makemessages -l de -l en --no-obsolete --no-wrap -i "migrations/*" >/dev/null) || exit 1; \
	done
	$(BIN)/python bin/fill_english.py $(APPS)

bench: setup
	@cat bench/README.md

clean:
	rm -rf $(VENV) static test-artifacts var
