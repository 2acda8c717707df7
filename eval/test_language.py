"""Language detection on flat dumps, against the pages' own <html lang> (eval/language_eval.py)."""
import language_eval
from conftest import SHARED


def test_detected_languages_agree_with_the_pages_and_cost_little():
    result = language_eval.main([str(SHARED / "eval")])
    assert result["pages"] >= 100
    assert result["agreement"] >= 0.95 and result["cost"] <= 0.10, result
