"""Is this name the outlet's own: a page's publisher, site name or host compared with a name."""
from __future__ import annotations

import re
from functools import lru_cache

from .words import SECOND_LEVEL


def squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())




@lru_cache(maxsize=1024)
def outlet_keys(outlets: tuple[str | None, ...]) -> frozenset[str]:
    """The outlet's names as compared: 'Harbour Gazette', and for a host 'www.harbour-gazette.de' both
    'harbourgazettede' and 'harbourgazette'."""
    keys = set()
    for outlet in outlets:
        if not outlet:
            continue
        keys.add(squeeze(outlet))
        if "." in outlet and " " not in outlet.strip():
            labels = [lab for lab in outlet.lower().split(".") if lab not in ("www", "m")]
            keys.add(squeeze(".".join(labels)))
            if len(labels) >= 2:  # the registrable name only: a blog's subdomain is its author, not the platform
                name_at = _name_at(labels)
                keys.add(squeeze(labels[name_at]))
                keys.add(squeeze(".".join(labels[name_at:])))
    keys.discard("")
    return frozenset(keys)


def is_outlet(name: str, keys: frozenset[str]) -> bool:
    """'Die KLARHEIT' for klarheit.at, 'STERN.de' for www.stern.de, 'CNN' for edition.cnn.com."""
    squeezed = squeeze(name)
    bare = squeeze(re.sub(r"^(?:the|die|der|das|la|le|el|il|l'|les|los|las)\s+", "", name.strip(), flags=re.I))
    return bool(squeezed) and (squeezed in keys or bare in keys)


def outlet_desk(name: str, keys: frozenset[str]) -> bool:
    """'MDR THÜRINGEN' on mdr.de, 'BBC Sport' on bbc.co.uk: the outlet's acronym, then a desk or region."""
    words = name.split()
    return 2 <= len(words) <= 3 and len(words[0]) >= 2 and words[0].isupper() and squeeze(words[0]) in keys


def _name_at(labels: list[str]) -> int:
    return -3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL | {"co", "ac", "gv", "or"} else -2


def site_name(host: str) -> str:
    """The registrable name of a host: 'reuters' for www.reuters.com, 'aa' for www.aa.com.tr, 'bbc' for
    news.bbc.co.uk."""
    labels = [lab for lab in host.lower().split(".") if lab]
    return labels[_name_at(labels)] if len(labels) >= 2 else host.lower()
