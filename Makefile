# Two commands a new user needs: `make demo` and `make test`. Both build .venv from scratch.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/syrcli extract --format table seeds/

lint: $(STAMP)
	$(BIN)/ruff check syrcli tests tools
	$(BIN)/ruff format --check syrcli tests tools
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

# A corpus of 20,000 synthetic articles in bench-out/ (kept between runs), then throughput,
# start-up and peak RSS against a plain regex scan. Smaller: make bench BENCH_ARGS="--n 2000";
# a 100 MB single file too: BENCH_ARGS=--big.
bench: $(STAMP)
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
