"""A program keeps a copy of each instrument it uses: id, version, content hash, content."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from alliance.core.models import Prompt, PromptKind
from alliance.core.models_state import ProgramInstrument
from alliance.instruments import DEFAULT_INSTRUMENT_IDS, default_instrument, resolve_instrument
from alliance.programs.instruments import content_hash, content_of
from alliance.programs.setup import ProgramError, ProgramOptions, configure_program, create_program
from alliance.questionnaires.checkins import current_step
from alliance.sessions.records import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_sessions_domain import make_pair


def custom_checkin(tmp_path: Path, title: str = "Our own check-in") -> Path:
    """The shipped check-in under another id and title, as a program's own file."""
    data = default_instrument("alliance_checkin").model_dump(mode="json", exclude_none=True)
    data["id"], data["version"] = "house_checkin", 2
    data["title"] = {"en": title, "fr": title}
    path = tmp_path / "house_checkin.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


async def _copies(world: World, program_id: int) -> dict[str, ProgramInstrument]:
    rows = await world.session.scalars(
        select(ProgramInstrument).where(ProgramInstrument.program_id == program_id)
    )
    return {row.reference: row for row in rows}


async def test_a_new_program_stores_every_instrument_it_may_ask_with(
    world: World, tmp_path: Path
) -> None:
    path = str(custom_checkin(tmp_path))
    program = await create_program(session=world.session, settings=world.settings, name="P",
                                   options=ProgramOptions(checkin_instrument=path))
    copies = await _copies(world, program.id)
    assert set(copies) == {path, *DEFAULT_INSTRUMENT_IDS}
    stored = copies[path]
    assert (stored.instrument_id, stored.version) == ("house_checkin", 2)
    assert stored.content == content_of(resolve_instrument(path))
    assert stored.content_hash == content_hash(stored.content) and len(stored.content_hash) == 64


async def test_an_edited_file_does_not_change_a_running_program(
    world: World, tmp_path: Path
) -> None:
    path = custom_checkin(tmp_path, "Before the edit")
    pair = await make_pair(world, options=ProgramOptions(checkin_instrument=str(path)))
    custom_checkin(tmp_path, "After the edit")
    resolve_instrument.cache_clear()  # as a fresh process would read the file
    held = await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id,
                                      now=NOW)
    world.session.expunge_all()  # load the prompts as any later update would
    prompt = await world.session.scalar(
        select(Prompt).where(Prompt.session_id == held.id, Prompt.kind == PromptKind.CHECKIN)
    )
    assert prompt is not None
    step = await current_step(world.session, prompt)
    assert step.instrument.title.en == "Before the edit"


async def test_changing_the_check_in_before_the_first_one_stores_the_new_copy(
    world: World, tmp_path: Path
) -> None:
    program = await create_program(session=world.session, settings=world.settings, name="P")
    path = str(custom_checkin(tmp_path))
    await configure_program(session=world.session, program_id=program.id,
                            options=ProgramOptions(checkin_instrument=path))
    assert (await _copies(world, program.id))[path].instrument_id == "house_checkin"


async def test_a_check_in_whose_prediction_is_on_another_scale_is_refused_at_creation(
    world: World, tmp_path: Path
) -> None:
    data = default_instrument("alliance_checkin").model_dump(mode="json", exclude_none=True)
    data["id"] = "skewed_checkin"
    predicted = next(item for item in data["items"] if item["dimension"] == "prediction")
    predicted["scale"] = {**predicted["scale"], "min": 1, "max": 5}
    path = tmp_path / "skewed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProgramError, match="a prediction of the score needs the same scale"):
        await create_program(session=world.session, settings=world.settings, name="P",
                             options=ProgramOptions(checkin_instrument=str(path)))
    assert await world.session.scalar(select(ProgramInstrument.id)) is None
