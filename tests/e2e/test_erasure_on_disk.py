"""`/forget` reaches the disk: right after the confirmation, while the bot runs, the database
files hold neither the person's name, nor their Telegram id, nor their comments.

SQLite: the raw bytes of the database file and its -wal file are searched. PostgreSQL keeps old
row versions until VACUUM; the test checks that every table the erasure touched was vacuumed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from alliance.core.models import (
    Answer,
    CoachingSession,
    Comment,
    Dyad,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.privacy.rights import ERASURE_TABLES
from bot.simulation import SimulatedUser
from tests.e2e.harness import BotHarness
from tests.e2e.people import enrol, forget

NAME = "Maelys Quintero-Vasquez"
# Large enough that SQLite stores it in 6 bytes: a chance match elsewhere is out of the question.
TELEGRAM_ID = 7_123_456_789
COMMENTS = ("Our third session felt rushed and unfocused", "Je me sens enfin entendue, merci")


async def _coachee_who_commented(bot: BotHarness) -> SimulatedUser:
    """A coachee enrolled through /start, with two answered check-ins that each have a comment."""
    program_id = await bot.program()
    coach = await bot.user("Cole")
    coach_invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    await enrol(bot, coach, coach_invite)
    await bot.client.create_user(TELEGRAM_ID, "Maelys", language_code="en")
    coachee = SimulatedUser(bot.client, TELEGRAM_ID, "Maelys", "en")
    await enrol(bot, coachee, await bot.invite(
        program_id, Role.COACHEE, NAME, coach_id=coach_invite.person.id
    ))
    now = bot.clock.now()
    async with bot.db() as session:
        dyad = (await session.scalars(select(Dyad).where(Dyad.program_id == program_id))).one()
        for sequence, comment in enumerate(COMMENTS, start=1):
            held = CoachingSession(dyad_id=dyad.id, status=SessionStatus.HELD, held_at=now,
                                   sequence=sequence)
            session.add(held)
            await session.flush()
            prompt = Prompt(kind=PromptKind.CHECKIN, occasion=f"session:{held.id}",
                            recipient_id=dyad.coachee_id, program_id=program_id,
                            dyad_id=dyad.id, session_id=held.id, side=Role.COACHEE,
                            state=PromptState.ANSWERED, due_at=now, answered_at=now)
            session.add(prompt)
            await session.flush()
            session.add(Answer(prompt_id=prompt.id, item_id="goal", value=6, answered_at=now))
            session.add(Comment(prompt_id=prompt.id, author_id=dyad.coachee_id, text=comment))
    return coachee


def _database_files(database_url: str) -> list[Path]:
    database = Path(make_url(database_url).database or "")
    return [database, database.with_name(database.name + "-wal")]


def _needles() -> dict[str, bytes]:
    return {
        "name": NAME.encode(),
        "telegram id (decimal)": str(TELEGRAM_ID).encode(),
        "telegram id (SQLite integer)": TELEGRAM_ID.to_bytes(6, "big"),
        **{f"comment {i}": c.encode() for i, c in enumerate(COMMENTS, start=1)},
    }


def _found_on_disk(database_url: str) -> set[str]:
    raw = b"".join(path.read_bytes() for path in _database_files(database_url) if path.exists())
    return {label for label, needle in _needles().items() if needle in raw}


async def test_after_forget_sqlite_files_hold_no_name_id_or_comment(
    bot: BotHarness, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite files only; PostgreSQL is checked by the VACUUM test")
    coachee = await _coachee_who_commented(bot)
    before = _found_on_disk(bot.database_url)
    assert {"name", "telegram id (SQLite integer)", "comment 1", "comment 2"} <= before

    await forget(coachee)

    assert _found_on_disk(bot.database_url) == set()


async def test_after_forget_postgresql_has_vacuumed_every_touched_table(
    bot: BotHarness, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL only; SQLite is checked by the file scan")
    coachee = await _coachee_who_commented(bot)
    async with bot.db() as session:
        started = (await session.execute(text("SELECT now()"))).scalar_one()

    await forget(coachee)

    tables = [model.__tablename__ for model in ERASURE_TABLES]
    async with bot.db() as session:
        rows = await session.execute(
            text("SELECT relname, last_vacuum FROM pg_stat_user_tables"
                 " WHERE relname = ANY(:tables)"),
            {"tables": tables},
        )
        vacuumed = {name for name, at in rows if at is not None and at >= started}
    assert vacuumed == set(tables)
