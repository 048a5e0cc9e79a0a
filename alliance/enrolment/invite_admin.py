"""A lead's view of their program's invitations: what became of each, resend and revoke.

Only token hashes are stored, so a lost link cannot be shown again: "resend" issues a fresh
token for the same invited person, role and coach, and revokes the old one in the same
transaction. A revoked link, opened later, is refused by `claim_invite` and changes nothing.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.models import Dyad, Invite, Person, PersonState
from alliance.enrolment.invites import TOKEN_BYTES, InviteError, IssuedInvite, hash_token
from alliance.programs.leads import lead_program


class InviteState(enum.StrEnum):
    PENDING = "pending"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class InviteLine:
    """One invited person's latest invitation, as the lead's list shows it."""

    invite: Invite
    name: str
    state: InviteState

    @property
    def can_resend(self) -> bool:
        return self.state != InviteState.USED

    @property
    def can_revoke(self) -> bool:
        return self.state == InviteState.PENDING


def state_of(invite: Invite, now: datetime) -> InviteState:
    if invite.used_at is not None:
        return InviteState.USED
    if invite.revoked_at is not None:
        return InviteState.REVOKED
    return InviteState.EXPIRED if invite.expires_at <= now else InviteState.PENDING


async def program_invites(
    session: AsyncSession, program_id: int, now: datetime
) -> list[InviteLine]:
    """Each invited person's latest invitation, newest first; erased people are left out."""
    rows = await session.execute(
        select(Invite, Person)
        .join(Person, Person.id == Invite.person_id)
        .where(Invite.program_id == program_id, Person.state != PersonState.ERASED)
        .order_by(Invite.created_at.desc(), Invite.id.desc())
    )
    lines: list[InviteLine] = []
    seen: set[tuple[int, str]] = set()
    for invite, person in rows:
        if (invite.person_id, invite.role.value) in seen:
            continue
        seen.add((invite.person_id, invite.role.value))
        lines.append(InviteLine(invite, person.display_name or "?", state_of(invite, now)))
    return lines


async def _led_invite(session: AsyncSession, lead_id: int, invite_id: int) -> Invite:
    """The person's latest invite, if this person leads its (open) program; LeadError or
    InviteError ("superseded": a list shown before a resend) if not."""
    invite = await session.get(Invite, invite_id, with_for_update=True)
    if invite is None:
        raise InviteError("unknown")
    await lead_program(session, lead_id, invite.program_id, open_only=True)
    newer = await session.scalar(select(Invite.id).where(
        Invite.person_id == invite.person_id, Invite.program_id == invite.program_id,
        Invite.role == invite.role, Invite.id > invite.id).limit(1))
    if newer is not None:
        raise InviteError("superseded")
    return invite


async def revocable_invite(
    session: AsyncSession, *, lead_id: int, invite_id: int, now: datetime
) -> Invite:
    """The invite if this lead may revoke it now: pending and the person's latest."""
    invite = await _led_invite(session, lead_id, invite_id)
    if state_of(invite, now) != InviteState.PENDING:
        raise InviteError(state_of(invite, now).value)
    return invite


async def revoke_invite(
    session: AsyncSession, *, lead_id: int, invite_id: int, now: datetime
) -> Invite:
    """Withdraw a pending link; a used, expired or already revoked one cannot be."""
    invite = await revocable_invite(session, lead_id=lead_id, invite_id=invite_id, now=now)
    invite.revoked_at = now
    record(session, "invite_revoked", actor_id=lead_id, program_id=invite.program_id,
           subject=f"invite:{invite.id}", person=f"person:{invite.person_id}")
    await session.flush()
    return invite


async def resend_invite(
    session: AsyncSession, *, lead_id: int, invite_id: int, ttl: timedelta, now: datetime
) -> IssuedInvite:
    """A fresh link for the same person, role and coach; the old link stops working."""
    old = await _led_invite(session, lead_id, invite_id)
    if old.used_at is not None:
        raise InviteError("used")
    person = await session.get(Person, old.person_id)
    if person is None or person.state == PersonState.ERASED:
        raise InviteError("unknown")
    if old.revoked_at is None:
        old.revoked_at = now
    token = secrets.token_urlsafe(TOKEN_BYTES)
    fresh = Invite(
        token_hash=hash_token(token), program_id=old.program_id, role=old.role,
        person_id=old.person_id, coach_id=old.coach_id, created_by_id=lead_id, created_at=now,
        expires_at=now + ttl,
    )
    session.add(fresh)
    await session.flush()
    dyad = None
    if old.coach_id is not None:
        dyad = await session.scalar(select(Dyad).where(
            Dyad.program_id == old.program_id, Dyad.coach_id == old.coach_id,
            Dyad.coachee_id == old.person_id))
    record(session, "invite_resent", actor_id=lead_id, program_id=old.program_id,
           subject=f"invite:{old.id}", new_invite=f"invite:{fresh.id}",
           person=f"person:{old.person_id}")
    return IssuedInvite(invite=fresh, person=person, token=token, dyad=dyad)
