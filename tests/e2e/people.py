"""People for end-to-end tests: enrol a simulated user through their invite, or a whole dyad.

Everything goes through Telegram as a person would do it: `/start <token>`, the consent button,
the welcome message. Other test modules build on `make_dyad` for a ready program.
"""

from __future__ import annotations

from alliance.core.models import Role
from alliance.enrolment.invites import IssuedInvite
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.harness import BotHarness


async def enrol(bot: BotHarness, user: SimulatedUser, invite: IssuedInvite) -> None:
    """Open the invite link, agree, and wait for the welcome (in the user's language)."""
    await user.send(f"/start {invite.token}")
    await user.press(t(user.lang, "enrol.agree"))
    await user.expect(t(user.lang, "enrol.welcome_heading"))


async def make_dyad(
    bot: BotHarness, *, lang: str = "en"
) -> tuple[int, SimulatedUser, SimulatedUser, SimulatedUser]:
    """A program with an enrolled lead, coach and coachee: (program_id, lead, coach, coachee).

    The coachee's baseline questionnaire is scheduled on enrolment, as in real use.
    """
    program_id = await bot.program()
    lead = await bot.user("Lea", lang)
    await enrol(bot, lead, await bot.invite(program_id, Role.LEAD, "Lea Lead"))
    coach = await bot.user("Cole", lang)
    coach_invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    await enrol(bot, coach, coach_invite)
    coachee = await bot.user("Cam", lang)
    await enrol(
        bot, coachee,
        await bot.invite(program_id, Role.COACHEE, "Cam Coachee", coach_id=coach_invite.person.id),
    )
    return program_id, lead, coach, coachee


async def forget(user: SimulatedUser) -> None:
    """`/forget`, confirmed, until the bot says it is done (in English)."""
    await user.send("/forget")
    question = await user.message_with_button("Erase everything")
    await user.press("Erase everything", question)
    await user.expect_edit(question["message_id"], "has been erased")
