"""Invite links cannot be guessed: failed links are limited per Telegram user, across restarts,
and past the limit even a real link gets the same answer; two people racing one link: one wins."""

from __future__ import annotations

import asyncio
import secrets

from sqlalchemy import func, select

from alliance.core.models import Invite, InviteAttempt, Membership, Person, Role
from alliance.enrolment.invite_limits import ATTEMPT_WINDOW, FAILED_ATTEMPTS_ALLOWED
from bot.simulation import SimulatedUser
from tests.e2e.dyads import callback_answer
from tests.e2e.harness import BotHarness

LIMITED = "Too many invitation links you opened in the last hour did not work"


def _guess() -> str:
    return secrets.token_urlsafe(24)


async def _fail_until_limited(user: SimulatedUser) -> None:
    for _ in range(FAILED_ATTEMPTS_ALLOWED):
        await user.send(f"/start {_guess()}")
        await user.expect("don't recognise this invitation link")


async def test_after_ten_failed_links_even_a_real_one_gets_the_same_refusal(
    bot: BotHarness,
) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    guesser = await bot.user("Mallory")
    await _fail_until_limited(guesser)

    await guesser.send(f"/start {_guess()}")
    refusal_for_a_guess = await guesser.expect(LIMITED)
    await guesser.send(f"/start {invite.token}")
    refusal_for_the_real_link = await guesser.expect(LIMITED)

    assert refusal_for_the_real_link["text"] == refusal_for_a_guess["text"]

    assert "I agree" not in await guesser.all_text()
    async with bot.db() as session:
        assert await session.scalar(select(func.count(InviteAttempt.id))) == (
            FAILED_ATTEMPTS_ALLOWED
        )


async def test_the_limit_holds_across_a_restart_and_lifts_after_an_hour(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    guesser = await bot.user("Mallory")
    await _fail_until_limited(guesser)

    await bot.restart_bot()
    await guesser.send(f"/start {invite.token}")
    await guesser.expect(LIMITED)

    bot.advance(seconds=ATTEMPT_WINDOW.total_seconds() + 1)
    await guesser.send(f"/start {invite.token}")
    await guesser.message_with_button("I agree")


async def test_a_forged_consent_button_counts_as_a_failed_link(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    guesser = await bot.user("Mallory")
    await guesser.send(f"/start {invite.token}")
    consent = await guesser.message_with_button("I agree")

    for _ in range(FAILED_ATTEMPTS_ALLOWED):
        forged = await guesser.press_data(consent["message_id"], f"enrol:yes:{_guess()}")
        assert "don't recognise this invitation link" in await callback_answer(bot, forged)
    real = await guesser.press_data(consent["message_id"], f"enrol:yes:{invite.token}")

    assert LIMITED in await callback_answer(bot, real)
    assert (await guesser.messages())[-1]["message_id"] == consent["message_id"]
    async with bot.db() as session:
        stored = await session.scalar(select(Invite).where(Invite.id == invite.invite.id))
        assert stored is not None and stored.used_at is None


async def test_two_people_racing_one_link_exactly_one_wins(bot: BotHarness) -> None:
    program_id = await bot.program()
    invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    first, second = await bot.user("Cole"), await bot.user("Mallory")
    consents = []
    for user in (first, second):
        await user.send(f"/start {invite.token}")
        consents.append(await user.message_with_button("I agree"))

    presses = await asyncio.gather(*(
        user.press("I agree", consent) for user, consent in zip((first, second), consents,
                                                                 strict=True)
    ))
    toasts = await asyncio.gather(*(callback_answer(bot, pressed) for pressed in presses))

    refused = [i for i, toast in enumerate(toasts) if "already been used" in toast]
    assert len(refused) == 1
    loser = (first, second)[refused[0]]
    winner = second if loser is first else first
    await winner.expect("consent is recorded")
    assert "consent is recorded" not in await loser.all_text()
    async with bot.db() as session:
        bound = await session.scalar(
            select(func.count(Person.id)).where(Person.telegram_user_id.in_([first.id, second.id]))
        )
        coaches = await session.scalar(
            select(func.count(Membership.id)).where(Membership.role == Role.COACH)
        )
    assert (bound, coaches) == (1, 1)
