"""Conversation state rows: set, replaced, read until they expire, and forgotten."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from alliance.core.conversations import (
    drop,
    forget_conversations,
    forget_expired_conversations,
    recall,
    remember,
    take,
)
from alliance.core.models import Role
from alliance.core.models_state import ConversationState
from alliance.privacy.rights import erase_person
from tests.domain.conftest import NOW, World

USER = 4242


async def _rows(world: World) -> int:
    return int(await world.session.scalar(select(func.count(ConversationState.id))) or 0)


async def test_a_state_is_replaced_not_duplicated_and_taken_once(world: World) -> None:
    await remember(world.session, USER, "awaiting", {"name": "a"}, NOW)
    await remember(world.session, USER, "awaiting", {"name": "b"}, NOW)
    assert await _rows(world) == 1
    assert await take(world.session, USER, "awaiting", NOW) == {"name": "b"}
    assert await take(world.session, USER, "awaiting", NOW) is None


async def test_an_expired_state_reads_as_absent_and_housekeeping_removes_it(
    world: World,
) -> None:
    await remember(world.session, USER, "draft", {"flow": "x"}, NOW, ttl=timedelta(hours=1))
    await remember(world.session, USER + 1, "draft", {"flow": "y"}, NOW, ttl=timedelta(days=2))
    later = NOW + timedelta(hours=2)
    assert await recall(world.session, USER, "draft", NOW) == {"flow": "x"}
    assert await recall(world.session, USER, "draft", later) is None
    assert await forget_expired_conversations(world.session, later) == 1
    assert await recall(world.session, USER + 1, "draft", later) == {"flow": "y"}


async def test_states_are_dropped_by_name_or_all_at_once(world: World) -> None:
    for name in ("awaiting", "draft"):
        await remember(world.session, USER, name, {}, NOW)
    await drop(world.session, USER, "awaiting")
    assert await recall(world.session, USER, "awaiting", NOW) is None
    assert await recall(world.session, USER, "draft", NOW) == {}
    await forget_conversations(world.session, USER)
    assert await _rows(world) == 0


async def test_erasing_a_person_forgets_their_conversations(world: World) -> None:
    program = await world.program()
    person, _ = await world.enrolled(program, Role.COACH, "Claire", telegram_user_id=USER)
    await remember(world.session, USER, "draft", {"flow": "invite", "name": "Typed name"}, NOW)
    await erase_person(world.session, person.id, NOW)
    assert await _rows(world) == 0
