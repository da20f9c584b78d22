# The two commands a newcomer needs: `make demo` and `make test`.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
MANAGE    := $(BIN)/python manage.py
STAMP     := $(VENV)/.installed
PG_URL    ?= postgres://postgres@127.0.0.1:5432/parcours_$(shell date +%s)_$(shell echo $$$$)
PYTEST_ARGS ?=

.PHONY: demo test test-postgres-all install lock sbom audit syslibs chromium postgres lint check pytest-sqlite pytest-postgres messages clean bench

# Every package (and pip and setuptools themselves) comes from the lock files, each checked
# against its SHA-256; Parcours itself is then installed without dependencies, built with the
# locked setuptools. `make lock` writes the lock files from pyproject.toml.
LOCK      := requirements.lock
DEV_LOCK  := requirements-dev.lock
PIP_COMPILE := $(BIN)/pip-compile --quiet --allow-unsafe --generate-hashes --strip-extras \
	--no-emit-index-url --no-emit-find-links

$(STAMP): pyproject.toml $(DEV_LOCK)
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Parcours needs Python 3.11 or newer")'
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
	$(BIN)/pip check
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: syslibs $(STAMP)

# After a change to the dependencies in pyproject.toml: the runtime lock and the development
# lock (runtime + [dev]), with the hashes of every file PyPI has for each pinned version.
lock:
	test -x $(BIN)/pip-compile || { test -d $(VENV) || $(PY) -m venv $(VENV); $(BIN)/pip install --quiet pip-tools==7.7.0; }
	$(PIP_COMPILE) -o $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev -o $(DEV_LOCK) pyproject.toml

# The software bill of materials (CycloneDX JSON) of what Parcours runs on: the runtime lock.
sbom: install
	mkdir -p var
	$(BIN)/cyclonedx-py requirements --of JSON --output-reproducible -o var/sbom.json $(LOCK)
	@echo "SBOM: var/sbom.json"

# Known vulnerabilities in the locked packages (pip-audit, PyPI's vulnerability data). A known
# vulnerability always fails. Packages pip-audit could not look up (its database unreachable, as
# on a machine whose only route to PyPI is a package mirror) are counted and named in a banner:
# with PIP_AUDIT=required (a machine that can reach PyPI's JSON API) that fails too; by default
# (PIP_AUDIT=when-reachable) the run goes on and says loudly what was NOT checked, never a
# silent pass. PIP_AUDIT=skip does not run it. PIP_AUDIT_ARGS adds options
# (e.g. --vulnerability-service osv).
PIP_AUDIT ?= when-reachable
PIP_AUDIT_ARGS ?=
audit: install
	@if [ "$(PIP_AUDIT)" = "skip" ]; then \
	  echo "*** pip-audit NOT RUN (PIP_AUDIT=skip): the locked packages were NOT checked for known vulnerabilities ***"; \
	else \
	  mkdir -p var; \
	  $(BIN)/pip-audit --disable-pip --require-hashes -r $(LOCK) -r $(DEV_LOCK) $(PIP_AUDIT_ARGS) >var/pip-audit.txt 2>&1 \
	    || { cat var/pip-audit.txt; echo "*** pip-audit: a known vulnerability above (or pip-audit failed): fix or upgrade ***"; exit 1; }; \
	  unchecked=$$(grep -c "could not be audited" var/pip-audit.txt || true); \
	  if [ "$$unchecked" -gt 0 ]; then \
	    echo "*** pip-audit: $$unchecked locked packages could NOT be checked: its vulnerability database was not"; \
	    echo "    reachable from this machine (list: var/pip-audit.txt). No known vulnerability among the rest. ***"; \
	    [ "$(PIP_AUDIT)" != "required" ] || exit 1; \
	  else \
	    echo "pip-audit: every locked package checked, no known vulnerabilities"; \
	  fi; \
	fi

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

# oidc-provider (npm, pinned in package-lock.json): the OpenID Provider the SURFconext login
# tests run on loopback (tests/accounts/oidc); the same `npm ci` as axe-core's installs it.
node_modules/oidc-provider: node_modules/axe-core
	test -f $@/package.json
	touch $@

# The independent verifier of the credential tests (tests/credentials/verify_independently.mjs):
# Digital Bazaar's @digitalbazaar/vc and the eddsa-rdfc-2022 cryptosuite, pinned in
# tests/package.json and tests/package-lock.json (test tooling only, apart from the root's).
tests/node_modules/@digitalbazaar/vc: tests/package.json tests/package-lock.json node_modules/axe-core
	npm ci --prefix tests --no-audit --no-fund
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
pytest-sqlite: install chromium node_modules/axe-core node_modules/oidc-provider \
  tests/node_modules/@digitalbazaar/vc
	$(BIN)/pytest -n 2 -m "not topology" $(PYTEST_ARGS)

# The PostgreSQL pass runs every test that reaches a database; a test that cannot reach one runs
# in the SQLite pass only (tests/conftest.py, PARCOURS_DATABASE_TESTS_ONLY). To keep CI within
# 30 minutes on two cores, two sweeps that check the pages' HTML and CSS rather than the data
# (axe and a phone's width on every main page of every role, marker page_sweep) and the
# schemathesis run over the whole API (api_fuzz) also run in the SQLite pass only; the Chromium
# journeys run on both. `make test-postgres-all` runs everything on PostgreSQL too.
PG_MARKS ?= not api_fuzz and not page_sweep
pytest-postgres: install chromium postgres node_modules/axe-core node_modules/oidc-provider \
  tests/node_modules/@digitalbazaar/vc
	DATABASE_URL=$(PG_URL) PARCOURS_DATABASE_TESTS_ONLY=1 $(BIN)/pytest -n 2 --create-db \
	  -m "$(PG_MARKS)" $(PYTEST_ARGS)

test-postgres-all: install chromium postgres node_modules/axe-core node_modules/oidc-provider \
  tests/node_modules/@digitalbazaar/vc
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --create-db $(PYTEST_ARGS)

# The two passes run side by side: each leaves a core idle part of the time (databases, browsers,
# the OpenID Provider), so together they finish well before one after the other would.
test: install
	$(MAKE) --no-print-directory --output-sync=target -j2 lint check sbom audit chromium postgres \
	  node_modules/axe-core node_modules/oidc-provider tests/node_modules/@digitalbazaar/vc
	$(MAKE) --no-print-directory --output-sync=target -j2 pytest-sqlite pytest-postgres

messages: install
	cd parcours && ../$(MANAGE) makemessages -l nl --no-obsolete && ../$(MANAGE) compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache node_modules tests/node_modules

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/croho.py
	$(BIN)/python bench/census.py
	$(BIN)/python bench/registration_import.py
