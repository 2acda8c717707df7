"""Each flat set read by a model trained without its pages (eval/leave_one_out.py): outlets the reader
never saw, the case of every user's corpus. The table is printed; each set holds its floor."""
import floors
import leave_one_out
from conftest import SHARED


def test_each_flat_set_read_by_a_model_that_never_saw_it():
    results = leave_one_out.main(["--shared", str(SHARED)])
    pinned = floors.floors()["leave_one_out"]
    below = {name: r["left_out"] for name, r in results.items()
             if r["left_out"] is None or floors.cut(r["left_out"]) < pinned[name]}
    assert not below, below
