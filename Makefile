# Two commands on a fresh machine: `make demo` and `make test`. Each sets up .venv by itself.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOCS_STAMP := $(VENV)/.installed-docs
OUT ?= landauer-output
# apt-get needs root: use sudo when not running as root
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo report test test-all chromium docs bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "error: $(PY) not found (landauer needs Python 3.11)"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,docs]"
	@touch $(DOCS_STAMP)

# The browser test renders the HTML report in Debian's headless Chromium (no downloaded browser build);
# checked on every run (instant when installed).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-headless-shell >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y --no-install-recommends chromium; }

demo: $(STAMP)
	$(BIN)/landauer reproduce all --quick --out $(OUT) --report

report: $(STAMP)
	$(BIN)/landauer report $(OUT)

test: $(STAMP) chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not slow"

# Everything, including the long physics runs marked slow (see README for how long it takes).
test-all: $(STAMP) chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

docs: $(DOCS_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# Every benchmark, each printing our figure beside a reference measured in the same run (peers only if the
# `bench` extra is installed; the GPU benchmark only where a CUDA device is present).
bench: $(STAMP)
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/mtj.py --switch-n 0
	$(BIN)/python benchmarks/squid.py
	$(BIN)/python benchmarks/aqfp.py
	$(BIN)/python benchmarks/quantum.py
	$(BIN)/python benchmarks/transport.py
	$(BIN)/python benchmarks/sweep.py
	$(BIN)/python benchmarks/optimise.py --quick
	$(BIN)/python -c "import sys, numba.cuda as c; sys.exit(0 if c.is_available() else 1)" 2>/dev/null \
		&& $(BIN)/python benchmarks/gpu.py || echo "benchmarks/gpu.py skipped: no CUDA device"

clean:
	rm -rf $(VENV) $(OUT) site build *.egg-info src/*.egg-info
