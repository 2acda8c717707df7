# Media Provenance Toolkit. On a fresh clone: `make dataset` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
REUSE_N ?= 1000000
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1

.PHONY: install dataset validate test lint eval score loso train bench profile clean
EVAL_PAGES = $(addprefix $(SHARED)/eval/,aeb-pages traf-pages fundus-dev htmldate-pages gotraf-pages readability-pages np4k-pages goose-pages)
FLAT_SETS = flat-dev flat-traf flat-fundus-dev flat-htmldate flat-gotraf flat-readability flat-np4k flat-goose

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

# pyflakes, pycodestyle and a complexity limit (ruff), and the types of toolkit/ (mypy); configured in pyproject.toml
lint: install
	$(BIN)/ruff check toolkit tests eval bench
	$(BIN)/mypy

# the scorers on the evaluation sets of $(SHARED)/eval, and the tests that need them
eval: install
	@test -d $(SHARED)/eval || { echo "make eval: $(SHARED)/eval is missing: clone the shared folder beside this one, or set SHARED=path"; exit 2; }
	MPT_SHARED=$(SHARED) $(BIN)/python -m pytest -q -s eval

# every flat set's summary line
score: install
	@test -d $(SHARED)/eval || { echo "make score: $(SHARED)/eval is missing"; exit 2; }
	@for set in $(FLAT_SETS); do \
		printf '%s: ' $$set; $(BIN)/python $(SHARED)/eval/score_flat.py $(SHARED)/eval/$$set --min-mean 0 --min-field 0 | tail -n 1; \
	done

# the shipped flat-reader model, rebuilt from the evaluation pages (deterministic: same pages, same bytes)
train: install
	@test -d $(SHARED)/eval || { echo "make train: $(SHARED)/eval is missing"; exit 2; }
	$(BIN)/mpt train flat $(EVAL_PAGES) --out toolkit/data/models/flat

# each flat set scored by a model trained on the other sets' pages, beside the shipped model's score
loso: install
	@test -d $(SHARED)/eval || { echo "make loso: $(SHARED)/eval is missing"; exit 2; }
	$(BIN)/python eval/leave_one_out.py --shared $(SHARED)

clean:
	rm -rf build .pytest_cache

# where a flat record's and an HTML page's time goes, stage by stage (needs $(SHARED)/eval)
profile: install
	@test -d $(SHARED)/eval || { echo "make profile: $(SHARED)/eval is missing"; exit 2; }
	MPT_SHARED=$(SHARED) $(BIN)/python bench/stages.py

N ?= 20000
bench: install
	$(BIN)/python bench/run.py --n $(N)
	$(BIN)/python bench/reuse_scale.py --n $(REUSE_N)
