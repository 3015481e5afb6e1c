# The two commands: `make run` and `make test`. Both create .venv and install on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
INTAKE := $(VENV)/bin/intake
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test install browser formats translations bench clean

run: install formats
	$(INTAKE) db upgrade
	$(INTAKE) officers demo
	$(INTAKE) serve --host 127.0.0.1 --port 5000

test: install browser formats
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

# Alternative formats: espeak-ng speaks audio letters; Noto and DejaVu fonts cover Latin, Gurmukhi and
# Arabic script in the large-print and letter PDFs.
formats:
	@{ test -x /usr/bin/espeak-ng && test -f /usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf \
	   && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; } || { \
	  echo "Installing espeak-ng and fonts for the alternative formats"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    espeak-ng fonts-noto-core fonts-dejavu-core >/dev/null; }

# Extract every resident-facing string and update each language's catalogue (then translate the gaps).
translations: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ --no-location --omit-header --sort-output \
	  -o intake/translations/messages.pot .
	$(VENV)/bin/pybabel update -i intake/translations/messages.pot -d intake/translations -N -w 100

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
