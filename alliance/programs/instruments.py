"""Instruments by value: a program keeps a copy of every instrument it asks with.

At creation (and when the check-in instrument is changed before the first check-in) each
instrument the program may use is stored with its id, version, content hash and content. Every
later lookup — rendering a question, scoring, the nudge engine, the analysis dataset — reads that
copy, so a moved, edited or deleted file never changes or breaks a running program.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import Program, Prompt
from alliance.core.models_state import ProgramInstrument
from alliance.instruments import DEFAULT_INSTRUMENT_IDS, Instrument, resolve_instrument

log = logging.getLogger(__name__)

_PARSED: dict[str, Instrument] = {}  # by content hash: a stored copy is parsed once per process


def content_of(instrument: Instrument) -> dict[str, Any]:
    return instrument.model_dump(mode="json")


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON, so two copies of the same content compare equal."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def instrument_of_row(row: ProgramInstrument) -> Instrument:
    """The stored copy as an Instrument (validated again: the same rules as at load)."""
    parsed = _PARSED.get(row.content_hash)
    if parsed is None:
        parsed = Instrument.model_validate(row.content)
        _PARSED[row.content_hash] = parsed
    return parsed


def references_used_by(program: Program) -> list[str]:
    """Every instrument the program may ask with: its check-in and the shipped questionnaires."""
    return list(dict.fromkeys([program.checkin_instrument, *DEFAULT_INSTRUMENT_IDS]))


async def store_program_instruments(
    session: AsyncSession, program: Program, references: Iterable[str] | None = None
) -> list[ProgramInstrument]:
    """Store a copy of each instrument the program uses that it has no copy of yet.

    A copy once stored is never replaced: the program keeps asking what it started with.
    """
    wanted = list(references) if references is not None else references_used_by(program)
    present = set(
        await session.scalars(
            select(ProgramInstrument.reference).where(ProgramInstrument.program_id == program.id)
        )
    )
    stored = []
    for reference in wanted:
        if reference in present:
            continue
        instrument = resolve_instrument(reference)
        content = content_of(instrument)
        row = ProgramInstrument(
            program_id=program.id, reference=reference, instrument_id=instrument.id,
            version=instrument.version, content_hash=content_hash(content), content=content,
        )
        session.add(row)
        stored.append(row)
    await session.flush()
    return stored


async def program_instruments(
    session: AsyncSession, program_ids: Iterable[int]
) -> dict[tuple[int, str], Instrument]:
    """The stored copies of these programs, by (program id, reference), in one query."""
    ids = sorted(set(program_ids))
    if not ids:
        return {}
    rows = await session.scalars(
        select(ProgramInstrument).where(ProgramInstrument.program_id.in_(ids))
    )
    return {(row.program_id, row.reference): instrument_of_row(row) for row in rows}


def lookup(
    stored: dict[tuple[int, str], Instrument], program_id: int, reference: str
) -> Instrument:
    """The program's copy; a program created before copies were kept reads the reference."""
    found = stored.get((program_id, reference))
    return found if found is not None else resolve_instrument(reference)


async def parse_copy_once(session: AsyncSession, prompt: Prompt) -> None:
    """For a prompt loaded with its copy's hash but not its content (the tap's query: the
    content is the largest column a tap reads, and decoding it each time cost more than the
    rest of the row): load and parse the content if this process has not yet."""
    row = prompt.stored_instrument
    if row is not None and row.content_hash not in _PARSED:
        await session.refresh(row, ["content"])
        instrument_of_row(row)


def instrument_for_prompt(prompt: Prompt, reference: str) -> Instrument:
    """The instrument a prompt is asked with, from its program's copy (loaded with the prompt).

    Falls back to the reference itself for programs created before copies were kept, and for a
    prompt created in this very transaction (whose copy is not loaded yet).
    """
    if "stored_instrument" not in inspect(prompt).unloaded:
        row = prompt.stored_instrument
        if row is not None:
            return instrument_of_row(row)
    return resolve_instrument(reference)
