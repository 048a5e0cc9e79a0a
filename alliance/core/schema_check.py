"""Is the database at the newest migration? Commands refuse to run against an old schema."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine


class SchemaOutdated(RuntimeError):
    """The schema lags the code; the message tells the operator what to run."""


async def ensure_schema_current(engine: AsyncEngine) -> None:
    # Alembic is imported here, not with the CLI: commands that never open a database
    # (`alliance analyze`) start without it.
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from alliance.core.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    async with engine.connect() as connection:
        current = await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
    if current != head:
        raise SchemaOutdated(
            "the database schema is not up to date "
            f"(at {current or 'nothing'}, need {head}): run `alliance db upgrade`"
        )
