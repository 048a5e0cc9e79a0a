"""The lead's /report and the coach's /mystats, through the emulator."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from zoneinfo import ZoneInfo

from alliance.programs.setup import ProgramOptions
from bot.demo.actors import answer_questionnaire
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.dyads import COACH_CHECKIN, enrolled_dyad, log_session, progress
from tests.e2e.dyads import answer_questionnaire as answer_shown
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

COACHEE_ANSWERS = [3, 2, 3, 2]  # distinctive low values, never to be shown to the coach
COACH_ANSWERS = [9, 9, 8, 9, 8]


async def one_session(coach: SimulatedUser, coachee: SimulatedUser) -> None:
    await log_session(coach)
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
    assert "8.8 (1 check-in)" in stats["text"]  # mean of the coach's own goal..overall
    assert "2.5" not in stats["text"]  # the coachee's mean never appears


async def test_mystats_is_for_coaches(bot: BotHarness) -> None:
    _, lead, _, coachee = await make_dyad(bot)
    for person in (lead, coachee):
        await person.send("/mystats")
        await person.expect(t("en", "mystats.only_coaches"))


async def weekly_session(bot: BotHarness, coach: SimulatedUser, coachee: SimulatedUser,
                         answers: list[int]) -> None:
    bot.advance(days=7)
    await log_session(coach)
    await asyncio.gather(answer_questionnaire(coach, COACH_ANSWERS),
                         answer_questionnaire(coachee, answers))


async def test_mystats_reads_the_coachs_guesses_in_words_after_six_sessions(
    bot: BotHarness,
) -> None:
    """The coach guesses 9 while the coachee answers 2–4: "higher" in words, no coachee figure."""
    _, _, coach, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])
    coachee_answers = ([3, 2, 3, 2], [4, 3, 4, 3], [2, 2, 3, 2], [4, 4, 3, 4], [3, 3, 2, 3])
    for answers in coachee_answers:
        await weekly_session(bot, coach, coachee, answers)
    await coach.send("/mystats")
    early = await coach.expect(t("en", "mystats.title"))
    assert t("en", "mystats.reading_wait", min=6, n=5) in early["text"]
    await weekly_session(bot, coach, coachee, [3, 4, 3, 4])
    await coach.send("/mystats")
    stats = await coach.expect(lambda m: t("en", "mystats.reading", n=6) in (m["text"] or ""))
    assert t("en", "mystats.bias.higher") in stats["text"]
    assert "•" in stats["text"] and "mystats." not in stats["text"]
    for coachee_figure in ("3.0", "2.5", "3.5", "2.2", "3.8", "2.8"):
        assert coachee_figure not in stats["text"]


async def scheduled_session_with_mood(bot: BotHarness, coach: SimulatedUser,
                                      coachee: SimulatedUser, mood: int, rating: int) -> None:
    """Schedule tomorrow 10:00, answer the mood question at 9:30, confirm it, both check in."""
    await coach.send("/schedule")
    picker = await coach.expect("pick the day")
    tomorrow = [b["text"] for row in picker["buttons"] for b in row][1]
    await coach.press(tomorrow, picker)
    times = await coach.expect_edit(picker["message_id"], "pick the start time")
    await coach.press("10:00", times)
    lengths = await coach.expect_edit(picker["message_id"], "how long?")
    await coach.press("60 min", lengths)
    await coach.expect_edit(picker["message_id"], "Scheduled:")
    local = bot.clock.now().astimezone(ZoneInfo("America/Montreal"))
    target = (local + timedelta(days=1)).replace(hour=9, minute=30)
    bot.advance(seconds=(target - local).total_seconds())
    await bot.dispatch()
    await answer_shown(coach, [mood], await coach.expect(progress(1, 1)))
    bot.advance(hours=2)
    await bot.dispatch()
    asked = await coach.expect("Did it take place?")
    await coach.press("It took place", asked)
    await asyncio.gather(answer_questionnaire(coach, COACH_CHECKIN),
                         answer_questionnaire(coachee, [rating] * 4))


async def test_mystats_shows_the_coach_their_mood_pattern_after_six_mood_answers(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot, options=ProgramOptions(modules=("mood",)))
    pairs = [(3, 4), (5, 5), (7, 7), (4, 4), (8, 8), (6, 6)]
    for mood, rating in pairs[:5]:
        await scheduled_session_with_mood(bot, dyad.coach, dyad.coachee, mood, rating)
    await dyad.coach.send("/mystats")
    early = await dyad.coach.expect(t("en", "mystats.title"))
    assert t("en", "mystats.mood_wait", min=6, n=5) in early["text"]
    await scheduled_session_with_mood(bot, dyad.coach, dyad.coachee, *pairs[5])
    await dyad.coach.send("/mystats")
    stats = await dyad.coach.expect(
        lambda m: t("en", "mystats.mood.higher", n=6) in (m["text"] or ""))
    assert "Alice" not in stats["text"]


async def test_report_in_a_one_pair_program_sends_only_the_participation_chart(
        bot: BotHarness) -> None:
    """Charts in the chat follow the PDF's rule: with one dyad the alliance trajectory and the
    distribution of D are suppressed; the participation counts chart stays."""
    _, lead, coach, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])
    await one_session(coach, coachee)
    await lead.send("/report")
    await lead.expect(lambda m: any(d["file_name"].endswith(".pdf")
                                    for d in m.get("documents") or []), timeout=60)
    photos = [p for m in await lead.messages() for p in m.get("photos") or []]
    assert len(photos) == 1 and photos[0]["file_size"] > 1_000
