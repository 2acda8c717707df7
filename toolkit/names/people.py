"""Is this a person's name, and how is it written: the predicates every reader and enrich share."""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from ..cache import cached_json
from .words import (AGENCIES, CSS_RULE, HANDLE, LEAD_DATE, LEADING_ARTICLES, NOT_GIVEN_NAMES, ORG_FORMS, ORG_WORDS,
                    PARTICLES, PREFIX, SCRIPT, TAIL_NOISE)


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from importlib.metadata import version

    def from_package() -> list[str]:
        import gender_guesser.detector as gender

        return sorted(gender.Detector(case_sensitive=False).names)

    return frozenset(cached_json(f"given-names-gender-guesser-{version('gender-guesser')}.json", from_package))


@lru_cache(maxsize=65536)
def is_first_name(token: str) -> bool:
    """A given name in the list of ~40,000 names from many countries (gender-guesser's data; its genders are not used)."""
    token = token.strip(".,")
    if len(token) < 2 or not token[0].isalpha() or token.casefold() in NOT_GIVEN_NAMES:
        return False
    return token.lower() in _first_names()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[()\[\]]", "", text)).strip().casefold()


def agency_name(name: str) -> str | None:
    return AGENCIES.get(fold(name))


def looks_like_person(name: str) -> bool:
    """A personal name: 1-5 words, capitalised, no organisation word or digit; one word only when it is a given name."""
    words = name.split()
    if not 1 <= len(words) <= 5 or ORG_WORDS.search(name) or ORG_FORMS.search(name) or agency_name(name) \
            or any(ch.isdigit() for ch in name):
        return False
    if not all(w[0].isupper() or w.lower() in PARTICLES or not w[0].isalpha() for w in words):
        return False
    if len(words) > 1 and words[0].lower() in LEADING_ARTICLES and not is_first_name(words[1]):
        return False  # 'Die KLARHEIT', 'El Vigía', 'The Hill'; but a pen name, 'der Jakob'
    if len(words) == 1:
        return is_first_name(words[0]) and words[0][0].isupper()
    return True


def title_case_name(name: str) -> str:
    """ALL-CAPS name to title case: McDonald, O'Brien, van der Berg, Smith-Jones. Mixed case is left as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 3:
        return name

    def word(w: str, first: bool) -> str:
        if re.fullmatch(r"(?:\w\.){2,}", w):
            return w  # 'U.S.'
        low = w.lower()
        if low in PARTICLES and not first:
            return low
        out = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        out = re.sub(r"^([OD]['’])(\w)", lambda m: m[1].upper() + m[2].upper(), out)
        if low.startswith("mc") and len(low) > 3:
            out = "Mc" + out[2].upper() + out[3:]  # McDonald; "Mac" stays as written (Mack, Macy)
        return out

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


def clean(value: str) -> str:
    text = html.unescape(html.unescape(value)) if "&" in value else value
    if SCRIPT.search(text):
        return ""
    if "{" in text or "}" in text:
        text = CSS_RULE.sub(" ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()
    text = re.sub(r"^(?:【[^】]*】|\[[^\]]*\])\s*", "", text)  # '【纠错】' and other bracketed page labels
    for _ in range(2):  # 'Rezept von Zum Profil von ...'
        text = PREFIX.sub("", text, count=1)
    text = LEAD_DATE.sub("", text)
    text = TAIL_NOISE.sub("", text)
    text = HANDLE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" |,;-–—:")
    half = len(text) // 2
    if len(text) >= 6 and text[:half].strip() == text[half:].strip():
        text = text[:half].strip()  # the name written twice: a link's text and its title, or two layouts
    return text
