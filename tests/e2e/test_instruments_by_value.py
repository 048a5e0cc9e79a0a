"""A program asks with its stored copy of an instrument: deleting the file changes nothing."""

from __future__ import annotations

from pathlib import Path

from alliance.core.models import NudgeDecision
from alliance.instruments import resolve_instrument
from alliance.programs.setup import ProgramOptions
from alliance.reporting.analysis.dataset import load_program_data
from alliance.reporting.export_tables import export_tables
from tests.domain.test_program_instruments import custom_checkin
from tests.e2e.dyads import (
    COACH_CHECKIN,
    COACHEE_CHECKIN,
    answer_questionnaire,
    count,
    enrolled_dyad,
    log_session,
)
from tests.e2e.harness import BotHarness


async def test_a_check_in_runs_end_to_end_after_its_instrument_file_is_deleted(
    bot: BotHarness, tmp_path: Path
) -> None:
    path = custom_checkin(tmp_path, "House check-in")
    dyad = await enrolled_dyad(bot, options=ProgramOptions(checkin_instrument=str(path)))
    path.unlink()
    resolve_instrument.cache_clear()  # nothing of the file is left in this process either
    await bot.restart_bot()

    assert "is logged" in (await log_session(dyad.coach))["text"]
    coachee_done = await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    coach_done = await answer_questionnaire(dyad.coach, COACH_CHECKIN)

    assert "House check-in" in coachee_done["text"] and "House check-in" in coach_done["text"]
    await bot.dispatch()
    assert await count(bot, NudgeDecision, NudgeDecision.fired.is_(False)) == 1
    async with bot.db() as session:
        data = await load_program_data(session, dyad.program_id)
    assert data.sessions[["coach_alliance", "coachee_alliance"]].values.tolist() == [[8.0, 8.0]]
    tables = export_tables(data, lambda kind, code: f"{kind}-{code}")
    asked = tables["items.csv"]
    assert set(asked.loc[asked["instrument_id"] == "house_checkin", "instrument_version"]) == {2}
    assert "alliance_checkin" not in set(asked["instrument_id"])  # not the shipped fallback
    versions = tables["prompts.csv"].set_index("questionnaire")["instrument_version"]
    assert set(versions.loc[["checkin"]]) == {2}
