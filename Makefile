# Two commands matter: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8080
export PORT

.PHONY: run test gates pytest bench migrate check-config support-user system-deps clean

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -e '.[test,bench]'
	@touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(PY) -m bot migrate
	$(PY) -m bot serve

migrate: $(VENV)/.run-deps
	$(PY) -m bot migrate

check-config: $(VENV)/.run-deps
	$(PY) -m bot check-config

# A support console account: make support-user EMAIL=you@example.com ROLE=admin (asks the password)
support-user: $(VENV)/.run-deps
	@test -n "$(EMAIL)" || { echo "usage: make support-user EMAIL=you@example.com ROLE=admin|agent|viewer"; exit 2; }
	$(PY) -m bot migrate
	$(PY) -m bot support-user add "$(EMAIL)" --role "$(or $(ROLE),agent)"

# Tools some tests use (qpdf, poppler, chromium); installed when we may, never assumed.
system-deps:
	@missing=""; \
	for tool in qpdf:qpdf pdftoppm:poppler-utils chromium:chromium; do \
	  command -v $${tool%%:*} >/dev/null 2>&1 || missing="$$missing $${tool##*:}"; \
	done; \
	[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$$missing fonts-noto-color-emoji"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1 \
	    || echo "could not install$$missing; tests that need them will say so"; \
	fi

gates: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot flows domain adapters storage web_chat
	$(VENV)/bin/lint-imports --no-cache
	rm -rf build && $(PY) -m build --wheel --no-isolation --outdir build/dist . >/dev/null
	@ls build/dist/*.whl

# One worker per core and one more: the fault and browser tests spend much of their time
# waiting on the processes they start, and a third worker on two cores finished the suite 8%
# sooner. Every test gets its own databases (PostgreSQL) or Redis db per worker.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
pytest: $(VENV)/.test-deps
	$(PY) -m pytest -q -n $(TEST_WORKERS) --durations=20

test: system-deps gates pytest

bench: $(VENV)/.test-deps
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
