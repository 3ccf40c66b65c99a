# dataaction: `make run` opens the wizard on the embedded sandbox; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
JAVA_PKGS := default-jdk-headless velocity libvelocity-tools-java libjsonpath-java

.PHONY: install deps oracle run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The Java reference libraries the conformance suite compares against (Debian packages).
deps:
	@if ! command -v javac >/dev/null || [ ! -f /usr/share/java/velocity.jar ] \
	   || [ ! -f /usr/share/java/velocity-tools.jar ] || [ ! -f /usr/share/java/json-path.jar ]; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(JAVA_PKGS); \
	fi

oracle: deps
	bash tests/conformance/oracle/build.sh

run: install
	$(BIN)/dataaction

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install oracle lint
	$(BIN)/pytest -n 2 --dist loadfile

bench: install
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python -P $$b || exit 1; done

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
