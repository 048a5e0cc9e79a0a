"""Creating prompts: the rows that say "ask this person this, from then on".

Creation is idempotent: a prompt is keyed by (kind, recipient, occasion), so a retried or
duplicated request returns the prompt that already exists instead of asking twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.db import insert_all_new
from alliance.core.models import Program, Prompt, PromptKind, PromptState, Role
from alliance.delivery.queue import enqueue, enqueue_many
from alliance.delivery.queue_model import OutboundKind


def occasion_for_session(session_id: int) -> str:
    return f"session:{session_id}"


def occasion_for_program(program_id: int, stage: str) -> str:
    return f"program:{program_id}:{stage}"


async def find_prompt(
    session: AsyncSession, *, kind: PromptKind, recipient_id: int, occasion: str
) -> Prompt | None:
    return await session.scalar(
        select(Prompt).where(
            Prompt.kind == kind, Prompt.recipient_id == recipient_id, Prompt.occasion == occasion
        )
    )


@dataclass(frozen=True)
class PromptToAsk:
    """One prompt of a batch for `schedule_prompts`."""

    kind: PromptKind
    recipient_id: int
    side: Role
    occasion: str
    instrument_id: str | None = None
    dyad_id: int | None = None
    expires_at: datetime | None = None


def _prompt_values(
    program: Program, ask: PromptToAsk, due_at: datetime, *, session_id: int | None = None,
    remind: bool = True,
) -> dict[str, Any]:
    """A new prompt's columns: pending, due now, reminded and closed after the program's
    delays unless overridden."""
    return {
        "kind": ask.kind, "occasion": ask.occasion, "recipient_id": ask.recipient_id,
        "program_id": program.id, "dyad_id": ask.dyad_id, "session_id": session_id,
        "side": ask.side, "instrument_id": ask.instrument_id, "state": PromptState.PENDING,
        "due_at": due_at,
        "reminder_due_at": (
            due_at + timedelta(minutes=program.reminder_delay_minutes) if remind else None
        ),
        "expires_at": ask.expires_at or due_at + timedelta(minutes=program.expiry_minutes),
    }


async def schedule_prompt(
    session: AsyncSession,
    *,
    program: Program,
    kind: PromptKind,
    recipient_id: int,
    side: Role,
    occasion: str,
    due_at: datetime,
    instrument_id: str | None = None,
    dyad_id: int | None = None,
    session_id: int | None = None,
    expires_at: datetime | None = None,
    remind: bool = True,
) -> Prompt:
    """Create the prompt (or return the existing one) with the program's reminder and expiry,
    and queue its message. `expires_at` and `remind` override the program's defaults."""
    existing = await find_prompt(session, kind=kind, recipient_id=recipient_id, occasion=occasion)
    if existing is not None:
        return existing
    ask = PromptToAsk(kind, recipient_id, side, occasion, instrument_id, dyad_id, expires_at)
    prompt = Prompt(**_prompt_values(program, ask, due_at, session_id=session_id, remind=remind))
    try:
        async with session.begin_nested():
            session.add(prompt)
    except IntegrityError:
        raced = await find_prompt(session, kind=kind, recipient_id=recipient_id, occasion=occasion)
        assert raced is not None
        return raced
    await enqueue(
        session, kind=OutboundKind.PROMPT, key=f"prompt:{prompt.id}", recipient_id=recipient_id,
        due_at=due_at, expires_at=prompt.expires_at, program_id=program.id, prompt_id=prompt.id,
        session_id=session_id,
    )
    return prompt


async def schedule_prompts(
    session: AsyncSession, *, program: Program, prompts: list[PromptToAsk], due_at: datetime
) -> int:
    """`schedule_prompt` for a whole batch (a closing program's questionnaires) in two
    statements, prompts then their messages; prompts that exist already are left as they are.
    Returns how many were new."""
    rows = [_prompt_values(program, ask, due_at) for ask in prompts]
    created = await insert_all_new(
        session, Prompt, rows, Prompt.id, Prompt.recipient_id, Prompt.expires_at
    )
    await enqueue_many(session, [
        {"kind": OutboundKind.PROMPT, "key": f"prompt:{prompt_id}", "recipient_id": recipient,
         "due_at": due_at, "expires_at": expires_at, "program_id": program.id,
         "prompt_id": prompt_id}
        for prompt_id, recipient, expires_at in created
    ])
    return len(created)
