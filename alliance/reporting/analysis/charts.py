"""Charts for the report, drawn from aggregates only and returned as PNG bytes.

Figures are built with `matplotlib.figure.Figure` on the Agg canvas (no pyplot, no GUI), so they
can be drawn in a worker thread. Colours come from the Okabe–Ito palette, which stays
distinguishable for colour-blind readers; coach is always orange and coachee always blue.
"""

from __future__ import annotations

import functools
import io
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from alliance.reporting.analysis.answer_scores import DEFAULT_SCALE
from alliance.reporting.analysis.labels import LABELS, label

__all__ = [
    "COLOURS",
    "adjusted_means_chart",
    "discrepancy_histogram",
    "label",
    "nudge_chart",
    "participation_chart",
    "self_efficacy_chart",
    "surface_slices_chart",
    "trajectory_chart",
]

COLOURS = {
    "coach": "#E69F00",
    "coachee": "#0072B2",
    "under": "#009E73",
    "accurate": "#999999",
    "over": "#D55E00",
    "neutral": "#56B4E9",
    "line": "#333333",
}
_GROUPS = ("under", "accurate", "over")
_STYLE_LOCK = threading.Lock()
P = ParamSpec("P")
_RC: dict[Any, Any] = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
}

def _labels(lang: str) -> dict[str, str]:
    return {**LABELS["en"], **LABELS.get(lang, {})}


def _styled(draw: Callable[P, bytes]) -> Callable[P, bytes]:
    """Draw under the house style; the lock keeps concurrent reports from sharing rcParams."""

    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with _STYLE_LOCK, matplotlib.rc_context(_RC):
            return draw(*args, **kwargs)

    return wrapper


def _figure(width: float = 7.0, height: float = 3.6) -> Figure:
    return Figure(figsize=(width, height), dpi=150, layout="constrained")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def _axes(fig: Figure, *args: int) -> Axes:
    return fig.add_subplot(*args) if args else fig.add_subplot()


def _errorbar(ax: Axes, x: Sequence[float] | np.ndarray, stats: Sequence[Mapping[str, Any]],
              **kw: Any) -> None:
    means = np.array([s["mean"] for s in stats], dtype=float)
    low = np.array([s.get("ci_low", math.nan) for s in stats], dtype=float)
    high = np.array([s.get("ci_high", math.nan) for s in stats], dtype=float)
    err = np.vstack([np.nan_to_num(means - low), np.nan_to_num(high - means)])
    ax.errorbar(x, means, yerr=err, capsize=3, linewidth=1.8, markersize=6, **kw)


@_styled
def trajectory_chart(rows: Sequence[Mapping[str, Any]], lang: str = "en",
                     scale: tuple[float, float] = DEFAULT_SCALE) -> bytes:
    """Mean coach and coachee alliance by session number on paired sessions, on the whole
    scale (a cut axis magnifies small gaps); each tick says how many dyads it rests on."""
    t = _labels(lang)
    shown = [r for r in rows if "coach" in r and "suppressed" not in r]
    fig = _figure()
    ax = _axes(fig)
    x = np.array([r["session"] for r in shown], dtype=float)
    for side, offset, marker in (("coach", -0.06, "s"), ("coachee", 0.06, "o")):
        _errorbar(ax, x + offset, [r[side] for r in shown], color=COLOURS[side],
                  marker=marker, label=t[side])
    ax.set(title=t["traj"], xlabel=t["session"], ylabel=t["alliance"], ylim=scale)
    ax.set_xticks(x, [f"{r['session']}\nn={r.get('dyads', r['coachee']['n'])}" for r in shown])
    ax.legend(loc="lower right")
    return _png(fig)


@_styled
def discrepancy_histogram(d: Sequence[float], cut_sd: float, lang: str = "en") -> bytes:
    """Histogram of the dyads' D with the ±k·SD lines that define the three groups."""
    t = _labels(lang)
    values = np.asarray([v for v in d if v is not None and math.isfinite(v)], dtype=float)
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
    cut = cut_sd * sd
    fig = _figure()
    ax = _axes(fig)
    ax.hist(values, bins="auto" if len(values) else 10, color=COLOURS["neutral"], edgecolor="white")
    for x, name in ((-cut, "under"), (cut, "over")):
        ax.axvline(x, color=COLOURS[name], linestyle="--", linewidth=1.6)
    ax.axvline(0, color=COLOURS["line"], linewidth=0.8)
    ymax = ax.get_ylim()[1] * 1.18
    ax.set_ylim(0, ymax)
    ax.text(-cut, ymax * 0.97, f"{t['under']} ← ", ha="right", va="top",
            color=COLOURS["under"], fontsize=9)
    ax.text(cut, ymax * 0.97, f" → {t['over']}", ha="left", va="top",
            color=COLOURS["over"], fontsize=9)
    ax.set(title=f"{t['d_title']} (n = {len(values)}; {t['cut'].format(k=_k(cut_sd))} = "
                 f"±{cut:.2f})",
           xlabel=t["d_axis"], ylabel=t["dyads"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(fig)


@_styled
def adjusted_means_chart(means: Mapping[str, Mapping[str, Any]], lang: str = "en",
                         counts: Mapping[str, int] | None = None,
                         scale: tuple[float, float] | None = None) -> bytes:
    """Adjusted post self-efficacy per group with 95% CIs; groups not in `means` are left out;
    `counts` puts each group's number of dyads under its name."""
    t = _labels(lang)
    names = [g for g in _GROUPS if g in means] + [g for g in means if g not in _GROUPS]
    fig = _figure(6.0, 3.2)
    ax = _axes(fig)
    for i, name in enumerate(names):
        _errorbar(ax, [i], [means[name]], color=COLOURS.get(name, COLOURS["neutral"]),
                  marker="o", linestyle="none")
    ax.set_xticks(range(len(names)), [t.get(n, n) + (f"\nn={counts[n]}" if counts and n in counts
                                                    else "") for n in names])
    ax.set_xlim(-0.6, len(names) - 0.4)
    ax.set(title=t["adj_title"], ylabel=t["adj_axis"])
    if scale is not None:  # the questionnaire's whole scale, so gaps keep their true size
        ax.set_ylim(*scale)
    return _png(fig)


@_styled
def surface_slices_chart(surface: Mapping[str, Any], lang: str = "en") -> bytes:
    """Predicted post-test self-efficacy (at the mean baseline) along the agreement line and
    along a disagreement line through the dyads' mean level, with 95% confidence bands; the
    title names the model the curves come from and the number of dyads.

    Drawn only where the dyads lie (`surface["lines"]`, see `surface.surface_lines`): a
    quadratic curve beyond the data, or without its uncertainty, suggests shapes the data do
    not show.
    """
    t = _labels(lang)
    lines = surface["lines"]
    fig = _figure(7.0, 3.2)
    first: Axes | None = None
    for i, key in enumerate(("agreement", "disagreement"), start=1):
        ax = _axes(fig, 1, 2, i) if first is None else fig.add_subplot(1, 2, i, sharey=first)
        first = first or ax
        line = lines[key]
        colour = COLOURS["coachee"] if key == "agreement" else COLOURS["over"]
        ax.fill_between(line["x"], line["low"], line["high"], color=colour, alpha=0.2,
                        linewidth=0, label=t["band"])
        ax.plot(line["x"], line["fit"], color=colour, linewidth=2)
        if key == "disagreement":
            ax.axvline(0, color=COLOURS["line"], linewidth=0.8)
        title, xlabel = ("agree", "agree_x") if key == "agreement" else ("disagree", "disagree_x")
        level = f"{lines['level']:.1f}".replace(".", "," if lang == "fr" else ".")
        ax.set(title=t[title].format(level=level), xlabel=t[xlabel])
        ax.legend(loc="best", fontsize=8)
        if i == 1:
            ax.set_ylabel(t["surface_y"])
    model = t[f"model_{lines.get('model', 'quadratic')}"]
    fig.suptitle(t["surface_title"].format(model=model, n=surface.get("n", "?")), fontsize=11)
    return _png(fig)


@_styled
def nudge_chart(effect: Mapping[str, Any], lang: str = "en") -> bytes:
    """Mean D at the nudged session and at the dyad's next session, with 95% CIs; the title
    says how many nudged sessions and dyads the two points rest on."""
    t = _labels(lang)
    fig = _figure(5.5, 3.2)
    ax = _axes(fig)
    _errorbar(ax, [0, 1], [effect["before"], effect["after"]], color=COLOURS["over"],
              marker="o")
    ax.axhline(0, color=COLOURS["line"], linewidth=0.8)
    ax.set_xticks([0, 1], [t["before"], t["after"]])
    ax.set_xlim(-0.5, 1.5)
    ax.set(title=f"{t['nudge_title']}\n"
                 f"({t['nudge_n'].format(pairs=effect['pairs'], dyads=effect['dyads'])})",
           ylabel=t["nudge_y"])
    return _png(fig)


@_styled
def self_efficacy_chart(change: Mapping[str, Any], lang: str = "en",
                        scale: tuple[float, float] | None = None) -> bytes:
    """Slope chart of mean self-efficacy before → after, overall and per shown group."""
    t = _labels(lang)
    series: list[tuple[str, str, Mapping[str, Any]]] = [(t["all"], COLOURS["line"], change)]
    for name, part in (change.get("by_group") or {}).items():
        if "pre" in part:
            series.append((t.get(name, name), COLOURS.get(name, COLOURS["neutral"]), part))
    fig = _figure(6.0, 3.4)
    ax = _axes(fig)
    width = 0.04 * (len(series) - 1)
    for i, (name, colour, part) in enumerate(series):
        offset = -width / 2 + 0.04 * i
        _errorbar(ax, [offset, 1 + offset], [part["pre"], part["post"]], color=colour,
                  marker="o", label=f"{name} (n={part['dyads']})")
    ax.set_xticks([0, 1], [t["pre"], t["post"]])
    ax.set_xlim(-0.4, 1.4)
    ax.set(title=t["se_title"], ylabel=t["se_y"])
    if scale is not None:
        ax.set_ylim(*scale)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    return _png(fig)


@_styled
def participation_chart(rates: Mapping[str, Mapping[str, Any]], lang: str = "en") -> bytes:
    """Prompts sent by questionnaire and role, split into answered, expired and still open:
    counts only, so it is shown at any program size."""
    t = _labels(lang)
    bars = [(f"{t.get(group, group)} · {t.get(side, side)}", r)
            for group, sides in rates.items() for side, r in sides.items() if "sent" in r]
    fig = _figure(7.0, 1.0 + 0.5 * max(len(bars), 1))
    ax = _axes(fig)
    y = np.arange(len(bars))
    left = np.zeros(len(bars))
    for key, colour in (("answered", COLOURS["coachee"]), ("expired", COLOURS["over"]),
                        ("open", "#CCCCCC")):
        values = np.array([r["answered"] if key == "answered" else r["expired"]
                           if key == "expired" else r["sent"] - r["answered"] - r["expired"]
                           for _, r in bars], dtype=float)
        ax.barh(y, values, left=left, color=colour, label=t.get(key, key))
        left += values
    ax.set_yticks(y, [name for name, _ in bars])
    ax.invert_yaxis()
    ax.set(title=t["part_title"], xlabel=t["part_x"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", fontsize=8)
    return _png(fig)


def _k(value: float) -> str:
    return f"{value:g}"
