# Media Provenance Toolkit. On a fresh clone: `make dataset` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1

.PHONY: install dataset validate test eval score bench clean

install: $(BIN)/mpt

$(BIN)/mpt: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

dataset: install
	$(BIN)/mpt build datasets/sample

validate: install
	$(BIN)/mpt validate build/datasets/sample

# the unit and end-to-end tests: nothing outside this folder
test: install
	$(BIN)/python -m pytest -q tests

# the scorers on the evaluation sets of $(SHARED)/eval, and the tests that need them
eval: install
	@test -d $(SHARED)/eval || { echo "make eval: $(SHARED)/eval is missing: clone the shared folder beside this one, or set SHARED=path"; exit 2; }
	MPT_SHARED=$(SHARED) $(BIN)/python -m pytest -q -s eval

# every flat set's summary line
score: install
	@test -d $(SHARED)/eval || { echo "make score: $(SHARED)/eval is missing"; exit 2; }
	@for set in flat-dev flat-traf flat-fundus-dev; do \
		printf '%s: ' $$set; $(BIN)/python $(SHARED)/eval/score_flat.py $(SHARED)/eval/$$set --min-mean 0 --min-field 0 | tail -n 1; \
	done

clean:
	rm -rf build .pytest_cache

N ?= 100000
bench: install
	$(BIN)/python bench/run.py --n $(N)
