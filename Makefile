# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DB ?= industriegraph.db

.PHONY: run test build lint docs bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

build: $(STAMP)
	$(BIN)/industriegraph build --db $(DB)

run: $(STAMP)
	$(BIN)/industriegraph build --db $(DB)
	$(BIN)/industriegraph stats --db $(DB)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check industriegraph tests benchmarks
	$(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/industriegraph schema --docs docs/schema.md
	$(BIN)/python -m industriegraph.clidoc > docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/build_bench.py

clean:
	rm -rf $(VENV) node_modules $(DB) $(DB).wal .pytest_cache
