"""Language detection on flat dumps, against the pages' own <html lang> (eval/language_eval.py)."""
import floors
import language_eval
from conftest import SHARED


def test_detected_languages_agree_with_the_pages():
    # what detection costs is printed (and measured by make bench), not asserted: timings are no test
    result = language_eval.main([str(SHARED / "eval")])
    assert result["pages"] >= 100
    assert floors.cut(result["agreement"]) >= floors.floors()["language_agreement"], result
