# The two commands in the README: `make site` and `make test`. Both work on a fresh machine with
# Python 3.11, make and apt: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test bench venv lint check-generated node clean serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.installed

node: node_modules/.installed

site: $(STAMP)
	$(BIN)/ccci validate
	$(BIN)/ccci build

serve: $(STAMP)
	$(BIN)/ccci serve

test: $(STAMP)
	bash scripts/test-deps.sh
	$(MAKE) --no-print-directory node
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/ccci fmt --check
	$(BIN)/ccci validate

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .site-* pages-out bench-out
