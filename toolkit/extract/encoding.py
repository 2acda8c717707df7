"""Bytes to text, one record at a time: a file may join records written in different encodings.

The order, and the rule each step records in field_sources (field `encoding`):
1. an encoding the container declares (a UTF-16 file): `declared:<name>`;
2. UTF-8, a leading byte-order mark dropped: plain UTF-8 records no rule;
3. UTF-8 with a few bad bytes (more valid multi-byte characters than bad bytes): the bad
   bytes become U+FFFD and the rest stays UTF-8: `utf-8:<n>-bad-bytes-replaced`;
4. otherwise the legacy encoding that reads most plausibly: windows-1252 (the legacy
   encoding of most Western pages), unless charset-normalizer finds one whose text is
   clearly less garbled, or the one the record's language or country suggests reads
   as well: `detected:<name>`.
Control characters are removed (`:controls-removed`); a record that is mostly control
characters is binary data, not text."""
from __future__ import annotations

import codecs
import re

from ..records import RecordError

# The legacy encodings news pages were written in; detection chooses among them only, so that a
# Western page never comes out as a DOS code page.
LEGACY = ("cp1252", "cp1250", "cp1251", "koi8_r", "koi8_u", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
          "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp874", "iso8859_2", "iso8859_5", "iso8859_7")
# What a record's declared language or its country-code domain suggests.
HINTS = {
    "zh": ("gb18030",), "cn": ("gb18030",), "tw": ("big5",), "hk": ("big5",), "ja": ("shift_jis", "euc_jp"),
    "jp": ("shift_jis", "euc_jp"), "ko": ("euc_kr",), "kr": ("euc_kr",), "ru": ("cp1251", "koi8_r"),
    "uk": ("cp1251", "koi8_u"), "ua": ("cp1251", "koi8_u"), "bg": ("cp1251",), "sr": ("cp1251",),
    "by": ("cp1251",), "kz": ("cp1251",), "el": ("cp1253",), "gr": ("cp1253",), "ar": ("cp1256",),
    "he": ("cp1255",), "il": ("cp1255",), "tr": ("cp1254",), "th": ("cp874",), "pl": ("cp1250",),
    "cs": ("cp1250",), "cz": ("cp1250",), "sk": ("cp1250",), "hu": ("cp1250",), "ro": ("cp1250",),
    "hr": ("cp1250",), "sl": ("cp1250",), "si": ("cp1250",), "lt": ("cp1257",), "lv": ("cp1257",),
    "et": ("cp1257",), "ee": ("cp1257",),
}
LOCALE_BLOCK = re.compile(rb"\n\n([a-z]{2})(?:[-_]([A-Za-z]{2}))?\r?\n(?:\r?\n|$)")
TLD = re.compile(rb"^https?://[^/\s:]+\.([a-z]{2})(?:[:/]|$)", re.I)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARGIN = 0.02  # how much less garbled another encoding must read to beat windows-1252 or the hint
MESS_SAMPLE = 20000


def decode(data: bytes, declared: str | None = None, url: str | None = None) -> tuple[str, str | None]:
    """The record's text and the rule that decoded it (None for plain UTF-8)."""
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    rule: str | None
    if declared:
        text, rule = data.decode(declared, "replace"), f"declared:{declared}"
    else:
        text, rule = _decode_undeclared(data.removeprefix(codecs.BOM_UTF8), url)
    return _without_controls(text.lstrip("\ufeff"), rule)


def _decode_undeclared(data: bytes, url: str | None) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid_multibyte = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if valid_multibyte > bad:
        return text, f"utf-8:{bad}-bad-bytes-replaced"
    encoding = legacy_encoding(data, url)
    return data.decode(encoding, "replace"), f"detected:{encoding}"


def legacy_encoding(data: bytes, url: str | None = None) -> str:
    """The legacy encoding whose reading of the bytes is least garbled (charset-normalizer's mess
    ratio), windows-1252 or the hinted one winning near-ties."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    def mess(encoding: str) -> float | None:
        try:
            # a soft hyphen is legitimate text, but the mess ratio counts it as noise
            return mess_ratio(data[:MESS_SAMPLE].decode(encoding, "ignore").replace("\xad", ""), 1.0)
        except LookupError:
            return None

    preferred = [*_hinted(data, url), "cp1252"]
    scores = {e: m for e in preferred if (m := mess(e)) is not None and _strict(data, e)}
    best = from_bytes(data[:200_000], cp_isolation=list(LEGACY)).best()
    if best is not None and best.encoding not in scores:
        found = mess(best.encoding)
        if found is not None:
            if not scores or found < min(scores.values()) - MARGIN:
                return best.encoding
    if scores:
        return min(scores, key=lambda e: (round(scores[e] / MARGIN), preferred.index(e)))
    return best.encoding if best is not None else "cp1252"


def _strict(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return encoding == "cp1252"  # five unassigned bytes aside, it reads anything


def _hinted(data: bytes, url: str | None) -> list[str]:
    keys = []
    m = LOCALE_BLOCK.search(data[:100_000])
    if m:
        keys += [m[1].decode().lower()] + ([m[2].decode().lower()] if m[2] else [])
    t = TLD.match((url or "").encode("ascii", "ignore"))
    if t:
        keys.append(t[1].decode().lower())
    out: list[str] = []
    for key in keys:
        out += [e for e in HINTS.get(key, ()) if e not in out]
    return out


def _without_controls(text: str, rule: str | None) -> tuple[str, str | None]:
    if not CONTROLS.search(text):
        return text, rule
    controls = len(CONTROLS.findall(text))
    if controls > 0.05 * len(text):
        raise RecordError(f"binary data, not text: {controls} of {len(text)} characters are control characters")
    return CONTROLS.sub("", text), f"{rule or 'utf-8'}:controls-removed"
