"""The frames built from the database: values checked by hand on a two-dyad program."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import PromptKind, Role, SessionStatus
from alliance.reporting.analysis.dataset import ProgramData, ProgramNotFoundError, load_program_data

from .builders import SE_ITEMS, ProgramWriter, at
from .conftest import FINAL_NOW


async def two_dyads(session: AsyncSession) -> int:
    """D01: sessions 1–2 answered by both, session 3 by the coach only, no final questionnaire.
    D02: one session with both answers, a cancelled session, both questionnaires."""
    w = ProgramWriter(session)
    program = await w.program()
    coach_a = await w.person(program, Role.COACH, "Anna Coach")
    coach_b = await w.person(program, Role.COACH, "Bruno Coach")
    ce_1 = await w.person(program, Role.COACHEE, "Chloé Coachee")
    ce_2 = await w.person(program, Role.COACHEE, "Denis Coachee")
    d1 = await w.dyad(program, coach_a, ce_1, "D01")
    d2 = await w.dyad(program, coach_b, ce_2, "D02")
    s1, s2, s3 = [await w.session(d1, k, 7 * k) for k in (1, 2, 3)]
    await w.checkin(program, d1, coach_a, Role.COACH, s1, [8, 8, 8, 8], predicted=6)
    await w.checkin(program, d1, ce_1, Role.COACHEE, s1, [6, 7, 7, 8], delay_hours=2)
    await w.checkin(program, d1, coach_a, Role.COACH, s2, [9, 9, 9, 9], predicted=7)
    await w.checkin(program, d1, ce_1, Role.COACHEE, s2, [8, 8, 8, 8], delay_hours=4)
    await w.checkin(program, d1, coach_a, Role.COACH, s3, [5, 5, 5, 5])
    await w.checkin(program, d1, ce_1, Role.COACHEE, s3, None)  # expired
    pre = [4, 5, 6, 5, 5, 5, 5][: len(SE_ITEMS)]
    await w.self_efficacy(program, d1, ce_1, PromptKind.BASELINE_SE, pre, 1)
    held = await w.session(d2, 1, 8)
    await w.session(d2, 2, 15, status=SessionStatus.CANCELLED)
    await w.checkin(program, d2, coach_b, Role.COACH, held, [7, 7, 7, 7])
    await w.checkin(program, d2, ce_2, Role.COACHEE, held, [9, 9, 9, 9])
    await w.self_efficacy(program, d2, ce_2, PromptKind.BASELINE_SE, [3] * len(SE_ITEMS), 1)
    await w.self_efficacy(program, d2, ce_2, PromptKind.FINAL_SE, [6] * len(SE_ITEMS), 240)
    await session.flush()
    return program.id


@pytest.fixture
async def small(in_transaction) -> ProgramData:  # type: ignore[no-untyped-def]
    program_id = await in_transaction(two_dyads)
    return await in_transaction(lambda s: load_program_data(s, program_id, now=FINAL_NOW))


async def test_dyad_alliance_is_the_mean_over_sessions_both_sides_answered(small: ProgramData):
    d01 = small.dyads.set_index("dyad_id").loc["D01"]
    assert d01["coach_alliance"] == pytest.approx(8.5)  # sessions 1 and 2; session 3 unpaired
    assert d01["coachee_alliance"] == pytest.approx(7.5)  # (7 + 8) / 2
    assert d01["D"] == pytest.approx(1.0)
    assert d01["n_sessions"] == 3
    assert d01["n_checkin_pairs"] == 2


async def test_self_efficacy_is_the_item_mean_and_missing_is_nan(small: ProgramData):
    dyads = small.dyads.set_index("dyad_id")
    assert dyads.loc["D01", "se_pre"] == pytest.approx(sum([4, 5, 6, 5, 5, 5, 5]) / 7)
    assert math.isnan(dyads.loc["D01", "se_post"])
    assert (dyads.loc["D02", "se_pre"], dyads.loc["D02", "se_post"]) == (3.0, 6.0)


async def test_prediction_item_is_kept_apart_from_the_coach_score(small: ProgramData):
    first = small.sessions[(small.sessions["dyad_id"] == "D01") & (small.sessions["session"] == 1)]
    assert first["coach_alliance"].item() == 8.0
    assert first["coach_prediction"].item() == 6.0


async def test_session_frame_has_held_sessions_with_nan_for_the_missing_side(small: ProgramData):
    frame = small.sessions
    assert list(frame[["dyad_id", "session"]].itertuples(index=False, name=None)) == [
        ("D01", 1), ("D01", 2), ("D01", 3), ("D02", 1)
    ]
    third = frame.iloc[2]
    assert third["coach_alliance"] == 5.0 and math.isnan(third["coachee_alliance"])
    assert list(small.paired_sessions()["D"]) == pytest.approx([1.0, 1.0, -2.0])
    assert frame["held_at"].iloc[0] == pd.Timestamp(at(7))


async def test_coaches_get_labels_in_enrolment_order(small: ProgramData):
    assert dict(zip(small.dyads["dyad_id"], small.dyads["coach_id"], strict=True)) == {
        "D01": "C01", "D02": "C02"
    }


async def test_process_frames_carry_states_and_delays(small: ProgramData):
    prompts = small.prompts
    coachee_checkins = prompts[(prompts["kind"] == "checkin") & (prompts["side"] == "coachee")]
    assert sorted(coachee_checkins["state"]) == ["answered", "answered", "answered", "expired"]
    assert sorted(coachee_checkins["hours_to_answer"].dropna()) == [2.0, 3.0, 4.0]
    assert set(small.answers["kind"]) == {"checkin", "baseline_se", "final_se"}
    assert small.nudges.empty and small.decisions.empty


async def test_complete_dyads_need_both_means_and_both_questionnaires(small: ProgramData):
    assert list(small.complete_dyads()["dyad_id"]) == ["D02"]


def test_frames_hold_no_names_or_telegram_ids(program_data: ProgramData):
    frames = [program_data.dyads, program_data.sessions, program_data.prompts,
              program_data.answers, program_data.nudges, program_data.decisions]
    text = "\n".join(frame.to_csv() for frame in frames)
    assert "Coach Amélie" not in text and "Zoë" not in text and "98765" not in text


def test_program_report_is_final_after_the_end_date(program_data: ProgramData):
    assert not program_data.interim
    assert program_data.center == 5.0


async def test_unknown_program_is_reported(in_transaction):  # type: ignore[no-untyped-def]
    with pytest.raises(ProgramNotFoundError):
        await in_transaction(lambda s: load_program_data(s, 999))


async def test_interim_until_the_end_date(in_transaction):  # type: ignore[no-untyped-def]
    program_id = await in_transaction(two_dyads)
    data = await in_transaction(lambda s: load_program_data(s, program_id, now=at(30)))
    assert data.interim
