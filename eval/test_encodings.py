"""Pages in legacy encodings, UTF-8 and UTF-16, declared or not, built from the evaluation sets' texts
(eval/encodings_eval.py): the exact headline and first paragraph come back, at least as often as
trafilatura gives them."""
import encodings_eval
import floors
from conftest import SHARED


def test_pages_in_every_encoding_and_declaration_give_back_their_text():
    result = encodings_eval.main([str(SHARED / "eval")])
    assert result["languages"] >= 20 and result["pages"] >= 500, result
    assert floors.cut(result["toolkit"]) >= floors.floors()["encodings"]["toolkit"] and result["toolkit"] >= result["trafilatura"], result
