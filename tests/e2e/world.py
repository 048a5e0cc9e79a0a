"""Two programs with everything a button can point at, for adversarial tests.

Program A and program B each have a lead, a coach and a coachee, a held session with both
check-ins waiting, a scheduled session whose outcome is asked, a session the coachee reported
for the coach to confirm, and a nudge. A stranger has no account. `press` taps raw callback
data on a fresh message and returns what the bot answered; `snapshot` reads every table so a
test can prove that a refused action changed nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from string import Formatter
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    Base,
    CoachingSession,
    InviteAttempt,
    Nudge,
    NudgeDecision,
    ProcessedUpdate,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.core.models_state import ConversationState
from bot.simulation import SimulatedUser
from bot.texts import placeholders, t
from tests.e2e.dyads import Dyad, claim, enrolled_dyad
from tests.e2e.harness import BotHarness
from tests.waiting import DEADLINE

ROLES = ("stranger", "coachee", "coach", "lead", "other_lead")


@dataclass
class Things:
    """The ids inside one program that buttons carry."""

    program_id: int
    dyad_id: int
    coach_id: int
    coachee_id: int
    held_session_id: int
    coachee_checkin: int
    coach_checkin: int
    outcome_prompt: int
    confirm_prompt: int
    nudge_id: int


@dataclass
class World:
    users: dict[str, SimulatedUser]
    a: Things  # the program of "lead", "coach", "coachee"
    b: Things  # the program of "other_lead"


async def _activity(bot: BotHarness, dyad: Dyad) -> Things:
    """A held session with both check-ins sent, an outcome and a confirm question, a nudge."""
    now = bot.clock.now()
    async with bot.db() as db:
        held = CoachingSession(
            dyad_id=dyad.dyad_id, status=SessionStatus.HELD, held_at=now, sequence=1
        )
        planned = CoachingSession(
            dyad_id=dyad.dyad_id, status=SessionStatus.SCHEDULED,
            scheduled_start=now - timedelta(hours=2), scheduled_end=now - timedelta(hours=1),
        )
        reported = CoachingSession(
            dyad_id=dyad.dyad_id, status=SessionStatus.AWAITING_CONFIRMATION,
            reported_by_id=dyad.coachee_id,
        )
        db.add_all([held, planned, reported])
        await db.flush()

        def prompt(kind: PromptKind, recipient: int, side: Role, session_id: int) -> Prompt:
            return Prompt(
                kind=kind, occasion=f"session:{session_id}", recipient_id=recipient,
                program_id=dyad.program_id, dyad_id=dyad.dyad_id, session_id=session_id,
                side=side, state=PromptState.SENT, due_at=now, sent_at=now,
                expires_at=now + timedelta(days=3),
            )

        prompts = [
            prompt(PromptKind.CHECKIN, dyad.coachee_id, Role.COACHEE, held.id),
            prompt(PromptKind.CHECKIN, dyad.coach_id, Role.COACH, held.id),
            prompt(PromptKind.SESSION_OUTCOME, dyad.coach_id, Role.COACH, planned.id),
            prompt(PromptKind.SESSION_CONFIRM, dyad.coach_id, Role.COACH, reported.id),
        ]
        db.add_all(prompts)
        decision = NudgeDecision(dyad_id=dyad.dyad_id, session_id=held.id, fired=True,
                                 rule="rupture", d=-2.0, details={})
        db.add(decision)
        await db.flush()
        nudge = Nudge(decision_id=decision.id, dyad_id=dyad.dyad_id, session_id=held.id,
                      coach_id=dyad.coach_id, rule="rupture", kind="check_in", due_at=now,
                      sent_at=now)
        db.add(nudge)
        await db.flush()
        return Things(
            dyad.program_id, dyad.dyad_id, dyad.coach_id, dyad.coachee_id, held.id,
            *(p.id for p in prompts), nudge.id,
        )


async def _program_with_lead(
    bot: BotHarness, name: str
) -> tuple[SimulatedUser, Things, Dyad]:
    dyad = await enrolled_dyad(bot, name=name, coachee_name=f"{name} coachee")
    lead = await bot.user(f"{name} lead")
    issued = await bot.invite(dyad.program_id, Role.LEAD, f"{name} lead")
    await claim(bot, lead, issued.token)
    things = await _activity(bot, dyad)
    return lead, things, dyad


async def build_world(bot: BotHarness) -> World:
    lead_a, a, dyad_a = await _program_with_lead(bot, "Program A")
    lead_b, b, _ = await _program_with_lead(bot, "Program B")
    stranger = await bot.user("Stan")
    users = {
        "stranger": stranger, "coachee": dyad_a.coachee, "coach": dyad_a.coach,
        "lead": lead_a, "other_lead": lead_b,
    }
    return World(users, a, b)


async def fresh_message(user: SimulatedUser, stranger: bool) -> int:
    """A new bot message in the user's chat (the /help reply) to press buttons on.

    Fresh each time: an edit that repeats a message's text is "not modified" and would be
    invisible.
    """
    await user.send("/help")
    message = await user.expect(literal(user.lang, "help.stranger" if stranger else "help.intro"))
    return int(message["message_id"])


async def press(
    bot: BotHarness,
    user: SimulatedUser,
    data: str,
    expected: str | Sequence[str],
    *,
    stranger: bool = False,
) -> str:
    """Tap `data` on a fresh message; wait until the bot's answer, an edit of that message, or
    a new message contains `expected` (or one of them), and return it (a TimeoutError lists
    what was seen)."""
    wanted = [expected] if isinstance(expected, str) else list(expected)
    message_id = await fresh_message(user, stranger)
    pressed = await user.press_data(message_id, data)
    seen: list[str] = []
    deadline = asyncio.get_running_loop().time() + DEADLINE
    while asyncio.get_running_loop().time() < deadline:
        answer = await bot.client.callback(pressed["callback_query_id"])
        seen = [str(answer.get("text") or "")] if answer["answered"] else []
        for message in await user.messages():
            if message["message_id"] > message_id or (
                message["message_id"] == message_id and message["edits"]
            ):
                seen.append(message.get("text") or "")
        found = next((text for text in seen for w in wanted if w in text), None)
        if found is not None:
            return found
        await asyncio.sleep(0.025)
    raise TimeoutError(f"{user.name} pressed {data!r}: expected {expected!r}, saw {seen}")


def literal(lang: str, key: str) -> str:
    """The longest fixed part of a text (placeholders vary), to recognise it in a reply."""
    text = t(lang, key)
    if not placeholders(text):
        return text
    return max((chunk for chunk, *_ in Formatter().parse(text)), key=len).strip()


_CONVERSATION_LOGS = {
    ProcessedUpdate.__tablename__, InviteAttempt.__tablename__, ConversationState.__tablename__,
}


async def snapshot(db: AsyncSession) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but three logs of the conversation itself: update ids (each
    update adds one), failed invites (a refused token counts against its sender, by design) and
    conversation states (an allowed step, like opening a draft, records where the chat is)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in _CONVERSATION_LOGS:
            continue
        result = await db.execute(select(table))
        rows[table.name] = sorted((tuple(r) for r in result), key=repr)
    return rows
