# Two entry points, each doing all the set-up it needs on a fresh Debian or Ubuntu machine:
#   make demo   compile every example and derender the sample images offline (answers, gallery)
#   make test   the whole test suite, ruff and mypy
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := libcairo2-dev pkg-config fonts-dejavu-core chromium tesseract-ocr-eng
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= build/demo

.PHONY: demo test lint typecheck pytest setup apt clean bench fuzz

demo: $(STAMP)
	$(BIN)/python -m recode_dsl.demo --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --maxprocesses 4 -m "not serial"
	$(BIN)/python -m pytest -m serial
	$(BIN)/ruff check recode_dsl tests bench
	$(BIN)/mypy

setup: $(STAMP)

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml | apt
	@dpkg -s python3-venv >/dev/null 2>&1 || $(PYTHON) -c "import ensurepip" 2>/dev/null || \
	  (DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# the long fuzz run (issue 10): Hypothesis targets with many examples, then the plain loop of
# tests/fuzz/long_run.py for FUZZ_MINUTES on FUZZ_JOBS processes; every escape is kept as a
# fixture in tests/fuzz/regressions/ (replayed by make test)
FUZZ_MINUTES ?= 30
FUZZ_JOBS ?= 2
fuzz: $(STAMP)
	RECODE_FUZZ_EXAMPLES=2000 RECODE_FUZZ_SAVE=1 $(BIN)/python -m pytest tests/fuzz -q
	$(BIN)/python tests/fuzz/long_run.py --minutes $(FUZZ_MINUTES) --jobs $(FUZZ_JOBS) --json build/fuzz.json

# the benchmarks of the README, run by hand (a few minutes on 2 cores)
bench: $(STAMP)
	$(BIN)/python bench/compile_speed.py
	$(BIN)/python bench/render_speed.py
	$(BIN)/python bench/chart_fit.py
	$(BIN)/python bench/geometry3k.py
	$(BIN)/python bench/model_loop.py

clean:
	rm -rf build $(VENV) .mypy_cache .pytest_cache .ruff_cache
