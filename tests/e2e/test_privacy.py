"""Everyone's say over their data: /mydata, /forget, /pause, /resume, /language."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from alliance.core.models import (
    Answer,
    AuditEvent,
    Base,
    CoachingSession,
    Comment,
    Dyad,
    Nudge,
    NudgeDecision,
    Person,
    PersonState,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.questionnaires.prompts import schedule_prompt
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.e2e.people import forget, make_dyad

COACHEE_VALUE = 7.25
COACH_VALUE = 2.75
COMMENT = "I felt unheard about the delegation goal"


async def _checkin_with_answers(bot: BotHarness, program_id: int) -> None:
    """One held session: both answered, the coachee commented (and shared it), a nudge fired."""
    now = bot.clock.now()
    async with bot.db() as session:
        dyad = (await session.scalars(select(Dyad).where(Dyad.program_id == program_id))).one()
        held = CoachingSession(dyad_id=dyad.id, status=SessionStatus.HELD, held_at=now,
                               sequence=1)
        session.add(held)
        await session.flush()
        for recipient, side, value in ((dyad.coachee_id, Role.COACHEE, COACHEE_VALUE),
                                       (dyad.coach_id, Role.COACH, COACH_VALUE)):
            prompt = Prompt(kind=PromptKind.CHECKIN, occasion=f"session:{held.id}",
                            recipient_id=recipient, program_id=program_id, dyad_id=dyad.id,
                            session_id=held.id, side=side, state=PromptState.ANSWERED,
                            due_at=now, answered_at=now)
            session.add(prompt)
            await session.flush()
            session.add(Answer(prompt_id=prompt.id, item_id="goal", value=value, answered_at=now))
            if side == Role.COACHEE:
                session.add(Comment(prompt_id=prompt.id, author_id=recipient, text=COMMENT,
                                    shared=True, shared_at=now))
        decision = NudgeDecision(dyad_id=dyad.id, session_id=held.id, fired=True, rule="rupture",
                                 d=COACH_VALUE - COACHEE_VALUE,
                                 details={"coachee_score": COACHEE_VALUE})
        session.add(decision)
        await session.flush()
        session.add(Nudge(decision_id=decision.id, dyad_id=dyad.id, session_id=held.id,
                          coach_id=dyad.coach_id, rule="rupture", kind="check_in", due_at=now,
                          numbers={"coachee_score": COACHEE_VALUE}))


async def _my_data(bot: BotHarness, user: SimulatedUser) -> dict[str, Any]:
    await user.send("/mydata")
    await user.expect(t(user.lang, "privacy.mydata_intro"))
    message = await user.expect(lambda m: bool(m["documents"]))
    document = message["documents"][0]
    assert document["file_name"] == "my-data.json"
    telegram_file = await bot.app.bot.get_file(document["file_id"])
    return json.loads(bytes(await telegram_file.download_as_bytearray()))  # type: ignore[no-any-return]


async def test_mydata_is_a_file_with_my_profile_memberships_answers_and_comments(
    bot: BotHarness,
) -> None:
    program_id, _, _, coachee = await make_dyad(bot)
    await _checkin_with_answers(bot, program_id)

    data = await _my_data(bot, coachee)

    assert data["profile"]["name"] == "Cam Coachee"
    assert data["profile"]["telegram_user_id"] == coachee.id
    assert [(m["program"], m["role"]) for m in data["memberships"]] == [("Leaders 2027",
                                                                         "coachee")]
    answers = [(a["question"], a["answer"]) for q in data["questions"] for a in q["answers"]]
    assert answers == [("Today we worked on what matters to me.", COACHEE_VALUE)]
    assert {q["kind"] for q in data["questions"]} == {"baseline_se", "checkin"}
    assert {q["questionnaire"] for q in data["questions"]} == {
        "Session check-in", "Leadership confidence"
    }
    assert [c["text"] for c in data["comments"]] == [COMMENT]
    assert "goal" not in json.dumps(data["questions"])


async def test_mydata_words_each_question_in_the_persons_language(bot: BotHarness) -> None:
    program_id, _, _, coachee = await make_dyad(bot, lang="fr")
    await _checkin_with_answers(bot, program_id)

    data = await _my_data(bot, coachee)

    assert [(a["question"], a["answer"]) for q in data["questions"] for a in q["answers"]] == [
        ("Aujourd'hui, nous avons travaillé sur ce qui compte pour moi.", COACHEE_VALUE)
    ]
    assert "Bilan de la séance" in {q["questionnaire"] for q in data["questions"]}


async def _summary(user: SimulatedUser) -> str:
    await user.send("/mydata")
    summary = await user.expect(t(user.lang, "privacy.mydata_intro"))
    await user.expect(lambda m: bool(m["documents"]))
    return str(summary["text"])


async def test_mydata_first_says_in_words_what_is_stored(bot: BotHarness) -> None:
    program_id, _, coach, coachee = await make_dyad(bot)
    await _checkin_with_answers(bot, program_id)
    async with bot.db() as session:
        program = await session.get(Program, program_id)
        assert program is not None
        today = bot.clock.now().astimezone(ZoneInfo(program.timezone)).date().isoformat()

    summary = await _summary(coachee)

    assert "In “Leaders 2027” you are enrolled as coachee." in summary
    assert f"You agreed to take part on {today}." in summary
    assert "You answered one session check-in." in summary
    assert "One comment you wrote is stored." in summary
    assert "You chose to share one comment with your coach." in summary
    assert "send /forget" in summary
    assert COMMENT not in summary and str(COACHEE_VALUE) not in summary
    coach_summary = await _summary(coach)
    assert "enrolled as coach." in coach_summary
    assert "You answered one session check-in." in coach_summary
    assert "No comment of yours is stored." in coach_summary and "share" not in coach_summary


async def test_mydata_summary_in_french(bot: BotHarness) -> None:
    program_id, _, _, coachee = await make_dyad(bot, lang="fr")
    await _checkin_with_answers(bot, program_id)

    summary = await _summary(coachee)

    membership = "Dans «\u00a0Leaders 2027\u00a0», vous participez à titre de personne coachée."
    assert membership in summary
    assert "Vous avez accepté de participer le " in summary
    assert "Vous avez répondu à un bilan de séance." in summary
    assert "Un commentaire que vous avez écrit est conservé." in summary
    assert "Vous avez choisi de partager un commentaire avec votre coach." in summary
    assert "envoyez /forget" in summary


async def test_a_coachs_mydata_holds_nothing_of_their_coachees_answers(bot: BotHarness) -> None:
    program_id, _, coach, _ = await make_dyad(bot)
    await _checkin_with_answers(bot, program_id)

    data = await _my_data(bot, coach)
    raw = json.dumps(data)

    assert [a["answer"] for q in data["questions"] for a in q["answers"]] == [COACH_VALUE]
    assert str(COACHEE_VALUE) not in raw and COMMENT not in raw
    assert "Cam Coachee" not in raw and "coachee_score" not in raw
    assert [n["kind"] for n in data["nudges_received"]] == ["check_in"]


async def _everything_stored(bot: BotHarness) -> list[Any]:
    async with bot.db() as session:
        values: list[Any] = []
        for table in Base.metadata.sorted_tables:
            for row in await session.execute(select(table)):
                values.extend(row)
        return values


async def test_forget_erases_identity_answers_and_comments_and_leaves_nothing_behind(
    bot: BotHarness,
) -> None:
    program_id, _, _, coachee = await make_dyad(bot)
    await _checkin_with_answers(bot, program_id)

    await forget(coachee)

    for value in await _everything_stored(bot):
        assert value != coachee.id
        if isinstance(value, str):
            assert "Cam Coachee" not in value and COMMENT not in value
        if isinstance(value, dict):
            assert COACHEE_VALUE not in value.values()
    async with bot.db() as session:
        assert COACHEE_VALUE not in set(await session.scalars(select(Answer.value)))
        assert list(await session.scalars(select(Comment))) == []
        erased = (await session.scalars(
            select(Person).where(Person.state == PersonState.ERASED)
        )).one()
        assert erased.display_name is None and erased.telegram_user_id is None
        event = (await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "person_erased")
        )).one()
        assert event.details == {}
        assert COACH_VALUE in set(await session.scalars(select(Answer.value)))


async def test_after_forget_the_bot_treats_the_person_as_a_stranger(bot: BotHarness) -> None:
    _, _, _, coachee = await make_dyad(bot)
    await forget(coachee)

    await coachee.send("/mydata")
    await coachee.expect("not enrolled in a program yet")
    await coachee.send("/help")
    await coachee.expect("open the invitation link your program lead sent you")


async def test_forget_can_be_called_off(bot: BotHarness) -> None:
    _, _, coach, _ = await make_dyad(bot)

    await coach.send("/forget")
    question = await coach.message_with_button("Keep my data")
    await coach.press("Keep my data", question)

    await coach.expect_edit(question["message_id"], "Nothing was erased.")
    async with bot.db() as session:
        person = await session.scalar(select(Person).where(Person.telegram_user_id == coach.id))
        assert person is not None and person.state == PersonState.ACTIVE


async def _final_questionnaire_due_now(bot: BotHarness, program_id: int) -> None:
    async with bot.db() as session:
        program = await session.get(Program, program_id)
        dyad = (await session.scalars(select(Dyad).where(Dyad.program_id == program_id))).one()
        assert program is not None
        await schedule_prompt(
            session, program=program, kind=PromptKind.FINAL_SE, recipient_id=dyad.coachee_id,
            side=Role.COACHEE, occasion=f"program:{program_id}:final", due_at=bot.clock.now(),
            instrument_id="self_efficacy", dyad_id=dyad.id,
        )


async def test_pause_stops_prompts_until_resume(bot: BotHarness) -> None:
    program_id, _, _, coachee = await make_dyad(bot)
    baseline = await coachee.expect("Leadership confidence")

    await coachee.send("/pause")
    paused = await coachee.expect("Your participation is paused")
    await _final_questionnaire_due_now(bot, program_id)
    await bot.dispatch()
    assert [m for m in await coachee.messages() if m["message_id"] > paused["message_id"]] == []

    await coachee.send("/resume")
    await coachee.expect("Welcome back!")
    await bot.dispatch()
    await bot.client.wait_for_message(
        coachee.id, "Leadership confidence", after_message_id=baseline["message_id"]
    )


async def test_pause_and_resume_explain_when_they_do_not_apply(bot: BotHarness) -> None:
    _, _, coach, _ = await make_dyad(bot)

    await coach.send("/resume")
    await coach.expect("is not paused")
    await coach.send("/pause")
    await coach.expect("Your participation is paused")
    await coach.send("/pause")
    await coach.expect("already paused")


async def test_language_switches_the_texts_and_the_command_menu(bot: BotHarness) -> None:
    _, _, coach, _ = await make_dyad(bot)

    await coach.send("/language")
    question = await coach.message_with_button("Français")
    await coach.press("Français", question)
    await coach.expect_edit(question["message_id"], "je vous écrirai en français")
    await coach.send("/help")

    await coach.expect("À titre de coach")
    menus = {e["scope"]: e["commands"] for e in await bot.client.commands()}
    menu = next(cmds for scope, cmds in menus.items() if f'"chat_id": {coach.id}' in scope)
    assert {c["command"]: c["description"] for c in menu}["pause"] == (
        "Mettre votre participation en pause"
    )
