# The two commands: `make run` and `make test`. Both create .venv and install on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
INTAKE := $(VENV)/bin/intake
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test install browser bench clean

run: install
	$(INTAKE) db upgrade
	$(INTAKE) officers demo
	$(INTAKE) serve --host 127.0.0.1 --port 5000

test: install browser
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests drive Debian's chromium; it is never downloaded by Playwright.
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
