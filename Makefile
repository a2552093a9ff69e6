# Everyday commands. `make` alone lists them.
VENV ?= .venv
PY := $(VENV)/bin/python

LOCK := requirements/test.lock

.PHONY: help install test test-latest lock lock-add check run demo bench demo-data demo-plan clean

help:
	@echo "make install  - virtual environment with planner and its test tools"
	@echo "make test     - the whole test suite (dependencies from the lock)"
	@echo "make test-latest - the suite on the newest dependencies the ranges allow (.venv-latest)"
	@echo "make lock     - refresh $(LOCK) from pyproject.toml's ranges"
	@echo "make check    - ruff (lint + format), mypy and the import contracts"
	@echo "make run      - open the TUI on your workspace"
	@echo "make demo     - (re)build the demo workspace and open it"
	@echo "make bench    - the benchmarks under bench/ (figures in docs/benchmarks.md)"
	@echo "make demo-data - regenerate the demo company's sample evidence"
	@echo "make demo-plan - regenerate plans/hexaline-2027.yaml"
	@echo "make demo-report - regenerate docs/demo-report.html and its screenshot (chromium)"

$(PY):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -c $(LOCK) -e '.[test]'

install: $(PY)

test: $(PY)
	$(PY) -m pytest

# Upstream drift met on purpose: a separate venv with the newest releases within the ranges
# of pyproject.toml (no lock). When it passes, `make lock` adopts them.
test-latest:
	rm -rf .venv-latest
	python3 -m venv .venv-latest
	.venv-latest/bin/pip install -q --upgrade -e '.[test]'
	.venv-latest/bin/python -m pytest \
	    --deselect tests/test_lock.py::test_the_test_environment_is_the_locked_one

# Every dependency, direct and transitive, pinned for all platforms (uv's universal
# resolution), for Python 3.11+. The README's test command and .ci/run install with it.
lock: $(PY)
	$(VENV)/bin/pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra postgres --universal \
	    --python-version 3.11 --upgrade -o $(LOCK)

# A dependency added to pyproject.toml, everything else kept as locked: make lock-add PKG=name
lock-add: $(PY)
	$(VENV)/bin/pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra postgres --universal \
	    --python-version 3.11 --upgrade-package $(PKG) -o $(LOCK)

check: $(PY)
	$(VENV)/bin/ruff check planner tests bench scripts
	$(VENV)/bin/ruff format --check planner tests bench scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

run: $(PY)
	$(VENV)/bin/planner

demo: $(PY)
	$(VENV)/bin/planner demo --yes

bench: $(PY)
	$(PY) bench/bench_cli_startup.py
	$(PY) bench/bench_yaml_load.py
	$(PY) bench/bench_log_reader.py
	$(PY) bench/bench_import.py
	$(PY) bench/bench_tui_scale.py

demo-data: $(PY)
	$(PY) scripts/make_demo_data.py

# The demo plan shipped in plans/, built as of a fixed date so it changes only with the code.
DEMO_DAY ?= 2026-11-23
CHROMIUM ?= chromium
demo-plan: $(PY)
	rm -f /tmp/planner-demo-plan.sqlite*
	PLANNER_TODAY=$(DEMO_DAY) $(VENV)/bin/planner demo --no-tui --db /tmp/planner-demo-plan.sqlite
	PLANNER_TODAY=$(DEMO_DAY) $(VENV)/bin/planner plan export hexaline-2027 \
	    -o plans/hexaline-2027.yaml --db /tmp/planner-demo-plan.sqlite

# The demo's HTML review pack and a screenshot of it (needs chromium), as of the same day.
demo-report: $(PY)
	rm -rf /tmp/planner-demo-report && mkdir -p /tmp/planner-demo-report
	PLANNER_TODAY=$(DEMO_DAY) $(VENV)/bin/planner demo --no-tui --db /tmp/planner-demo-report/d.sqlite
	PLANNER_TODAY=$(DEMO_DAY) $(VENV)/bin/planner plan report hexaline-2027 --format html \
	    -o docs/demo-report.html --db /tmp/planner-demo-report/d.sqlite
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
	    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
	    --user-data-dir=/tmp/planner-demo-report/profile --window-size=1280,2000 \
	    --screenshot=$(CURDIR)/docs/demo-report.png file://$(CURDIR)/docs/demo-report.html
	rm -rf /tmp/planner-demo-report

clean:
	rm -rf $(VENV) .venv-latest .pytest_cache .mypy_cache .ruff_cache .import_linter_cache dist build
