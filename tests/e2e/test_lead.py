"""Program leads in Telegram: create programs, invite people, read participation, close."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Membership,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Person,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.enrolment.invites import IssuedInvite, claim_invite, issue_invite
from bot.demo.actors import answer_questionnaire
from bot.simulation import SimulatedUser
from tests.e2e.dyads import callback_answer, log_session
from tests.e2e.harness import START, BotHarness
from tests.e2e.people import enrol, make_dyad
from tests.waiting import eventually

LINK = re.compile(r"https://t\.me/(\w+)\?start=([A-Za-z0-9_-]+)")


async def _lead(bot: BotHarness, program_id: int | None = None) -> tuple[int, SimulatedUser]:
    program_id = program_id or await bot.program()
    lead = await bot.user("Lea")
    await enrol(bot, lead, await bot.invite(program_id, Role.LEAD, "Lea Lead"))
    return program_id, lead


async def _invite_through_telegram(
    lead: SimulatedUser, role: str, name: str, coach: str | None = None
) -> str:
    """/invite → role → name (→ coach): the token of the link the bot answers with."""
    await lead.send("/invite")
    question = await lead.message_with_button(role)
    await lead.press(role, question)
    await lead.expect_edit(question["message_id"], "What is the name")
    await lead.send(name)
    has_link = lambda m: LINK.search(m["text"] or "") is not None  # noqa: E731
    if coach is not None:
        question = await lead.message_with_button(coach)
        await lead.press(coach, question)
        message = await lead.expect_edit(question["message_id"], has_link)
    else:
        message = await lead.expect(has_link)
    found = LINK.search(message["text"])
    assert found is not None and found[1] == "CoachAllianceBot"
    return found[2]


async def test_a_lead_creates_a_program_with_the_default_dates(bot: BotHarness) -> None:
    _, lead = await _lead(bot)

    await lead.send("/newprogram")
    await lead.expect("What is the new program called")
    await lead.send("Summit 2027")
    question = await lead.message_with_button("America/Toronto")
    await lead.press("America/Toronto", question)
    await lead.expect_edit(question["message_id"], "When does it run?")
    await lead.press("Start today, about 8 months", question)

    await lead.expect_edit(question["message_id"],
                           "Program “Summit 2027” created (America/Toronto, 2027-01-11 → ")
    async with bot.db() as session:
        program = await session.scalar(select(Program).where(Program.name == "Summit 2027"))
        assert program is not None and program.timezone == "America/Toronto"
        roles = await session.scalars(
            select(Membership.role).where(Membership.program_id == program.id)
        )
        assert list(roles) == [Role.LEAD]


async def test_a_lead_types_a_time_zone_and_dates_and_is_asked_again_when_wrong(
    bot: BotHarness,
) -> None:
    _, lead = await _lead(bot)
    await lead.send("/newprogram")
    await lead.send("Prairie cohort")

    await lead.send("Mars/Olympus")
    await lead.expect("I don't know that time zone")
    await lead.send("America/Regina")
    await lead.expect("When does it run?")
    await lead.send("2027-09-30 2027-02-01")
    await lead.expect("Please send two dates")
    await lead.send("2027-02-01 2027-09-30")

    await lead.expect("(America/Regina, 2027-02-01 → 2027-09-30)")


async def test_a_lead_invites_a_coach_and_a_coachee_whose_links_work(bot: BotHarness) -> None:
    program_id, lead = await _lead(bot)

    coach_token = await _invite_through_telegram(lead, "coach", "Cole Coach")
    coach = await bot.user("Cole")
    await coach.send(f"/start {coach_token}")
    await coach.press("I agree")
    await coach.expect("You are a coach in “Leaders 2027”")
    coachee_token = await _invite_through_telegram(lead, "coachee", "Cam Coachee", "Cole Coach")
    coachee = await bot.user("Cam")
    await coachee.send(f"/start {coachee_token}")
    consent = await coachee.message_with_button("I agree")
    await coachee.press("I agree", consent)

    assert "Your coach in this program: Cole Coach." in consent["text"]
    await coachee.expect("Leadership confidence")
    async with bot.db() as session:
        dyad = (await session.scalars(select(Dyad).where(Dyad.program_id == program_id))).one()
        baseline = (await session.scalars(select(Prompt))).one()
        assert baseline.recipient_id == dyad.coachee_id and baseline.dyad_id == dyad.id


async def test_a_coachee_cannot_be_invited_before_there_is_a_coach(bot: BotHarness) -> None:
    _, lead = await _lead(bot)

    await lead.send("/invite")
    question = await lead.message_with_button("coachee")
    pressed = await lead.press("coachee", question)

    assert "Invite a coach first" in await callback_answer(bot, pressed)


async def test_people_who_do_not_lead_are_refused(bot: BotHarness) -> None:
    program_id, _, coach, _ = await make_dyad(bot)
    stranger = await bot.user("Sam")

    for command in ("/newprogram", "/invite", "/invites", "/people", "/settings", "/status",
                    "/close"):
        await coach.send(command)
        await coach.expect("Only a program lead can do this.")
        await stranger.send(command)
        await stranger.expect("not enrolled in a program yet")
    welcome = (await coach.messages())[0]
    pressed = await coach.press_data(welcome["message_id"], f"cl:y:{program_id}")

    assert await callback_answer(bot, pressed) == "Only a program lead can do this."
    async with bot.db() as session:
        program = await session.get(Program, program_id)
        assert program is not None and program.status == ProgramStatus.ACTIVE


async def test_a_lead_cannot_act_on_a_program_they_do_not_lead(bot: BotHarness) -> None:
    other_program = await bot.program("Someone else's")
    _, lead = await _lead(bot)
    message = (await lead.messages())[-1]

    picked = await lead.press_data(message["message_id"], f"pick:st:{other_program}")
    assert await callback_answer(bot, picked) == "Only a program lead can do this."
    closed = await lead.press_data(message["message_id"], f"cl:y:{other_program}")

    assert await callback_answer(bot, closed) == "Only a program lead can do this."
    async with bot.db() as session:
        program = await session.get(Program, other_program)
        assert program is not None and program.status == ProgramStatus.ACTIVE


async def test_a_lead_of_several_programs_picks_one(bot: BotHarness) -> None:
    first = await bot.program("Leaders 2027")
    second = await bot.program("Summit 2027")
    _, lead = await _lead(bot, first)
    async with bot.db() as session:
        session.add(Membership(person_id=(await _person_id(bot, lead)), program_id=second,
                               role=Role.LEAD))

    await lead.send("/status")
    question = await lead.message_with_button("Summit 2027")
    await lead.press("Summit 2027", question)

    await lead.expect_edit(question["message_id"], "Participation in “Summit 2027”")


async def _person_id(bot: BotHarness, user: SimulatedUser) -> int:
    async with bot.db() as session:
        person_id = await session.scalar(
            select(Person.id).where(Person.telegram_user_id == user.id)
        )
        assert person_id is not None
        return person_id


async def _five_dyads_with_activity(bot: BotHarness, program_id: int) -> None:
    """Two coaches, five coachees, one session each, check-ins and nudges in known states."""
    now = bot.clock.now()
    coachee_states = [PromptState.ANSWERED] * 4 + [PromptState.EXPIRED]
    coach_states = [PromptState.ANSWERED] * 3 + [PromptState.EXPIRED, PromptState.SENT]
    outcomes = [NudgeOutcome.WILL_ASK, NudgeOutcome.TALKED, NudgeOutcome.TALKED,
                NudgeOutcome.NOT_NOW, NudgeOutcome.PENDING]
    async with bot.db() as session:
        program = await session.get(Program, program_id)
        assert program is not None
        coaches = []
        for number in (1, 2):
            issued = await _invite(session, program_id, Role.COACH, f"Coach {number}")
            await claim_invite(session=session, token=issued.token, telegram_user_id=900 + number,
                               language="en", now=now)
            coaches.append(issued.person.id)
        await _invite(session, program_id, Role.COACH, "Not yet")
        for index in range(5):
            issued = await _invite(session, program_id, Role.COACHEE, f"Coachee {index}",
                                      coach_id=coaches[index % 2])
            await claim_invite(session=session, token=issued.token,
                               telegram_user_id=910 + index, language="en", now=now)
            assert issued.dyad is not None
            held = CoachingSession(dyad_id=issued.dyad.id, status=SessionStatus.HELD,
                                   held_at=now, sequence=1)
            session.add(held)
            await session.flush()
            for recipient, side, state in (
                (issued.person.id, Role.COACHEE, coachee_states[index]),
                (issued.dyad.coach_id, Role.COACH, coach_states[index]),
            ):
                session.add(Prompt(
                    kind=PromptKind.CHECKIN, occasion=f"session:{held.id}", recipient_id=recipient,
                    program_id=program_id, session_id=held.id, side=side, state=state,
                    due_at=now,
                ))
            decision = NudgeDecision(dyad_id=issued.dyad.id, session_id=held.id, fired=True,
                                     rule="overestimation")
            session.add(decision)
            await session.flush()
            session.add(Nudge(
                decision_id=decision.id, dyad_id=issued.dyad.id, session_id=held.id,
                coach_id=issued.dyad.coach_id, rule="overestimation", kind="verify", due_at=now,
                sent_at=now, outcome=outcomes[index],
            ))


async def _invite(
    session: AsyncSession, program_id: int, role: Role, name: str, coach_id: int | None = None
) -> IssuedInvite:
    return await issue_invite(session=session, program_id=program_id, role=role, name=name,
                              coach_id=coach_id, ttl=timedelta(days=14), now=START)


async def test_status_gives_totals_and_breakdowns_over_five_dyads(bot: BotHarness) -> None:
    program_id, lead = await _lead(bot)
    await _five_dyads_with_activity(bot, program_id)

    await lead.send("/status")

    text = (await lead.expect("Participation in “Leaders 2027” (open)"))["text"]
    assert "Enrolled: 1 lead(s), 2 coach(es), 5 coachee(s); 1 invitation(s) not accepted " \
        "yet. Coach–coachee pairs: 5." in text
    assert "Check-ins: 10 sent, 7 answered, 2 expired, 1 waiting (response rate 70%)" in text
    assert "from coachees: 5 sent, 4 answered, 1 expired, 0 waiting (response rate 80%)" in text
    assert "from coaches: 5 sent, 3 answered, 1 expired, 1 waiting (response rate 60%)" in text
    assert "Nudges sent to coaches: 5. Outcomes: “I'll ask” 1, “we talked” 2, “not now” 1, " \
        "no answer yet 1." in text
    assert "Coachee" not in text and "Coach 1" not in text


async def test_status_hides_breakdowns_over_fewer_than_five_dyads(bot: BotHarness) -> None:
    _, lead, _, coachee = await make_dyad(bot)
    await coachee.expect("Leadership confidence")

    await lead.send("/status")

    text = (await lead.expect("Participation in"))["text"]
    assert "Enrolled: 1 lead(s), 1 coach(es), 1 coachee(s)" in text
    assert "Check-ins: 0 sent" in text
    assert text.count("hidden (fewer than 5 pairs)") == 2
    assert "Nudges to coaches: hidden. They come from comparing the coach's and the coachee's " \
        "ratings, and fewer than 5 pairs have been compared so far." in text
    assert "Nudges sent" not in text
    assert "Cam" not in text


async def test_status_of_one_pair_does_not_reveal_that_a_nudge_went_out(bot: BotHarness) -> None:
    _, lead, coach, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])  # the baseline
    await log_session(coach)
    await answer_questionnaire(coach, [9, 9, 9, 9, 9])
    await answer_questionnaire(coachee, [3, 2, 3, 2])  # far apart: the coach is nudged
    await coach.expect("A moment to verify")
    async def nudge_sent() -> int | None:  # the delivery loop marks it right after sending it
        async with bot.db() as session:
            return await session.scalar(select(Nudge.id).where(Nudge.sent_at.is_not(None)))

    await eventually(nudge_sent, "the nudge to be marked sent")

    await lead.send("/status")

    text = (await lead.expect("Participation in"))["text"]
    assert "Nudges to coaches: hidden" in text and "Nudges sent" not in text
    assert "Check-ins: 2 sent, 2 answered" in text  # participation stays


async def test_closing_sends_the_final_questionnaires(bot: BotHarness) -> None:
    program_id, lead, coach, coachee = await make_dyad(bot)
    baseline = await coachee.expect("Leadership confidence")
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])

    await lead.send("/close")
    question = await lead.message_with_button("Close the program")
    await lead.press("Close the program", question)

    await lead.expect_edit(question["message_id"], "“Leaders 2027” is closed")
    await coach.expect("Looking back on the program")
    await bot.client.wait_for_message(
        coachee.id, "End of the program: Leadership confidence",
        after_message_id=baseline["message_id"]
    )
    async with bot.db() as session:
        program = await session.get(Program, program_id)
        assert program is not None and program.status == ProgramStatus.CLOSED
        final = await session.scalars(select(Prompt).where(Prompt.kind != PromptKind.BASELINE_SE))
        kinds = {(p.kind, p.side, p.instrument_id) for p in final}
    assert kinds == {
        (PromptKind.FINAL_SE, Role.COACHEE, "self_efficacy"),
        (PromptKind.END_ALLIANCE, Role.COACH, "end_alliance"),
    }
    await lead.send("/close")
    await lead.expect("None of your programs is open")


async def test_logs_carry_ids_never_names_or_typed_text(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    _, lead = await _lead(bot)

    await _invite_through_telegram(lead, "coach", "Zebulon Quixote")
    await lead.send("/newprogram")
    await lead.send("Secret Cohort Name")
    await lead.send("Not/AZone")
    await lead.expect("I don't know that time zone")

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "invited person" in logged
    for typed in ("Zebulon", "Secret Cohort", "Not/AZone", "Lea Lead"):
        assert typed not in logged
