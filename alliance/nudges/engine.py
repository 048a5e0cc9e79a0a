"""Decide, after each check-in, whether to nudge the coach — pure rules, no I/O.

Baron, Morin & Morin (2011) found coachees grew more when their coach did *not* overestimate the
alliance; the nudges turn their advice ("deliberately maintained doubt") into a timely prompt.
Every decision, fired or not, carries its numbers so the report can audit the rules.

Choices made here (the design leaves them open):

- D = coach score − coachee score, defined only for sessions where both answered. "Consecutive"
  means consecutive among such paired sessions: a session with a missing side is skipped, not a
  break. A session without a pair raises no D-based alert; its EWMA is reported as of the last pair.
- The EWMA is seeded with the first D and its branch waits for `ewma_min_pairs` (2) pairs: an EWMA
  of one value is that session's D, and one session alone should not count as a trend.
- Rupture compares with the coachee's previous *answered* session; ceiling counts consecutive
  answered sessions, using raw item answers when given (the score otherwise).
- Thresholds are inclusive (D ≥ 1.5 fires at exactly 1.5), with a 1e-9 tolerance for float
  rounding; the rupture floor is strict ("below 6": 6.0 does not fire).
- A prediction gap joins an overestimation nudge; alone it sends "verify" too, unless
  `prediction_alone_nudges` is off. Underestimation only nudges (also "verify", which never says the
  direction) when `under_nudges` is on.
- In "sd" units only the D thresholds (over_d, over_ewma, under_d) are multiplied by the program's
  SD of D; rupture, ceiling and prediction gap stay in scale points. With fewer than
  `min_pairs_for_sd` pairs (or no usable SD) the same numbers are read as points; the note says so.
- `nudge_kind` names the nudge the session calls for even when the cooldown suppresses it; send
  only when `fire` is true.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RuleId = Literal["overestimation", "prediction_gap", "underestimation", "rupture", "ceiling"]
NudgeKind = Literal["verify", "check_in", "candid_feedback"]
Units = Literal["points", "sd"]

RULES: tuple[RuleId, ...] = (
    "overestimation",
    "prediction_gap",
    "underestimation",
    "rupture",
    "ceiling",
)
# When several rules fire, the coach gets one nudge: the first kind in this order.
NUDGE_PRIORITY: tuple[NudgeKind, ...] = ("verify", "check_in", "candid_feedback")
TOLERANCE = 1e-9


class NudgeThresholds(BaseModel):
    """Per-program rule settings, stored as JSON; defaults are the design's, on a 0–10 scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    over_d: float = 1.5
    over_ewma: float = 1.5
    ewma_alpha: float = Field(default=0.5, gt=0.0, le=1.0)
    ewma_min_pairs: int = Field(default=2, ge=1)
    rupture_drop: float = Field(default=1.0, gt=0.0)
    rupture_floor: float = 6.0
    ceiling_sessions: int = Field(default=3, ge=1)
    under_d: float = -1.5
    under_nudges: bool = False
    prediction_gap: float = Field(default=2.0, gt=0.0)
    prediction_alone_nudges: bool = True
    cooldown_sessions: int = Field(default=2, ge=1)
    units: Units = "points"
    min_pairs_for_sd: int = Field(default=20, ge=2)

    @model_validator(mode="after")
    def _check_signs(self) -> NudgeThresholds:
        if self.over_d <= 0 or self.over_ewma <= 0:
            raise ValueError("over_d and over_ewma must be positive (coach above coachee)")
        if self.under_d >= 0:
            raise ValueError("under_d must be negative (coach below coachee)")
        return self


@dataclass(frozen=True)
class SessionObservation:
    """One session of one dyad; scores are instrument scores, None when that side did not answer.

    `coachee_items` holds the coachee's raw scored answers (for the ceiling rule); `nudged` says
    whether a nudge was sent after that session (for the cooldown).
    """

    session_id: int
    coach_score: float | None
    coachee_score: float | None
    coachee_items: Mapping[str, float] = field(default_factory=dict)
    predicted_coachee: float | None = None
    nudged: bool = False

    @property
    def d(self) -> float | None:
        """coach − coachee, or None when either side is missing."""
        if self.coach_score is None or self.coachee_score is None:
            return None
        return self.coach_score - self.coachee_score


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one session; `reason` says which branch fired."""

    rule: RuleId
    fired: bool
    numbers: dict[str, float | None]
    reason: str | None = None


@dataclass(frozen=True)
class Decision:
    """What the engine decided for one session, and why; `to_json` is what gets stored."""

    session_id: int
    fire: bool
    nudge_kind: NudgeKind | None
    nudge_rules: tuple[RuleId, ...]
    rules: tuple[RuleResult, ...]
    suppressed_by_cooldown: bool
    d: float | None
    ewma: float | None
    units: Units
    sd: float | None = None
    note: str | None = None

    @property
    def fired_rules(self) -> tuple[RuleId, ...]:
        """Every rule that fired, nudging or logged only."""
        return tuple(result.rule for result in self.rules if result.fired)

    def rule(self, rule: RuleId) -> RuleResult:
        """The verdict of one rule."""
        return next(result for result in self.rules if result.rule == rule)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types only (no NaN), so the decision can be stored as it is."""
        return {
            "session_id": self.session_id,
            "fire": self.fire,
            "nudge_kind": self.nudge_kind,
            "nudge_rules": list(self.nudge_rules),
            "rules": [
                {"rule": r.rule, "fired": r.fired, "reason": r.reason, "numbers": dict(r.numbers)}
                for r in self.rules
            ],
            "suppressed_by_cooldown": self.suppressed_by_cooldown,
            "d": self.d,
            "ewma": self.ewma,
            "units": self.units,
            "sd": self.sd,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        """Inverse of `to_json`, for reports reading stored decisions."""
        return cls(
            session_id=data["session_id"],
            fire=data["fire"],
            nudge_kind=data["nudge_kind"],
            nudge_rules=tuple(data["nudge_rules"]),
            rules=tuple(
                RuleResult(r["rule"], r["fired"], dict(r["numbers"]), r.get("reason"))
                for r in data["rules"]
            ),
            suppressed_by_cooldown=data["suppressed_by_cooldown"],
            d=data["d"],
            ewma=data["ewma"],
            units=data["units"],
            sd=data.get("sd"),
            note=data.get("note"),
        )


def ewma(values: Iterable[float], alpha: float) -> float | None:
    """Exponentially weighted mean, seeded with the first value; None for no values."""
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"alpha must be in (0, 1], got {alpha}")
    result: float | None = None
    for value in values:
        result = value if result is None else alpha * value + (1.0 - alpha) * result
    return result


def program_sd_of_d(pairs: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Sample SD of coach − coachee over (coach, coachee) pairs; incomplete pairs are skipped."""
    ds = [coach - coachee for coach, coachee in pairs if coach is not None and coachee is not None]
    return statistics.stdev(ds) if len(ds) >= 2 else None


def decide_nudge(
    history: Sequence[SessionObservation],
    *,
    thresholds: NudgeThresholds,
    scale_min: float = 0.0,
    scale_max: float = 10.0,
    program_sd: float | None = None,
    program_pairs: int = 0,
) -> Decision:
    """Decide for the last session of `history` (one dyad, chronological) whether to nudge.

    `program_sd`/`program_pairs` describe D across the whole program; they matter only when
    `thresholds.units` is "sd".
    """
    if not history:
        raise ValueError("history is empty: there is no session to decide for")
    _check_ranges(history, scale_min, scale_max)
    current = history[-1]
    t = thresholds
    units, sd, note = _units(t, program_sd, program_pairs)
    factor = sd if sd is not None else 1.0
    ds = [obs.d for obs in history if obs.d is not None]
    smoothed = ewma(ds, t.ewma_alpha)

    results = (
        _overestimation(current, ds, smoothed, t, factor),
        _prediction_gap(current, t.prediction_gap),
        _underestimation(current, t.under_d * factor),
        _rupture(history, t.rupture_drop, t.rupture_floor),
        _ceiling(history, t.ceiling_sessions, scale_max),
    )
    nudging = _nudging_rules(results, t)
    kind = next((k for k in NUDGE_PRIORITY if any(_KIND[r] == k for r in nudging)), None)
    chosen = tuple(r for r in nudging if _KIND[r] == kind)

    earlier = history[max(0, len(history) - t.cooldown_sessions) : -1]
    suppressed = kind is not None and any(obs.nudged for obs in earlier)
    if current.d is None:
        sides = (("coach", current.coach_score), ("coachee", current.coachee_score))
        missing = " and ".join(side for side, score in sides if score is None)
        note = _join(note, f"{missing} did not answer: D undefined for this session")
    return Decision(
        session_id=current.session_id,
        fire=kind is not None and not suppressed,
        nudge_kind=kind,
        nudge_rules=chosen,
        rules=results,
        suppressed_by_cooldown=suppressed,
        d=current.d,
        ewma=smoothed,
        units=units,
        sd=sd if units == "sd" else None,
        note=note,
    )


_KIND: dict[RuleId, NudgeKind] = {
    "overestimation": "verify",
    "prediction_gap": "verify",
    "underestimation": "verify",
    "rupture": "check_in",
    "ceiling": "candid_feedback",
}


def _nudging_rules(results: Sequence[RuleResult], t: NudgeThresholds) -> tuple[RuleId, ...]:
    """Fired rules that lead to a nudge; a prediction gap alone needs `prediction_alone_nudges`."""
    fired = {r.rule for r in results if r.fired}
    if "underestimation" in fired and not t.under_nudges:
        fired.discard("underestimation")
    other_verify = fired & {"overestimation", "underestimation"}
    if "prediction_gap" in fired and not other_verify and not t.prediction_alone_nudges:
        fired.discard("prediction_gap")
    return tuple(rule for rule in RULES if rule in fired)


def _units(
    t: NudgeThresholds, program_sd: float | None, program_pairs: int
) -> tuple[Units, float | None, str | None]:
    if t.units == "points":
        return "points", None, None
    if program_pairs < t.min_pairs_for_sd:
        why = f"sd units need {t.min_pairs_for_sd} pairs, program has {program_pairs}"
    elif program_sd is None or not math.isfinite(program_sd) or program_sd <= 0:
        why = "sd units need a positive SD of D"
    else:
        return "sd", program_sd, None
    return "points", None, f"{why}: thresholds read as points"


def _at_least(value: float, threshold: float) -> bool:
    return value >= threshold - TOLERANCE


def _overestimation(
    current: SessionObservation,
    ds: Sequence[float],
    smoothed: float | None,
    t: NudgeThresholds,
    factor: float,
) -> RuleResult:
    over_d, over_ewma = t.over_d * factor, t.over_ewma * factor
    previous = ds[-2] if current.d is not None and len(ds) >= 2 else None
    numbers = {
        "d": current.d,
        "previous_d": previous,
        "ewma": smoothed,
        "pairs": float(len(ds)),
        "threshold_d": over_d,
        "threshold_ewma": over_ewma,
    }
    if current.d is None:
        return RuleResult("overestimation", False, numbers, "no_pair")
    if previous is not None and _at_least(current.d, over_d) and _at_least(previous, over_d):
        return RuleResult("overestimation", True, numbers, "consecutive")
    enough = len(ds) >= t.ewma_min_pairs
    if enough and smoothed is not None and _at_least(smoothed, over_ewma):
        return RuleResult("overestimation", True, numbers, "ewma")
    return RuleResult("overestimation", False, numbers)


def _prediction_gap(current: SessionObservation, threshold: float) -> RuleResult:
    predicted, actual = current.predicted_coachee, current.coachee_score
    gap = None if predicted is None or actual is None else predicted - actual
    numbers = {"predicted": predicted, "coachee": actual, "gap": gap, "threshold": threshold}
    if gap is None:
        return RuleResult("prediction_gap", False, numbers, "no_prediction_pair")
    fired = _at_least(abs(gap), threshold)
    return RuleResult("prediction_gap", fired, numbers, "gap" if fired else None)


def _underestimation(current: SessionObservation, under_d: float) -> RuleResult:
    numbers = {"d": current.d, "threshold_d": under_d}
    if current.d is None:
        return RuleResult("underestimation", False, numbers, "no_pair")
    fired = current.d <= under_d + TOLERANCE
    return RuleResult("underestimation", fired, numbers, "d" if fired else None)


def _rupture(history: Sequence[SessionObservation], drop: float, floor: float) -> RuleResult:
    current = history[-1].coachee_score
    answered = [obs.coachee_score for obs in history[:-1] if obs.coachee_score is not None]
    previous = answered[-1] if answered else None
    fall = previous - current if previous is not None and current is not None else None
    numbers = {
        "coachee": current,
        "previous_coachee": previous,
        "drop": fall,
        "threshold_drop": drop,
        "floor": floor,
    }
    if current is None:
        return RuleResult("rupture", False, numbers, "no_coachee_answer")
    if fall is not None and _at_least(fall, drop):
        return RuleResult("rupture", True, numbers, "drop")
    if current < floor - TOLERANCE:
        return RuleResult("rupture", True, numbers, "floor")
    return RuleResult("rupture", False, numbers)


def _ceiling(history: Sequence[SessionObservation], sessions: int, scale_max: float) -> RuleResult:
    streak = 0
    if history[-1].coachee_score is not None:
        for obs in reversed(history):
            if obs.coachee_score is None:
                continue
            if not _at_max(obs, scale_max):
                break
            streak += 1
    numbers: dict[str, float | None] = {
        "streak": float(streak),
        "sessions_needed": float(sessions),
        "scale_max": scale_max,
    }
    fired = streak >= sessions
    return RuleResult("ceiling", fired, numbers, "streak" if fired else None)


def _at_max(obs: SessionObservation, scale_max: float) -> bool:
    if obs.coachee_items:
        return all(_at_least(v, scale_max) for v in obs.coachee_items.values())
    return obs.coachee_score is not None and _at_least(obs.coachee_score, scale_max)


def _check_ranges(history: Sequence[SessionObservation], low: float, high: float) -> None:
    """Scores outside the scale mean a caller bug; fail loudly rather than nudge on it."""
    if low >= high:
        raise ValueError(f"scale_min ({low}) must be below scale_max ({high})")
    for obs in history:
        values = [obs.coach_score, obs.coachee_score, obs.predicted_coachee]
        for value in [*values, *obs.coachee_items.values()]:
            if value is not None and not (math.isfinite(value) and low <= value <= high):
                raise ValueError(
                    f"session {obs.session_id}: value {value} outside the scale {low}–{high}"
                )


def _join(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second
