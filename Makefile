# Everyday commands. `make` alone lists them.
VENV ?= .venv
PY := $(VENV)/bin/python

LOCK := requirements/test.lock

.PHONY: help install test test-latest test-lowest lock lock-add check run demo bench demo-data demo-plan clean

help:
	@echo "make install  - virtual environment with planner and its test tools"
	@echo "make test     - the whole test suite (dependencies from the lock)"
	@echo "make test-latest - the suite on the newest dependencies the ranges allow (.venv-latest)"
	@echo "make test-lowest - the suite's fast part on the lowest versions pyproject.toml allows"
	@echo "make lock     - refresh $(LOCK) (with hashes) from pyproject.toml's ranges"
	@echo "make check    - ruff (lint + format), mypy and the import contracts"
	@echo "make run      - open the TUI on your workspace"
	@echo "make demo     - (re)build the demo workspace and open it"
	@echo "make bench    - the benchmarks under bench/ (figures in docs/benchmarks.md)"
	@echo "make demo-data - regenerate the demo company's sample evidence"
	@echo "make demo-plan - regenerate plans/hexaline-2027.yaml"
	@echo "make demo-report - regenerate docs/demo-report.html and its screenshot (chromium)"

# Every dependency from the lock, hash-checked; then planner itself (editable, no deps).
$(PY):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --require-hashes -r $(LOCK)
	$(VENV)/bin/pip install -q --no-deps --no-build-isolation -e .

install: $(PY)

test: $(PY)
	$(PY) -m pytest

# Upstream drift met on purpose: a separate venv with the newest releases within the ranges
# of pyproject.toml (no lock). When it passes, `make lock` adopts them.
test-latest: $(PY)
	rm -rf .venv-latest
	$(VENV)/bin/uv venv -q .venv-latest --python $(PY)
	VIRTUAL_ENV=$(CURDIR)/.venv-latest $(VENV)/bin/uv pip install -q --upgrade -e '.[test]' --group dev
	.venv-latest/bin/python -m pytest \
	    --deselect tests/test_lock.py::test_the_test_environment_is_the_locked_one

# Every dependency, direct and transitive, pinned with its hashes for all platforms (uv's
# universal resolution), for Python 3.11+: the test and postgres extras and the dev group.
# The README's test command and .ci/run install it with --require-hashes.
lock: $(PY)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra postgres --group dev \
	    --universal --python-version 3.11 --generate-hashes --upgrade -o $(LOCK)

# The lowest versions pyproject.toml allows for each direct dependency (.venv-lowest):
# the suite's fast part, as .ci/run runs it.
test-lowest: $(PY)
	rm -rf .venv-lowest
	$(VENV)/bin/uv venv -q .venv-lowest --python $(PY)
	VIRTUAL_ENV=$(CURDIR)/.venv-lowest $(VENV)/bin/uv pip install -q \
	    --resolution lowest-direct -e '.[test]' --group dev
	.venv-lowest/bin/python -m pytest -q -m "not slow" tests/unit tests/services \
	    tests/adapters tests/cli/test_cli.py tests/cli/test_discover_cli.py \
	    --deselect tests/test_lock.py::test_the_test_environment_is_the_locked_one

# A dependency added to pyproject.toml, everything else kept as locked: make lock-add PKG=name
lock-add: $(PY)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra postgres --group dev \
	    --universal --python-version 3.11 --generate-hashes --upgrade-package $(PKG) -o $(LOCK)

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
	rm -rf $(VENV) .venv-latest .venv-lowest .pytest_cache .mypy_cache .ruff_cache .import_linter_cache dist build
