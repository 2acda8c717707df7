"""Bytes to text, one record at a time, as a browser decides: the one decoder of every input format.

Labels are the WHATWG Encoding Standard's (its label table, through `webencodings`); an HTML page's
encoding is chosen by the HTML Standard's sniffing algorithm, in this order:
1. a byte-order mark (`bom`);
2. the transport's charset, a WARC record's HTTP `Content-Type` (`http-header`);
3. the `<meta>` prescan of the first 1,024 bytes (`meta`), and, as Chromium does, of the rest of the
   `<head>` when those bytes declare nothing (`meta-after-1024-bytes`);
4. for an undeclared page, detection: UTF-16 by its zero bytes (`utf-16-pattern`), valid UTF-8
   (`valid-utf-8`, `ascii-only`), else Firefox's detector chardetng among the legacy encodings of
   the web, told the page's top-level domain or declared language (`detected:chardetng`).
Two departures from a browser, both for archived pages whose declaration went stale: bytes that are
valid UTF-8 beyond ASCII are read as UTF-8 whatever legacy charset is declared (`utf8-over-stale-meta`,
`utf8-over-stale-http-header`), since legacy text is practically never valid UTF-8; and a declared
UTF-8 that the bytes contradict gives way to the next signal. Flat dumps and JSON lines have no
markup: a file-level UTF-16 (`bom` or `utf-16-pattern`), else UTF-8, else detection.

The rule recorded in field_sources (field `encoding`) reads '<encoding> from <signal>', the encoding by
the Standard's name in lower case, for example 'windows-1251 from meta' or 'utf-8 from
utf8-over-stale-meta (windows-1251 declared)', plus '; <n> bad bytes replaced' and '; controls removed'
where that happened."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

import webencodings

from ..readers.streams import utf16_of
from ..records import RecordError, RejectKind

PRESCAN_BYTES = 1024  # the HTML Standard's prescan window
HEAD_SCAN_BYTES = 64 << 10  # how far into a long <head> a late <meta charset> is looked for
DETECT_BYTES = 256 << 10  # what the detector reads: more adds time, not accuracy
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
UTF8, UTF16LE, UTF16BE, WINDOWS_1252 = "utf-8", "utf-16le", "utf-16be", "windows-1252"  # webencodings writes the names in lower case

# Python's codecs for the Standard's encodings where the name alone does not find the right one: the
# Standard's GBK, Big5, Shift_JIS and EUC-KR decoders are the supersets browsers use.
CODECS = {"utf-8": "utf-8", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs", "shift_jis": "cp932",
          "euc-kr": "cp949", "euc-jp": "euc_jp", "iso-2022-jp": "iso2022_jp_ext", "iso-8859-8-i": "iso8859_8",
          "utf-16le": "utf-16-le", "utf-16be": "utf-16-be", "windows-874": "cp874", "koi8-u": "koi8_u",
          "macintosh": "mac_roman", "x-mac-cyrillic": "mac_cyrillic"}
# Tried when the first codec finds bytes it cannot read: the vendor extensions real pages use.
ALTERNATES = {"euc-jp": ("euc_jis_2004",), "shift_jis": ("shift_jis_2004",), "iso-2022-jp": ("iso2022_jp_2004",)}
# The Standard decodes these labels to nothing (U+FFFD) so that a browser cannot be tricked; an archive
# wants the text, so the label's own codec reads it where Python has one.
REPLACEMENT_CODECS = {"iso-2022-kr": "iso2022_kr", "csiso2022kr": "iso2022_kr", "hz-gb-2312": "hz"}
# the readers name a file's UTF-16 as Python does
FROM_PYTHON = {"utf-16-le": UTF16LE, "utf-16-be": UTF16BE}
# chardetng_py names windows-874 by its Python codec, which is no label of the Standard
DETECTOR_NAMES = {"cp874": "windows-874"}
# A page's declared language as the country-code domain chardetng knows it by, for pages on a generic
# domain (.com, .org): the language is the page's own signal, not a guess at its name.
LANGUAGE_DOMAINS = {"ja": "jp", "ko": "kr", "zh": "cn", "el": "gr",
                    "he": "il", "iw": "il", "uk": "ua", "cs": "cz", "sl": "si", "et": "ee", "da": "dk", "sv": "se",
                    "vi": "vn", "ar": "sa", "fa": "ir", "ur": "pk", "ka": "ge", "hy": "am", "be": "by", "kk": "kz",
                    "sr": "rs", "bs": "ba", "sq": "al", "ms": "my", "nb": "no", "nn": "no", "en": "us"}


@dataclass(frozen=True)
class Decoded:
    """A record's text, the encoding it was read with (the Standard's name) and the signal that chose it."""

    text: str
    encoding: str
    signal: str
    replaced: int = 0  # bytes the encoding could not read, now U+FFFD
    controls: bool = False  # control characters were removed

    @property
    def rule(self) -> str:
        rule = f"{self.encoding} from {self.signal}"
        if self.replaced:
            rule += f"; {self.replaced} bad bytes replaced"
        return rule + ("; controls removed" if self.controls else "")


@lru_cache(maxsize=512)
def lookup(label: str | None) -> str | None:
    """The Standard's name of the encoding a label names ('latin1' -> 'windows-1252'), or None."""
    if not label:
        return None
    found = webencodings.lookup(label.strip())
    if found is not None and found.name == "replacement":
        return label.strip().lower() if label.strip().lower() in REPLACEMENT_CODECS else None
    return found.name if found is not None else None


def bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return UTF8
    if data.startswith(codecs.BOM_UTF16_LE):
        return UTF16LE
    if data.startswith(codecs.BOM_UTF16_BE):
        return UTF16BE
    return None


def utf16_pattern(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: markup and Latin text put a zero byte at every other position."""
    return FROM_PYTHON.get(utf16_of(data) or "")


# -- reading bytes with an encoding ---------------------------------------------------------------------
def read_as(data: bytes, encoding: str) -> tuple[str, int]:
    """The text of the bytes in an encoding (the Standard's name) and how many bytes were unreadable."""
    key = encoding.lower()
    primary = CODECS.get(key) or REPLACEMENT_CODECS.get(key) or _python_codec(encoding)
    for codec in (primary, *ALTERNATES.get(key, ())):
        try:
            return data.decode(codec), 0
        except UnicodeDecodeError:
            continue
    text = data.decode(primary, "replace")
    return text, _bad_bytes(text, data)


def _python_codec(encoding: str) -> str:
    found = webencodings.lookup(encoding)
    return found.codec_info.name if found is not None else encoding


def _bad_bytes(text: str, data: bytes) -> int:
    return text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


def utf8_verdict(data: bytes) -> str:
    """'ascii', 'valid' (UTF-8 beyond ASCII), 'mostly' (more valid multi-byte characters than bad bytes:
    a UTF-8 page with a stray byte) or 'invalid'."""
    if data.isascii():  # ISO-2022-JP is seven-bit too: its escape sequences are no UTF-8 text
        return "invalid" if b"\x1b$" in data or b"\x1b(" in data else "ascii"
    try:
        data.decode("utf-8")
        return "valid"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    bad = _bad_bytes(text, data)
    multibyte = len(text.encode("utf-8")) - len(text) - 2 * text.count("\ufffd")  # extra bytes of valid characters
    return "mostly" if multibyte > 2 * bad else "invalid"


# -- HTML -------------------------------------------------------------------------------------------------
def decode_html(data: bytes, http_charset: str | None = None, url: str | None = None) -> Decoded:
    """An HTML page's text by the sniffing algorithm above."""
    found = bom(data)
    if found:
        skip = 3 if found == UTF8 else 2
        return _checked(_read(data[skip:], found, "bom"))
    wide = utf16_pattern(data)
    if wide:  # no declaration can be right about bytes with a zero at every other position
        return _checked(_read(data, wide, "utf-16-pattern"))
    declarations = []
    if http_charset:
        declarations.append((lookup(http_charset), "http-header", http_charset))
    meta, where = prescan_head(data)
    if meta:
        declarations.append((meta, where, meta))
    verdict: str | None = None
    overridden: list[str] = []
    for encoding, signal, label in declarations:
        if encoding is None:
            overridden.append(f"{label!r} is no encoding label")
            continue
        if encoding in (UTF16LE, UTF16BE):  # only a header can say UTF-16, and these bytes are not
            overridden.append(f"{signal} says {encoding}")
            continue
        verdict = verdict or utf8_verdict(data)
        if encoding == UTF8:
            if verdict != "invalid":
                return _checked(_read(data, UTF8, signal))
            overridden.append(f"{signal} says UTF-8")
            continue
        if verdict == "valid":
            return _checked(_read(data, UTF8, f"utf8-over-stale-{signal.split('-after')[0]} ({encoding} declared)"))
        return _checked(_read(data, encoding, signal))
    decoded = detect(data, url, language=_declared_language(data), verdict=verdict)
    if overridden:
        decoded = Decoded(decoded.text, decoded.encoding, f"{decoded.signal} ({'; '.join(overridden)})", decoded.replaced)
    return _checked(decoded)


def detect(data: bytes, url: str | None = None, language: str | None = None, verdict: str | None = None) -> Decoded:
    """The encoding of undeclared bytes (UTF-16 is found before: by the page's zero bytes, or by the file's
    for dumps and lines): UTF-8 when the bytes read as it, else chardetng's guess among the web's legacy
    encodings, told the domain or the language."""
    verdict = verdict or utf8_verdict(data)
    if verdict == "ascii":
        return Decoded(data.decode("ascii"), UTF8, "ascii-only")
    if verdict in ("valid", "mostly"):
        return _read(data, UTF8, "valid-utf-8")
    import chardetng_py

    detector = chardetng_py.EncodingDetector()
    detector.feed(data[:DETECT_BYTES], last=True)
    guess, sure = detector.guess_assess(tld=hint_domain(url, language), allow_utf8=False)
    encoding = lookup(guess) or lookup(DETECTOR_NAMES.get(guess, "")) or WINDOWS_1252
    return _read(data, encoding, "detected:chardetng" + ("" if sure else " (unsure)"))


def hint_domain(url: str | None, language: str | None = None) -> bytes | None:
    """The top-level domain chardetng weighs its guess by: the URL's country code, else the one of the
    page's declared language ('ja' -> 'jp', 'pt-BR' -> 'br'), else none (a generic domain)."""
    host = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#@]*@)?([^/?#:]+)", url or "", re.I)
    tld = host[2].rstrip(".").rsplit(".", 1)[-1].lower() if host else ""
    if not re.fullmatch(r"[a-z]{2}|xn--[a-z0-9-]+", tld) and language:
        subtags = language.strip().lower().replace("_", "-").split("-")
        region = next((s for s in subtags[1:] if re.fullmatch(r"[a-z]{2}", s)), None)
        tld = region or ("tw" if "hant" in subtags else LANGUAGE_DOMAINS.get(subtags[0], subtags[0]))
    return tld.encode("ascii") if re.fullmatch(r"[a-z0-9-]{2,63}", tld) else None


LANG_ATTRIBUTE = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)", re.I)


def _declared_language(data: bytes) -> str | None:
    m = LANG_ATTRIBUTE.search(data[:HEAD_SCAN_BYTES])
    return m[1].decode("ascii") if m else None


def _read(data: bytes, encoding: str, signal: str) -> Decoded:
    text, bad = read_as(data, encoding)
    return Decoded(text, encoding, signal, bad)


# -- flat dumps and JSON lines ----------------------------------------------------------------------------
def decode_text(data: bytes, file_encoding: str | None = None, url: str | None = None,
                language: str | None = None) -> Decoded:
    """Text without markup: the file's UTF-16 (its byte-order mark or zero bytes, found when the file was
    opened), else UTF-8 (a byte-order mark dropped; a few bad bytes replaced), else detection."""
    if file_encoding:
        encoding = FROM_PYTHON.get(file_encoding) or lookup(file_encoding) or file_encoding
        text, bad = read_as(data.removeprefix(codecs.BOM_UTF16_LE if encoding == UTF16LE else codecs.BOM_UTF16_BE), encoding)
        return _checked(Decoded(text.lstrip("\ufeff"), encoding, "bom" if bom(data) else "utf-16-pattern", bad))
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_read(data[3:], UTF8, "bom"))
    return _checked(detect(data, url, language))


# -- the <meta> prescan -------------------------------------------------------------------------------------
META_TAG = re.compile(rb"<meta[\t\n\x0c\r /]", re.I)


def prescan_head(data: bytes) -> tuple[str | None, str]:
    """The encoding a page's <meta> declares: the prescan of its first 1,024 bytes, else the first <meta>
    further into its <head> (up to 64 KB, outside comments) that declares one, read as the prescan reads
    a <meta>."""
    found = prescan(data[:PRESCAN_BYTES])
    if found or len(data) <= PRESCAN_BYTES:
        return found, "meta"
    window = data[:HEAD_SCAN_BYTES]
    body = re.search(rb"<body[\s>]", window, re.I)
    window = window[: body.start()] if body else window
    cut = max(0, window.rfind(b"<", 0, PRESCAN_BYTES))  # a tag the 1,024th byte cut: read whole now
    for tag in META_TAG.finditer(window, cut):
        opened = window.rfind(b"<!--", 0, tag.start())
        if opened >= 0 and window.find(b"-->", opened + 2, tag.start()) < 0:
            continue  # inside a comment
        try:
            prescanner = _Prescan(window)
            prescanner.pos = tag.start() + 5
            found = prescanner.meta()
        except _Ended:
            break
        if found:
            return found, "meta-after-1024-bytes"
    return None, "meta-after-1024-bytes"


SPACE = frozenset(b"\t\n\x0c\r ")
TAG_END = SPACE | {0x3E}


class _Ended(Exception):
    """The bytes ended inside a tag or a comment: the prescan fails."""


def prescan(data: bytes) -> str | None:
    """The HTML Standard's 'prescan a byte stream to determine its encoding' over `data`: the Standard's
    name of the encoding the first applicable <meta charset> or <meta http-equiv=content-type> declares."""
    try:
        return _Prescan(data).run()
    except _Ended:
        return None


class _Prescan:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise _Ended
        return self.data[self.pos]

    def run(self) -> str | None:
        data = self.data
        while self.pos < len(data):
            at = self.pos = data.find(b"<", self.pos)  # the Standard does nothing with any other byte
            if at < 0:
                return None
            if data.startswith(b"<!--", at):
                close = data.find(b"-->", at + 2)
                if close < 0:
                    raise _Ended
                self.pos = close + 2
            elif data[at:at + 5].lower() == b"<meta" and data[at + 5:at + 6] in (b"/", *(bytes([c]) for c in SPACE)):
                self.pos = at + 5
                found = self.meta()
                if found:
                    return found
            elif data[at:at + 1] == b"<" and (_letter(data, at + 1) or data[at + 1:at + 2] == b"/" and _letter(data, at + 2)):
                self.pos = at + 1
                while self.byte() not in TAG_END:
                    self.pos += 1
                while self.attribute() is not None:
                    pass
            elif data[at:at + 2] in (b"<!", b"</", b"<?"):
                close = data.find(b">", at + 2)
                if close < 0:
                    raise _Ended
                self.pos = close
            self.pos += 1
        return None

    def meta(self) -> str | None:
        seen: set[str] = set()
        got_pragma, need_pragma, charset = False, None, None
        while (attribute := self.attribute()) is not None:
            name, value = attribute
            if name in seen:
                continue
            seen.add(name)
            if name == "http-equiv" and value == "content-type":
                got_pragma = True
            elif name == "content" and charset is None:
                label = charset_in_content(value)
                if label is not None:
                    charset, need_pragma = lookup(label) or "", True
            elif name == "charset":
                charset, need_pragma = lookup(value) or "", False
        if need_pragma is None or (need_pragma and not got_pragma) or not charset:
            return None
        if charset in (UTF16LE, UTF16BE):
            return UTF8
        return WINDOWS_1252 if charset == "x-user-defined" else charset

    def attribute(self) -> tuple[str, str] | None:
        """The Standard's 'get an attribute': (name, value), or None at the tag's '>'."""
        while self.byte() in SPACE or self.byte() == 0x2F:
            self.pos += 1
        if self.byte() == 0x3E:
            return None
        name = bytearray()
        while True:
            c = self.byte()
            if c == 0x3D and name:
                self.pos += 1
                return _name(name), self.value()
            if c in SPACE:
                while self.byte() in SPACE:
                    self.pos += 1
                if self.byte() != 0x3D:
                    return _name(name), ""
                self.pos += 1
                return _name(name), self.value()
            if c in (0x2F, 0x3E):
                return _name(name), ""
            name.append(c)
            self.pos += 1

    def value(self) -> str:
        while self.byte() in SPACE:
            self.pos += 1
        quote = self.byte()
        if quote in (0x22, 0x27):
            close = self.data.find(bytes([quote]), self.pos + 1)
            if close < 0:
                raise _Ended
            value, self.pos = self.data[self.pos + 1:close], close + 1
            return _name(value)
        if quote == 0x3E:
            return ""
        start = self.pos
        while self.byte() not in TAG_END:
            self.pos += 1
        return _name(self.data[start:self.pos])


def _letter(data: bytes, pos: int) -> bool:
    return pos < len(data) and (65 <= data[pos] <= 90 or 97 <= data[pos] <= 122)


def _name(raw: bytes | bytearray) -> str:
    """An attribute's name or value as the Standard keeps it: ASCII letters lower-cased, bytes as they are."""
    return bytes(raw).lower().decode("latin-1")


CHARSET_WORD = re.compile(r"charset", re.I)


def charset_in_content(content: str) -> str | None:
    """The Standard's 'extract a character encoding from a meta element' (a content attribute's value)."""
    pos = 0
    while True:
        m = CHARSET_WORD.search(content, pos)
        if not m:
            return None
        pos = m.end()
        while pos < len(content) and content[pos] in "\t\n\x0c\r ":
            pos += 1
        if pos < len(content) and content[pos] == "=":
            break
    pos += 1
    while pos < len(content) and content[pos] in "\t\n\x0c\r ":
        pos += 1
    if pos >= len(content):
        return None
    quote = content[pos]
    if quote in "\"'":
        close = content.find(quote, pos + 1)
        return content[pos + 1:close] if close >= 0 else None
    value = re.match(r"[^\t\n\x0c\r ;]*", content[pos:])
    return value[0] if value else None


# -- after decoding ---------------------------------------------------------------------------------------
def _checked(decoded: Decoded) -> Decoded:
    """Control characters removed; a record that is mostly control characters is binary data, not text."""
    text = decoded.text.lstrip("\ufeff")
    if not CONTROLS.search(text):
        return Decoded(text, decoded.encoding, decoded.signal, decoded.replaced) if text is not decoded.text else decoded
    controls = len(CONTROLS.findall(text))
    if controls > 0.05 * len(text):
        raise RecordError(RejectKind.NOT_TEXT, f"{controls} of {len(text)} characters are control characters")
    return Decoded(CONTROLS.sub("", text), decoded.encoding, decoded.signal, decoded.replaced, True)
