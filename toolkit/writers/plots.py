"""The corpus at a glance, for the card: articles per month by affiliation category, and the outlets with
the most articles. Drawn with matplotlib's Agg backend into `plots/` as small PNG files without a
timestamp, so the same build draws the same bytes (with the same matplotlib)."""
from __future__ import annotations

import os
from typing import Any

# one colour a category, the same in both pictures; the order is the stacking order. The Okabe-Ito palette
# (Okabe & Ito, "Color Universal Design", 2008): seven colours told apart with any of the common colour
# vision deficiencies, state-linked categories in the warm ones, public and private in the blues and green.
CATEGORY_COLOURS = {
    "state_controlled": "#D55E00", "state_linked_unattributed": "#CC79A7", "state_aligned_private": "#E69F00",
    "state_funded_independent": "#009E73", "public_service": "#56B4E9", "private": "#0072B2", "unknown": "#999999",
}
MONTHS_SHOWN = 600  # a span longer than this (50 years: a stray date) is drawn by year
PICTURES = {"months": "plots/articles_per_month.png", "outlets": "plots/top_outlets.png"}
TOP_OUTLETS = 15


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt, plt.figure(figsize=(width, height), dpi=100)


def _save(plt: Any, fig: Any, path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None})  # no version or date stamp in the file
    plt.close(fig)


def continuous(months: list[str]) -> tuple[list[str], str]:
    """Every month from the first to the last ('YYYY-MM', empty ones included), so that the axis keeps
    time's proportions; every year instead when the span is longer than `MONTHS_SHOWN` months."""
    first, last = months[0], months[-1]
    y, m = int(first[:4]), int(first[5:7])
    span = (int(last[:4]) - y) * 12 + int(last[5:7]) - m + 1
    if span > MONTHS_SHOWN:
        return [str(year) for year in range(y, int(last[:4]) + 1)], "year"
    out = []
    for k in range(span):
        out.append(f"{y + (m - 1 + k) // 12:04d}-{(m - 1 + k) % 12 + 1:02d}")
    return out, "month"


def draw(folder: str, stats: dict[str, dict[str, int]]) -> dict[str, str]:
    """The pictures of a build's statistics, as {name: path inside the folder}; none when there is no
    article. Months are the local publication month where the record has it."""
    import matplotlib

    with matplotlib.rc_context({"font.size": 8}):  # not the process's settings: the toolkit may run in a notebook
        return _draw(folder, stats)


def _draw(folder: str, stats: dict[str, dict[str, int]]) -> dict[str, str]:
    drawn: dict[str, str] = {}
    by_month: dict[str, dict[str, int]] = {}
    for key, n in stats.get("month_category", {}).items():
        if key == "(none)":
            continue
        month, category = key.split("\t", 1)
        by_month.setdefault(month, {})[category] = n
    if by_month:
        plt, fig = _figure(8, 3)
        ax = fig.add_subplot()
        months, unit = continuous(sorted(by_month))
        if unit == "year":
            by_year: dict[str, dict[str, int]] = {}
            for month, counts in by_month.items():
                for category, n in counts.items():
                    by_year.setdefault(month[:4], {})[category] = by_year.get(month[:4], {}).get(category, 0) + n
            by_month = by_year
        places = list(range(len(months)))
        bottom = [0] * len(months)
        for category, colour in CATEGORY_COLOURS.items():
            heights = [by_month.get(m, {}).get(category, 0) for m in months]
            if any(heights):
                ax.bar(places, heights, bottom=bottom, color=colour, label=category, width=0.8)
                bottom = [b + h for b, h in zip(bottom, heights)]
        step = max(1, -(-len(months) // 24))  # at most some 24 labels; the months between keep their place
        if unit == "month" and step > 1:
            step = next(s for s in (2, 3, 4, 6, 12, 24, 60, 120) if s >= step)
            labelled = [i for i, m in enumerate(months) if (int(m[5:7]) - 1) % step == 0 if step < 12 or m[5:7] == "01"]
            labelled = [i for i in labelled if step < 24 or int(months[i][:4]) % (step // 12) == 0]
        else:
            labelled = places[::step]
        ax.set_xticks(labelled, [months[i] for i in labelled])
        ax.set_xlim(-0.6, len(months) - 0.4)
        ax.set_ylabel("articles")
        ax.set_title(f"Articles per {unit} of publication, by affiliation category")
        ax.tick_params(axis="x", labelrotation=90)
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars, not on them
        _save(plt, fig, os.path.join(folder, PICTURES["months"]))
        drawn["months"] = PICTURES["months"]
    outlets: list[tuple[int, str, str]] = []
    for key, n in stats.get("category_outlet", {}).items():
        category, outlet = key.split("\t", 1)
        if outlet != "(none)":
            outlets.append((n, outlet, category))
    if outlets:
        top = sorted(outlets, key=lambda o: (-o[0], o[1]))[:TOP_OUTLETS][::-1]
        plt, fig = _figure(7, 0.6 + 0.25 * len(top))
        ax = fig.add_subplot()
        ax.barh([o[1] for o in top], [o[0] for o in top],
                color=[CATEGORY_COLOURS.get(o[2], CATEGORY_COLOURS["unknown"]) for o in top])
        ax.set_xlabel("articles")
        ax.set_title(f"The {len(top)} outlets with the most articles, coloured by affiliation category")
        from matplotlib.patches import Patch

        shown = [c for c in CATEGORY_COLOURS if any(o[2] == c for o in top)]
        ax.legend(handles=[Patch(color=CATEGORY_COLOURS[c], label=c) for c in shown], fontsize=7, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars, not on them
        _save(plt, fig, os.path.join(folder, PICTURES["outlets"]))
        drawn["outlets"] = PICTURES["outlets"]
    return drawn
