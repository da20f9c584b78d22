# The two commands a newcomer needs: `make demo` and `make test`.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
MANAGE    := $(BIN)/python manage.py
STAMP     := $(VENV)/.installed
PG_URL    ?= postgres://postgres@127.0.0.1:5432/parcours_$(shell date +%s)_$(shell echo $$$$)
PYTEST_ARGS ?=

.PHONY: demo test install syslibs chromium postgres lint check pytest-sqlite pytest-postgres messages clean bench

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Parcours needs Python 3.11 or newer")'
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: syslibs $(STAMP)

# axe-core (npm, pinned in package-lock.json) for the browser tests' accessibility checks; only
# the tests need it, so `make demo` does not.
node_modules/axe-core: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	  echo "Installing Debian's npm for the accessibility tests (axe-core)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm ) \
	  || { echo "Could not install npm (needs apt-get as root). Install it with: apt-get install npm"; exit 1; }; \
	fi
	npm ci --no-audit --no-fund
	touch $@

# Debian libraries the Python packages load: libmagic (upload checks by content) and Pango
# (WeasyPrint's PDF letters).
SYSLIBS := libmagic1 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
syslibs:
	@if ! dpkg -s $(SYSLIBS) >/dev/null 2>&1; then \
	  echo "Installing Debian's $(SYSLIBS)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSLIBS) ) \
	  || { echo "Could not install $(SYSLIBS) (needs apt-get as root)"; exit 1; }; \
	fi

demo: install
	mkdir -p var
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) seed_demo
	@echo "Parcours runs on http://127.0.0.1:8000 (Ctrl-C stops it)"
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium ) \
	  || { echo "Could not install Debian's chromium (needs apt-get as root). Install it with: apt-get install chromium"; exit 1; }; \
	fi

postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start \
	  || { echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started"; exit 1; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy parcours config
	$(BIN)/lint-imports

check: install
	DJANGO_DEBUG=1 $(MANAGE) check
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# The topology test (tests/deploy) always runs against its own PostgreSQL database, whatever the
# suite's; it runs once, in the PostgreSQL pass.
pytest-sqlite: install chromium node_modules/axe-core
	$(BIN)/pytest -n 2 -m "not topology" $(PYTEST_ARGS)

pytest-postgres: install chromium postgres node_modules/axe-core
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --create-db $(PYTEST_ARGS)

test: lint check pytest-sqlite pytest-postgres

messages: install
	cd parcours && ../$(MANAGE) makemessages -l nl --no-obsolete && ../$(MANAGE) compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache node_modules

bench: install
	$(BIN)/python bench/run.py
