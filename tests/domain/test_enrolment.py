"""Enrolment rules: nothing is written before consent, and a refused claim changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from alliance.core.models import AuditEvent, Invite, Person, ProgramStatus, Prompt, PromptKind, Role
from alliance.enrolment.invites import InviteError
from alliance.enrolment.joining import enrol, preview_invite
from tests.domain.conftest import World


async def _counts(world: World) -> tuple[int | None, ...]:
    """People bound to Telegram, audit events, used invites: what a claim would change."""
    return tuple([
        await world.session.scalar(select(func.count()).where(column))
        for column in (
            Person.telegram_user_id.is_not(None), AuditEvent.id.is_not(None),
            Invite.used_at.is_not(None),
        )
    ])


async def test_previewing_an_invite_writes_nothing(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    issued = await world.invite(program, Role.COACHEE, "Cam", coach)
    before = await _counts(world)

    preview = await preview_invite(session=world.session, token=issued.token,
                                   telegram_user_id=77, now=world.now)

    assert (preview.role, preview.program_name, preview.coach_name) == (
        Role.COACHEE, "Leaders 2027", "Cole"
    )
    assert await _counts(world) == before


async def test_a_coachee_enrols_with_a_baseline_due_now_and_a_coach_without(world: World) -> None:
    program = await world.program()
    coach_invite = await world.invite(program, Role.COACH, "Cole")
    coach = await enrol(session=world.session, token=coach_invite.token, telegram_user_id=71,
                        language="en", now=world.now)
    coachee_invite = await world.invite(program, Role.COACHEE, "Cam", coach.person)

    coachee = await enrol(session=world.session, token=coachee_invite.token, telegram_user_id=72,
                          language="fr", now=world.now)

    assert coach.baseline is None and coach.role == Role.COACH
    assert coachee.baseline is not None and coachee.dyad is not None
    assert coachee.baseline.kind == PromptKind.BASELINE_SE
    assert coachee.baseline.due_at == world.now
    assert coachee.baseline.dyad_id == coachee.dyad.id
    assert coachee.person.language == "fr"
    prompts = await world.session.scalars(select(Prompt))
    assert [p.recipient_id for p in prompts] == [coachee.person.id]


async def test_a_refused_claim_leaves_the_invite_unused(world: World) -> None:
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")
    second = await world.invite(program, Role.LEAD, "Lea again")
    before = await _counts(world)

    with pytest.raises(InviteError, match="already_member"):
        await enrol(session=world.session, token=second.token,
                    telegram_user_id=lead.telegram_user_id or 0, language="en", now=world.now)

    assert await _counts(world) == before


async def test_a_closed_program_accepts_nobody(world: World) -> None:
    program = await world.program()
    issued = await world.invite(program, Role.COACH, "Cole")
    program.status = ProgramStatus.CLOSED

    with pytest.raises(InviteError, match="program_closed"):
        await preview_invite(session=world.session, token=issued.token, telegram_user_id=7,
                             now=world.now)
    with pytest.raises(InviteError, match="program_closed"):
        await enrol(session=world.session, token=issued.token, telegram_user_id=7,
                    language="en", now=world.now)


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "has spaces in it here", "é" * 32])
async def test_malformed_tokens_are_unknown(world: World, token: str) -> None:
    with pytest.raises(InviteError, match="unknown"):
        await preview_invite(session=world.session, token=token, telegram_user_id=7,
                             now=world.now)
