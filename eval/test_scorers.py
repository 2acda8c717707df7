"""Every development set, flat and HTML, scored by the evaluation folder's scorers against the floors
pinned in eval/floors.json: a change that lowers any score fails make eval (raise a floor with
`python eval/floors.py --lift` when a change lifts it)."""
import pytest
from conftest import SHARED

import floors

PINNED = floors.floors()


@pytest.mark.parametrize("name", sorted(PINNED["flat"]))
def test_flat_set_holds_its_floors(name):
    scores = floors.score_flat(SHARED / "eval", name)
    assert not floors.below(scores, PINNED["flat"][name]), floors.below(scores, PINNED["flat"][name])


@pytest.mark.parametrize("name", sorted(PINNED["html"]))
def test_html_set_holds_its_floors(name):
    scores = floors.score_html(SHARED / "eval", name)
    assert not floors.below(scores, PINNED["html"][name]), floors.below(scores, PINNED["html"][name])


def test_a_lower_score_is_caught_and_a_higher_one_lifts():
    pinned = {"authors": 0.9, "mean": 0.95}
    assert floors.below({"authors": 0.8999, "mean": 0.96}, pinned) == ["authors: 0.8999 < floor 0.9"]
    assert floors.below({"authors": 0.9}, pinned) == ["mean: None < floor 0.95"]  # a score the scorer no longer gives
    assert floors.lifted({"authors": 0.9126, "mean": 0.95}, pinned) == {"authors": 0.912}
