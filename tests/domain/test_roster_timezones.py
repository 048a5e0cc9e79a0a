"""A roster may give each person's time zone; an unknown one names its line, and an empty cell
leaves the program's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from alliance.core.models import Role
from alliance.enrolment.invites import claim_invite
from alliance.enrolment.roster import RosterError, import_roster, parse_roster
from tests.domain.conftest import World

ROSTER = (
    "key,name,role,coach,timezone\n"
    "c1,Claire Roy,coach,,\n"
    "e1,Alice Tran,coachee,c1,Paris\n"
    "e2,Bob Lee,coachee,c1,America/Vancouver\n"
)


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


async def test_each_person_gets_the_zone_the_roster_gives(world: World, tmp_path: Path) -> None:
    program = await world.program()
    rows = parse_roster(_file(tmp_path, ROSTER))
    issued = await import_roster(session=world.session, program_id=program.id, rows=rows,
                                 ttl=timedelta(days=14), now=world.now)
    zones = {row.key: invite.person.timezone for row, invite in issued}
    assert zones == {"c1": None, "e1": "Europe/Paris", "e2": "America/Vancouver"}


def test_an_unknown_zone_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match=r"line 3: unknown time zone 'Atlantis'"):
        parse_roster(_file(tmp_path, ROSTER.replace("Paris", "Atlantis")))


async def test_someone_already_known_takes_the_roster_zone_when_they_had_none(
    world: World, tmp_path: Path
) -> None:
    first = await world.program("First")
    known, _ = await world.enrolled(first, Role.COACH, "Claire Roy", telegram_user_id=7001)
    program = await world.program()
    rows = parse_roster(_file(tmp_path, ROSTER.replace("c1,Claire Roy,coach,,",
                                                       "c1,Claire Roy,coach,,Europe/London")))
    issued = dict((row.key, invite) for row, invite in await import_roster(
        session=world.session, program_id=program.id, rows=rows, ttl=timedelta(days=14),
        now=world.now))
    _, person = await claim_invite(session=world.session, token=issued["c1"].token,
                                   telegram_user_id=7001, language="en", now=world.now)
    assert person.id == known.id and person.timezone == "Europe/London"
