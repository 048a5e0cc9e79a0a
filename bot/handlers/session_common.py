"""What the session handlers share: who may act, on which dyad, and how a step is shown."""

from __future__ import annotations

from typing import Any

from alliance.core.models import Person, PersonState
from alliance.sessions.records import DyadView, SessionRefused, coached_dyad
from bot.handlers.checkins import refuse
from bot.turn import Turn


def name_of(turn: Turn, person: Person | None, fallback: str = "session.someone") -> str:
    return (person.display_name if person else None) or turn.t(fallback)


def show(turn: Turn, edit: bool, text: str, markup: Any = None) -> None:
    """A step's message: the pressed message edited in place, or a reply to a command."""
    (turn.outbox.edit if edit else turn.outbox.reply)(text, markup)


def usable(turn: Turn) -> bool:
    """Enrolled and not paused; otherwise say why (a toast for a tap) and stop."""
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return False
    if turn.person.state == PersonState.PAUSED:
        turn.refuse("error.paused")
        return False
    return True


async def own_dyad(turn: Turn, dyad_id: int) -> DyadView | None:
    """The dyad if this person coaches it; a "not yours" toast otherwise."""
    assert turn.person is not None
    try:
        return await coached_dyad(turn.db, dyad_id, turn.person.id)
    except SessionRefused:
        refuse(turn, "not_yours")
        return None
