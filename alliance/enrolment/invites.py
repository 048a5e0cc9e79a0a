"""One-time invites: deep-link tokens that are random, hashed at rest, single use and expiring.

An invite creates the invited person right away (state "invited") with their membership and, for
a coachee, the dyad; claiming it binds a Telegram account to that person after consent.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.config import PLACEHOLDER_BOT_USERNAME
from alliance.core.models import (
    Dyad,
    Invite,
    Membership,
    Person,
    PersonState,
    Program,
    Prompt,
    Role,
    utcnow,
)

MAX_NAME_LENGTH = 200  # people.display_name
TOKEN_BYTES = 24  # 192 random bits; URL-safe base64 gives 32 characters (Telegram allows 64)


class InviteError(ValueError):
    """An invite request or claim that cannot go ahead; the message is safe to show."""


@dataclass(frozen=True)
class IssuedInvite:
    invite: Invite
    person: Person
    token: str
    dyad: Dyad | None

    def link(self, bot_username: str | None) -> str:
        return deep_link(bot_username, self.token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def deep_link(bot_username: str | None, token: str) -> str:
    return f"https://t.me/{bot_username or PLACEHOLDER_BOT_USERNAME}?start={token}"


async def next_dyad_code(session: AsyncSession, program_id: int) -> str:
    """Pseudonymous dyad labels (D01, D02…) that reveal nothing about the people."""
    count = await session.scalar(select(func.count(Dyad.id)).where(Dyad.program_id == program_id))
    return f"D{(count or 0) + 1:02d}"


async def _coach_in_program(session: AsyncSession, program_id: int, coach_id: int) -> Person:
    membership = await session.scalar(
        select(Membership).where(
            Membership.program_id == program_id,
            Membership.person_id == coach_id,
            Membership.role == Role.COACH,
        )
    )
    if membership is None:
        raise InviteError(f"person {coach_id} is not a coach of program {program_id}")
    person = await session.get(Person, coach_id)
    assert person is not None
    return person


async def issue_invite(
    session: AsyncSession,
    *,
    program_id: int,
    role: Role,
    name: str,
    ttl: timedelta,
    coach_id: int | None = None,
    similarity: dict[str, object] | None = None,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> IssuedInvite:
    """Create the invited person, their membership (and dyad), and a fresh one-time token."""
    now = now or utcnow()
    program = await session.get(Program, program_id)
    if program is None:
        raise InviteError(f"program {program_id} does not exist")
    if role == Role.COACHEE and coach_id is None:
        raise InviteError("a coachee invite must name the coach (--coach PERSON_ID)")
    if role != Role.COACHEE and coach_id is not None:
        raise InviteError("only a coachee invite names a coach")
    coach = await _coach_in_program(session, program_id, coach_id) if coach_id else None
    name = name.strip()
    if not name:
        raise InviteError("the invite needs the person's name")
    if len(name) > MAX_NAME_LENGTH:
        raise InviteError(f"a name has at most {MAX_NAME_LENGTH} characters")

    person = Person(display_name=name, state=PersonState.INVITED)
    session.add(person)
    await session.flush()
    session.add(Membership(person_id=person.id, program_id=program_id, role=role))
    dyad = None
    if coach is not None:
        dyad = Dyad(
            program_id=program_id,
            coach_id=coach.id,
            coachee_id=person.id,
            code=await next_dyad_code(session, program_id),
            similarity=similarity or {},
        )
        session.add(dyad)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = Invite(
        token_hash=hash_token(token),
        program_id=program_id,
        role=role,
        person_id=person.id,
        coach_id=coach.id if coach else None,
        created_by_id=actor_id,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(invite)
    await session.flush()
    pairing = {"dyad": dyad.code, "coach": f"person:{coach.id}"} if dyad and coach else {}
    record(
        session, "invite_issued", actor_id=actor_id, program_id=program_id,
        subject=f"person:{person.id}", role=role.value, **pairing,
    )
    return IssuedInvite(invite=invite, person=person, token=token, dyad=dyad)


async def find_open_invite(
    session: AsyncSession, *, token: str, now: datetime | None = None
) -> Invite:
    """The unused, unexpired invite for this token, or InviteError saying why not."""
    now = now or utcnow()
    invite = await session.scalar(select(Invite).where(Invite.token_hash == hash_token(token)))
    if invite is None:
        raise InviteError("unknown")
    if invite.used_at is not None:
        raise InviteError("used")
    if invite.revoked_at is not None:
        raise InviteError("revoked")
    if invite.expires_at <= now:
        raise InviteError("expired")
    return invite


async def _merge_into(session: AsyncSession, placeholder: Person, existing: Person) -> None:
    """Someone already enrolled accepts another invite: move the new role onto their person."""
    for model, column in (
        (Membership, Membership.person_id),
        (Dyad, Dyad.coach_id),
        (Dyad, Dyad.coachee_id),
        (Invite, Invite.person_id),
        (Invite, Invite.coach_id),
        (Prompt, Prompt.recipient_id),
    ):
        await session.execute(
            update(model).where(column == placeholder.id).values({column.key: existing.id})
        )
    await session.delete(placeholder)


async def claim_invite(
    session: AsyncSession,
    *,
    token: str,
    telegram_user_id: int,
    language: str,
    now: datetime | None = None,
) -> tuple[Invite, Person]:
    """Consume the invite for this Telegram user after consent; single use even under races."""
    now = now or utcnow()
    invite = await find_open_invite(session=session, token=token, now=now)
    claimed: CursorResult[Any] = await session.execute(  # type: ignore[assignment]
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(used_at=now, used_by_telegram_id=telegram_user_id)
    )
    if claimed.rowcount != 1:
        raise InviteError("used")
    placeholder = await session.get(Person, invite.person_id)
    assert placeholder is not None
    existing = await session.scalar(
        select(Person).where(Person.telegram_user_id == telegram_user_id)
    )
    if existing is not None and existing.id != placeholder.id:
        duplicate_role = await session.scalar(
            select(Membership).where(
                Membership.person_id == existing.id,
                Membership.program_id == invite.program_id,
                Membership.role == invite.role,
            )
        )
        if duplicate_role is not None and invite.role != Role.COACHEE:
            raise InviteError("already_member")
        if duplicate_role is not None:
            await session.delete(duplicate_role)
        existing.timezone = existing.timezone or placeholder.timezone  # one the roster gave
        await _merge_into(session, placeholder, existing)
        person = existing
    else:
        person = placeholder
        person.telegram_user_id = telegram_user_id
        person.language = language
    person.consent_at = now
    if person.state in (PersonState.INVITED, PersonState.UNREACHABLE):
        person.state = PersonState.ACTIVE
    await session.flush()
    await session.refresh(invite)
    record(
        session, "invite_claimed", actor_id=person.id, program_id=invite.program_id,
        subject=f"invite:{invite.id}", role=invite.role.value,
    )
    record(session, "consent_given", actor_id=person.id, program_id=invite.program_id,
           subject=f"person:{person.id}")
    return invite, person
