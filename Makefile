# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_CONFIG := corpus/samples/demo.toml
OUT := out

.PHONY: demo test lint install bench clean-demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f data/demo.db data/demo.db-wal data/demo.db-shm
	$(BIN)/detente --config $(DEMO_CONFIG) ingest
	$(BIN)/detente --config $(DEMO_CONFIG) sources
	$(BIN)/detente --config $(DEMO_CONFIG) tone --by quarter --dyad USA:MEX --both
	@echo "chart:  $$($(BIN)/detente --config $(DEMO_CONFIG) chart --dyad USA:MEX --by quarter --out $(OUT)/tone.png)"
	@echo "report: $$($(BIN)/detente --config $(DEMO_CONFIG) report --dyad USA:MEX --out $(OUT)/report.html)"

test: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline tests bench

bench: $(STAMP)
	$(BIN)/python bench/ingest_real_feeds.py
	$(BIN)/python bench/tone_series.py
	$(BIN)/python bench/nlp_speed.py
