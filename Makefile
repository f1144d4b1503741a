# Two commands (see README): `make run` serves the dashboard, `make test` runs every test.
# Both create .venv and install what they need; `make test` also installs Debian's chromium and
# Both install Debian's chromium when missing (image and PDF export, browser tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test test-fast check install install-dev browser lint data bench clean

run: install browser
	$(BIN)/python app.py

test: install-dev browser check
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# Everything but the real-browser tests (no Chromium needed): the quick loop while coding.
test-fast: install-dev check
	$(BIN)/python -m pytest -n 2 -m "not browser"

# Static checks: format, lint, types, one-way layers (import-linter), and the shipped data.
check: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m dashboard.dataset

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt requirements-test.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version)"; \
	else $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi

lint: install-dev
	$(BIN)/ruff check .

# Rebuild data/ and assets/geo/ from ../shared/reference (when new facts arrive there).
data: install
	$(BIN)/python scripts/build_data.py
	$(BIN)/python -m dashboard.dataset

# Speed figures of BENCHMARKS.md (loopback only): needs wrk for the load test.
bench: install-dev browser
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
