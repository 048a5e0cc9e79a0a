"""Quiet hours in each recipient's own zone: a coachee in Paris is written to in the Paris
day even while Montreal sleeps, and left alone at night in Paris while Montreal is awake."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from alliance.core.models import AuditEvent, PromptKind
from alliance.core.zones import UnknownTimeZone
from alliance.delivery.queue import claim_due
from alliance.delivery.queue_model import OutboundMessage
from alliance.delivery.quiet_now import (
    PROGRAM_ZONE,
    ProgramHours,
    awake_now,
    awake_zones,
    outside_quiet_hours,
)
from alliance.enrolment.people import set_timezone
from alliance.sessions.records import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_sessions_domain import Pair, make_pair, prompts

MONTREAL_DAWN = datetime(2027, 1, 12, 12, 30, tzinfo=UTC)  # 07:30 in Montreal, 13:30 in Paris
PARIS_NIGHT = datetime(2027, 1, 11, 21, 30, tzinfo=UTC)  # 16:30 in Montreal, 22:30 in Paris
MONTREAL = ProgramHours(1, "America/Montreal", 21, 8)


def test_a_zone_is_awake_by_the_program_hours_on_its_own_clock() -> None:
    assert awake_zones(MONTREAL_DAWN, [MONTREAL], ["Europe/Paris"]) == {
        frozenset({"Europe/Paris"}): [1]
    }
    assert awake_zones(PARIS_NIGHT, [MONTREAL], ["Europe/Paris", "America/Vancouver"]) == {
        frozenset({PROGRAM_ZONE, "America/Vancouver"}): [1]
    }


def test_programs_with_the_same_hours_share_one_entry() -> None:
    toronto = ProgramHours(2, "America/Toronto", 21, 8)
    late = ProgramHours(3, "America/Montreal", 23, 8)  # 22:30 in Paris is not quiet for it
    assert awake_zones(PARIS_NIGHT, [MONTREAL, toronto, late], ["Europe/Paris"]) == {
        frozenset({PROGRAM_ZONE}): [1, 2],
        frozenset({PROGRAM_ZONE, "Europe/Paris"}): [3],
    }


def test_a_program_asleep_in_every_zone_in_use_has_no_entry() -> None:
    night = datetime(2027, 1, 12, 4, 0, tzinfo=UTC)  # 23:00 in Montreal, 05:00 in Paris
    assert awake_zones(night, [MONTREAL], ["Europe/Paris"]) == {}


async def _logged_with_coachee_in(world: World, zone: str | None) -> tuple[Pair, dict[int, str]]:
    pair = await make_pair(world)
    if zone is not None:
        set_timezone(world.session, pair.coachee, zone)
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id, now=NOW)
    sides = {p.id: p.side.value for p in await prompts(world.session, PromptKind.CHECKIN)}
    return pair, sides


async def _claimed_sides(world: World, sides: dict[int, str], when: datetime) -> set[str]:
    claimed = await claim_due(world.session, now=when, owner="a", limit=50)
    return {sides[row.prompt_id] for row in claimed if row.prompt_id in sides}


async def test_a_coachee_in_paris_gets_the_check_in_while_montreal_sleeps(world: World) -> None:
    _, sides = await _logged_with_coachee_in(world, "Europe/Paris")
    assert await _claimed_sides(world, sides, MONTREAL_DAWN) == {"coachee"}


async def test_a_coachee_in_paris_is_left_alone_at_night_in_paris(world: World) -> None:
    _, sides = await _logged_with_coachee_in(world, "Europe/Paris")
    assert await _claimed_sides(world, sides, PARIS_NIGHT) == {"coach"}


async def test_without_a_zone_of_their_own_people_follow_the_program(world: World) -> None:
    _, sides = await _logged_with_coachee_in(world, None)
    assert await _claimed_sides(world, sides, MONTREAL_DAWN) == set()
    assert await _claimed_sides(world, sides, PARIS_NIGHT) == {"coach", "coachee"}


async def test_an_unknown_zone_changes_nothing(world: World) -> None:
    pair = await make_pair(world)
    set_timezone(world.session, pair.coachee, "Europe/Paris")
    with pytest.raises(UnknownTimeZone):
        set_timezone(world.session, pair.coachee, "Mars/Olympus_Mons")
    assert pair.coachee.timezone == "Europe/Paris"


async def test_a_change_of_zone_is_audited(world: World) -> None:
    pair = await make_pair(world)
    set_timezone(world.session, pair.coachee, "Europe/Paris")
    await world.session.flush()
    event = await world.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "timezone_changed")
    )
    assert event is not None and event.subject == f"person:{pair.coachee.id}"


async def test_a_zone_not_yet_worked_out_waits_rather_than_going_out_at_night(
    world: World,
) -> None:
    """The zones are worked out just before the claim; a row committed in between, for someone
    whose zone was not in use then, is held until the next pass."""
    pair = await make_pair(world)
    awake = await awake_now(world.session, PARIS_NIGHT)  # nothing is due yet: Montreal only
    set_timezone(world.session, pair.coachee, "Europe/Paris")
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id, now=NOW)
    sendable = set(await world.session.scalars(
        select(OutboundMessage.recipient_id).where(outside_quiet_hours(awake))
    ))
    assert sendable == {pair.coach.id}
