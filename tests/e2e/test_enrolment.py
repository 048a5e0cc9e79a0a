"""Joining through a deep link, as leads, coaches and coachees do it in Telegram."""

from __future__ import annotations

from sqlalchemy import func, select

from alliance.core.models import Base, Invite, Person, PersonState, Prompt, PromptKind, Role
from alliance.enrolment.invites import hash_token
from bot.simulation import Message, SimulatedUser
from bot.texts import language_of, t
from tests.e2e.dyads import callback_answer
from tests.e2e.harness import BotHarness
from tests.e2e.people import enrol, make_dyad


async def _person(bot: BotHarness, telegram_id: int) -> Person | None:
    async with bot.db() as session:
        return await session.scalar(select(Person).where(Person.telegram_user_id == telegram_id))


async def _now(user: SimulatedUser, message: Message) -> Message:
    """The message as the chat shows it now (its text and buttons after any edit)."""
    return next(m for m in await user.messages() if m["message_id"] == message["message_id"])


async def _asked_consent(bot: BotHarness, lang: str = "en") -> tuple[SimulatedUser, Message]:
    """A coach invited to "Leaders 2027" who opened their link: (user, the consent question)."""
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    user = await bot.user("Cole", lang)
    await user.send(f"/start {invite.token}")
    return user, await user.message_with_button(t(language_of(lang), "enrol.agree"))


async def _kept_without_buttons(user: SimulatedUser, consent: Message) -> None:
    shown = await _now(user, consent)
    assert shown["text"] == consent["text"] and not shown["buttons"]


async def _stored_values(bot: BotHarness) -> list[object]:
    """Every value in every table, to show that something was never written."""
    async with bot.db() as session:
        values: list[object] = []
        for table in Base.metadata.sorted_tables:
            for row in await session.execute(select(table)):
                values.extend(row)
        return values


async def test_lead_coach_and_coachee_enrol_and_the_coachee_gets_the_baseline(
    bot: BotHarness,
) -> None:
    program_id, lead, coach, coachee = await make_dyad(bot)

    await coachee.expect("Leadership confidence")
    async with bot.db() as session:
        people = {
            p.telegram_user_id: p for p in await session.scalars(
                select(Person).where(Person.telegram_user_id.is_not(None))
            )
        }
        baseline = (await session.scalars(select(Prompt))).one()
    assert {people[u.id].display_name for u in (lead, coach, coachee)} == {
        "Lea Lead", "Cole Coach", "Cam Coachee"
    }
    assert all(p.state == PersonState.ACTIVE and p.consent_at for p in people.values())
    assert baseline.kind == PromptKind.BASELINE_SE
    assert baseline.recipient_id == people[coachee.id].id
    assert baseline.instrument_id == "self_efficacy"
    assert baseline.dyad_id is not None and baseline.program_id == program_id
    assert "Leadership confidence" not in await coach.all_text()


async def test_each_role_gets_its_own_welcome_and_command_menu(bot: BotHarness) -> None:
    _, lead, coach, coachee = await make_dyad(bot)

    assert "/invite" in await lead.all_text()
    assert "/session" in await coach.all_text()
    assert "30 seconds" in await coachee.all_text()
    menus = {
        entry["scope"]: [c["command"] for c in entry["commands"]]
        for entry in await bot.client.commands()
    }
    by_chat = {u.id: next(cmds for scope, cmds in menus.items() if f'"chat_id": {u.id}' in scope)
               for u in (lead, coach, coachee)}
    assert "invite" in by_chat[lead.id] and "session" not in by_chat[lead.id]
    assert "schedule" in by_chat[coach.id] and "invite" not in by_chat[coach.id]
    assert "forget" in by_chat[coachee.id] and "schedule" not in by_chat[coachee.id]


async def test_consent_says_what_is_collected_and_who_sees_what(bot: BotHarness) -> None:
    program_id = await bot.program()
    coach = await bot.invite(program_id, Role.COACH, "Cole Coach")
    invite = await bot.invite(program_id, Role.COACHEE, "Cam", coach_id=coach.person.id)
    user = await bot.user("Cam")

    await user.send(f"/start {invite.token}")
    consent = await user.message_with_button("I agree")

    text = consent["text"]
    assert "Leaders 2027" in text and "Cole Coach" in text
    assert "never sees a coachee's answers" in text
    assert "fewer than 5" in text
    assert "never used as a score of a coach's performance" in text
    assert "may analyse the answers, pseudonymised" in text and "to evaluate the program" in text
    assert all(len(b["data"].encode()) <= 64 for row in consent["buttons"] for b in row)


async def test_the_consent_text_stays_in_the_chat_and_the_welcome_follows_it(
    bot: BotHarness,
) -> None:
    user, consent = await _asked_consent(bot)

    await user.press("I agree", consent)
    welcome = await user.expect("Welcome aboard!")

    assert "Thank you, your consent is recorded." in welcome["text"]
    assert "You are a coach in “Leaders 2027”" in welcome["text"]
    assert welcome["message_id"] > consent["message_id"]
    assert "Do you agree to take part?" in consent["text"]
    await _kept_without_buttons(user, consent)


async def test_declining_consent_stores_nothing_and_the_link_still_works(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    user = await bot.user("Cole")

    await user.send(f"/start {invite.token}")
    consent = await user.message_with_button("No thanks")
    await user.press("No thanks", consent)
    await user.expect("nothing about you has been stored")

    await _kept_without_buttons(user, consent)

    assert user.id not in await _stored_values(bot)
    async with bot.db() as session:
        stored = await session.scalar(
            select(Invite).where(Invite.token_hash == hash_token(invite.token))
        )
        assert stored is not None and stored.used_at is None
    await enrol(bot, user, invite)
    assert (await _person(bot, user.id)) is not None


async def test_a_used_link_is_refused_and_changes_nothing(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    first, second = await bot.user("Cole"), await bot.user("Mallory")
    await enrol(bot, first, invite)

    await second.send(f"/start {invite.token}")

    await second.expect("already been used")
    assert await _person(bot, second.id) is None
    assert "I agree" not in await second.all_text()


async def test_the_same_person_reopening_their_link_is_told_they_are_enrolled(
    bot: BotHarness,
) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    user = await bot.user("Cole")
    await enrol(bot, user, invite)

    await user.send(f"/start {invite.token}")

    await user.expect("already enrolled")


async def test_an_expired_link_is_refused(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    user = await bot.user("Cole")
    bot.advance(days=15)

    await user.send(f"/start {invite.token}")

    await user.expect("has expired")
    assert await _person(bot, user.id) is None


async def test_a_link_that_expires_before_the_tap_is_refused_at_the_tap(bot: BotHarness) -> None:
    user, consent = await _asked_consent(bot)
    bot.advance(days=15)

    pressed = await user.press("I agree", consent)

    assert "has expired" in await callback_answer(bot, pressed)
    assert await _now(user, consent) == consent  # no edit, no new message
    assert (await user.messages())[-1]["message_id"] == consent["message_id"]
    assert await _person(bot, user.id) is None
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).where(Invite.used_at.is_not(None))) == 0


async def test_an_unknown_link_is_refused(bot: BotHarness) -> None:
    user = await bot.user("Eve")

    await user.send("/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    await user.expect("don't recognise this invitation link")
    await user.send("/start not-a-token!")
    await user.expect("don't recognise this invitation link")


async def test_start_without_a_token_explains_how_to_join_or_helps_a_member(
    bot: BotHarness,
) -> None:
    _, lead, _, _ = await make_dyad(bot)
    stranger = await bot.user("Sam")

    await stranger.send("/start")
    await stranger.expect("open the one-time invitation link")
    await lead.send("/start")
    await lead.expect(lambda m: "/newprogram" in (m["text"] or "") and "/mydata" in m["text"])


async def test_a_french_speaker_enrols_in_french(bot: BotHarness) -> None:
    user, consent = await _asked_consent(bot, "fr-CA")

    await user.press(t("fr", "enrol.agree"), consent)
    welcome = await user.expect(t("fr", "enrol.welcome_heading"))

    assert "ne voit jamais les réponses" in consent["text"]
    assert t("fr", "enrol.consent_recorded") in welcome["text"]
    await _kept_without_buttons(user, consent)
    person = await _person(bot, user.id)
    assert person is not None and person.language == "fr"


async def test_help_lists_what_each_role_can_do(bot: BotHarness) -> None:
    _, lead, coach, coachee = await make_dyad(bot)

    for user in (lead, coach, coachee):
        await user.send("/help")
    helps = {user.name: (await user.expect("Here is what you can do"))["text"]
             for user in (lead, coach, coachee)}

    assert "/invite" in helps["Lea"] and "/schedule" not in helps["Lea"]
    assert "/schedule" in helps["Cole"] and "/invite" not in helps["Cole"]
    assert "/invite" not in helps["Cam"] and "/schedule" not in helps["Cam"]
    assert all("/forget" in text and "never a score" in text for text in helps.values())
