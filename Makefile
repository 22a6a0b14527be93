# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
#
# One section per target. Everything runs from a local .venv made from the
# pinned requirements-dev.txt and, for the 32-bit MicroPython VM that SIZES.md
# and the RAM budget tests measure on, tools/mpwasm/node_modules from the
# pinned tools/mpwasm/package-lock.json; only Python 3.11, Node.js 20 with
# npm, git and make are needed.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MPWASM := tools/mpwasm
MPWASM_STAMP := $(MPWASM)/node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help venv bundle test nightly lint bench docs clean distclean

help:
	@echo "make venv      create $(VENV) from the pinned requirements-dev.txt, asynccp in it (editable), npm ci in $(MPWASM)"
	@echo "make bundle    build everything bundle.toml describes into build/"
	@echo "make test      make bundle, then ruff check and pytest tests/"
	@echo "make nightly   make test at nightly size (ASYNCCP_NIGHTLY=1: bigger random runs, soaks)"
	@echo "make lint      ruff check"
	@echo "make bench     make bundle, then benchmarks: BENCHMARKS.md, bench/switches.png"
	@echo "make docs      HTML docs into docs/_build/html (Sphinx, offline, warnings are errors)"
	@echo "make clean     remove build outputs (distclean: also $(VENV), $(MPWASM)/node_modules)"

# ---------------------------------------------------------------- venv
# Re-installs only when a requirements file or pyproject.toml changes (the
# stamp files). asynccp itself goes in editable (its src/ on the venv's path,
# with the asynccp-timeline command), so .venv/bin/python runs the examples.
venv: $(STAMP) $(MPWASM_STAMP)

$(STAMP): requirements-dev.txt requirements.txt pyproject.toml bench/requirements-peers.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 needed (set PYTHON=)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@# Adafruit's asyncio apart (its package is named asyncio): tests/test_messages.py
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --upgrade --target $(VENV)/peers -r bench/requirements-peers.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@touch $@

# The 32-bit MicroPython VM (MicroPython compiled to wasm32, run by Node.js):
# exactly the versions package-lock.json pins.
$(MPWASM_STAMP): $(MPWASM)/package.json $(MPWASM)/package-lock.json
	cd $(MPWASM) && npm ci --no-audit --no-fund
	@touch $@

# -------------------------------------------------------------- bundle
# .mpy folders per target, circuitpython-build-tools bundles, mip package,
# sdist/wheel and SIZES.md: see bundle.toml and tools/build.py.
bundle: $(STAMP) $(MPWASM_STAMP)
	$(PY) tools/build.py --config bundle.toml

# ---------------------------------------------------------------- test
test: bundle
	$(PY) -m ruff check .
	$(PY) -m pytest -n auto --dist worksteal tests

# ------------------------------------------------------------- nightly
# The same tests at nightly size: 20000 random programs with a random seed
# (test_reliability_model.py), two-day soaks on CPython and the MicroPython VM and a
# million task creations and timeouts there (test_reliability_soak/leaks.py).
nightly: bundle
	$(PY) -m ruff check .
	ASYNCCP_NIGHTLY=1 $(PY) -m pytest -n auto --dist worksteal tests

# ---------------------------------------------------------------- lint
lint: $(STAMP)
	$(PY) -m ruff check .

# --------------------------------------------------------------- bench
# asynccp against asyncio on MicroPython and CPython (bench/run.py, a few
# minutes). Installs Adafruit asyncio (bench/requirements-peers.txt) into
# build/bench, not into $(VENV). Not part of `make test`: timings are no tests.
# BENCH_ARGS=--quick: a short smoke run that writes into build/bench only.
# bench/net.py: microdot's requests/s on asynccp.asyncio and on each runtime's
# asyncio, an 80 Hz task's lateness meanwhile, RAM of a waiting connection.
bench: bundle
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/net.py $(BENCH_ARGS)

# ---------------------------------------------------------------- docs
# Sphinx (pinned in requirements-dev.txt), offline: no intersphinx, no remote
# images. The tracing guide's picture is drawn at build time (docs/timeline_demo.py).
docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html
	@echo "docs: docs/_build/html/index.html"

# --------------------------------------------------------------- clean
clean:
	rm -rf build .pytest_cache .ruff_cache .hypothesis docs/_build docs/_generated
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(MPWASM)/node_modules
