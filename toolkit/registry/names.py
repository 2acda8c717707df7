"""Names and hosts as the registry compares them: hosts folded (www., m., amp.), names folded across
scripts and spellings, ids made of names, and the word lists that tell a distinctive name from a generic one."""
from __future__ import annotations

import re
import unicodedata

FOLD_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in FOLD_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def fold_name(name: str) -> str:
    """Names compared across scripts and spellings: quotes, case, accents, transliteration, doubled letters."""
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFKC", name)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"([a-z])\1+", r"\1", text)  # Rossiya / Rosiya


def slug(text: str) -> str:
    """An id made of a name: transliterated, lower case, words joined by hyphens."""
    from anyascii import anyascii

    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")[:60] or "outlet"


# Words that, alone or together, make a newspaper's name but no particular newspaper's: 'Today', 'The
# Times', 'Daily News', 'The Post', 'Herald'. A declared publisher made only of them decides nothing.
GENERIC_NAME_WORDS = frozenset("""
the a an of de del la le les el los las il lo die der das today times time daily news new post herald sun star
mirror express tribune chronicle observer guardian telegraph journal gazette courier standard nation national
independent metro globe record review press bulletin dispatch examiner sentinel leader reporter register inquirer
enquirer mail world voice citizen week weekly sunday morning evening online digital media tv radio network report
reports update updates info information magazine today's universal universe el mundo pais nacion diario noticias
zeitung nachrichten tageblatt allgemeine rundschau presse kurier le monde journal quotidien tribune nouvelle
gazzetta corriere giornale stampa messaggero republica república tiempo prensa correo heraldo vanguardia
public first free local city county state global international business finance money sport sports
""".split())
# Country-code top-level domains used as generic ones: they say nothing of a site's country.
GENERIC_TLDS = frozenset({"io", "co", "tv", "me", "fm", "ly", "ai", "cc", "ws", "to", "gg", "am", "la", "nu", "tk", "is",
                          "ag", "app", "dev", "so", "sh", "ac", "gl", "im", "pw", "vc", "cd", "cx", "in"})
TLD_COUNTRY = {"uk": "GB"}


def distinctive(name: str) -> bool:
    """Whether a name could name one outlet: not made only of words every other newspaper uses ('Today',
    'The Times', 'Daily News'), nor shorter than four letters ('NTV' names outlets in three countries)."""
    words = fold_name(name).split()
    letters = sum(len(w) for w in words)
    return bool(words) and letters >= 4 and not all(w in GENERIC_NAME_WORDS for w in words)


def host_country(host: str) -> str | None:
    """The country a host's country-code domain names (www.nzz.ch: CH), or None for .com, .org, .io and the like."""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in GENERIC_TLDS:
        return None
    return TLD_COUNTRY.get(tld, tld.upper())
