# The two commands in the README: `make site` and `make test`. Both work on a fresh machine with
# Python 3.11, make and apt: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_VERSION := 26.3
# requirements.lock pins every package (runtime + test extra) with its hashes; `make lock` makes it with uv.
UV_VERSION := 0.13.9
LOCK_VENV := .venv-lock
LOCK_TOOL := $(LOCK_VENV)/.uv-$(UV_VERSION)

.PHONY: site test bench venv lint check-generated node clean serve lock

# Re-runs when the lock or pyproject.toml changes. pip installs exactly the locked files (any other file, or a
# package missing from the lock, is an error), then the project itself with no dependencies of its own.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# uv in a venv of its own, so that a broken lock never stops `make lock` from fixing it.
$(LOCK_TOOL):
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	touch $(LOCK_TOOL)

# Re-resolves requirements.lock from pyproject.toml. It keeps each locked version that still fits; to move on,
# `make lock LOCK_ARGS='--upgrade-package markdown'` (one package) or `make lock LOCK_ARGS=--upgrade` (all).
# --universal: one lock for Linux, macOS and Windows; pymdown-extensions needs Python 3.11.5 or newer.
lock: $(LOCK_TOOL)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11.5 \
	  --generate-hashes --custom-compile-command 'make lock' --quiet -o requirements.lock $(LOCK_ARGS)

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
	$(BIN)/ruff format --check generator tests scripts
	$(BIN)/ccci fmt --check
	$(BIN)/ccci validate

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .site-* pages-out bench-out
