"""How the program ran: participation, response rates, nudges and what followed, trajectories.

A program lead sees aggregates only. Any figure computed over fewer than `MIN_DYADS_SHOWN` dyads
is replaced by a suppression marker, and nothing is ever broken down by coach, so the report
cannot become a league table of coaches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from alliance.core.confidentiality import MIN_DYADS_SHOWN, SUPPRESSED
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.discrepancy_groups import (
    GROUP_ORDER,
    discrepancy_groups,
    discrepancy_summary,
)
from alliance.reporting.analysis.follow_through import follow_through

__all__ = [
    "MIN_DYADS_SHOWN",
    "SUPPRESSED",
    "alliance_overview",
    "is_suppressed",
    "mean_ci",
    "mood_alliance",
    "nudge_effect",
    "nudge_summary",
    "participation",
    "process_summary",
    "response_rates",
    "self_efficacy_change",
    "suppressed",
    "trajectories",
    "trajectories_from_model",
    "withhold_small_samples",
]


_SENT_STATES = ("sent", "answered", "expired")
_KIND_GROUPS = {"checkin": ("checkin",), "self_efficacy": ("baseline_se", "final_se"),
                "five_attributes": ("five_attributes",)}


def suppressed() -> dict[str, str]:
    """The marker that stands in for numbers computed over too few dyads."""
    return {"suppressed": SUPPRESSED}


def is_suppressed(value: Any) -> bool:
    return isinstance(value, dict) and "suppressed" in value


def withhold_small_samples(result: Mapping[str, Any]) -> dict[str, Any]:
    """Analysis results resting on fewer than 5 dyads, replaced by a 'not enough data' marker.

    Applied to `analyze()` output before it is shown to people, so a model fitted on three dyads
    never reaches a report (the statistics themselves stay available to the analyst's CLI).
    """
    out = dict(result)
    if "n" in out and (out["n"] or 0) < MIN_DYADS_SHOWN:
        # sections fitted on other rows stay; similarity and attributes withhold their own
        kept: dict[str, Any] = {
            k: out[k] for k in ("session_model", "accuracy", "mood", "similarity", "attributes")
            if k in out
        }
        out = {"n": out["n"], "not_enough_data": True, "need": MIN_DYADS_SHOWN, **kept}
    model = out.get("session_model")
    if model and (model.get("n_dyads") or 0) < MIN_DYADS_SHOWN:
        for key in ("n_obs", "n_dyads", "fixed", "dyad_variance", "residual_variance", "mean_bias"):
            out.pop(key, None)  # the session model's fields mirrored at the top level
        out["session_model"] = {"n_dyads": model.get("n_dyads"), "not_enough_data": True}
    for key in ("accuracy", "mood"):  # the coach-accuracy and mood models, each on its own rows
        section = out.get(key)
        if section and "error" not in section and (section.get("n_dyads") or 0) < MIN_DYADS_SHOWN:
            out[key] = {"n_dyads": section.get("n_dyads"), "not_enough_data": True}
    return out


def mean_ci(values: pd.Series | np.ndarray, level: float = 0.95) -> dict[str, float]:
    """Mean with a t-based confidence interval (NaN bounds for a single value)."""
    x = pd.Series(values, dtype="float64").dropna()
    n = len(x)
    mean = float(x.mean()) if n else math.nan
    if n < 2:
        return {"n": n, "mean": mean, "sd": math.nan, "ci_low": math.nan, "ci_high": math.nan}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf((1 + level) / 2, n - 1)) * sd / math.sqrt(n)
    return {"n": n, "mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half}


def participation(data: ProgramData) -> dict[str, int]:
    """Whole-program counts: safe to show at any size because they describe no subgroup."""
    dyads, sessions = data.dyads, data.sessions
    return {
        "dyads": len(dyads),
        "coaches": int(dyads["coach_id"].nunique()),
        "sessions_held": len(sessions),
        "checkin_pairs": len(data.paired_sessions()),
        "se_pre": int(dyads["se_pre"].notna().sum()),
        "se_post": int(dyads["se_post"].notna().sum()),
        "complete_dyads": len(data.complete_dyads()),
    }


def alliance_overview(dyads: pd.DataFrame, cut_sd: float = 0.5) -> dict[str, Any]:
    """Program-wide alliance means and the k·SD grouping over every dyad with both means.

    Interim reports have this long before anyone answers the final questionnaire.
    """
    rated = dyads.dropna(subset=["coach_alliance", "coachee_alliance"])
    if len(rated) < MIN_DYADS_SHOWN:
        return {"dyads": len(rated), **suppressed()}
    return {
        "dyads": len(rated),
        "coach": mean_ci(rated["coach_alliance"]),
        "coachee": mean_ci(rated["coachee_alliance"]),
        "d": mean_ci(rated["D"]),
        "discrepancy": discrepancy_summary(rated, cut_sd=cut_sd),
    }


def response_rates(prompts: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Answered / sent by questionnaire and role, with expiries and the median delay to answer.

    A prompt counts as sent once it left the bot (sent, answered or expired); pending and
    cancelled prompts were never asked and are left out of the rate. These are participation
    counts, not ratings, so they are shown at any program size.
    """
    result: dict[str, dict[str, Any]] = {}
    asked = prompts[prompts["state"].isin(_SENT_STATES)]
    for group, kinds in _KIND_GROUPS.items():
        result[group] = {}
        for side in ("coachee", "coach"):
            rows = asked[asked["kind"].isin(kinds) & (asked["side"] == side)]
            if rows.empty:
                continue
            answered = rows[rows["state"] == "answered"]
            result[group][side] = {
                "sent": len(rows),
                "answered": len(answered),
                "expired": int((rows["state"] == "expired").sum()),
                "rate": len(answered) / len(rows),
                "median_hours": _median(answered["hours_to_answer"]),
                "dyads": int(rows["dyad_id"].nunique()),
            }
    return result


def nudge_summary(nudges: pd.DataFrame, decisions: pd.DataFrame) -> dict[str, Any]:
    """Totals once the decisions span ≥ 5 dyads (with one pair, "1 nudge" tells the lead that
    this coach's view and the coachee's differ); by rule and outcome once the nudges do."""
    sent = nudges[nudges["sent_at"].notna()]
    if len(decisions) and decisions["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        return {"dyads": int(decisions["dyad_id"].nunique()), **suppressed()}
    out: dict[str, Any] = {
        "decisions": len(decisions),
        "fired": int(decisions["fired"].sum()) if len(decisions) else 0,
        "nudges": len(nudges),
        "sent": len(sent),
    }
    if nudges["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        out["by_rule"] = out["by_outcome"] = suppressed()
    else:
        out["by_rule"] = {str(k): int(v) for k, v in nudges["rule"].value_counts().items()}
        out["by_outcome"] = {
            str(k): int(v) for k, v in sent["outcome"].value_counts().items()
        }
    logged = decisions[~decisions["fired"].astype(bool) & decisions["rule"].notna()]
    if logged.empty:
        out["logged_only"] = {}
    elif logged["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        out["logged_only"] = suppressed()
    else:
        out["logged_only"] = {str(k): int(v) for k, v in logged["rule"].value_counts().items()}
    return out


def nudge_effect(sessions: pd.DataFrame, nudges: pd.DataFrame) -> dict[str, Any]:
    """D at the nudged session against D at the dyad's next session with both answers.

    Pairs are matched within a dyad; a paired t test on the change is reported, with the caveat
    (in the report) that this is observational: gaps also close on their own.
    """
    paired = sessions.dropna(subset=["coach_alliance", "coachee_alliance"])
    by_dyad = {code: group.set_index("session")["D"] for code, group in paired.groupby("dyad_id")}
    rows = []
    for nudge in nudges.itertuples(index=False):
        if pd.isna(nudge.session) or nudge.dyad_id not in by_dyad:
            continue
        series = by_dyad[nudge.dyad_id]
        before = series.get(int(nudge.session), nudge.d)
        later = series[series.index > int(nudge.session)]
        if later.empty or pd.isna(before):
            continue
        rows.append({"dyad_id": nudge.dyad_id, "rule": nudge.rule, "outcome": nudge.outcome,
                     "before": float(before), "after": float(later.iloc[0])})
    pairs = pd.DataFrame(rows, columns=["dyad_id", "rule", "outcome", "before", "after"])
    out = _before_after(pairs)
    if is_suppressed(out):
        return out
    out["by_rule"] = {str(rule): _before_after(group) for rule, group in pairs.groupby("rule")}
    return out


def _before_after(pairs: pd.DataFrame) -> dict[str, Any]:
    if pairs["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        return {**suppressed(), "pairs": len(pairs)}
    change = pairs["after"] - pairs["before"]
    test = stats.ttest_rel(pairs["after"], pairs["before"]) if change.std() > 0 else None
    return {
        "pairs": len(pairs),
        "dyads": int(pairs["dyad_id"].nunique()),
        "before": mean_ci(pairs["before"]),
        "after": mean_ci(pairs["after"]),
        "change": mean_ci(change),
        "abs_before": float(pairs["before"].abs().mean()),
        "abs_after": float(pairs["after"].abs().mean()),
        "t": float(test.statistic) if test is not None else math.nan,
        "p": float(test.pvalue) if test is not None else math.nan,
    }


def trajectories(sessions: pd.DataFrame) -> list[dict[str, Any]]:
    """Mean coach and coachee alliance by session number, over the sessions *both* answered.

    Averaging each side over its own answers would compare different sessions and draw a gap
    that is not in the data; session numbers with fewer than 5 paired dyads are suppressed.
    """
    rows: list[dict[str, Any]] = []
    paired = sessions.dropna(subset=["coach_alliance", "coachee_alliance"])
    for number, group in paired.groupby("session"):
        if group["dyad_id"].nunique() < MIN_DYADS_SHOWN:
            rows.append({"session": int(number), **suppressed()})
            continue
        rows.append(
            {
                "session": int(number),
                "dyads": int(group["dyad_id"].nunique()),
                "coach": mean_ci(group["coach_alliance"]),
                "coachee": mean_ci(group["coachee_alliance"]),
                "d": mean_ci(group["D"]),
            }
        )
    return rows


def self_efficacy_change(dyads: pd.DataFrame, cut_sd: float = 0.5) -> dict[str, Any]:
    """Mean self-efficacy before and after, overall and by discrepancy group (k·SD rule).

    Groups are cut within the dyads that have both alliance means and both questionnaires, the
    same sample the ANCOVA uses, so the two sections describe the same dyads.
    """
    both = dyads.dropna(subset=["se_pre", "se_post"])
    if both.empty:
        return {"available": False, "se_pre": int(dyads["se_pre"].notna().sum())}
    if both["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        return {"available": True, "dyads": len(both), **suppressed()}
    out: dict[str, Any] = {"available": True, "dyads": len(both), **_pre_post(both)}
    complete = both.dropna(subset=["coach_alliance", "coachee_alliance"])
    if len(complete) >= 3 and complete["D"].std() > 0:
        groups = discrepancy_groups(complete, cut_sd=cut_sd)
        out["by_group"] = {
            name: (
                _pre_post(complete[groups == name])
                if int((groups == name).sum()) >= MIN_DYADS_SHOWN
                else {**suppressed(), "dyads": int((groups == name).sum())}
            )
            for name in GROUP_ORDER
        }
    return out


def _pre_post(rows: pd.DataFrame) -> dict[str, Any]:
    change = rows["se_post"] - rows["se_pre"]
    test = stats.ttest_rel(rows["se_post"], rows["se_pre"]) if change.std() > 0 else None
    return {
        "dyads": len(rows),
        "pre": mean_ci(rows["se_pre"]),
        "post": mean_ci(rows["se_post"]),
        "change": mean_ci(change),
        "p": float(test.pvalue) if test is not None else math.nan,
    }


def trajectories_from_model(per_session: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`trajectories` rows from the session model's per-session means (CSV analysis, no CIs)."""
    return [
        {"session": r["session"], "coach": {"mean": r["coach_mean"], "n": r["n"]},
         "coachee": {"mean": r["coachee_mean"], "n": r["n"]}} if r["n"] >= MIN_DYADS_SHOWN
        else {"session": r["session"], **suppressed()}
        for r in per_session
    ]


def mood_alliance(sessions: pd.DataFrame) -> dict[str, Any]:
    """Correlation of the coach's pre-session mood with both alliance ratings, when mood exists."""
    rated = sessions.dropna(subset=["coach_mood"])
    if rated.empty:
        return {"available": False}
    if rated["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        return {"available": True, **suppressed()}
    out: dict[str, Any] = {"available": True, "dyads": int(rated["dyad_id"].nunique())}
    for side in ("coach", "coachee"):
        both = rated.dropna(subset=[f"{side}_alliance"])
        if len(both) < 3 or both["coach_mood"].nunique() < 2:
            out[side] = {"n": len(both), "r": math.nan, "p": math.nan}
            continue
        r, p = stats.pearsonr(both["coach_mood"], both[f"{side}_alliance"])
        out[side] = {"n": len(both), "r": float(r), "p": float(p)}
    return out


def process_summary(data: ProgramData, cut_sd: float | None = None) -> dict[str, Any]:
    """Everything the report shows besides the models: participation, trends, nudges."""
    k = data.cut_sd if cut_sd is None else cut_sd
    return {
        "participation": participation(data),
        "alliance": {**alliance_overview(data.dyads, k), "scale": data.alliance_scale},
        "response_rates": response_rates(data.prompts),
        "nudges": nudge_summary(data.nudges, data.decisions),
        "nudge_effect": nudge_effect(data.sessions, data.nudges),
        "follow_through": follow_through(data.sessions, data.nudges, data.decisions,
                                         data.alliance_scale),
        "trajectories": trajectories(data.sessions),
        "mood": mood_alliance(data.sessions),
        "self_efficacy": self_efficacy_change(data.dyads, k),
    }


def _median(values: pd.Series) -> float:
    x = pd.Series(values, dtype="float64").dropna()
    return float(x.median()) if len(x) else math.nan
