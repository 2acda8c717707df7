# Media Provenance Toolkit. On a fresh clone: `make dataset` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1

.PHONY: install dataset validate test score bench clean

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

test: install
	$(BIN)/python -m pytest -q

score: install
	$(BIN)/python ../shared/eval/score_flat.py ../shared/eval/flat-dev

clean:
	rm -rf build .pytest_cache

N ?= 100000
bench: install
	$(BIN)/python bench/run.py --n $(N)
