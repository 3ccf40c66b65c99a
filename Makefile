# dataaction: `make run` opens the wizard on the embedded sandbox; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
JAVA_PKGS := default-jdk-headless maven

.PHONY: install deps oracle terminal run test lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A JDK and Maven for the conformance suite's Java oracles (from apt only when missing).
deps:
	@if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(JAVA_PKGS); \
	fi

# The reference jars (Jayway json-path 2.9.0 and 2.0.0, Velocity 1.7, velocity-tools 2.0) come
# from Maven Central into build/oracle (cached in ~/.m2); the harnesses are compiled per version.
oracle: deps
	bash tests/conformance/oracle/build.sh 2.9.0 2.0.0

# tmux for the real-terminal smoke test of the wizard (tests/terminal), from apt when missing.
terminal:
	@if ! command -v tmux >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq tmux; \
	fi

run: install
	$(BIN)/dataaction

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# DATAACTION_REQUIRE_ORACLE / _TMUX: the conformance and terminal tests fail instead of skipping
# without their tools.
# Types (mypy, settings in pyproject.toml) and the import layers (import-linter contracts).
typecheck: install
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install oracle terminal lint typecheck
	DATAACTION_REQUIRE_ORACLE=1 DATAACTION_REQUIRE_TMUX=1 $(BIN)/pytest -n 2 --dist loadfile

bench: install oracle
	@# bytecode as an installed package has it: with PYTHONDONTWRITEBYTECODE set (or a fresh
	@# edit), every run would otherwise recompile the changed modules and time the compiler.
	$(BIN)/python -m compileall -q tui
	$(BIN)/python -P benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
