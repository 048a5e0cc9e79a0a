"""The migrations and the models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from alliance.core.db import create_engine
from alliance.core.migrate import downgrade_database, upgrade_database
from alliance.core.models import Base
from alliance.instruments import DEFAULT_INSTRUMENT_IDS


async def _schema_differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
                )
            )
    finally:
        await engine.dispose()


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
            return set(names) - {"alembic_version"}
    finally:
        await engine.dispose()


async def test_autogenerate_finds_no_difference_after_upgrade(database_url: str) -> None:
    assert await _schema_differences(database_url) == []


async def test_upgrade_creates_every_model_table(database_url: str) -> None:
    assert await _tables(database_url) == set(Base.metadata.tables)


async def test_downgrade_to_base_then_upgrade_again(database_url: str) -> None:
    await asyncio.to_thread(downgrade_database, database_url, "base")
    assert await _tables(database_url) == set()
    await asyncio.to_thread(upgrade_database, database_url)
    assert await _schema_differences(database_url) == []


async def test_upgrading_stores_instrument_copies_for_programs_created_before(
    database_url: str,
) -> None:
    await asyncio.to_thread(downgrade_database, database_url, "0001")
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO programs (id, name, timezone, start_date, end_date, status, "
                "reminder_delay_minutes, expiry_minutes, quiet_start_hour, quiet_end_hour, "
                "nudge_thresholds, modules, checkin_instrument, cut_sd, created_at) VALUES "
                "(7, 'Old', 'UTC', '2027-01-01', '2027-09-01', 'active', 1440, 4320, 21, 8, "
                "'{}', '{}', '/gone/checkin.yaml', 0.5, '2027-01-01 00:00:00')"
            ))
        await asyncio.to_thread(upgrade_database, database_url)
        async with engine.connect() as connection:
            copied = set(await connection.scalars(text(
                "SELECT reference FROM program_instruments WHERE program_id = 7"
            )))
    finally:
        await engine.dispose()
    assert copied == set(DEFAULT_INSTRUMENT_IDS)  # the file that is gone could not be copied


async def test_upgrading_keeps_open_baselines_open_until_the_midpoint(database_url: str) -> None:
    await asyncio.to_thread(downgrade_database, database_url, "0007")
    engine = create_engine(database_url)
    soon = datetime(2099, 1, 4)  # still open, due to close after 72 hours (naive UTC, as stored)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO programs (id, name, timezone, start_date, end_date, status, "
                "reminder_delay_minutes, expiry_minutes, quiet_start_hour, quiet_end_hour, "
                "nudge_thresholds, modules, checkin_instrument, cut_sd, created_at) VALUES "
                "(7, 'Old', 'UTC', '2099-01-01', '2099-09-01', 'active', 1440, 4320, 21, 8, "
                "'{}', '{}', 'alliance_checkin', 0.5, '2099-01-01 00:00:00')"
            ))
            await connection.execute(text(
                "INSERT INTO people (id, language, state, created_at) VALUES "
                "(3, 'en', 'active', '2099-01-01 00:00:00')"
            ))
            for prompt_id, kind, state in ((1, "baseline_se", "sent"),
                                           (2, "checkin", "sent"),
                                           (3, "baseline_se", "answered")):
                await connection.execute(text(
                    "INSERT INTO prompts (id, kind, occasion, recipient_id, program_id, side, "
                    "state, due_at, expires_at, created_at) VALUES (:id, :kind, :occasion, 3, "
                    "7, 'coachee', :state, '2099-01-01 00:00:00', :soon, "
                    "'2099-01-01 00:00:00')"
                ), {"id": prompt_id, "kind": kind, "occasion": f"o{prompt_id}", "state": state,
                    "soon": soon})
        await asyncio.to_thread(upgrade_database, database_url)
        async with engine.connect() as connection:
            closing = dict((await connection.execute(text(
                "SELECT id, expires_at FROM prompts ORDER BY id"))).all())
            program = (await connection.execute(text(
                "SELECT questionnaire_reminders, final_window_days FROM programs"))).one()
    finally:
        await engine.dispose()
    assert str(closing[1]).startswith("2099-05-02 12:00:00")  # 2099-01-01 + 121.5 days
    assert all(str(closing[i]).startswith("2099-01-04 00:00:00") for i in (2, 3))
    assert tuple(program) == (2, 14)
