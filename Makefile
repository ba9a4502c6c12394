# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DB ?= industriegraph.db
HOST ?= 127.0.0.1
PORT ?= 8000
SOURCES := $(wildcard data/sources/*) data/aliases.yaml

.PHONY: run test build serve browser lint docs bench clean neo4j neo4j-stop

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The graph is rebuilt when a source, the alias file or the installed code changed.
$(DB): $(STAMP) $(SOURCES)
	$(BIN)/industriegraph build --db $(DB)

build: $(STAMP)
	$(BIN)/industriegraph build --db $(DB)

# Build the graph if needed, print its summary and serve the explorer.
run: $(DB)
	$(BIN)/industriegraph stats --db $(DB)
	$(BIN)/industriegraph serve --db $(DB) --host $(HOST) --port $(PORT)

serve: run

# Debian's Chromium for the browser test (Playwright drives the system browser; nothing is downloaded by it).
# Without root a developer's run skips the browser test with the reason; in CI a missing browser fails.
browser:
	bash tools/install-browser.sh || [ "$$CI" != "true" ]

# A local Neo4j Community server (built by Maven from tools/neo4j/): prints URI, user and password.
neo4j:
	@bash tools/neo4j.sh start

neo4j-stop:
	@bash tools/neo4j.sh stop

# pytest runs with a fresh Neo4j test server (NEO4J_* exported), stopped afterwards whatever pytest says.
# Without Java or Maven the Neo4j tests skip with the reason; with CI=true that is a failure.
test: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/ruff check industriegraph tests benchmarks
	$(BIN)/ruff format --check industriegraph tests benchmarks
	$(BIN)/lint-imports
	bash tools/neo4j.sh run $(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/industriegraph schema --docs docs/schema.md
	$(BIN)/python -m industriegraph.cli.doc > docs/cli.md
	$(BIN)/python -m industriegraph.analysis.export.shapes > industriegraph/analysis/export/shapes/industriegraph-shapes.ttl

# Every scale goal beside its target on the real and the large synthetic graph; writes benchmarks/results.json
# (machine-specific, not committed). BASELINE=old.json prints the old figures beside the new.
bench: $(STAMP)
	$(BIN)/python benchmarks/scale_bench.py $(if $(BASELINE),--baseline $(BASELINE))
	$(BIN)/python benchmarks/build_bench.py
	$(BIN)/python benchmarks/match_bench.py --factor 10
	$(BIN)/python benchmarks/formats_bench.py

clean:
	-bash tools/neo4j.sh stop
	rm -rf $(VENV) node_modules $(DB) $(DB).wal .pytest_cache test-output .neo4j tools/neo4j/target
