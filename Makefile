# congress-portal: the two commands of the README are `make site` and `make test`.
# The system's /usr/bin/python3 when it can make a venv: Debian builds it with profile-guided optimisation,
# and the converter runs 6-10% faster on it than on a plain build from source (pyenv's). Else python3 on
# the PATH. `make site PYTHON=python3.12` chooses another (for a new .venv: delete the old one first).
PYTHON ?= $(shell /usr/bin/python3 -c "import ensurepip, venv" >/dev/null 2>&1 && echo /usr/bin/python3 || echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
REPORT := build/convert-report.json

.PHONY: site serve test bench convert venv test-venv clean

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

test-venv: $(VENV)/.installed-test
$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

## convert content/ into docs/ (only what changed), with a report of every input file
convert: venv
	@mkdir -p build
	$(PY) -m scripts.convert content docs --report $(REPORT)

## build the portal into site/ (search index included); rejected inputs are listed at the end
site: convert
	NO_MKDOCS_2_WARNING=1 PORTAL_REPORT=$(REPORT) $(PY) -m mkdocs build --strict

## live preview on http://127.0.0.1:8000/ ; an edited content/ file is converted again and reloaded
serve: convert
	NO_MKDOCS_2_WARNING=1 PORTAL_REPORT=$(REPORT) $(PY) -m mkdocs serve --livereload --dirty

## unit, site and browser tests (installs what they need)
test: test-venv
	@$(PY) -m scripts.ensure_browser
	$(PY) -m pytest -q

## benchmark on N generated articles, niced; several sizes in one run compare the cost per article:
## make bench N="1000 10000"  (table printed, figures in build/bench/results.json)
N ?= 1000
bench: venv
	$(PY) -m scripts.bench --n $(N)

clean:
	rm -rf site build
