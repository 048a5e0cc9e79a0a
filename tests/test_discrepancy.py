"""The discrepancy engine as a specification: each rule at, just below and just above its threshold.

Scores are on 0–10; D = coach − coachee. Histories are chronological; the last session is decided.
"""

import json
import math
from collections.abc import Sequence
from dataclasses import replace

import pytest
from pydantic import ValidationError

from alliance.nudges.engine import (
    RULES,
    Decision,
    NudgeThresholds,
    SessionObservation,
    decide_nudge,
    ewma,
    program_sd_of_d,
)

DEFAULTS = NudgeThresholds()
TOP = {"goal": 10.0, "task": 10.0, "bond": 10.0, "overall": 10.0}
NEAR_TOP = {**TOP, "bond": 9.0}

Pair = tuple[float | None, float | None]


def history(*pairs: Pair, predicted: float | None = None) -> list[SessionObservation]:
    """Sessions 1..n from (coach, coachee) pairs; `predicted` goes on the last one."""
    sessions = [SessionObservation(i, c, e) for i, (c, e) in enumerate(pairs, 1)]
    sessions[-1] = replace(sessions[-1], predicted_coachee=predicted)
    return sessions


def decide(sessions: Sequence[SessionObservation], **kwargs: object) -> Decision:
    thresholds = NudgeThresholds.model_validate(kwargs)
    return decide_nudge(sessions, thresholds=thresholds)


@pytest.mark.parametrize(
    ("pairs", "fired", "reason"),
    [
        pytest.param([(8, 6.5), (8, 6.5)], True, "consecutive", id="D=1.5 twice: tie fires"),
        pytest.param([(8, 6.6), (8, 6.6)], False, None, id="D=1.4 twice: just below"),
        pytest.param([(8, 6.4), (8, 6.4)], True, "consecutive", id="D=1.6 twice: just above"),
        pytest.param([(4.6, 3.1), (4.6, 3.1)], True, "consecutive", id="float rounding of 1.5"),
        pytest.param([(9, 5)], False, None, id="one session alone never fires"),
        pytest.param([(7, 7), (8.5, 7)], False, None, id="one high D after agreement: ewma 0.75"),
        pytest.param([(9, 6), (7, 7)], True, "ewma", id="ewma 1.5 at tie"),
        pytest.param([(9, 6), (7, 7.1)], False, None, id="ewma 1.45 just below"),
        pytest.param([(9, 6), (7, 6.9)], True, "ewma", id="ewma 1.55 just above"),
        pytest.param([(8, 6), (6, 8), (8, 6)], False, None, id="broken run, ewma 1.0"),
        pytest.param([(8, 6), (None, 7), (8, 6)], True, "consecutive", id="unpaired skipped"),
        pytest.param([(8, 6), (8, None), (8, 6)], True, "consecutive", id="no coachee: skipped"),
        pytest.param([(8, 6), (8, 6), (None, 7)], False, "no_pair", id="current unpaired"),
    ],
)
def test_overestimation(pairs: list[Pair], fired: bool, reason: str | None) -> None:
    result = decide(history(*pairs)).rule("overestimation")
    assert (result.fired, result.reason) == (fired, reason)


def test_overestimation_ewma_can_be_allowed_from_the_first_pair() -> None:
    result = decide(history((9, 5)), ewma_min_pairs=1).rule("overestimation")
    assert (result.fired, result.reason) == (True, "ewma")


def test_overestimation_reports_its_numbers() -> None:
    numbers = decide(history((8, 6), (None, 5), (9, 6))).rule("overestimation").numbers
    expected = {"d": 3.0, "previous_d": 2.0, "ewma": 2.5, "pairs": 2.0}
    assert numbers == {**expected, "threshold_d": 1.5, "threshold_ewma": 1.5}


@pytest.mark.parametrize(
    ("coachee", "fired", "reason"),
    [
        pytest.param([8, 7], True, "drop", id="drop 1.0: tie fires"),
        pytest.param([8, 7.1], False, None, id="drop 0.9: just below"),
        pytest.param([8, 6.9], True, "drop", id="drop 1.1: just above"),
        pytest.param([8.2, 7.2], True, "drop", id="float rounding of a 1.0 drop"),
        pytest.param([6.0], False, None, id="floor 6.0 itself does not fire"),
        pytest.param([5.9], True, "floor", id="just below the floor"),
        pytest.param([5, 5.5], True, "floor", id="rising but still below the floor"),
        pytest.param([5, 7], False, None, id="recovered"),
        pytest.param([7, None, 6], True, "drop", id="compares with the last answered session"),
        pytest.param([7, 6.5, None], False, "no_coachee_answer", id="current unanswered"),
    ],
)
def test_rupture(coachee: list[float | None], fired: bool, reason: str | None) -> None:
    result = decide(history(*[(5.0, c) for c in coachee])).rule("rupture")
    assert (result.fired, result.reason) == (fired, reason)


def answers(*items: dict[str, float] | None, coach: float = 10.0) -> list[SessionObservation]:
    """Sessions where the coachee gave these item answers (None: did not answer)."""
    return [
        SessionObservation(i, coach, None if it is None else sum(it.values()) / len(it), it or {})
        for i, it in enumerate(items, 1)
    ]


@pytest.mark.parametrize(
    ("sessions", "needed", "fired"),
    [
        pytest.param([TOP, TOP, TOP], 3, True, id="3 at the top: fires"),
        pytest.param([TOP, TOP], 3, False, id="2 at the top: just below"),
        pytest.param([TOP, TOP, TOP, TOP], 3, True, id="4 at the top: still fires"),
        pytest.param([TOP, TOP, NEAR_TOP], 3, False, id="one item off the top now"),
        pytest.param([NEAR_TOP, TOP, TOP], 3, False, id="streak of 2 after an item off the top"),
        pytest.param([TOP, None, TOP, TOP], 3, True, id="unanswered session skipped"),
        pytest.param([TOP, TOP, None], 2, False, id="current unanswered"),
        pytest.param([TOP, TOP, TOP], 4, False, id="configurable length"),
    ],
)
def test_ceiling(sessions: list[dict[str, float] | None], needed: int, fired: bool) -> None:
    result = decide(answers(*sessions), ceiling_sessions=needed).rule("ceiling")
    assert result.fired is fired


def test_ceiling_uses_the_score_when_item_answers_are_not_given() -> None:
    assert decide(history((10, 10), (10, 10), (10, 10))).rule("ceiling").fired
    assert not decide(history((10, 10), (10, 10), (10, 9.75))).rule("ceiling").fired


def test_ceiling_looks_at_raw_answers_so_reverse_items_do_not_hide_it() -> None:
    sessions = [SessionObservation(i, 7.5, 7.5, TOP) for i in (1, 2, 3)]
    assert decide(sessions).rule("ceiling").fired


@pytest.mark.parametrize(("coach", "fired"), [(6.5, True), (6.6, False), (6.4, True)])
def test_underestimation_is_logged_without_a_nudge_by_default(coach: float, fired: bool) -> None:
    """D = coach − 8: −1.5 (tie) fires, −1.4 does not, −1.6 does."""
    decision = decide(history((coach, 8)))
    assert decision.rule("underestimation").fired is fired
    assert (decision.fire, decision.nudge_kind) == (False, None)


def test_underestimation_can_be_configured_to_send_the_verify_nudge() -> None:
    decision = decide(history((6, 8)), under_nudges=True)
    assert decision.fire
    assert (decision.nudge_kind, decision.nudge_rules) == ("verify", ("underestimation",))


@pytest.mark.parametrize(  # the coachee scored 7: gaps 2.0, 1.9, 2.1, −2.0, −1.9, none
    ("predicted", "fired"),
    [(9.0, True), (8.9, False), (9.1, True), (5.0, True), (5.1, False), (None, False)],
)
def test_prediction_gap(predicted: float | None, fired: bool) -> None:
    decision = decide(history((7, 7), predicted=predicted))
    assert decision.rule("prediction_gap").fired is fired
    assert decision.nudge_kind == ("verify" if fired else None)


def test_prediction_gap_alone_can_be_kept_to_the_log() -> None:
    decision = decide(history((7, 7), predicted=10), prediction_alone_nudges=False)
    assert decision.rule("prediction_gap").fired
    assert (decision.fire, decision.nudge_kind) == (False, None)


@pytest.mark.parametrize("alone_nudges", [True, False])
def test_prediction_gap_folds_into_the_overestimation_nudge(alone_nudges: bool) -> None:
    sessions = history((9, 7), (9, 7), predicted=10)
    decision = decide(sessions, prediction_alone_nudges=alone_nudges)
    assert decision.nudge_kind == "verify"
    assert decision.nudge_rules == ("overestimation", "prediction_gap")


UNDER_AT_CEILING = answers(TOP, TOP, TOP, coach=8)


@pytest.mark.parametrize(
    ("sessions", "under_nudges", "kind", "fired_rules"),
    [
        (history((9, 5), (9, 5)), False, "verify", ("overestimation", "rupture")),
        (history((7, 8), (7, 5), predicted=8), False, "verify", ("prediction_gap", "rupture")),
        (UNDER_AT_CEILING, False, "candid_feedback", ("underestimation", "ceiling")),
        (UNDER_AT_CEILING, True, "verify", ("underestimation", "ceiling")),
    ],
    ids=[
        "overestimation over rupture",
        "prediction gap over rupture",
        "logged underestimation leaves the ceiling nudge",
        "nudging underestimation over ceiling",
    ],
)
def test_one_nudge_by_priority_verify_then_check_in_then_candid_feedback(
    sessions: list[SessionObservation], under_nudges: bool, kind: str, fired_rules: tuple[str, ...]
) -> None:
    decision = decide(sessions, under_nudges=under_nudges)
    assert decision.nudge_kind == kind
    assert decision.fired_rules == fired_rules


def with_nudges(sessions: list[SessionObservation], nudged: set[int]) -> list[SessionObservation]:
    return [replace(s, nudged=s.session_id in nudged) for s in sessions]


RUPTURE_AT_4 = history((8, 8), (8, 8), (8, 8), (5, 5))


@pytest.mark.parametrize(
    ("nudged", "cooldown", "suppressed"),
    [
        pytest.param({3}, 2, True, id="nudged last session"),
        pytest.param({2}, 2, False, id="nudged two sessions ago"),
        pytest.param({2}, 3, True, id="longer cooldown"),
        pytest.param({1}, 3, False, id="just outside a longer cooldown"),
        pytest.param({3}, 1, False, id="cooldown of 1 means none"),
        pytest.param({4}, 2, False, id="the current session's flag is ignored"),
        pytest.param(set(), 2, False, id="never nudged"),
    ],
)
def test_cooldown(nudged: set[int], cooldown: int, suppressed: bool) -> None:
    decision = decide(with_nudges(RUPTURE_AT_4, nudged), cooldown_sessions=cooldown)
    assert decision.suppressed_by_cooldown is suppressed
    assert decision.fire is not suppressed
    assert decision.rule("rupture").fired
    assert decision.nudge_kind == "check_in"


def test_cooldown_does_not_flag_a_session_where_nothing_fired() -> None:
    decision = decide(with_nudges(history((8, 8), (8, 8)), {1}))
    assert (decision.fire, decision.suppressed_by_cooldown) == (False, False)


def decide_sd(pairs: list[Pair], sd: float | None, n: int, **kwargs: object) -> Decision:
    thresholds = NudgeThresholds.model_validate({"units": "sd", **kwargs})
    return decide_nudge(history(*pairs), thresholds=thresholds, program_sd=sd, program_pairs=n)


@pytest.mark.parametrize(("d", "fired"), [(1.9, False), (2.0, True), (2.1, True)])  # 1 SD = 2.0
def test_sd_units_scale_the_d_thresholds_once_there_are_enough_pairs(d: float, fired: bool) -> None:
    decision = decide_sd([(7 + d, 7), (7 + d, 7)], sd=2.0, n=20, over_d=1.0, over_ewma=1.0)
    assert (decision.units, decision.sd, decision.note) == ("sd", 2.0, None)
    assert decision.rule("overestimation").fired is fired
    assert decision.rule("overestimation").numbers["threshold_d"] == 2.0


def test_sd_units_scale_underestimation_too() -> None:
    decision = decide_sd([(5.5, 8)], sd=2.0, n=30, under_d=-1.0)
    assert decision.rule("underestimation").numbers["threshold_d"] == -2.0
    assert decision.rule("underestimation").fired


def test_sd_units_leave_rupture_ceiling_and_prediction_in_points() -> None:
    decision = decide_sd([(8, 8), (8, 7)], sd=3.0, n=25)
    assert decision.rule("rupture").numbers["threshold_drop"] == 1.0
    assert decision.rule("rupture").fired
    assert decision.rule("prediction_gap").numbers["threshold"] == 2.0


@pytest.mark.parametrize(
    ("sd", "n", "note"),
    [
        pytest.param(2.0, 19, "sd units need 20 pairs, program has 19", id="19 pairs"),
        pytest.param(2.0, 0, "program has 0", id="no pairs"),
        pytest.param(None, 40, "need a positive SD", id="no SD given"),
        pytest.param(0.0, 40, "need a positive SD", id="zero SD"),
    ],
)
def test_sd_units_fall_back_to_points_and_say_so(sd: float | None, n: int, note: str) -> None:
    decision = decide_sd([(8, 6.5), (8, 6.5)], sd=sd, n=n)
    assert (decision.units, decision.sd) == ("points", None)
    assert decision.note is not None
    assert note in decision.note
    assert "thresholds read as points" in decision.note
    assert decision.rule("overestimation").numbers["threshold_d"] == 1.5
    assert decision.rule("overestimation").fired


def test_points_units_ignore_the_program_sd() -> None:
    decision = decide_sd([(8, 6.5), (8, 6.5)], sd=5.0, n=99, units="points")
    assert (decision.units, decision.sd, decision.fire) == ("points", None, True)


def test_a_session_missing_one_side_has_no_d_but_keeps_the_ewma() -> None:
    decision = decide(history((8, 6), (9, 6), (8, None)))
    assert decision.d is None
    assert decision.ewma == pytest.approx(2.5)
    assert decision.note == "coachee did not answer: D undefined for this session"
    assert not decision.fire


def test_a_session_nobody_answered_decides_nothing() -> None:
    decision = decide(history((8, 8), (None, None)))
    assert decision.fired_rules == ()
    assert (decision.d, decision.ewma) == (None, 0.0)
    assert decision.note == "coach and coachee did not answer: D undefined for this session"


@pytest.mark.parametrize(
    "decision",
    [
        pytest.param(decide(history((9, 7), (9, 7), predicted=10)), id="fired"),
        pytest.param(decide(history((8, None))), id="nothing fired, note"),
        pytest.param(decide(with_nudges(RUPTURE_AT_4, {3})), id="suppressed"),
        pytest.param(decide_sd([(9, 7), (9, 7)], sd=1.2, n=20, over_d=1.0), id="sd units"),
    ],
)
def test_decision_json_round_trip(decision: Decision) -> None:
    stored = json.dumps(decision.to_json(), allow_nan=False)
    assert Decision.from_json(json.loads(stored)) == decision


def test_stored_decision_lists_every_rule_with_its_numbers() -> None:
    stored = decide(history((9, 7), (9, 7))).to_json()
    assert [r["rule"] for r in stored["rules"]] == list(RULES)
    assert stored["rules"][0]["numbers"]["d"] == 2.0
    assert (stored["fire"], stored["nudge_kind"], stored["d"]) == (True, "verify", 2.0)


def test_thresholds_round_trip_as_program_json() -> None:
    custom = NudgeThresholds(over_d=0.5, units="sd", cooldown_sessions=3)
    assert NudgeThresholds.model_validate_json(custom.model_dump_json()) == custom


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ewma_alpha", 0),
        ("ewma_alpha", 1.5),
        ("cooldown_sessions", 0),
        ("over_d", -1),
        ("under_d", 0.5),
        ("units", "percent"),
        ("over_dd", 1),
    ],
)
def test_invalid_thresholds_are_refused(name: str, value: object) -> None:
    with pytest.raises(ValidationError):
        NudgeThresholds.model_validate({name: value})


@pytest.mark.parametrize(
    ("values", "alpha", "expected"),
    [
        ([], 0.5, None),
        ([2.0], 0.5, 2.0),
        ([2.0, 0.0], 0.5, 1.0),
        ([2.0, 0.0, 2.0], 0.5, 1.5),
        ([2.0, 0.0, 2.0], 1.0, 2.0),
        ([4.0, 0.0], 0.25, 3.0),
    ],
)
def test_ewma(values: list[float], alpha: float, expected: float | None) -> None:
    assert ewma(values, alpha) == expected


def test_ewma_refuses_an_alpha_outside_0_1() -> None:
    with pytest.raises(ValueError, match="alpha"):
        ewma([1.0], 0.0)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([(8.0, 6.0)], None),
        ([(8.0, 7.0), (8.0, 5.0)], math.sqrt(2)),
        ([(8.0, 7.0), (None, 5.0), (8.0, None), (8.0, 5.0)], math.sqrt(2)),
        ([(5.0, 5.0), (6.0, 6.0), (7.0, 7.0)], 0.0),
    ],
)
def test_program_sd_of_d(pairs: list[Pair], expected: float | None) -> None:
    assert program_sd_of_d(pairs) == (None if expected is None else pytest.approx(expected))


def test_empty_history_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        decide_nudge([], thresholds=DEFAULTS)


@pytest.mark.parametrize(
    "session",
    [
        SessionObservation(1, 11.0, 5.0),
        SessionObservation(1, 5.0, -0.5),
        SessionObservation(1, 5.0, 5.0, {"goal": 12.0}),
        SessionObservation(1, 5.0, 5.0, predicted_coachee=math.nan),
    ],
)
def test_values_outside_the_scale_are_refused(session: SessionObservation) -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        decide_nudge([session], thresholds=DEFAULTS)


def test_another_scale_moves_the_ceiling() -> None:
    sessions = [SessionObservation(i, 5.0, 5.0, {"a": 5.0}) for i in (1, 2, 3)]
    decision = decide_nudge(sessions, thresholds=DEFAULTS, scale_min=1, scale_max=5)
    assert decision.rule("ceiling").fired
