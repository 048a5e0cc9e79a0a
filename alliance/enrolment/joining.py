"""Joining a program: look at an invite before consent, then claim it once the person agrees.

Nothing about the invite is written until the person consents: someone who opens a link and
declines leaves no trace. `enrol` claims the invite inside a savepoint, so a refused claim (used,
expired, already a member) changes nothing either. The one exception is a link that fails: it
counts towards the limit of `alliance.enrolment.invite_limits`, checked before any token is
looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    Dyad,
    Invite,
    Membership,
    Person,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    Role,
)
from alliance.enrolment.invite_limits import TOO_MANY_ATTEMPTS, note_failed_attempt, over_the_limit
from alliance.enrolment.invites import InviteError, claim_invite, find_open_invite, hash_token
from alliance.questionnaires.kinds import instrument_id_for
from alliance.questionnaires.prompts import occasion_for_program, schedule_prompt
from alliance.questionnaires.windows import baseline_closes_at

BASELINE_STAGE = "baseline"
# Tokens are URL-safe base64 (see alliance.enrolment.invites); anything else cannot be one of ours.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class InvitePreview:
    """What the consent message tells the person before they agree."""

    role: Role
    program_name: str
    coach_name: str | None


@dataclass(frozen=True)
class Enrolment:
    """The outcome of a claimed invite: who joined what, and what they are asked first."""

    person: Person
    program: Program
    role: Role
    dyad: Dyad | None
    baseline: Prompt | None


async def _refuse_guessers(session: AsyncSession, telegram_user_id: int, now: datetime) -> None:
    if await over_the_limit(session, telegram_user_id, now):
        raise InviteError(TOO_MANY_ATTEMPTS)


async def _counted(session: AsyncSession, telegram_user_id: int, now: datetime,
                   error: InviteError) -> InviteError:
    """A failed link counts towards the limit; the error is passed on unchanged."""
    await note_failed_attempt(session, telegram_user_id, now)
    return error


async def _open_invite(
    session: AsyncSession, token: str, telegram_user_id: int, now: datetime
) -> tuple[Invite, Program]:
    """The invite this person may still accept, or InviteError with a reason to show them."""
    if not _TOKEN_SHAPE.fullmatch(token):
        raise InviteError("unknown")
    try:
        invite = await find_open_invite(session=session, token=token, now=now)
    except InviteError as exc:
        if str(exc) == "used" and await _used_by(session, token, telegram_user_id):
            raise InviteError("already_member") from None
        raise
    program = await session.get(Program, invite.program_id)
    assert program is not None
    if program.status == ProgramStatus.CLOSED:
        raise InviteError("program_closed")
    if invite.role != Role.COACHEE and await _holds_role(
        session, telegram_user_id, invite.program_id, invite.role
    ):
        raise InviteError("already_member")
    return invite, program


async def _used_by(session: AsyncSession, token: str, telegram_user_id: int) -> bool:
    used_by = await session.scalar(
        select(Invite.used_by_telegram_id).where(Invite.token_hash == hash_token(token))
    )
    return used_by == telegram_user_id


async def _holds_role(
    session: AsyncSession, telegram_user_id: int, program_id: int, role: Role
) -> bool:
    found = await session.scalar(
        select(Membership.id)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Person.telegram_user_id == telegram_user_id,
            Membership.program_id == program_id,
            Membership.role == role,
        )
    )
    return found is not None


async def preview_invite(
    session: AsyncSession, *, token: str, telegram_user_id: int, now: datetime
) -> InvitePreview:
    """Check a deep-link token for the consent message; only a failed link leaves a row."""
    await _refuse_guessers(session, telegram_user_id, now)
    try:
        invite, program = await _open_invite(session, token, telegram_user_id, now)
    except InviteError as exc:
        raise await _counted(session, telegram_user_id, now, exc) from None
    coach_name = None
    if invite.coach_id is not None:
        coach = await session.get(Person, invite.coach_id)
        coach_name = coach.display_name if coach else None
    return InvitePreview(role=invite.role, program_name=program.name, coach_name=coach_name)


async def enrol(
    session: AsyncSession, *, token: str, telegram_user_id: int, language: str, now: datetime
) -> Enrolment:
    """Claim the invite after consent; a coachee's baseline questionnaire is due right away and
    stays open until the program's midpoint (`alliance.questionnaires.windows`)."""
    await _refuse_guessers(session, telegram_user_id, now)
    try:
        async with session.begin_nested():
            invite, program = await _open_invite(session, token, telegram_user_id, now)
            invite, person = await claim_invite(
                session=session, token=token, telegram_user_id=telegram_user_id,
                language=language, now=now,
            )
    except InviteError as exc:
        raise await _counted(session, telegram_user_id, now, exc) from None
    dyad = None
    baseline = None
    if invite.role == Role.COACHEE:
        dyad = await session.scalar(
            select(Dyad).where(
                Dyad.program_id == program.id,
                Dyad.coachee_id == person.id,
                Dyad.coach_id == invite.coach_id,
            )
        )
        baseline = await schedule_prompt(
            session,
            program=program,
            kind=PromptKind.BASELINE_SE,
            recipient_id=person.id,
            side=Role.COACHEE,
            occasion=occasion_for_program(program.id, BASELINE_STAGE),
            due_at=now,
            instrument_id=instrument_id_for(PromptKind.BASELINE_SE),
            dyad_id=dyad.id if dyad else None,
            expires_at=baseline_closes_at(program, now),
        )
    return Enrolment(person=person, program=program, role=invite.role, dyad=dyad,
                     baseline=baseline)
