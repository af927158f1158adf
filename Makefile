# Bootstrap only: create .venv with the pinned packages, then hand over to invoke.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-requirements

.PHONY: serve edit test test-fast lint bench build check office
serve: $(STAMP)
	$(VENV)/bin/invoke serve

# The web editor for one person (installs its npm packages the first time).
edit: $(STAMP)
	@$(VENV)/bin/invoke edit

test: $(STAMP)
	$(VENV)/bin/invoke test

# The tests last measured under 0.5 s (tests/timings.json): under a minute, for the edit-test loop.
test-fast: $(STAMP)
	$(VENV)/bin/invoke test --fast

lint: $(STAMP)
	$(VENV)/bin/invoke lint

build check: $(STAMP)
	$(VENV)/bin/invoke $@

# LibreOffice Writer, for reports printed to PDF (invoke report --format pdf).
office:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		libreoffice-writer-nogui fonts-liberation2

bench: $(STAMP)
	$(VENV)/bin/invoke bench

$(STAMP): requirements.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@
