"""Language tags: declared values normalised to BCP 47, and the language of a text that declares none.

Detection is py3langid's (langid.py's model, 97 languages, in its 4.6 MB wheel, offline): on the first
`DETECT_CHARS` characters of the body it costs about 0.5 ms and agrees with the page's own <html lang>
as well as on the whole text (docs/rules.md). lingua, as accurate on the same pages, is a 96 MB wheel and
3x slower; fastText-based packages download their model at run time."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# ISO 639-1: the two-letter codes a page may declare.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et
eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl
km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to
tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())
# Three-letter codes seen in news metadata where no two-letter code exists.
ISO_639_3_EXTRA = frozenset({"fil", "haw", "yue", "cmn", "zsm", "ckb", "nds", "gsw", "sco", "ast", "crh"})

TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")


def normalize_language(value: str | None) -> str | None:
    """fr_FR -> fr-FR, EN-us -> en-US, zh_hans_cn -> zh-Hans-CN; None when not a language tag."""
    if not value:
        return None
    m = TAG.match(value.strip())
    if not m:
        return None
    lang = m[1].lower()
    if lang not in ISO_639_1 and lang not in ISO_639_3_EXTRA:
        return None
    parts = [lang]
    if m[2]:
        parts.append(m[2].title())
    if m[3]:
        parts.append(m[3].upper())
    return "-".join(parts)


DETECT_CHARS = 1000  # of the body's start: as accurate as the whole text on the measured pages, a tenth of the cost
MIN_DETECT_CHARS = 200  # shorter texts are left undetected: too little to tell related languages apart
SURE = 0.90  # py3langid's normalised probability: below it, no language is better than a wrong one
CONTRADICTS = 0.99  # a declared language this sure of a different one is noted in field_sources


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """The language of a text (ISO 639-1) and its probability, when the text is long enough to tell."""
    sample = text[:DETECT_CHARS]
    if len(sample.strip()) < MIN_DETECT_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def language_of(declared: str | None, body: str, sources: dict[str, str]) -> str | None:
    """The declared language when there is one, else the detected one when it is sure; the rule in
    `sources`. A declared language that the text clearly contradicts is kept, and the contradiction noted
    (`language.detected`)."""
    found = detect_language(body) if body else None
    if declared is not None:
        if found and found[1] >= CONTRADICTS and _primary(found[0]) != _primary(declared):
            sources["language.detected"] = f"detected:py3langid {found[0]} p={found[1]:.2f}"
        return declared
    sources.pop("language", None)
    if found and found[1] >= SURE:
        sources["language"] = f"detected:py3langid p={found[1]:.2f}"
        return found[0]
    return None


def _primary(tag: str) -> str:
    code = tag.split("-")[0].lower()
    return {"nb": "no", "nn": "no"}.get(code, code)  # Bokmål and Nynorsk are Norwegian to the model
