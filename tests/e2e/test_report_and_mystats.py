"""The lead's /report and the coach's /mystats, through the emulator."""

from __future__ import annotations

import asyncio

from bot.demo.actors import answer_questionnaire
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

COACHEE_ANSWERS = [3, 2, 3, 2]  # distinctive low values, never to be shown to the coach
COACH_ANSWERS = [9, 9, 8, 9, 8]


async def one_session(coach: SimulatedUser, coachee: SimulatedUser) -> None:
    await coach.send("/session")
    await asyncio.gather(
        answer_questionnaire(coach, COACH_ANSWERS),
        answer_questionnaire(coachee, COACHEE_ANSWERS),
    )


async def test_lead_report_arrives_as_summary_and_pdf_without_row_level_files(
    bot: BotHarness,
) -> None:
    _, lead, coach, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])  # the baseline questionnaire
    await one_session(coach, coachee)
    await lead.send("/report")
    await lead.expect(t("en", "report.preparing", program="Leaders 2027"))
    summary = await lead.expect("program report", timeout=60)
    assert len(summary["text"]) <= 4096
    pdf = await lead.expect(lambda m: any(d["file_name"].endswith(".pdf")
                                          for d in m.get("documents") or []), timeout=60)
    assert pdf["documents"][0]["file_size"] > 10_000
    await asyncio.sleep(0.5)  # anything sent after the PDF would have arrived by now
    files = [d["file_name"] for m in await lead.messages() for d in m.get("documents") or []]
    assert files == [pdf["documents"][0]["file_name"]]  # no export.zip, no CSV: aggregates only


async def test_report_is_refused_to_anyone_but_a_lead(bot: BotHarness) -> None:
    _, _, coach, coachee = await make_dyad(bot)
    for person in (coach, coachee):
        await person.send("/report")
        await person.expect(t("en", "lead.not_lead"))


async def test_mystats_shows_the_coach_only_their_own_ratings(bot: BotHarness) -> None:
    _, _, coach, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])
    await one_session(coach, coachee)
    await coach.send("/mystats")
    stats = await coach.expect(t("en", "mystats.title"))
    assert "Sessions logged: 1" in stats["text"]
    assert "8.8 (1 check-ins)" in stats["text"]  # mean of the coach's own goal..overall
    assert "2.5" not in stats["text"]  # the coachee's mean never appears


async def test_mystats_is_for_coaches(bot: BotHarness) -> None:
    _, lead, _, coachee = await make_dyad(bot)
    for person in (lead, coachee):
        await person.send("/mystats")
        await person.expect(t("en", "mystats.only_coaches"))
