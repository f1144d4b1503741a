# Two commands (see README): `make run` serves the dashboard, `make test` runs every test.
# Both create .venv and install what they need; `make test` also installs Debian's chromium and
# chromium-driver when missing (for the browser tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test install install-dev browser lint data bench clean

run: install
	$(BIN)/python app.py

test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m dashboard.data
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium: $$(/usr/bin/chromium --version)"; \
	else $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; fi

lint: install-dev
	$(BIN)/ruff check .

# Rebuild data/ and assets/geo/ from ../shared/reference (when new facts arrive there).
data: install
	$(BIN)/python scripts/build_data.py
	$(BIN)/python -m dashboard.data

# Speed figures of BENCHMARKS.md (loopback only): needs wrk for the load test.
bench: install-dev browser
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
