"""The five-attribute profile: known means, the lower third as "low", r with the alliance, and
nothing shown from fewer than 5 dyads."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from alliance.reporting.analysis.attributes import ATTRIBUTES, attribute_profile, low_threshold

TRUST = [8, 9, 10, 7, 6, 2]
ALLIANCE = [7.5, 8.0, 9.5, 6.0, 7.0, 4.0]


def _answers(rows: dict[str, list[float]], kind: str = "five_attributes") -> pd.DataFrame:
    """Answer-frame rows: dyad D1… answered `rows[item][i]` (NaN: not answered)."""
    out = [{"kind": kind, "dyad_id": f"D{i + 1}", "item": item, "value": float(value)}
           for item, values in rows.items() for i, value in enumerate(values)
           if not math.isnan(value)]
    return pd.DataFrame(out)


def _dyads(alliance: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"dyad_id": [f"D{i + 1}" for i in range(len(alliance))],
                         "coachee_alliance": alliance})


def _six() -> dict[str, list[float]]:
    return {name: [v - i % 2 for v in TRUST] if name != "trust" else TRUST
            for i, name in enumerate(ATTRIBUTES)}


def test_low_is_the_lower_third_of_the_scale() -> None:
    assert low_threshold((0, 10)) == pytest.approx(10 / 3)
    assert low_threshold((1, 7)) == pytest.approx(3.0)


def test_means_intervals_and_the_share_of_low_ratings_are_the_known_ones() -> None:
    profile = attribute_profile(_answers(_six()), _dyads(ALLIANCE))
    trust = profile["attributes"]["trust"]
    assert profile["n_dyads"] == 6 and trust["n"] == 6
    assert trust["mean"] == pytest.approx(7.0)
    sd = float(np.std(TRUST, ddof=1))
    half = stats.t.ppf(0.975, 5) * sd / math.sqrt(6)
    assert (trust["ci_low"], trust["ci_high"]) == pytest.approx((7.0 - half, 7.0 + half))
    assert (trust["low"], trust["low_share"]) == (1, pytest.approx(1 / 6))  # only the 2
    emotions = profile["attributes"]["emotions"]  # each rating one lower: 7 9 … the 2 becomes 1
    assert emotions["mean"] == pytest.approx(6.0) and emotions["low"] == 1


def test_each_attribute_is_correlated_with_the_coachees_alliance_with_its_n() -> None:
    link = attribute_profile(_answers(_six()), _dyads(ALLIANCE))["attributes"]["trust"]["alliance"]
    r = float(np.corrcoef(TRUST, ALLIANCE)[0, 1])
    z, se = math.atanh(r), 1 / math.sqrt(6 - 3)
    assert link["n"] == 6 and link["r"] == pytest.approx(r)
    assert (link["ci_low"], link["ci_high"]) == pytest.approx(
        (math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se)), abs=1e-4)


def test_under_five_dyads_the_whole_profile_is_withheld() -> None:
    four = {name: values[:4] for name, values in _six().items()}
    profile = attribute_profile(_answers(four), _dyads(ALLIANCE[:4]))
    assert profile["not_enough_data"] and profile["n_dyads"] == 4
    assert "attributes" not in profile


def test_an_attribute_or_a_correlation_on_fewer_than_five_dyads_is_suppressed() -> None:
    rows = _six()
    rows["learning"] = [8, 7, 9, 6, math.nan, math.nan]  # two coachees stopped before it
    alliance = [7.5, 8.0, 9.5, 6.0, math.nan, math.nan]  # two without a paired check-in
    attributes = attribute_profile(_answers(rows), _dyads(alliance))["attributes"]
    assert attributes["learning"] == {"n": 4, "suppressed": attributes["learning"]["suppressed"]}
    assert attributes["trust"]["mean"] == pytest.approx(7.0)
    assert attributes["trust"]["alliance"]["n"] == 4 and "r" not in attributes["trust"]["alliance"]


def test_other_questionnaires_answers_are_not_read() -> None:
    answers = pd.concat([_answers(_six()), _answers({"trust": [0] * 6}, kind="checkin")])
    assert attribute_profile(answers, _dyads(ALLIANCE))["attributes"]["trust"]["mean"] == 7.0
