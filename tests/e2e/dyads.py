"""Dyads for end-to-end tests of sessions, check-ins and nudges: enrolled through the domain
(not the /start UI, which the enrolment tests cover), and questionnaires answered by button label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from alliance.core.models import Prompt, PromptKind, Role
from alliance.enrolment.invites import claim_invite
from bot.simulation import Message, SimulatedUser
from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.waiting import eventually

COACH_CHECKIN = [8, 8, 8, 8, 8]  # goal, task, bond, overall, predicted
COACHEE_CHECKIN = [8, 8, 8, 8]


@dataclass
class Dyad:
    program_id: int
    dyad_id: int
    coach: SimulatedUser
    coachee: SimulatedUser
    coach_id: int
    coachee_id: int


async def enrolled_dyad(
    bot: BotHarness,
    *,
    coachee_lang: str = "en",
    coach_lang: str = "en",
    program_id: int | None = None,
    coach: tuple[SimulatedUser, int] | None = None,
    coachee_name: str = "Alice",
    **program: Any,
) -> Dyad:
    """A coach and a coachee who consented, enrolled through the domain (not the /start UI)."""
    if program_id is None:
        program_id = await bot.program(**program)
    if coach is None:
        coach_user = await bot.user("Claire", coach_lang)
        issued = await bot.invite(program_id, Role.COACH, "Claire")
        await claim(bot, coach_user, issued.token)
        coach = (coach_user, issued.person.id)
    coachee_user = await bot.user(coachee_name, coachee_lang)
    issued = await bot.invite(program_id, Role.COACHEE, coachee_name, coach_id=coach[1])
    await claim(bot, coachee_user, issued.token)
    assert issued.dyad is not None
    return Dyad(program_id, issued.dyad.id, coach[0], coachee_user, coach[1], issued.person.id)


async def claim(bot: BotHarness, user: SimulatedUser, token: str) -> None:
    """Claim an invite through the domain, as if the person had agreed in Telegram."""
    async with bot.db() as session:
        await claim_invite(
            session=session,
            token=token,
            telegram_user_id=user.id,
            language=user.lang,
            now=bot.clock.now(),
        )


def progress(number: int, total: int) -> str:
    return f"Question {number}/{total}"


async def answer_questionnaire(
    user: SimulatedUser,
    values: list[int],
    message: Message | None = None,
    *,
    first: int = 1,
    total: int | None = None,
) -> Message:
    """Tap each value's button, waiting for the message to show that question first.

    By default `values` answer the whole questionnaire; `first`/`total` answer only part of it
    (questions `first`… of `total`) and return once the next question is shown.
    """
    total = total or first - 1 + len(values)
    if message is None:
        message = await user.expect(progress(first, total))
    for number, value in enumerate(values, start=first):
        shown = await user.expect_edit(message["message_id"], progress(number, total))
        await user.press(str(value), shown)
    after = first + len(values)
    if after <= total:
        return await user.expect_edit(message["message_id"], progress(after, total))
    return await user.expect_edit(
        message["message_id"], lambda m: "Question" not in (m.get("text") or "")
    )


async def count(bot: BotHarness, model: Any, *conditions: Any) -> int:
    async with bot.db() as session:
        return int(
            await session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0
        )


async def callback_answer(bot: BotHarness, pressed: dict[str, Any]) -> str:
    """The text the bot answered a button press with (waits for the answer)."""
    async def answered() -> dict[str, Any] | None:
        answer = await bot.client.callback(pressed["callback_query_id"])
        return answer if answer["answered"] else None

    answer = await eventually(answered, "the press to be answered")
    return str(answer.get("text") or "")


async def prompt_of(bot: BotHarness, kind: PromptKind, side: Role) -> Prompt:
    async with bot.db() as session:
        prompt = await session.scalar(
            select(Prompt).where(Prompt.kind == kind, Prompt.side == side)
        )
    assert prompt is not None
    return prompt


async def log_session(coach: SimulatedUser) -> Message:
    """The coach of one coachee sends `/session` and confirms it; returns the edited message
    ("Session n with … is logged", with its Undo button)."""
    yes = t(coach.lang, "session.button.log_yes")
    await coach.send("/session")
    question = await coach.expect(
        lambda m: any(b["text"] == yes for row in m.get("buttons") or [] for b in row))
    await coach.press(yes, question)
    logged = await coach.expect_edit(question["message_id"],
                                     lambda m: m.get("text") != question["text"])
    coach.mark = question["message_id"] - 1  # what follows can expect the edit like a reply
    return logged


async def logged_session(bot: BotHarness, **options: Any) -> Any:
    dyad = await enrolled_dyad(bot, **options)
    await log_session(dyad.coach)
    return dyad
