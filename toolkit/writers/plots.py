"""The corpus at a glance, for the card: articles per month by affiliation category, and the outlets with
the most articles. Drawn with matplotlib's Agg backend into `plots/` as small PNG files without a
timestamp, so the same build draws the same bytes (with the same matplotlib)."""
from __future__ import annotations

import os
from typing import Any

# one colour a category, the same in both pictures; the order is the stacking order
CATEGORY_COLOURS = {
    "state_controlled": "#b2182b", "state_linked_unattributed": "#ef8a62", "state_aligned_private": "#fddbc7",
    "state_funded_independent": "#92c5de", "public_service": "#4393c3", "private": "#2166ac", "unknown": "#bababa",
}
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
        plt, fig = _figure(7, 3)
        ax = fig.add_subplot()
        months = sorted(by_month)
        bottom = [0] * len(months)
        for category, colour in CATEGORY_COLOURS.items():
            heights = [by_month[m].get(category, 0) for m in months]
            if any(heights):
                ax.bar(months, heights, bottom=bottom, color=colour, label=category, width=0.8)
                bottom = [b + h for b, h in zip(bottom, heights)]
        ax.set_ylabel("articles")
        ax.set_title("Articles per month of publication, by affiliation category")
        ax.tick_params(axis="x", labelrotation=90)
        ax.legend(fontsize=7, frameon=False)
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
                  loc="lower right")
        _save(plt, fig, os.path.join(folder, PICTURES["outlets"]))
        drawn["outlets"] = PICTURES["outlets"]
    return drawn
