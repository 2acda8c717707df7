"""The publication date of an HTML page by a weighted vote of its signals.

Each kind of signal (the article's JSON-LD, the web page's JSON-LD, publication meta tags, microdata,
a <time> element, a printed "published" line, htmldate's search, the date in the URL ...) votes for
the day it gives; its weight is the log-odds of how often that kind gave the labelled day on the
development pages (traf-pages and fundus-dev, 857 labelled pages; `WEIGHTS` below, measured with
`python eval/date_signals.py`). The day with the most weight wins; a value that is really the
modification date (the same instant as a declared dateModified) loses to another day. Within the
winning day, the most trusted signal gives the value; the local time is the one of those signals that
declares the instant with its UTC offset. Values that contradict the winner by more than a day stay
visible in field_sources."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..normalize.dates import ParsedDate, parse_date

# log(p / (1 - p)) of each kind's accuracy on the development pages, pooled (see the module's note).
# Weights from the other set alone change the vote's accuracy by 0.3 points on traf-pages, 0 on fundus-dev.
WEIGHTS = {"jsonld_page": 2.79, "url": 2.62, "meta": 2.43, "jsonld": 2.22, "jsonld_created": 2.03, "printed": 2.1,
           "htmldate": 2.01, "microdata": 2.09, "time": 1.91, "meta_generic": 1.7}
MODIFIED_PENALTY = 1.5  # a day whose only exact value is the declared modification instant


@dataclass(frozen=True)
class Chosen:
    value: str
    rule: str
    local_value: str | None = None
    local_rule: str | None = None
    margin: float = 0.0  # the winner's lead over the next day: a signal weighing less cannot change the day


@dataclass(frozen=True)
class Signal:
    value: str
    kind: str
    rule: str
    parsed: ParsedDate
    day: str = ""


def _offset(s: Signal) -> int | None:
    o = s.parsed.local.utcoffset() if s.parsed.local else None
    return None if o is None else int(o.total_seconds())


def _same_instant_same_day(s: Signal, signals: list[Signal]) -> Signal:
    """A signal's local day; a UTC value counts for the local day of a signal that gives the same instant
    with the page's offset, so that the two agree rather than split their votes across midnight."""
    local = next((o for o in signals if _offset(o) and s.parsed.precision == o.parsed.precision == "exact"
                  and abs(o.parsed.value - s.parsed.value) <= timedelta(minutes=1)), None) if not _offset(s) else None
    chosen = local or s
    return Signal(s.value, s.kind, s.rule, s.parsed, (chosen.parsed.local or chosen.parsed.value).date().isoformat())


def vote(published: list[tuple[str, str, str]], late: list[tuple[str, str, str]], modified: list[ParsedDate],
         not_after: datetime | None) -> Chosen | None:
    """published, late: (value, kind, rule) in the order they were found; late ones (htmldate, the URL)
    vote too, but give the value only when nothing else does."""
    signals = []
    seen_kinds: set[str] = set()
    for value, kind, rule in published + late:
        parsed = parse_date(value, not_after)
        if parsed is None or kind in seen_kinds:
            continue
        seen_kinds.add(kind)  # one vote a kind: a page repeating its meta tags does not outvote its JSON-LD
        signals.append(Signal(value, kind, rule, parsed))
    if not signals:
        return None
    signals = [_same_instant_same_day(s, signals) for s in signals]
    score: dict[str, float] = {}
    url_day = next((s.day for s in signals if s.kind == "url"), None)
    for s in signals:
        if s.kind == "htmldate" and s.day == url_day:
            continue  # htmldate reads the URL too: the same evidence counts once
        score[s.day] = score.get(s.day, 0.0) + WEIGHTS.get(s.kind, 1.0)
    modified_instants = [m.value for m in modified if m.precision == "exact"]
    for day in score:
        exact = [s for s in signals if s.day == day and s.parsed.precision == "exact"]
        if exact and modified_instants and len(score) > 1 and all(
                any(abs(s.parsed.value - m) <= timedelta(minutes=1) for m in modified_instants) for s in exact):
            score[day] -= MODIFIED_PENALTY
    best = max(score, key=lambda d: (score[d], -min(i for i, s in enumerate(signals) if s.day == d)))
    members = [s for s in signals if s.day == best]
    early = [s for s in members if s.kind not in ("htmldate", "url")] or members
    chosen = max(early, key=lambda s: (s.parsed.precision == "exact", WEIGHTS.get(s.kind, 1.0)))
    rule = chosen.rule
    losers = sorted({s.day for s in signals} - {best})
    if losers and any(abs((datetime.fromisoformat(d) - datetime.fromisoformat(best)).days) > 1 for d in losers):
        rule += f":vote({score[best]:.1f} for {best} over " + ", ".join(f"{d} {score[d]:.1f}" for d in losers) + ")"
    local = _local_of(chosen, members)
    runner_up = max((v for d, v in score.items() if d != best), default=0.0)
    return Chosen(chosen.value, rule, local.value if local else None, local.rule if local else None,
                  score[best] - runner_up)


def _local_of(chosen: Signal, members: list[Signal]) -> Signal | None:
    """The signal that gives the chosen instant with the page's own UTC offset: the chosen one if it has a
    non-zero offset, else another of the same instant that has one (JSON-LD in UTC, the meta tag local)."""
    if _offset(chosen):
        return None  # the chosen value carries it already
    same = [s for s in members if _offset(s) and abs(s.parsed.value - chosen.parsed.value) <= timedelta(minutes=1)]
    return same[0] if same else None
