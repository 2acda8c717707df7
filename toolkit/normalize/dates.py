"""Reading dates as pages write them, into UTC.

Policy, recorded in field_sources as a suffix of the rule that found the date:
- a value with a UTC offset or `Z` is converted to UTC exactly;
- a date and time without an offset is read as UTC (`:assumed-utc`); the raw
  string is kept in *_raw so a researcher can re-read it with a better guess;
- a date alone is midnight UTC of that day (`:date-only`);
- a value before 1990 or more than a year after the capture (or now) is a
  placeholder, not a fact, and is discarded."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MIN_YEAR = 1990

ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$", re.I)
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates in words: "November 19, 2019", "19 Nov 2019 07:09 GMT", "Tue Nov 19 2019 03:05:46 GMT+0000".
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
WORDY = re.compile(rf"^(?:[a-z]{{3,9}},?\s+)?(?:\d{{1,2}}\s+{MONTHS}|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+\d{{4}}\b", re.I)
TIME_FIRST = re.compile(rf"^\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]m)?\s*(?:[a-z]{{2,5}}\s+)?{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}$", re.I)

# Month names of the languages most scraped, in the forms dates use (Russian and Polish genitive), so that
# "4 de mayo de 2022", "16. August 2019" and "3 января 2023 г." read as the English forms above.
_FOREIGN_MONTHS = {
    "jan": "enero janeiro janvier januar jänner gennaio januari января stycznia ocak",
    "feb": "febrero fevereiro février fevrier februar febbraio februari февраля lutego şubat",
    "mar": "marzo março mars märz maart марта marca mart",
    "apr": "abril avril aprile апреля kwietnia nisan",
    "may": "mayo maio mai maggio mei мая maja mayıs",
    "jun": "junio junho juin juni giugno июня czerwca haziran",
    "jul": "julio julho juillet juli luglio июля lipca temmuz",
    "aug": "agosto août aout augustus августа sierpnia ağustos",
    "sep": "septiembre setiembre setembro septembre settembre сентября września eylül",
    "oct": "octubre outubro octobre oktober ottobre октября października ekim",
    "nov": "noviembre novembro novembre ноября listopada kasım",
    "dec": "diciembre dezembro décembre decembre dezember dicembre december декабря grudnia aralık",
}
FOREIGN_MONTH = {name: english for english, names in _FOREIGN_MONTHS.items() for name in names.split()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONNECTOR = re.compile(r"(?<=\d)\.(?=\s)|\s(?:de|del|di|du)(?=\s)|\s*г\.?$|,?\s+(?:à|um|alle|a las|às|в)\s", re.I)


def _english_months(s: str) -> str:
    """'4 de mayo de 2022' -> '4 may 2022'; a string without a foreign month name is returned unchanged."""
    replaced = _WORD.sub(lambda m: FOREIGN_MONTH.get(m[0].lower(), m[0]), re.sub(r"^(\d{1,2})\.(?=\s)", r"\1", s))
    if replaced == s:
        return s
    return re.sub(r"\s+", " ", _CONNECTOR.sub(" ", replaced)).strip()


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # aware, UTC
    precision: str  # "exact", "assumed-utc" or "date-only"
    local: datetime | None = None  # as the page wrote it, with its offset (only when it gave one)

    def iso(self) -> str:
        return self.value.strftime("%Y-%m-%dT%H:%M:%S") + (f".{self.value.microsecond:06d}" if self.value.microsecond else "") + "Z"

    def local_iso(self) -> str | None:
        """The time with the offset the page declared (RFC 3339): its date is the local day."""
        if self.local is None:
            return None
        offset = self.local.utcoffset()
        if offset is None:
            return None
        minutes = int(offset.total_seconds() // 60)
        sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
        fraction = f".{self.local.microsecond:06d}" if self.local.microsecond else ""
        return self.local.strftime("%Y-%m-%dT%H:%M:%S") + fraction + f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


MAX_DATE = 48  # characters of a date written out, month names in English
MAX_WRITTEN_DATE = 4 * MAX_DATE  # a foreign month name is at most four times its English one


def looks_like_date(text: str) -> bool:
    s = text.strip()
    if len(s) > MAX_WRITTEN_DATE:  # a body or a description: no date however its months are spelled
        return False
    s = _english_months(s)
    if len(s) > MAX_DATE:
        return False
    return bool(ISO_LIKE.match(s) or WORDY.match(s) or TIME_FIRST.match(s))


def _parse_iso(s: str) -> datetime | None:
    s = s.strip().replace(",", ".")
    if s[-1:] in "zZ":
        s = s[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        # 3.10 and older: +HHMM offsets and odd fractions
        m = re.match(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.(\d+))?([+-]\d{2}):?(\d{2})?$", s)
        if not m:
            return None
        frac = f".{(m[3] + '000000')[:6]}" if m[3] else ""
        try:
            return datetime.fromisoformat(f"{m[1]}T{m[2].zfill(5)}{frac}{m[4]}:{m[5] or '00'}")
        except ValueError:
            return None


def _parse_words(s: str) -> datetime | None:
    try:
        return parsedate_to_datetime(s)  # RFC 2822: "Mon, 18 Nov 2019 16:07:38 -0600"
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as du

    cleaned = re.sub(r"\bGMT(?=[+-]\d)", "", s)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names (IST, PT) are ignored, so the value counts as assumed UTC
        try:
            return du.parse(cleaned, fuzzy=False)
        except (ValueError, OverflowError):
            try:
                return du.parse(cleaned, fuzzy=True)
            except (ValueError, OverflowError):
                return None


def parse_date(text: str | None, not_after: datetime | None = None) -> ParsedDate | None:
    """Parse a date string; None when it is not a plausible date."""
    if not text:
        return None
    s = text.strip()
    if not ISO_LIKE.match(s):
        s = _english_months(s)
    if ISO_LIKE.match(s):
        d = _parse_iso(s)
        date_only = bool(DATE_ONLY.match(s))
    elif WORDY.match(s) or TIME_FIRST.match(s):
        d = _parse_words(s)
        date_only = d is not None and not re.search(r"\d:\d\d", s)
    else:
        return None
    if d is None:
        return None
    if date_only:
        precision = "date-only"
        d = d.replace(tzinfo=timezone.utc)
    elif d.tzinfo is None or d.utcoffset() is None:
        precision = "assumed-utc"
        d = d.replace(tzinfo=timezone.utc)
    else:
        precision = "exact"
        local = d
        d = d.astimezone(timezone.utc)
    limit = (not_after or datetime.now(timezone.utc)) + timedelta(days=2)  # time zones and clocks drift
    if d.year < MIN_YEAR or d > limit:
        return None
    return ParsedDate(d, precision, local if precision == "exact" else None)


def capture_limit(snapshot: str | None) -> datetime | None:
    """The latest moment a page captured at `snapshot` can have been published: the WARC-Date itself,
    or the end of a dump header's month."""
    if not snapshot:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", snapshot):
        year, month = map(int, snapshot.split("-"))
        if not 1 <= month <= 12:
            return None
        return datetime(year + month // 12, month % 12 + 1, 1, tzinfo=timezone.utc)
    parsed = parse_date(snapshot)
    return parsed.value if parsed else None


def to_datetime(iso: str | None) -> datetime | None:
    """RFC 3339 string written by ParsedDate.iso back to an aware datetime (for Arrow)."""
    return None if iso is None else datetime.fromisoformat(iso.replace("Z", "+00:00"))
