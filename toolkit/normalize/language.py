"""Language tags: declared values normalised to BCP 47."""
from __future__ import annotations

import re

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
