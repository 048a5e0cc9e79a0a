"""What `/mydata` tells a person in words: a summary of what is stored, and each question worded.

A person asking what we keep should not have to decode item ids, so the summary counts what is
stored about them and every answer in their file carries the question as they were asked it, from
their program's stored copy of the instrument. Only the person's own rows are read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    Comment,
    Membership,
    Person,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.instruments import Instrument, item_text
from alliance.programs.instruments import program_instruments
from alliance.reporting.analysis.answer_scores import instrument_for


@dataclass(frozen=True)
class Joined:
    program: str
    role: Role


@dataclass(frozen=True)
class DataSummary:
    memberships: tuple[Joined, ...]
    consented_on: date | None  # the day of the latest "I agree", in the person's zone
    checkins_answered: int
    questionnaires_answered: int
    comments: int
    comments_shared: int


async def summarise_person_data(session: AsyncSession, person_id: int) -> DataSummary:
    """Counts of what is stored about this person, for the sentences of `/mydata`."""
    rows = await session.execute(
        select(Membership, Program.name, Program.timezone)
        .join(Program, Program.id == Membership.program_id)
        .where(Membership.person_id == person_id)
        .order_by(Membership.id)
    )
    rows_found = rows.all()
    joined = tuple(Joined(name, membership.role) for membership, name, _ in rows_found)
    person = await session.get(Person, person_id)
    own = person.timezone if person is not None else None
    zone = ZoneInfo(own or rows_found[0][2]) if own or rows_found else UTC
    consented = person.consent_at if person is not None else None
    consented_on = consented.astimezone(zone).date() if consented is not None else None
    answered = {
        kind: count
        for kind, count in await session.execute(
            select(Prompt.kind, func.count(Prompt.id))
            .where(Prompt.recipient_id == person_id, Prompt.state == PromptState.ANSWERED)
            .group_by(Prompt.kind)
        )
    }
    comments, shared = (
        await session.execute(
            select(func.count(Comment.id), func.count(Comment.id).filter(Comment.shared))
            .where(Comment.author_id == person_id)
        )
    ).one()
    checkins = int(answered.pop(PromptKind.CHECKIN, 0))
    return DataSummary(
        joined, consented_on, checkins, int(sum(answered.values())), int(comments), int(shared)
    )


class Wording:
    """The instruments a person's prompts were asked with, to word their answers back to them."""

    def __init__(self, stored: dict[tuple[int, str], Instrument]) -> None:
        self._stored = stored

    @classmethod
    async def of(cls, session: AsyncSession, prompts: Iterable[Prompt]) -> Wording:
        return cls(await program_instruments(session, {p.program_id for p in prompts}))

    def instrument(self, prompt: Prompt) -> Instrument | None:
        copies = {ref: i for (pid, ref), i in self._stored.items() if pid == prompt.program_id}
        return instrument_for(prompt.instrument_id, prompt.kind, copies)

    def title(self, prompt: Prompt, lang: str) -> str | None:
        instrument = self.instrument(prompt)
        return instrument.title.in_language(lang) if instrument is not None else None

    def question(self, prompt: Prompt, item_id: str, lang: str) -> str:
        """The item as this person read it; its id only when the instrument no longer knows it."""
        instrument = self.instrument(prompt)
        item = next((i for i in instrument.items if i.id == item_id), None) if instrument else None
        if item is None:
            return item_id
        try:
            return item_text(item, prompt.side.value, lang)
        except ValueError:  # an item not shown to this side: the first wording it has
            return next(iter(item.text.values())).in_language(lang)
