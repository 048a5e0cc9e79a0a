"""Helpers every `alliance` command shares: one-line errors, settings, one transaction."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.config import Settings, SettingsError, get_settings
from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.schema_check import SchemaOutdated, ensure_schema_current
from alliance.enrolment.invites import InviteError
from alliance.enrolment.roster import RosterError
from alliance.programs.setup import ProgramError

T = TypeVar("T")


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and a non-zero exit: user errors never show a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        fail(str(exc))


def run_in_transaction(
    settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]
) -> T:
    """Run `work` in one transaction on a current schema; known errors become one line."""

    async def main() -> T:
        engine = create_engine(settings.database_url)
        try:
            await ensure_schema_current(engine)
            async with transaction(create_session_factory(engine)) as session:
                return await work(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except (SchemaOutdated, ProgramError, InviteError, RosterError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot reach the database ({exc})")


def emit(obj: dict[str, Any], as_json: bool, human: str) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False) if as_json else human)
